import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, collectWarnings } from '../../test/helpers.js';
import { isLogitError, LogitRangeError, LogitTypeError } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import { makeClassification, makeRegression } from '../datasets/generators.js';
import { ElasticNet, Lasso, LinearRegression, Ridge } from '../models/linearRegression.js';
import { LogisticRegression } from '../models/logisticRegression.js';
import { LabelEncoder } from '../preprocessing/labelEncoder.js';
import { MinMaxScaler } from '../preprocessing/minMaxScaler.js';
import { OneHotEncoder } from '../preprocessing/oneHotEncoder.js';
import { PolynomialFeatures } from '../preprocessing/polynomialFeatures.js';
import { SimpleImputer } from '../preprocessing/simpleImputer.js';
import { StandardScaler } from '../preprocessing/standardScaler.js';
import { LogisticRegressionCV } from '../selection/logisticRegressionCV.js';
import { TableEncoder } from '../table/encoder.js';
import { Table } from '../table/table.js';
import { fromJSON } from './fromJSON.js';
import { Pipeline } from './pipeline.js';
import { READERS } from './registry.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const { onWarning } = collectWarnings();
const clf = makeClassification({ nSamples: 120, nFeatures: 4, nInformative: 3, nRedundant: 1, seed: 4 });
const clf3 = makeClassification({ nSamples: 150, nFeatures: 4, nInformative: 3, nRedundant: 1, nClasses: 3, seed: 5 } as any);
const labels3 = clf3.y.map((k) => ['setosa', 'versicolor', 'virginica'][k]);
const reg = makeRegression({ nSamples: 80, nFeatures: 5, nInformative: 3, noise: 2, seed: 6 });
const cats = [['red', 1, true], ['blue', 2, false], ['red', 3, true], ['green', 1, false], ['blue', 3, true]];
const table = Table.fromRows([
  { city: 'Lima', age: 31, member: true, churned: 'no' },
  { city: 'Oslo', age: null, member: false, churned: 'yes' },
  { city: null, age: 45, member: true, churned: 'no' },
  { city: 'Oslo', age: 52, member: null, churned: 'yes' },
  { city: 'Pune', age: 23, member: false, churned: 'no' },
]);
const withNaN = [[1, NaN, NaN], [NaN, 4, NaN], [3, 5, NaN], [4, 4, NaN]];

let cache: [string, any, unknown][] | null = null;
/** Every class fromJSON knows, fitted in the ways that change what the document holds (fitted once, never modified by the tests). */
function fittedObjects(): [string, any, unknown][] {
  cache ??= buildFitted();
  return cache;
}

