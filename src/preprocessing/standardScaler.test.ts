import { describe, expect, it } from 'vitest';
import { expectClose, fixture } from '../../test/helpers.js';
import { Matrix } from '../core/matrix.js';
import { StandardScaler } from './standardScaler.js';

interface ScalerCase {
  name: string;
  X: number[][];
  sampleWeight: number[];
  mean: number[];
  scale: number[];
  var: number[];
  weightedMean: number[];
  weightedScale: number[];
  firstRowTransformed: number[];
}

describe('StandardScaler', () => {
  const c = fixture<ScalerCase>('tools.json').cases.find((x) => x.name === 'standard-scaler') as ScalerCase;

  it('matches scikit-learn’s mean_, var_, scale_ (a constant column gets scale 1) and transform', () => {
    const s = new StandardScaler().fit(c.X);
    expectClose(s.mean, c.mean, 1e-13, 'mean');
    expectClose(s.variance, c.var, 1e-12, 'var');
    expectClose(s.scale, c.scale, 1e-12, 'scale');
    expect(s.scale.at(-1)).toBe(1);
    expectClose(s.transform([c.X[0]]).data, c.firstRowTransformed, 1e-12, 'transform');
    expect(s.nSamplesSeen).toBe(c.X.length);
  });

  it('matches scikit-learn with sample weights', () => {
    const s = new StandardScaler().fit(c.X, { sampleWeight: c.sampleWeight });
    expectClose(s.mean, c.weightedMean, 1e-13, 'weighted mean');
    expectClose(s.scale, c.weightedScale, 1e-12, 'weighted scale');
  });

  it('transformed training columns have mean 0 and variance 1; inverseTransform undoes it', () => {
    const X = [
      [1, 100, -3],
      [2, 300, -3],
      [4, 200, -3],
      [7, 500, -3],
    ];
    const s = new StandardScaler();
    const Z = s.fitTransform(X);
    for (let j = 0; j < 3; j++) {
      const col = Z.column(j);
      const mean = col.reduce((a, b) => a + b, 0) / col.length;
      const v = col.reduce((a, b) => a + (b - mean) ** 2, 0) / col.length;
      expect(mean).toBeCloseTo(0, 14);
      expect(v).toBeCloseTo(j === 2 ? 0 : 1, 12);
    }
    expectClose(s.inverseTransform(Z).data, X.flat(), 1e-15);
  });

  it('values near the double limit: σ² overflows to +∞ (as in scikit-learn) but σ and the transform stay finite', () => {
    const X = [[1 / 3], [1e308], [-1e308]];
    const s = new StandardScaler().fit(X);
    expect(s.mean[0]).toBe(0); // 1/3 is absorbed by 1e308 in the sum, as in numpy
    expect(s.variance[0]).toBe(Infinity);
    expect(Math.abs(s.scale[0] / (1e308 * Math.sqrt(2 / 3)) - 1)).toBeLessThan(4e-16);
    const Z = s.transform(X);
    expect(Math.abs(Z.get(1, 0) - Math.sqrt(1.5))).toBeLessThan(1e-15);
    expect(Z.get(2, 0)).toBe(-Z.get(1, 0));
    const big = new StandardScaler().fit([[1.5e308], [1.7e308]]);
    expect(Math.abs(big.mean[0] / 1.6e308 - 1)).toBeLessThan(1e-15);
    expect(Math.abs(big.transform([[1.7e308]]).get(0, 0) - 1)).toBeLessThan(1e-12);
  });

  it('withMean / withStd switch the two steps off', () => {
    const X = [
      [1, 10],
      [3, 30],
    ];
    expect(new StandardScaler({ withMean: false }).fitTransform(X).toArray()).toEqual([
      [1, 1],
      [3, 3],
    ]);
    expect(new StandardScaler({ withStd: false }).fitTransform(X).toArray()).toEqual([
      [-1, -10],
      [1, 10],
    ]);
  });

  it('does not modify its input; checks feature counts; round-trips JSON', () => {
    const M = Matrix.from([
      [1, 2],
      [3, 5],
    ]);
    const copy = M.data.slice();
    const s = new StandardScaler().fit(M);
    s.transform(M);
    expect(M.data).toEqual(copy);
    expect(() => s.transform([[1, 2, 3]])).toThrow('X has 3 features (columns) but the model was fitted with 2');
    expect(() => new StandardScaler().transform(M)).toThrow('StandardScaler.transform() needs a fitted model');
    const back = StandardScaler.fromJSON(JSON.parse(JSON.stringify(s)));
    expect(back.transform(M).data).toEqual(s.transform(M).data);
    expect(() => new StandardScaler({ withMean: 1 } as never)).toThrow('option withMean must be true or false; received 1');
  });
});
