import { describe, expect, it } from 'vitest';
import { LogitRangeError, LogitTypeError, NotFittedError } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import { Random } from '../core/rng.js';
import { LabelEncoder } from './labelEncoder.js';
import { MinMaxScaler } from './minMaxScaler.js';
import { OneHotEncoder } from './oneHotEncoder.js';
import { PolynomialFeatures } from './polynomialFeatures.js';
import { SimpleImputer } from './simpleImputer.js';

const rng = new Random(11);
const randomRows = (n: number, d: number, scale = 1): number[][] => Array.from({ length: n }, () => Array.from({ length: d }, () => scale * rng.normal()));

function thrown(f: () => unknown): LogitTypeError | LogitRangeError {
  try {
    f();
  } catch (e) {
    return e as LogitRangeError;
  }
  throw new Error('expected an error');
}

describe('MinMaxScaler', () => {
  it('maps each training column onto [a, b] exactly at its min and max; inverseTransform undoes it', () => {
    const X = randomRows(50, 3, 100);
    const s = new MinMaxScaler({ featureRange: [-2, 3] });
    const T = s.fitTransform(X);
    for (let j = 0; j < 3; j++) {
      const col = T.column(j);
      expect(Math.min(...col)).toBeCloseTo(-2, 12);
      expect(Math.max(...col)).toBeCloseTo(3, 12);
    }
    const back = s.inverseTransform(T);
    X.flat().forEach((v, k) => expect(Math.abs(back.data[k] - v)).toBeLessThanOrEqual(1e-13 * Math.abs(v) + 1e-12));
  });

  it('clip keeps new data inside [a, b]; without clip it may leave; a constant column maps to a', () => {
    const s = new MinMaxScaler({ clip: true }).fit([[0, 5], [10, 5]]);
    expect(s.transform([[-5, 5], [20, 5]]).toArray()).toEqual([[0, 0], [1, 0]]);
    expect(new MinMaxScaler().fit([[0], [10]]).transform([[20]]).get(0, 0)).toBe(2);
  });

  it('checks options, fitted state and widths', () => {
    expect(() => new MinMaxScaler({ featureRange: [1, 1] })).toThrow('featureRange must be finite with min < max; received [1, 1]');
    expect(() => new MinMaxScaler({ featureRange: [0] as never })).toThrow(LogitTypeError);
    expect(() => new MinMaxScaler({ clamp: true } as never)).toThrow('MinMaxScaler has no option "clamp"; did you mean "clip"?');
    expect(() => new MinMaxScaler().transform([[1]])).toThrow(NotFittedError);
    expect(() => new MinMaxScaler().fit([[1, 2]]).transform([[1]])).toThrow('X has 1 features (columns) but the model was fitted with 2');
    expect(() => new MinMaxScaler().fit([[1, NaN]])).toThrow('X[0][1] is NaN');
  });
});