function buildFitted(): [string, any, unknown][] {
  return [
    ['LogisticRegression binary', new LogisticRegression({ onWarning }).fit(clf.X, clf.y, { featureNames: ['a', 'b', 'c', 'd'] }), clf.X],
    ['LogisticRegression multinomial, string labels', new LogisticRegression({ onWarning }).fit(clf3.X, labels3), clf3.X],
    ['LogisticRegression ovr', new LogisticRegression({ multiClass: 'ovr', onWarning }).fit(clf3.X, clf3.y), clf3.X],
    ['LogisticRegression two-class multinomial', new LogisticRegression({ multiClass: 'multinomial', onWarning }).fit(clf.X, clf.y.map((v) => v === 1)), clf.X],
    ['LogisticRegression l1', new LogisticRegression({ penalty: 'l1', C: 0.05, onWarning }).fit(clf.X, clf.y), clf.X],
    ['LogisticRegression elasticnet sgd, weights, threshold', new LogisticRegression({ penalty: 'elasticnet', l1Ratio: 0.3, solver: 'sgd', classWeight: 'balanced', threshold: 0.3, maxIter: 30, onWarning }).fit(clf.X, clf.y), clf.X],
    ['LogisticRegression classWeight object', new LogisticRegression({ classWeight: { 0: 2, 1: 0.5 }, penalty: 'none', onWarning }).fit(clf.X, clf.y), clf.X],
    ['LinearRegression', new LinearRegression({ onWarning }).fit(reg.X, reg.y), reg.X],
    ['LinearRegression no intercept, gd', new LinearRegression({ fitIntercept: false, solver: 'gd', maxIter: 50, onWarning }).fit(reg.X, reg.y), reg.X],
    ['Ridge', new Ridge({ alpha: 3, onWarning }).fit(reg.X, reg.y), reg.X],
    ['Lasso (exact zeros)', new Lasso({ alpha: 5, onWarning }).fit(reg.X, reg.y), reg.X],
    ['ElasticNet positive', new ElasticNet({ alpha: 0.5, l1Ratio: 0.7, positive: true, onWarning }).fit(reg.X, reg.y), reg.X],
    ['StandardScaler weighted', new StandardScaler({ withMean: false }).fit(reg.X, { sampleWeight: Array.from({ length: 80 }, (_, i) => 1 + (i % 4)) }), reg.X],
    ['MinMaxScaler', new MinMaxScaler({ featureRange: [-1, 1], clip: true }).fit(reg.X), reg.X],
    ['PolynomialFeatures', new PolynomialFeatures({ degree: [2, 3], includeBias: false }).fit(clf.X), clf.X],
    ['OneHotEncoder', new OneHotEncoder({ drop: 'if_binary', handleUnknown: 'ignore' }).fit(cats), cats],
    ['OneHotEncoder drop array', new OneHotEncoder({ drop: ['blue', 3, false] }).fit(cats), cats],
    ['OneHotEncoder categories', new OneHotEncoder({ categories: [['red', 'green', 'blue'], [1, 2, 3], [false, true]], drop: 'first' }).fit(cats), cats],
    ['SimpleImputer (an empty column, NaN statistic)', new SimpleImputer({ strategy: 'median' }).fit(withNaN), withNaN],
    ['SimpleImputer constant, missing -1', new SimpleImputer({ strategy: 'constant', fillValue: -0, missingValues: -1 }).fit([[1, -1], [-1, 2]]), [[1, -1], [-1, 2]]],
    ['LabelEncoder', new LabelEncoder().fit(labels3), labels3],
    ['TableEncoder', new TableEncoder({ target: 'churned', drop: 'if_binary' }).fit(table), table],
    ['LogisticRegressionCV', new LogisticRegressionCV({ Cs: 3, cv: 3, onWarning } as never).fit(clf.X, clf.y), clf.X],
    ['LogisticRegressionCV no refit', new LogisticRegressionCV({ Cs: [0.1, 1], cv: 3, refit: false, onWarning } as never).fit(clf3.X, labels3), clf3.X],
    [
      'Pipeline poly + scale + logistic',
      new Pipeline([
        ['poly', new PolynomialFeatures({ degree: 2 })],
        ['scale', new StandardScaler()],
        ['model', new LogisticRegression({ onWarning })],
      ]).fit(clf3.X, labels3, { featureNames: ['p', 'q', 'r', 's'] }),
      clf3.X,
    ],
    [
      'Pipeline onehot + ridge',
      new Pipeline([
        ['onehot', new OneHotEncoder()],
        ['model', new Ridge({ onWarning })],
      ]).fit(cats, [1, 2, 3, 4, 5]),
      cats,
    ],
    [
      'Pipeline nested, transformers only',
      new Pipeline([
        ['impute', new SimpleImputer()],
        ['inner', new Pipeline([['minmax', new MinMaxScaler()], ['std', new StandardScaler()]])],
      ]).fit(withNaN),
      withNaN,
    ],
  ];
}

const unfitted = (): any[] => [
  new LogisticRegression({ C: 0.5, penalty: 'elasticnet', l1Ratio: 0.2, solver: 'owlqn' }),
  new LinearRegression({ penalty: 'l2', alpha: 2 }),
  new Ridge(),
  new Lasso({ alpha: 0.1 }),
  new ElasticNet({ l1Ratio: 0.9 }),
  new StandardScaler({ withStd: false }),
  new MinMaxScaler({ featureRange: [2, 3] }),
  new PolynomialFeatures({ degree: 4, interactionOnly: true }),
  new OneHotEncoder({ categories: [['b', 'a']] }),
  new SimpleImputer({ strategy: 'most_frequent', missingValues: 0 }),
  new LabelEncoder(),
  new Pipeline([['s', new StandardScaler()], ['m', new LogisticRegression()]]),
];

/** Bit-for-bit equality of whatever a method returns (Matrix, typed array, label array, number). */
function sameBits(a: unknown, b: unknown): boolean {
  const flat = (v: any): unknown[] => {
    if (v instanceof Matrix) return [v.rows, v.cols, ...v.data];
    if (ArrayBuffer.isView(v) || Array.isArray(v)) return Array.from(v as ArrayLike<unknown>).flatMap((x) => (x !== null && typeof x === 'object' ? flat(x) : [x]));
    if (v !== null && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [k, ...flat(x)]); // e.g. { X, y, featureNames }
    return [v];
  };
  const fa = flat(a);
  const fb = flat(b);
  return fa.length === fb.length && fa.every((v, i) => Object.is(v, fb[i]));
}

