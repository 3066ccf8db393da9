import { describe, expect, it } from 'vitest';
import { LogisticRegression } from '../models/logisticRegression.js';
import { makeBlobs, makeClassification, makeMoons, makeRegression } from './generators.js';
import { loadBreastCancer, loadIris, loadWine } from './load.js';

describe('bundled datasets', () => {
  it('breast cancer: 569 × 30, 212 malignant (0) and 357 benign (1), scikit-learn’s first row', () => {
    const d = loadBreastCancer();
    expect([d.X.rows, d.X.cols]).toEqual([569, 30]);
    expect(d.y.filter((v) => v === 0).length).toBe(212);
    expect(d.y.filter((v) => v === 1).length).toBe(357);
    expect(d.targetNames).toEqual(['malignant', 'benign']);
    expect(d.featureNames[0]).toBe('mean radius');
    expect(Array.from(d.X.row(0).subarray(0, 4))).toEqual([17.99, 10.38, 122.8, 1001]);
  });

  it('iris 150 × 4 and wine 178 × 13 with their class counts', () => {
    const iris = loadIris();
    expect([iris.X.rows, iris.X.cols]).toEqual([150, 4]);
    expect([0, 1, 2].map((k) => iris.y.filter((v) => v === k).length)).toEqual([50, 50, 50]);
    const wine = loadWine();
    expect([wine.X.rows, wine.X.cols]).toEqual([178, 13]);
    expect([0, 1, 2].map((k) => wine.y.filter((v) => v === k).length)).toEqual([59, 71, 48]);
  });
});

describe('generators', () => {
  it('makeBlobs: given centres, even split, seeded', () => {
    const a = makeBlobs({ centers: [[2, 2], [-2, -2]], nSamples: 101, clusterStd: 0.5, seed: 1 });
    expect(a.X.rows).toBe(101);
    expect(a.y.filter((v) => v === 0).length).toBe(51);
    const mean0 = [0, 1].map((j) => a.X.toArray().filter((_, i) => a.y[i] === 0).reduce((s, r) => s + r[j], 0) / 51);
    expect(mean0[0]).toBeCloseTo(2, 0);
    expect(makeBlobs({ seed: 1 }).X.data).toEqual(makeBlobs({ seed: 1 }).X.data);
    expect(makeBlobs({ seed: 1 }).X.data).not.toEqual(makeBlobs({ seed: 2 }).X.data);
    expect(() => makeBlobs({ clusterStd: [1] , centers: 2})).toThrow(/one per centre \(2\)/);
  });

  it('makeMoons: points on the two half circles when noise is 0', () => {
    const { X, y } = makeMoons({ nSamples: 50, noise: 0 });
    for (let i = 0; i < 50; i++) {
      const [a, b] = [X.get(i, 0), X.get(i, 1)];
      const r = y[i] === 0 ? Math.hypot(a, b) : Math.hypot(a - 1, b - 0.5);
      expect(r).toBeCloseTo(1, 12);
    }
  });

  it('makeClassification: shapes, informative structure a linear model can learn, options checked', () => {
    const { X, y } = makeClassification({ nSamples: 400, nFeatures: 6, nInformative: 3, nRedundant: 1, flipY: 0, classSep: 2, seed: 3 });
    expect([X.rows, X.cols]).toEqual([400, 6]);
    expect(new Set(y)).toEqual(new Set([0, 1]));
    expect(new LogisticRegression().fit(X, y).score(X, y)).toBeGreaterThan(0.8);
    expect(() => makeClassification({ nFeatures: 3, nInformative: 2, nRedundant: 2 })).toThrow(/must be ≤ nFeatures/);
    expect(() => makeClassification({ nInformative: 1, nClasses: 3, nClustersPerClass: 1 })).toThrow(/2\^nInformative/);
  });

  it('makeRegression: y = X·coef + bias exactly without noise, nInformative non-zero coefficients', () => {
    const { X, y, coef } = makeRegression({ nSamples: 20, nFeatures: 7, nInformative: 3, bias: 1.5, seed: 4 });
    expect(Array.from(coef).filter((c) => c !== 0).length).toBe(3);
    for (let i = 0; i < 20; i++) {
      let v = 1.5;
      for (let j = 0; j < 7; j++) v += X.get(i, j) * coef[j];
      expect(y[i]).toBeCloseTo(v, 10);
    }
  });
});