describe('PolynomialFeatures', () => {
  it('has C(d + p, p) outputs with the bias and C(d, k) interaction terms per degree', () => {
    const binom = (n: number, k: number): number => (k === 0 ? 1 : (binom(n - 1, k - 1) * n) / k);
    for (const d of [1, 2, 4, 5]) {
      for (const p of [1, 2, 3, 4]) {
        const X = randomRows(2, d);
        expect(new PolynomialFeatures({ degree: p }).fit(X).nFeaturesOut).toBe(binom(d + p, p));
        const inter = new PolynomialFeatures({ degree: p, interactionOnly: true }).fit(X).nFeaturesOut;
        let expected = 1;
        for (let k = 1; k <= Math.min(p, d); k++) expected += binom(d, k);
        expect(inter).toBe(expected);
      }
    }
  });

  it('each output is the product its powers say, and names follow the powers', () => {
    const X = randomRows(5, 3, 2);
    const pf = new PolynomialFeatures({ degree: 3 }).fit(X, { featureNames: ['a', 'b', 'c'] });
    const T = pf.transform(X);
    const P = pf.powers;
    const names = pf.getFeatureNamesOut();
    for (let r = 0; r < P.rows; r++) {
      const pw = Array.from(P.row(r));
      const name = pw.map((e, j) => (e === 0 ? '' : e === 1 ? 'abc'[j] : `${'abc'[j]}^${e}`)).filter(Boolean).join(' ') || '1';
      expect(names[r]).toBe(name);
      for (let i = 0; i < X.length; i++) {
        const v = pw.reduce((acc, e, j) => acc * X[i][j] ** e, 1);
        expect(Math.abs(T.get(i, r) - v)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(v)));
      }
    }
  });

  it('checks degree, input names and fitted widths; does not modify X', () => {
    expect(() => new PolynomialFeatures({ degree: -1 })).toThrow('degree must be an integer ≥ 0 or [min, max]; received -1');
    expect(() => new PolynomialFeatures({ degree: [3, 2] })).toThrow('degree [min, max] must be integers with 0 ≤ min ≤ max; received [3, 2]');
    expect(() => new PolynomialFeatures({ degree: 0, includeBias: false })).toThrow('would give no output columns');
    expect(() => new PolynomialFeatures({ degree: 101 })).toThrow('degree must be at most 100');
    expect(() => new PolynomialFeatures({ degree: '2' as never })).toThrow(LogitTypeError);
    const M = Matrix.from([[1, 2], [3, 4]]);
    const copy = M.data.slice();
    const pf = new PolynomialFeatures().fit(M);
    pf.transform(M);
    expect(M.data).toEqual(copy);
    expect(() => pf.getFeatureNamesOut(['a'])).toThrow('inputNames has 1 names but X has 2 features');
    expect(pf.getFeatureNamesOut(['u', 'v'])).toEqual(['1', 'u', 'v', 'u^2', 'u v', 'v^2']);
    expect(() => pf.transform([[1, 2, 3]])).toThrow('X has 3 features (columns) but the model was fitted with 2');
    expect(() => new PolynomialFeatures({ degree: 3, interactionOnly: true, includeBias: false }).fit([[1]]).nFeaturesOut).not.toThrow();
    expect(() => new PolynomialFeatures({ degree: [2, 2], interactionOnly: true, includeBias: false }).fit([[1]])).toThrow('gives no output columns');
  });
});

describe('OneHotEncoder', () => {
  const rows = [['red', 1, true], ['blue', 2, false], ['red', 3, true]];

  it('rows of the output have exactly one 1 per feature block; inverseTransform gives the rows back', () => {
    const enc = new OneHotEncoder();
    const T = enc.fitTransform(rows);
    for (let i = 0; i < T.rows; i++) expect(T.row(i).reduce((a, b) => a + b, 0)).toBe(3);
    expect(enc.inverseTransform(T)).toEqual(rows);
    const dropped = new OneHotEncoder({ drop: 'first' }).fit(rows);
    expect(dropped.inverseTransform(dropped.transform(rows))).toEqual(rows);
    expect(dropped.getFeatureNamesOut(['color', 'size', 'flag'])).toEqual(['color_red', 'size_2', 'size_3', 'flag_true']);
  });

  it('an unknown category throws naming row, column and value, or encodes as zeros with handleUnknown ignore', () => {
    const enc = new OneHotEncoder().fit(rows, { featureNames: ['color', 'size', 'flag'] });
    const e = thrown(() => enc.transform([['red', 1, true], ['green', 1, true]]));
    expect(e).toBeInstanceOf(LogitRangeError);
    expect(e.message).toBe('X[1][0] is "green", a category fit did not see in column 0 ("color"); known: ["blue", "red"]; pass handleUnknown: \'ignore\' to encode it as all zeros');
    expect([e.row, e.column, e.value]).toEqual([1, 0, 'green']);
    const ign = new OneHotEncoder({ handleUnknown: 'ignore' }).fit(rows);
    expect(ign.transform([['green', '1', true]]).toArray()).toEqual([[0, 0, 0, 0, 0, 0, 1]]);
    expect(ign.inverseTransform(ign.transform([['green', 2, false]]))).toEqual([[null, 2, false]]);
  });

  it('refuses missing values and mixed kinds in a column; checks given categories', () => {
    expect(() => new OneHotEncoder().fit([['a'], [null]])).toThrow('X[1][0] is null (missing); OneHotEncoder needs a value in every cell');
    expect(() => new OneHotEncoder().fit([[1], [NaN]])).toThrow('X[1][0] is NaN (missing)');
    expect(() => new OneHotEncoder().fit([['a'], [1]])).toThrow("X[1][0] is 1 (number) but X[0][0] is a string; a column's values are all of one kind");
    expect(() => new OneHotEncoder().fit([[{}]])).toThrow('categories must be strings, finite numbers or booleans');
    expect(() => new OneHotEncoder({ categories: [[3, 1]] })).toThrow('categories[0] must be sorted ascending for number categories');
    expect(() => new OneHotEncoder({ categories: [['a', 'a']] })).toThrow('categories[0][1] repeats the category "a"');
    expect(() => new OneHotEncoder({ categories: [['a', 'b']] }).fit([['c']])).toThrow('column 0 of X has categories not in categories[0] during fit: ["c"]');
    expect(() => new OneHotEncoder({ categories: [['a']] }).fit([[1]])).toThrow('categories[0] holds strings but column 0 of X holds numbers');
    expect(() => new OneHotEncoder({ drop: 'last' as never })).toThrow('option drop must be one of "first", "if_binary"');
    expect(() => new OneHotEncoder({ drop: ['red', 9, true] }).fit(rows)).toThrow('drop names categories that are not among the fitted ones: 9 in column 1');
    expect(() => new OneHotEncoder({ drop: ['red'] }).fit(rows)).toThrow('drop names 1 categories but X has 3 columns');
    expect(() => new OneHotEncoder({ drop: [null] as never })).toThrow('drop[0] is null');
    expect(() => new OneHotEncoder().fit([['a', 'b'], ['c']])).toThrow('X[1] has 1 values but X[0] has 2');
  });

  it('accepts a numeric Matrix; treats −0 and 0 as one category; does not modify its input', () => {
    const M = Matrix.from([[0], [-0], [2]]);
    const enc = new OneHotEncoder().fit(M);
    expect(enc.categories).toEqual([[0, 2]]);
    expect(enc.transform(M).toArray()).toEqual([[1, 0], [1, 0], [0, 1]]);
    const r = rows.map((x) => [...x]);
    new OneHotEncoder().fit(r).transform(r);
    expect(r).toEqual(rows);
  });
});

