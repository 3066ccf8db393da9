import { describe, expect, it } from 'vitest';
import { Matrix } from '../core/matrix.js';
import { trainTestSplit } from './trainTestSplit.js';

const X = Array.from({ length: 100 }, (_, i) => [i, -i]);
const y = Array.from({ length: 100 }, (_, i) => (i < 80 ? 'a' : 'b'));

describe('trainTestSplit', () => {
  it('80/20 with a fixed seed: disjoint, complete, rows kept with their labels, reproducible', () => {
    const s = trainTestSplit(X, y, { testSize: 0.2, seed: 1 });
    expect(s.XTrain.rows).toBe(80);
    expect(s.XTest.rows).toBe(20);
    const all = [...s.trainIndex, ...s.testIndex].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 100 }, (_, i) => i));
    s.trainIndex.forEach((i, k) => {
      expect(s.XTrain.get(k, 0)).toBe(i);
      expect(s.yTrain[k]).toBe(y[i]);
    });
    const again = trainTestSplit(X, y, { testSize: 0.2, seed: 1 });
    expect(Array.from(again.testIndex)).toEqual(Array.from(s.testIndex));
    const other = trainTestSplit(X, y, { testSize: 0.2, seed: 2 });
    expect(Array.from(other.testIndex)).not.toEqual(Array.from(s.testIndex));
  });

  it('nTest = ⌈testSize·n⌉ for fractions, exact for counts; no shuffle keeps order', () => {
    expect(trainTestSplit(X.slice(0, 10), y.slice(0, 10), { testSize: 0.25 }).XTest.rows).toBe(3);
    expect(trainTestSplit(X, y, { testSize: 7 }).XTest.rows).toBe(7);
    const s = trainTestSplit(X, y, { testSize: 0.1, shuffle: false });
    expect(Array.from(s.testIndex)).toEqual([90, 91, 92, 93, 94, 95, 96, 97, 98, 99]);
  });

  it('stratify keeps the class proportions in both parts', () => {
    const s = trainTestSplit(X, y, { testSize: 0.25, stratify: true, seed: 3 });
    expect(s.yTest.filter((v) => v === 'b').length).toBe(5);
    expect(s.yTrain.filter((v) => v === 'b').length).toBe(15);
    const odd = trainTestSplit(X.slice(0, 33), Array.from({ length: 33 }, (_, i) => i % 3), { testSize: 0.3, stratify: true, seed: 4 });
    const counts = [0, 1, 2].map((k) => odd.yTest.filter((v) => v === k).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(10);
    for (const c of counts) expect(c === 3 || c === 4).toBe(true);
  });

  it('keeps a Float64Array target a Float64Array and accepts a Matrix', () => {
    const yt = Float64Array.from({ length: 100 }, (_, i) => i / 10);
    const s = trainTestSplit(Matrix.from(X), yt, { seed: 5 });
    expect(s.yTrain).toBeInstanceOf(Float64Array);
    s.trainIndex.forEach((i, k) => expect(s.yTrain[k]).toBe(i / 10));
  });

  it('rejects bad sizes and mismatched lengths', () => {
    expect(() => trainTestSplit(X, y.slice(1))).toThrow('y has 99 values but X has 100 rows');
    expect(() => trainTestSplit(X, y, { testSize: 0 })).toThrow(/testSize must be a fraction in \(0, 1\)/);
    expect(() => trainTestSplit(X, y, { testSize: 100 })).toThrow(/leaves 0 training rows/);
    expect(() => trainTestSplit(X, y, { testSize: 2.5 })).toThrow(/whole number of rows/);
    expect(() => trainTestSplit(X.slice(0, 5), ['a', 'a', 'a', 'a', 'b'], { stratify: true })).toThrow('class "b" has only 1 row');
  });
});
