import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/helpers.js';
import { Matrix } from '../core/matrix.js';
import { accuracyScore } from './classification.js';
import { meanSquaredError, r2Score } from './regression.js';
import { thresholdSweep } from './thresholdSweep.js';

interface MetricsCase {
  yTrue: number[];
  yPred: number[];
  weights: number[];
  accuracy: number;
  accuracyWeighted: number;
  accuracyCount: number;
  rTrue: number[];
  rPred: number[];
  rWeights: number[];
  r2: number;
  r2Weighted: number;
  mse: number;
  mseWeighted: number;
}

describe('accuracyScore, r2Score, meanSquaredError against scikit-learn', () => {
  const c = fixture<MetricsCase & { name: string }>('tools.json').cases.find((x) => x.name === 'metrics') as MetricsCase;
  it('agree to 1e-12, with and without weights', () => {
    expect(accuracyScore(c.yTrue, c.yPred)).toBeCloseTo(c.accuracy, 12);
    expect(accuracyScore(c.yTrue, c.yPred, { sampleWeight: c.weights })).toBeCloseTo(c.accuracyWeighted, 12);
    expect(accuracyScore(c.yTrue, c.yPred, { normalize: false })).toBe(c.accuracyCount);
    expect(r2Score(c.rTrue, c.rPred)).toBeCloseTo(c.r2, 12);
    expect(r2Score(c.rTrue, c.rPred, { sampleWeight: c.rWeights })).toBeCloseTo(c.r2Weighted, 12);
    expect(meanSquaredError(c.rTrue, c.rPred)).toBeCloseTo(c.mse, 12);
    expect(meanSquaredError(c.rTrue, c.rPred, { sampleWeight: c.rWeights })).toBeCloseTo(c.mseWeighted, 12);
  });

  it('r2Score of a constant target follows scikit-learn (1 if perfect, else 0)', () => {
    expect(r2Score([2, 2, 2], [2, 2, 2])).toBe(1);
    expect(r2Score([2, 2, 2], [2, 2, 3])).toBe(0);
  });

  it('reject mismatched lengths, empty input and mixed label kinds', () => {
    expect(() => accuracyScore([1, 2], [1])).toThrow('yTrue has 2 labels but yPred has 1; they must match');
    expect(() => accuracyScore([], [])).toThrow(/empty/);
    expect(() => accuracyScore(['1'], [1])).toThrow(/yTrue holds strings but yPred holds numbers/);
    expect(() => r2Score([1, 2], [1, NaN])).toThrow('yPred[1] is NaN');
    expect(() => meanSquaredError([1, 2], [1])).toThrow('yPred has 1 values but yTrue has 2 rows');
  });
});

/** The seed's loop: for each threshold, predict p ≥ t and count. */
function bruteForce(y: number[], p: number[], t: number) {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  y.forEach((yi, i) => {
    const pred = p[i] >= t ? 1 : 0;
    if (pred === 1 && yi === 1) tp++;
    else if (pred === 1) fp++;
    else if (yi === 1) fn++;
    else tn++;
  });
  return { tp, fp, tn, fn };
}

describe('thresholdSweep (seed 004’s table)', () => {
  it('agrees with the seed’s brute-force loop, ties included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(0, 1), fc.constantFrom(0, 0.1, 0.3, 0.5, 0.5, 0.7, 0.9, 1)), { minLength: 1, maxLength: 40 }),
        fc.array(fc.double({ min: -0.5, max: 1.5, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (pairs, thresholds) => {
          const y = pairs.map((q) => q[0]);
          const p = pairs.map((q) => q[1]);
          const rows = thresholdSweep(y, p, thresholds);
          return rows.every((r, k) => {
            const b = bruteForce(y, p, thresholds[k]);
            return (
              r.truePositive === b.tp &&
              r.falsePositive === b.fp &&
              r.trueNegative === b.tn &&
              r.falseNegative === b.fn &&
              r.predictedPositive === b.tp + b.fp &&
              r.predictedNegative === b.tn + b.fn &&
              Math.abs(r.accuracy - (b.tp + b.tn) / y.length) < 1e-15
            );
          });
        },
      ),
    );
  });

  it('lowering the threshold raises FP and lowers FN (the trade-off seed 004 shows)', () => {
    const y = [0, 0, 0, 1, 0, 1, 1, 0, 1, 1];
    const p = [0.05, 0.2, 0.35, 0.4, 0.45, 0.55, 0.6, 0.65, 0.8, 0.95];
    const rows = thresholdSweep(y, p, [0.7, 0.6, 0.5, 0.4, 0.3]);
    for (let k = 1; k < rows.length; k++) {
      expect(rows[k].falsePositive).toBeGreaterThanOrEqual(rows[k - 1].falsePositive);
      expect(rows[k].falseNegative).toBeLessThanOrEqual(rows[k - 1].falseNegative);
      expect(rows[k].predictedPositive).toBeGreaterThanOrEqual(rows[k - 1].predictedPositive);
    }
    expect(rows[0]).toMatchObject({ threshold: 0.7, truePositive: 2, falsePositive: 0, falseNegative: 3, precision: 1, recall: 0.4 });
    expect(rows[4]).toMatchObject({ falsePositive: 3, falseNegative: 0 }); // 0.35, 0.45, 0.65 are false alarms
  });

  it('precision, recall, F1 and zeroDivision', () => {
    const [row] = thresholdSweep([1, 0, 1], [0.9, 0.6, 0.2], [0.5]);
    expect(row.precision).toBe(0.5);
    expect(row.recall).toBe(0.5);
    expect(row.f1).toBe(0.5);
    const [none] = thresholdSweep([1, 0], [0.3, 0.1], [0.5]);
    expect(none.precision).toBe(0);
    expect(thresholdSweep([1, 0], [0.3, 0.1], [0.5], { zeroDivision: 1 })[0].precision).toBe(1);
  });

  it('takes an n × 2 predictProba matrix, string labels with posLabel, and weights', () => {
    const P = Matrix.from([
      [0.2, 0.8],
      [0.9, 0.1],
    ]);
    const [row] = thresholdSweep(['yes', 'no'], P, [0.5], { posLabel: 'yes' });
    expect(row).toMatchObject({ truePositive: 1, trueNegative: 1 });
    const [w] = thresholdSweep([1, 0, 1], [0.9, 0.6, 0.2], [0.5], { sampleWeight: [2, 1, 3] });
    expect(w).toMatchObject({ truePositive: 2, falsePositive: 1, falseNegative: 3 });
    expect(w.accuracy).toBeCloseTo(2 / 6, 15);
  });

  it('rejects probabilities outside [0, 1], a missing posLabel, more than two classes', () => {
    expect(() => thresholdSweep([0, 1], [0.2, 1.2])).toThrow('probabilities[1] is 1.2; probabilities must lie in [0, 1]');
    expect(() => thresholdSweep(['a', 'b'], [0.2, 0.3])).toThrow(/pass posLabel to say which one is positive/);
    expect(() => thresholdSweep(['a', 'b'], [0.2, 0.3], [0.5], { posLabel: 'c' })).toThrow('posLabel "c" is not one of yTrue\'s labels ("a", "b")');
    expect(() => thresholdSweep([0, 1, 2], [0.2, 0.3, 0.1])).toThrow(/this metric is for two/);
    expect(() => thresholdSweep([0, 1], [0.2])).toThrow('probabilities has 1 values but yTrue has 2; they must match');
    expect(() => thresholdSweep([0, 1], [0.2, 0.4], [NaN])).toThrow(/thresholds\[0\] is NaN/);
  });
});