describe('LabelEncoder', () => {
  it('codes follow sorted classes and inverseTransform undoes transform', () => {
    const le = new LabelEncoder();
    expect(Array.from(le.fitTransform([true, false, true]))).toEqual([1, 0, 1]);
    expect(le.inverseTransform([0, 1])).toEqual([false, true]);
  });

  it('names the row of an unseen label or a bad index', () => {
    const le = new LabelEncoder().fit(['a', 'b']);
    expect(() => le.transform(['a', 'z'])).toThrow('y[1] is "z", which is not one of the classes ["a", "b"]');
    expect(() => le.inverseTransform([0, 2])).toThrow('indices[1] is 2; an index must be an integer in [0, 1]');
    expect(() => new LabelEncoder().fit(['a', 1] as never)).toThrow('all labels must be of one kind');
    expect(() => new LabelEncoder().transform(['a'])).toThrow(NotFittedError);
  });
});

describe('SimpleImputer', () => {
  it('null and undefined count as missing; observed entries are kept as they are', () => {
    const X = [[1, null], [undefined, 4], [3, 6]];
    const imp = new SimpleImputer().fit(X);
    expect(imp.transform(X).toArray()).toEqual([[1, 5], [2, 4], [3, 6]]);
    expect(X).toEqual([[1, null], [undefined, 4], [3, 6]]);
  });

  it('most_frequent breaks ties by the smallest value; median averages the middle pair', () => {
    expect(Array.from(new SimpleImputer({ strategy: 'most_frequent' }).fit([[3], [1], [3], [1], [NaN], [2]]).statistics)).toEqual([1]);
    expect(Array.from(new SimpleImputer({ strategy: 'median' }).fit([[4], [1], [NaN], [3], [10]]).statistics)).toEqual([3.5]);
  });

  it('refuses Infinity always and NaN when another marker is set; checks widths', () => {
    expect(() => new SimpleImputer().fit([[Infinity]])).toThrow('X[0][0] is Infinity; SimpleImputer needs finite numbers or missing values');
    expect(() => new SimpleImputer({ missingValues: -1 }).fit([[NaN]])).toThrow('X[0][0] is NaN but missingValues is -1');
    expect(() => new SimpleImputer({ missingValues: -1 }).fit([[null]])).toThrow('X[0][0] is null but missingValues is -1');
    expect(() => new SimpleImputer({ missingValues: Infinity })).toThrow('option missingValues must be NaN or a finite number');
    expect(() => new SimpleImputer({ strategy: 'mode' as never })).toThrow('option strategy must be one of');
    expect(() => new SimpleImputer().fit([[1, 2]]).transform([[1]])).toThrow('X has 1 features (columns) but the model was fitted with 2');
    expect(() => new SimpleImputer().fit([['a']] as never)).toThrow('X[0][0] is "a"; SimpleImputer needs numbers');
  });
});