const METHODS = ['predict', 'predictProba', 'predictLogProba', 'decisionFunction', 'transform'] as const;

describe('fromJSON round trips', () => {
  it('the reader table covers every model and transformer class', () => {
    const known = ['TableEncoder', 'ElasticNet', 'LabelEncoder', 'Lasso', 'LinearRegression', 'LogisticRegression', 'MinMaxScaler', 'OneHotEncoder', 'PolynomialFeatures', 'Ridge', 'SimpleImputer', 'StandardScaler'];
    expect([...READERS.keys()]).toEqual(expect.arrayContaining(known));
    // and every class of the round-trip list below is one of them (or Pipeline)
    for (const [, obj] of fittedObjects()) expect([...READERS.keys(), 'Pipeline']).toContain(obj.constructor.name);
  });

  for (const [label, obj, X] of fittedObjects()) {
    it(`${label}: same class, same document, predictions identical bit for bit`, () => {
      const text = JSON.stringify(obj);
      const back = fromJSON(JSON.parse(text), { onWarning }) as any;
      expect(back.constructor).toBe(obj.constructor);
      expect(JSON.stringify(back)).toBe(text);
      let called = 0;
      for (const m of METHODS) {
        if (typeof obj[m] !== 'function') continue;
        let expected: unknown;
        try {
          expected = obj[m](X);
        } catch {
          continue; // e.g. a Pipeline of transformers has no predict
        }
        expect(sameBits(back[m](X), expected), `${label}.${m}`).toBe(true);
        called++;
      }
      if (obj instanceof LabelEncoder) {
        expect(sameBits(back.transform(labels3), obj.transform(labels3))).toBe(true);
        called++;
      }
      expect(called).toBeGreaterThan(0);
    });
  }

  it('your own step classes load through options.readers; the package root exports fromJSON and Pipeline', async () => {
    class Doubler {
      isFitted = false;
      fit(): this {
        this.isFitted = true;
        return this;
      }
      transform(X: number[][] | Matrix): Matrix {
        const M = X instanceof Matrix ? X : Matrix.from(X);
        return new Matrix(M.rows, M.cols, M.data.map((v) => 2 * v));
      }
      toJSON(): unknown {
        return { format: 'logit', version: 1, class: 'Doubler', params: {}, state: this.isFitted ? {} : null };
      }
    }
    const pipe = new Pipeline([['double', new Doubler()], ['model', new LogisticRegression({ onWarning })]]).fit(clf.X, clf.y);
    const doc = JSON.parse(JSON.stringify(pipe));
    expect(() => fromJSON(doc)).toThrow('doc.class "Doubler" is not a class logit can load');
    const back = fromJSON(doc, { readers: { Doubler: (d: any) => (d.state ? new Doubler().fit() : new Doubler()) } }) as Pipeline;
    expect(back.predictProba(clf.X).data).toEqual(pipe.predictProba(clf.X).data);
    const root = await import('../index.js');
    expect(root.fromJSON).toBe(fromJSON);
    expect(root.Pipeline).toBe(Pipeline);
    expect(root.OneHotEncoder).toBe(OneHotEncoder);
  });

  it('unfitted objects round-trip their hyper-parameters', () => {
    for (const obj of unfitted()) {
      const text = JSON.stringify(obj);
      const back = fromJSON(JSON.parse(text)) as any;
      expect(back.constructor).toBe(obj.constructor);
      expect(JSON.stringify(back)).toBe(text);
      expect(back.isFitted ?? false).toBe(false);
    }
  });

  it('doubles survive bit for bit, including −0, NaN and values that print with 17 digits', () => {
    const imp = new SimpleImputer({ strategy: 'constant', fillValue: -0 }).fit([[0.1 + 0.2, NaN]]);
    const doc = JSON.parse(JSON.stringify(imp));
    expect(doc.params.fillValue).toBe('-0');
    const back = fromJSON(doc) as SimpleImputer;
    expect(Object.is(back.params.fillValue, -0)).toBe(true);
    expect(Object.is(back.transform([[NaN, NaN]]).get(0, 0), -0)).toBe(true);
    const med = fromJSON(JSON.parse(JSON.stringify(new SimpleImputer().fit([[1, NaN]])))) as SimpleImputer;
    expect(Number.isNaN(med.statistics[1])).toBe(true);
    const s = new StandardScaler().fit([[0.1 + 0.2, 1 / 3], [Number.MIN_VALUE, 1e308], [-5e-324, -1e308]]);
    expect(s.variance[1]).toBe(Infinity); // σ² overflows; the document keeps it as the string Infinity
    const sb = fromJSON(JSON.parse(JSON.stringify(s))) as StandardScaler;
    expect(sameBits(sb.mean, s.mean) && sameBits(sb.scale, s.scale) && sameBits(sb.variance, s.variance)).toBe(true);
  });
});

