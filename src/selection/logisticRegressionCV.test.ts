import { describe, expect, it } from 'vitest';
import { collectWarnings, expectClose, fixture } from '../../test/helpers.js';
import { Matrix } from '../core/matrix.js';
import { loadBreastCancer, loadIris } from '../datasets/index.js';
import { LogisticRegression } from '../models/logisticRegression.js';
import { StandardScaler } from '../preprocessing/index.js';
import { LogisticRegressionCV } from './logisticRegressionCV.js';
import { stratifiedKFold } from './stratifiedKFold.js';

interface CVCase {
  name: string;
  Cs: number[];
  cv: number;
  scoring: string | null;
  penalty: 'l2' | 'elasticnet';
  folds: number[][];
  scores: number[][] | number[][][];
  C: number;
  coef: number[][];
  intercept: number[];
  classes: number[];
  l1Ratios?: number[];
  l1Ratio?: number;
  X?: number[][];
  y?: number[];
  foldObjectives?: number[][] | number[][][];
}

const { cases } = fixture<CVCase>('logistic-cv.json');

function data(c: CVCase): { X: Matrix; y: number[] } {
  if (c.X && c.y) return { X: Matrix.from(c.X), y: c.y };
  const d = c.name.startsWith('iris') ? loadIris() : loadBreastCancer();
  return { X: new StandardScaler().fitTransform(d.X), y: Array.from(d.y as ArrayLike<number>) };
}

function foldsOf(c: CVCase, n: number) {
  return c.folds.map((test) => {
    const inTest = new Set(test);
    return { train: Int32Array.from({ length: n }, (_, i) => i).filter((i) => !inTest.has(i)), test: Int32Array.from(test) };
  });
}

describe('LogisticRegressionCV against scikit-learn (fixtures/logistic-cv.json)', () => {
  for (const c of cases) {
    it(`${c.name}: same folds, fold scores, chosen C and refitted model`, () => {
      const { X, y } = data(c);
      // An integer cv means scikit-learn's unshuffled StratifiedKFold; logit's must cut the same folds.
      expect(stratifiedKFold(y, { nSplits: c.cv }).map((f) => Array.from(f.test))).toEqual(c.folds);
      const model = new LogisticRegressionCV({
        Cs: c.Cs,
        cv: c.cv,
        penalty: c.penalty,
        ...(c.scoring === null ? {} : { scoring: c.scoring as 'accuracy' }),
        ...(c.l1Ratios ? { l1Ratios: c.l1Ratios } : {}),
        tol: 1e-10,
        maxIter: 10000,
      }).fit(X, y);
      const nL = c.l1Ratios ? c.l1Ratios.length : 1;
      expect(model.scores).toHaveLength(nL);
      const folds = foldsOf(c, X.rows);
      for (let l = 0; l < nL; l++) {
        // scikit-learn's scores_ is (folds, Cs) or, with l1 ratios, (folds, Cs, l1 ratios).
        const expected = c.scores.map((row) => (c.l1Ratios ? (row as number[][]).map((cell) => cell[l]) : (row as number[])));
        expected.forEach((row, f) =>
          row.forEach((want, k) => {
            const got = model.scores[l].get(f, k);
            if (Math.abs(got - want) <= 1e-6 * Math.abs(want)) return;
            // A different held-out score is only acceptable where scikit-learn's fold fit stopped
            // short of the optimum: logit's fit of that fold must reach a lower objective.
            expect(c.foldObjectives, `${c.name}: fold ${f}, C = ${c.Cs[k]}: score ${got} vs scikit-learn's ${want}`).toBeDefined();
            const fold = folds[f];
            const l1 = c.l1Ratios ? { l1Ratio: c.l1Ratios[l] } : {};
            const fit = new LogisticRegression({ C: c.Cs[k], penalty: c.penalty, ...l1, tol: 1e-10, maxIter: 10000 }).fit(X.selectRows(fold.train), Array.from(fold.train, (i) => y[i]));
            const cell = c.foldObjectives![f][k];
            const theirs = Array.isArray(cell) ? cell[l] : cell;
            expect(fit.objective, `${c.name}: fold ${f}, C = ${c.Cs[k]}: objective`).toBeLessThan(theirs);
          }),
        );
      }
      expect(model.C).toBe(c.C);
      expect(model.bestC).toBe(c.C);
      if (c.l1Ratio !== undefined) expect(model.l1Ratio).toBe(c.l1Ratio);
      expect(model.classes).toEqual(c.classes);
      expectClose(model.coef.data, c.coef.flat(), 1e-5, `${c.name} coef`);
      expectClose(model.intercept, c.intercept, 1e-5, `${c.name} intercept`);
      // Folds given explicitly give the same search as the integer.
      const explicit = new LogisticRegressionCV({ Cs: c.Cs, cv: foldsOf(c, X.rows), penalty: c.penalty, ...(c.scoring === null ? {} : { scoring: c.scoring as 'accuracy' }), ...(c.l1Ratios ? { l1Ratios: c.l1Ratios } : {}), tol: 1e-10, maxIter: 10000 }).fit(X, y);
      expect(explicit.scores.map((m) => Array.from(m.data))).toEqual(model.scores.map((m) => Array.from(m.data)));
    });
  }
});

