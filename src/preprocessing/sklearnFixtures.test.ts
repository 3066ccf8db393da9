import { describe, expect, it } from 'vitest';
import { expectClose, fixture } from '../../test/helpers.js';
import { LabelEncoder } from './labelEncoder.js';
import { MinMaxScaler } from './minMaxScaler.js';
import { OneHotEncoder } from './oneHotEncoder.js';
import { PolynomialFeatures } from './polynomialFeatures.js';
import { SimpleImputer } from './simpleImputer.js';
import { StandardScaler } from './standardScaler.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Case = Record<string, any> & { name: string; transformer: string };
const cases = fixture<Case>('preprocessing.json').cases;
const of = (t: string): Case[] => cases.filter((c) => c.transformer === t);
const nan = (rows: (number | null)[][]): number[][] => rows.map((r) => r.map((v) => (v === null ? NaN : v)));
/** Exact equality, bit for bit (Object.is per entry, so −0 ≠ 0 and NaN = NaN). */
const bits = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

describe('preprocessing against scikit-learn 1.2 (fixtures/preprocessing.json)', () => {
  it('has every transformer', () => {
    expect(new Set(cases.map((c) => c.transformer))).toEqual(new Set(['StandardScaler', 'MinMaxScaler', 'PolynomialFeatures', 'OneHotEncoder', 'LabelEncoder', 'SimpleImputer']));
  });

  for (const c of of('StandardScaler')) {
    it(`StandardScaler ${c.name}: mean, var, scale (constant columns get 1) and transform`, () => {
      const s = new StandardScaler(c.options).fit(c.X, c.sampleWeight ? { sampleWeight: c.sampleWeight } : {});
      if (c.mean) expectClose(s.mean, c.mean, 1e-15, 'mean');
      if (c.var) expectClose(s.variance, c.var, 1e-12, 'var');
      if (c.scale) {
        expectClose(s.scale, c.scale, 1e-12, 'scale');
        // Columns 3 (constant within rounding) and 4 (exactly constant) get scale 1, as in scikit-learn.
        expect([s.scale[3], s.scale[4]]).toEqual([c.scale[3], c.scale[4]]);
        expect(c.scale[4]).toBe(1);
      }
      // (x − μ)/σ inherits the rounding of μ amplified by |x|/σ (column 3 sits at 1e6 with σ = 1),
      // and scikit-learn's weighted mean comes from BLAS (another summation order): compare each
      // entry to within a few ulps of |x| + |μ|, divided by σ.
      const tol = (x: number, j: number): number => (8 * 2.220446049250313e-16 * (Math.abs(x) + Math.abs(s.mean[j]))) / (c.options.withStd ? s.scale[j] : 1);
      const within = (X: number[][], T: number[][]): void => {
        const ours = s.transform(X);
        X.forEach((row, i) => row.forEach((x, j) => expect(Math.abs(ours.get(i, j) - T[i][j]), `${c.name} [${i}][${j}]`).toBeLessThanOrEqual(tol(x, j))));
      };
      within(c.X, c.transform);
      within(c.Xnew, c.transformNew);
      if (!c.sampleWeight) expect(bits(s.mean, c.mean)).toBe(true);
    });
  }

  for (const c of of('MinMaxScaler')) {
    it(`MinMaxScaler ${c.name}: data min/max, scale, min and transform bit for bit`, () => {
      const s = new MinMaxScaler(c.options).fit(c.X);
      expect(bits(s.dataMin, c.dataMin) && bits(s.dataMax, c.dataMax)).toBe(true);
      expect(bits(s.scale, c.scale)).toBe(true);
      expect(bits(s.min, c.min)).toBe(true);
      expect(bits(s.transform(c.X).data, c.transform.flat())).toBe(true);
      expect(bits(s.transform(c.Xnew).data, c.transformNew.flat())).toBe(true);
      expectClose(s.inverseTransform(c.Xnew).data, c.inverseNew.flat(), 1e-15, 'inverse');
    });
  }

  for (const c of of('PolynomialFeatures')) {
    it(`PolynomialFeatures ${c.name}: powers, names and values bit for bit`, () => {
      const p = new PolynomialFeatures(c.options).fit(c.X);
      expect(p.powers.toArray()).toEqual(c.powers);
      expect(p.getFeatureNamesOut(c.inputNames ?? undefined)).toEqual(c.featureNamesOut);
      expect(p.nFeaturesOut).toBe(c.featureNamesOut.length);
      const T = p.transform(c.X);
      expect([T.rows, T.cols]).toEqual([c.X.length, c.featureNamesOut.length]);
      expect(bits(T.data, c.transform.flat())).toBe(true);
    });
  }

  for (const c of of('OneHotEncoder')) {
    it(`OneHotEncoder ${c.name}: categories, dropIdx, names and indicators`, () => {
      const enc = new OneHotEncoder(c.options);
      const T = enc.fitTransform(c.X, c.inputNames ? { featureNames: c.inputNames } : {});
      expect(enc.categories).toEqual(c.categories);
      expect(enc.dropIdx).toEqual(c.dropIdx ?? c.categories.map(() => null));
      expect(enc.getFeatureNamesOut()).toEqual(c.featureNamesOut);
      expect(T.toArray()).toEqual(c.transform);
      expect(enc.transform(c.Xnew).toArray()).toEqual(c.transformNew);
    });
  }

  for (const c of of('LabelEncoder')) {
    it(`LabelEncoder ${c.name}: classes in np.unique order and codes`, () => {
      const le = new LabelEncoder().fit(c.y);
      expect(le.classes).toEqual(c.classes);
      expect(Array.from(le.transform(c.y))).toEqual(c.transform);
      expect(le.inverseTransform(le.transform(c.y))).toEqual(c.y);
    });
  }

  for (const c of of('SimpleImputer')) {
    it(`SimpleImputer ${c.name}: statistics, dropped empty columns and transform`, () => {
      const o = { ...c.options, missingValues: c.options.missingValues ?? NaN };
      const X = c.options.missingValues === null ? nan(c.X) : c.X;
      const Xnew = c.options.missingValues === null ? nan(c.Xnew) : c.Xnew;
      const imp = new SimpleImputer(o).fit(X);
      expect(bits(imp.statistics, c.statistics.map((v: number | null) => (v === null ? NaN : v)))).toBe(true);
      expect(imp.getFeatureNamesOut()).toEqual(c.featureNamesOut);
      expect(bits(imp.transform(X).data, c.transform.flat())).toBe(true);
      expect(bits(imp.transform(Xnew).data, c.transformNew.flat())).toBe(true);
    });
  }
});