/** A fitted document to corrupt. */
const lrDoc = (): any => JSON.parse(JSON.stringify(new LogisticRegression({ onWarning }).fit(clf3.X, clf3.y)));

function rejects(doc: unknown, message: string | RegExp, Kind: typeof LogitRangeError | typeof LogitTypeError = LogitRangeError): void {
  let error: unknown;
  try {
    fromJSON(doc);
  } catch (e) {
    error = e;
  }
  expect(error, `no error for ${message}`).toBeInstanceOf(Kind);
  expect((error as Error).message).toMatch(message);
}

describe('fromJSON rejects corrupted and hostile documents', () => {
  it('wrong header: not an object, a string, foreign format, newer or bad version, unknown class', () => {
    rejects('{"format":"logit"}', 'JSON.parse it first', LogitTypeError);
    rejects(null, 'doc must be an object', LogitTypeError);
    rejects([1, 2], 'doc must be an object', LogitTypeError);
    rejects({ ...lrDoc(), format: 'sklearn' }, 'not a logit model document: doc.format is "sklearn"');
    rejects({ ...lrDoc(), version: 2 }, 'written by a newer logit (document version 2)');
    for (const v of ['1', 0, 1.5, null]) rejects({ ...lrDoc(), version: v }, 'doc.version must be a positive integer');
    rejects({ ...lrDoc(), class: 'RandomForest' }, 'doc.class "RandomForest" is not a class logit can load');
    for (const c of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype']) rejects({ ...lrDoc(), class: c }, 'is not a class logit can load');
    rejects({ ...lrDoc(), class: 42 }, 'doc.class must be a string', LogitTypeError);
  });

  it('missing fields and wrong types name the field', () => {
    const d1 = lrDoc();
    delete d1.state.coef;
    rejects(d1, 'doc.state.coef is missing');
    const d2 = lrDoc();
    d2.state.intercept = 'zero';
    rejects(d2, 'doc.state.intercept must be an array of numbers', LogitTypeError);
    const d3 = lrDoc();
    d3.params.C = -1;
    rejects(d3, 'option C must be a finite number > 0');
    const d4 = lrDoc();
    d4.state.coef[1][2] = '3';
    rejects(d4, 'doc.state.coef[1][2] must be a number', LogitTypeError);
    const d5 = lrDoc();
    delete d5.params;
    rejects(d5, 'doc.params is missing');
  });

  it('wrong shapes: coef rows versus classes, columns versus features, intercepts, pipeline widths', () => {
    const d1 = lrDoc();
    d1.state.coef.pop();
    rejects(d1, 'doc.state.coef must have 3 rows for 3 classes');
    const d2 = lrDoc();
    d2.state.coef[0].push(1);
    rejects(d2, 'doc.state.coef[0] must have 4 values; found 5');
    const d3 = lrDoc();
    d3.state.nFeatures = 3;
    rejects(d3, 'doc.state.coef[0] must have 3 values');
    const d4 = lrDoc();
    d4.state.classes = [0, 1, 1];
    rejects(d4, 'doc.state.classes must be at least two distinct labels in sorted order');
    const pipe = new Pipeline([['scale', new StandardScaler()], ['model', new LogisticRegression({ onWarning })]]).fit(clf.X, clf.y);
    const p = JSON.parse(JSON.stringify(pipe));
    p.params.steps[0][1] = JSON.parse(JSON.stringify(new StandardScaler().fit([[1, 2, 3], [4, 5, 7]])));
    rejects(p, 'step 0 ("scale") outputs 3 columns but step 1 ("model") was fitted on 4');
    const q = JSON.parse(JSON.stringify(pipe));
    q.params.steps[1][1].state.coef[0][0] = 'NaN';
    rejects(q, /doc\.params\.steps\[1\] \("model"\): doc\.state\.coef\[0\]\[0\] must be finite; found NaN/);
    const tp = JSON.parse(JSON.stringify(new Pipeline([['table', new TableEncoder({ target: 'churned' })], ['model', new LogisticRegression({ onWarning })]]).fit(table)));
    tp.params.steps[0][1].state = null;
    rejects(tp, 'doc.state says the pipeline is fitted but step 0 ("table") is not');
    const r = JSON.parse(JSON.stringify(pipe));
    r.params.steps[1][1].state = null;
    rejects(r, 'doc.state says the pipeline is fitted but step 1 ("model") is not');
    const enc = JSON.parse(JSON.stringify(new OneHotEncoder().fit(cats)));
    enc.state.nFeaturesOut = 99;
    rejects(enc, 'doc.state.nFeaturesOut is 99 but the categories give 8');
    const enc2 = JSON.parse(JSON.stringify(new OneHotEncoder().fit(cats)));
    enc2.state.categories[0] = ['red', 'blue'];
    rejects(enc2, "doc.state.categories[0] must be sorted (categories 'auto')");
    const poly = JSON.parse(JSON.stringify(new PolynomialFeatures().fit([[1, 2]])));
    poly.state.nFeatures = 100000;
    rejects(poly, /would create \d+ columns from 100000 features \(limit 1000000\)/);
  });

  it('parameters that contradict the class or the fitted state', () => {
    const lr = JSON.parse(JSON.stringify(new LogisticRegression({ onWarning }).fit(clf3.X, clf3.y)));
    lr.params.threshold = 0.3;
    rejects(lr, 'doc.params.threshold applies to two classes; doc.state.classes has 3');
    const ridge = JSON.parse(JSON.stringify(new Ridge().fit(reg.X, reg.y)));
    ridge.params.penalty = 'l1';
    rejects(ridge, `doc.params.penalty is "l1" but Ridge has "l2"`);
    const enet = JSON.parse(JSON.stringify(new ElasticNet()));
    enet.params.l1Ratio = null;
    rejects(enet, 'doc.params.l1Ratio is null but ElasticNet has 0.5');
  });

  it('non-finite numbers are refused where they mean nothing', () => {
    for (const bad of ['NaN', 'Infinity', '-Infinity', null, '1e309']) {
      const d = lrDoc();
      d.state.intercept[0] = bad;
      expect(() => fromJSON(d)).toThrow(/doc\.state\.intercept\[0\] must be (finite|a number)/);
    }
    const s = JSON.parse(JSON.stringify(new StandardScaler().fit([[1], [2]])));
    s.state.scale[0] = 0;
    rejects(s, 'doc.state.scale[0] must be 1 or √variance[0]; found 0');
    s.state.scale[0] = 0.5;
    expect(fromJSON(s)).toBeInstanceOf(StandardScaler); // 0.5 = √0.25 is consistent
    const mm = JSON.parse(JSON.stringify(new MinMaxScaler().fit([[1], [3]])));
    mm.state.min[0] = 0;
    rejects(mm, 'doc.state.scale[0] and doc.state.min[0] do not follow from featureRange, dataMin and dataMax');
    const imp = JSON.parse(JSON.stringify(new SimpleImputer({ strategy: 'constant' }).fit([[1], [2]])));
    imp.state.statistics[0] = 'NaN';
    rejects(imp, 'doc.state.statistics[0] must be finite; found NaN');
  });

  it('__proto__, constructor and prototype keys in a file never reach a prototype', () => {
    const text = JSON.stringify(lrDoc())
      .replace('{"format"', '{"__proto__":{"polluted":1,"class":"LinearRegression"},"constructor":{"prototype":{"polluted":2}},"format"')
      .replace('"state":{', '"state":{"__proto__":{"polluted":3},"prototype":{"polluted":4},');
    const doc = JSON.parse(text);
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype);
    const m = fromJSON(doc) as LogisticRegression;
    expect(m).toBeInstanceOf(LogisticRegression);
    expect(({} as any).polluted).toBeUndefined();
    expect((m as any).polluted).toBeUndefined();
    expect((Object.prototype as any).polluted).toBeUndefined();

    // Inherited fields are not fields: a document whose coef only exists on its prototype is missing coef.
    const d = lrDoc();
    const coef = d.state.coef;
    delete d.state.coef;
    d.state = Object.assign(Object.create({ coef }), d.state);
    rejects(d, 'doc.state.coef is missing');

    // A hostile key as a hyper-parameter is an unknown option, not a prototype write.
    const p = lrDoc();
    p.params = JSON.parse('{"__proto__":{"C":1e-300},"C":1}');
    rejects(p, 'LogisticRegression has no option "__proto__"');
    const cw = lrDoc();
    cw.params.classWeight = JSON.parse('{"__proto__":5,"0":1}');
    const loaded = fromJSON(cw) as LogisticRegression;
    expect(Object.getPrototypeOf(loaded.params.classWeight)).toBeNull();
    expect(({} as any)['0']).toBeUndefined();

    // Pipeline step names and custom readers: own properties only.
    const pipe = JSON.parse(JSON.stringify(new Pipeline([['__proto__', new StandardScaler()], ['constructor', new LogisticRegression({ onWarning })]]).fit(clf.X, clf.y)));
    const back = fromJSON(pipe) as Pipeline;
    expect(Object.keys(back.namedSteps)).toEqual(['__proto__', 'constructor']);
    expect(back.namedSteps.constructor).toBeInstanceOf(LogisticRegression);
    rejects({ ...lrDoc(), class: 'toString' }, 'is not a class logit can load');
    expect(() => fromJSON({ ...lrDoc(), class: 'toString' }, { readers: {} })).toThrow('is not a class logit can load');
  });

  it('nothing half-loaded: a pipeline with one bad step throws and names the step', () => {
    const pipe = JSON.parse(JSON.stringify(new Pipeline([['a', new StandardScaler()], ['b', new MinMaxScaler()]]).fit([[1, 2], [3, 4]])));
    pipe.params.steps[1][1].state.scale = [1];
    rejects(pipe, /doc\.params\.steps\[1\] \("b"\): doc\.state\.scale must have 2 values/);
  });

  it('deeply nested pipelines are refused instead of exhausting the stack', () => {
    let doc: any = JSON.parse(JSON.stringify(new StandardScaler()));
    for (let i = 0; i < 40; i++) doc = { format: 'logit', version: 1, class: 'Pipeline', params: { steps: [['p', doc]] }, state: null };
    rejects(doc, 'pipelines nest more than 32 deep');
  });

  it('any field replaced by a wrong value gives a logit error or a valid object, never a crash', () => {
    const replacements: unknown[] = [null, 'x', -1, 0, 1.5, 1e300, [], {}, [[]], true, 'NaN', '-0'];
    for (const [label, obj] of fittedObjects()) {
      const base = JSON.parse(JSON.stringify(obj));
      const paths: (string | number)[][] = [];
      const walk = (v: any, path: (string | number)[]): void => {
        if (path.length > 0) paths.push(path);
        if (v !== null && typeof v === 'object' && path.length < 7) for (const k of Object.keys(v).slice(0, 6)) walk(v[k], [...path, Array.isArray(v) ? Number(k) : k]);
      };
      walk(base, []);
      for (const path of paths) {
        for (const r of [...replacements, undefined]) {
          const doc = JSON.parse(JSON.stringify(base));
          let parent = doc;
          for (const k of path.slice(0, -1)) parent = parent[k];
          if (r === undefined) delete parent[path[path.length - 1]];
          else parent[path[path.length - 1]] = r;
          try {
            const back = fromJSON(doc) as any;
            // Loaded: it must be a consistent object that serialises again.
            expect(typeof back.toJSON).toBe('function');
            JSON.stringify(back);
          } catch (e) {
            if (!isLogitError(e)) throw new Error(`${label}: ${path.join('.')} = ${JSON.stringify(r)} gave a non-logit error: ${String(e)}`);
          }
        }
      }
    }
  });

  it('no eval, no Function constructor anywhere in the loading code', () => {
    const files = [
      ...readdirSync(join(ROOT, 'src/pipeline')).map((f) => `src/pipeline/${f}`),
      ...readdirSync(join(ROOT, 'src/preprocessing')).map((f) => `src/preprocessing/${f}`),
      'src/core/serial.ts',
      'src/core/training.ts',
      'src/models/logisticRegression.ts',
      'src/models/linearRegression.ts',
      'src/io/modelFile.ts',
    ].filter((f) => !f.endsWith('.test.ts'));
    for (const f of files) {
      const src = readFileSync(join(ROOT, f), 'utf8');
      expect(src, f).not.toMatch(/\beval\s*\(|new\s+Function\s*\(|\bFunction\s*\(/);
    }
  });
});