describe('LogisticRegressionCV choices', () => {
  const bc = loadBreastCancer();
  const X = new StandardScaler().fitTransform(bc.X);
  const y = Array.from(bc.y as ArrayLike<number>);
  const cv = new LogisticRegressionCV({ Cs: 12, cv: 5, scoring: 'neg_log_loss' }).fit(X, y);

  it('C1se is the smallest C whose mean score is within one standard error of the best', () => {
    const mean = cv.meanScores.row(0);
    const std = cv.stdScores.row(0);
    const Cs = cv.Cs;
    const b = Cs.indexOf(cv.bestC);
    expect(mean[b]).toBe(Math.max(...mean));
    const bar = mean[b] - std[b] / Math.sqrt(5);
    const k = Cs.indexOf(cv.C1se);
    expect(k).toBeLessThanOrEqual(b);
    expect(mean[k]).toBeGreaterThanOrEqual(bar);
    for (let j = k; j <= b; j++) expect(mean[j]).toBeGreaterThanOrEqual(bar);
    if (k > 0) expect(mean[k - 1]).toBeLessThan(bar);
  });

  it("select: '1se' refits at C1se and equals a plain fit there", () => {
    const m = new LogisticRegressionCV({ Cs: 12, cv: 5, scoring: 'neg_log_loss', select: '1se', tol: 1e-10 }).fit(X, y);
    expect(m.C).toBe(cv.C1se);
    const plain = new LogisticRegression({ C: m.C, tol: 1e-10 }).fit(X, y);
    expectClose(m.coef.data, plain.coef.data, 1e-6, 'coef at C1se');
  });

  it('the refit is the optimum of the full-data objective at the chosen C', () => {
    expect(cv.model.params.C).toBe(cv.C);
    expect(cv.model.converged).toBe(true);
    const plain = new LogisticRegression({ C: cv.C, tol: 1e-10 }).fit(X, y);
    expect(cv.model.objective).toBeLessThanOrEqual(plain.objective * (1 + 1e-6));
    expect(cv.predict(X)).toEqual(cv.model.predict(X));
    expect(cv.predictProba(X).data).toEqual(cv.model.predictProba(X).data);
  });

  it('refit: false averages each fold’s best model, as scikit-learn', () => {
    const folds = stratifiedKFold(y, { nSplits: 4 });
    const m = new LogisticRegressionCV({ Cs: [0.01, 0.1, 1], cv: folds, scoring: 'neg_log_loss', refit: false, tol: 1e-10 }).fit(X, y);
    const sum = new Float64Array(X.cols);
    folds.forEach((f, k) => {
      const row = m.scores[0].row(k);
      const best = [0, 1, 2].reduce((a, b) => (row[b] > row[a] ? b : a), 0);
      const fit = new LogisticRegression({ C: [0.01, 0.1, 1][best], tol: 1e-10 }).fit(X.selectRows(f.train), Array.from(f.train, (i) => y[i]));
      fit.coef.data.forEach((v, j) => (sum[j] += v / folds.length));
    });
    expectClose(m.coef.data, sum, 1e-12, 'averaged coef');
    expect(Number.isNaN(m.model.objective)).toBe(true);
  });

  it('sample weights change the search: doubling every weight leaves it unchanged only with C halved', () => {
    const ones = new Float64Array(y.length).fill(1);
    const a = new LogisticRegressionCV({ Cs: [0.1, 1], cv: 3, tol: 1e-10 }).fit(X, y, { sampleWeight: ones });
    const b = new LogisticRegressionCV({ Cs: [0.1, 1], cv: 3, tol: 1e-10 }).fit(X, y);
    expect(a.scores[0].data).toEqual(b.scores[0].data);
    const twice = new LogisticRegressionCV({ Cs: [0.05, 0.5], cv: 3, tol: 1e-10 }).fit(X, y, { sampleWeight: ones.map(() => 2) });
    expectClose(twice.coef.data, a.coef.data, 1e-6, 'C·Σ2ℓ = 2C·Σℓ');
  });

  it('toJSON / fromJSON round-trips the search and the model bit for bit', () => {
    const back = LogisticRegressionCV.fromJSON(JSON.parse(JSON.stringify(cv.toJSON())));
    expect(back.C).toBe(cv.C);
    expect(back.C1se).toBe(cv.C1se);
    expect(Array.from(back.scores[0].data)).toEqual(Array.from(cv.scores[0].data));
    expect(Array.from(back.predictProba(X).data)).toEqual(Array.from(cv.predictProba(X).data));
    const broken = JSON.parse(JSON.stringify(cv.toJSON()));
    broken.state.bestIndex = 99;
    expect(() => LogisticRegressionCV.fromJSON(broken)).toThrow(/bestIndex/);
  });

  it('fold models that stop early warn naming the fold and C', () => {
    const { warnings, onWarning } = collectWarnings();
    new LogisticRegressionCV({ Cs: [1], cv: 3, maxIter: 2, onWarning }).fit(X, y);
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings[0].source).toMatch(/fold 0, C = 1/);
  });
});

describe('LogisticRegressionCV bad input', () => {
  const iris = loadIris();
  it('names the option and the value', () => {
    expect(() => new LogisticRegressionCV({ l1Ratios: [0.5] })).toThrow(/l1Ratios only applies with penalty 'elasticnet'/);
    expect(() => new LogisticRegressionCV({ penalty: 'elasticnet' })).toThrow(/needs l1Ratios/);
    expect(() => new LogisticRegressionCV({ penalty: 'elasticnet', l1Ratios: [0.5, 1.5] })).toThrow(/l1Ratios\[1\] is 1.5/);
    expect(() => new LogisticRegressionCV({ Cs: [1, -2] })).toThrow(/Cs\[1\] is -2/);
    expect(() => new LogisticRegressionCV({ cv: 1 })).toThrow(/cv/);
    expect(() => new LogisticRegressionCV({ scoring: 'accuracy_typo' as 'accuracy' })).toThrow(/not a known scorer/);
    expect(() => new LogisticRegressionCV({ C: 1 } as never)).toThrow(/C/);
    expect(() => new LogisticRegressionCV().predict([[1]])).toThrow(/fit/);
  });
  it('rejects folds outside X and training parts that miss a class', () => {
    const y = Array.from(iris.y as ArrayLike<number>);
    const bad = [
      { train: [0, 1, 2], test: [400] },
      { train: [3, 4], test: [5] },
    ];
    expect(() => new LogisticRegressionCV({ cv: bad }).fit(iris.X, y)).toThrow(/cv\[0\] holds row 400/);
    // iris rows 0..49 are all class 0: a fold trained on them has no class 1.
    const oneClass = [
      { train: Array.from({ length: 50 }, (_, i) => i), test: [60] },
      { train: Array.from({ length: 100 }, (_, i) => 50 + i), test: [0] },
    ];
    expect(() => new LogisticRegressionCV({ cv: oneClass }).fit(iris.X, y)).toThrow(/fold 0 has no sample of class 1/);
    expect(() => new LogisticRegressionCV({ multiClass: 'ovr' }).fit(iris.X, y)).toThrow(/multiClass 'ovr'/);
  });
});
