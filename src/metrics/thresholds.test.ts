import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadBreastCancer } from '../datasets/index.js';
import { LogisticRegression } from '../models/logisticRegression.js';
import { calibrationCurve } from './calibrationCurve.js';
import { confusionMatrix } from './confusion.js';
import { thresholdSweep } from './thresholdSweep.js';
import { tuneThreshold, type ThresholdObjective } from './tuneThreshold.js';

/** Brute force: every distinct score as threshold, counts by a direct loop, predict p ≥ t. */
function brute(y: number[], p: number[], w: number[] | null, objective: ThresholdObjective) {
  const ts = [...new Set(p)].sort((a, b) => b - a); // descending: ties go to the first (largest)
  let P = 0;
  let N = 0;
  y.forEach((v, i) => (v === 1 ? (P += w ? w[i] : 1) : (N += w ? w[i] : 1)));
  let best: { t: number; value: number } | null = null;
  for (const t of ts) {
    let tp = 0;
    let fp = 0;
    y.forEach((v, i) => {
      if (p[i] >= t) {
        if (v === 1) tp += w ? w[i] : 1;
        else fp += w ? w[i] : 1;
      }
    });
    const fn = P - tp;
    let value: number;
    let feasible = true;
    if (objective === 'f1') value = (2 * tp) / (2 * tp + fp + fn);
    else if (objective === 'youden') value = tp / P - fp / N;
    else if ('costFalsePositive' in objective) value = -(objective.costFalsePositive * fp + objective.costFalseNegative * fn);
    else if ('minRecall' in objective) {
      feasible = tp / P >= objective.minRecall;
      value = t; // the largest feasible threshold
    } else {
      feasible = fp / N <= objective.maxFalsePositiveRate;
      value = -t; // the smallest feasible threshold
    }
    if (feasible && (best === null || value > best.value)) best = { t, value };
  }
  return best;
}

const objectives: ThresholdObjective[] = [
  'f1',
  'youden',
  { costFalsePositive: 1, costFalseNegative: 5 },
  { costFalsePositive: 3, costFalseNegative: 1 },
  { minRecall: 0.9 },
  { minRecall: 0.5 },
  { maxFalsePositiveRate: 0.1 },
  { maxFalsePositiveRate: 0.3 },
];

describe('tuneThreshold', () => {
  it('returns the brute-force optimum over all distinct scores (ties to the largest threshold), integer weights included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(0, 1), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 3 })), { minLength: 2, maxLength: 40 }),
        fc.boolean(),
        (rows, weighted) => {
          const y = rows.map((r) => r[0]);
          fc.pre(y.includes(0) && y.includes(1));
          const p = rows.map((r) => r[1] / 20);
          const w = weighted ? rows.map((r) => r[2]) : null;
          for (const objective of objectives) {
            const b = brute(y, p, w, objective);
            const run = () => tuneThreshold(y, p, { objective, ...(w ? { sampleWeight: w } : {}) });
            if (b === null) {
              expect(run).toThrow(/no threshold meets the constraint/);
              continue;
            }
            const r = run();
            expect(r.threshold, JSON.stringify(objective)).toBe(b.t);
            expect(r.candidates).toBe(new Set(p).size);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reports the metrics at the threshold exactly as thresholdSweep and predict(threshold) count them', () => {
    const { X, y } = loadBreastCancer();
    const model = new LogisticRegression({ C: 0.05, maxIter: 2000 }).fit(X, y);
    const P = model.predictProba(X);
    for (const objective of objectives) {
      const r = tuneThreshold(y, P, { objective });
      const [row] = thresholdSweep(y, P, [r.threshold]);
      const { objectiveValue, candidates, ...metrics } = r;
      expect(metrics).toEqual(row);
      expect(candidates).toBeGreaterThan(1);
      const C = confusionMatrix(y, model.predict(X, { threshold: r.threshold }));
      expect([C.get(0, 0), C.get(0, 1), C.get(1, 0), C.get(1, 1)]).toEqual([r.trueNegative, r.falsePositive, r.falseNegative, r.truePositive]);
      if (objective === 'f1') expect(objectiveValue).toBe(r.f1);
      if (objective === 'youden') expect(objectiveValue).toBeCloseTo(r.recall - r.falsePositiveRate, 15);
      if (typeof objective === 'object' && 'minRecall' in objective) expect(r.recall).toBeGreaterThanOrEqual(objective.minRecall);
      if (typeof objective === 'object' && 'maxFalsePositiveRate' in objective) expect(r.falsePositiveRate).toBeLessThanOrEqual(objective.maxFalsePositiveRate);
    }
    // F1 at the tuned threshold is at least F1 at 0.5 (the default rule).
    const [half] = thresholdSweep(y, P, [0.5]);
    expect(tuneThreshold(y, P).f1).toBeGreaterThanOrEqual(half.f1);
  });

  it('real-valued weights: the optimum value matches brute force', () => {
    const y = [0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0];
    const p = [0.1, 0.8, 0.35, 0.4, 0.9, 0.2, 0.65, 0.55, 0.35, 0.5, 0.7, 0.05];
    const w = [0.3, 1.7, 0.9, 2.2, 0.4, 1.1, 0.6, 1.3, 0.8, 0.5, 1.9, 0.7];
    for (const objective of ['f1', 'youden', { costFalsePositive: 2, costFalseNegative: 1 }] as ThresholdObjective[]) {
      const b = brute(y, p, w, objective)!;
      const r = tuneThreshold(y, p, { objective, sampleWeight: w });
      const sign = typeof objective === 'object' ? -1 : 1;
      expect(sign * r.objectiveValue).toBeCloseTo(b.value, 14);
    }
  });

  it('errors name the argument', () => {
    expect(() => tuneThreshold([0, 1], [0.2, 0.7], { objective: 'f2' as never })).toThrow(/option objective must be 'f1', 'youden'/);
    expect(() => tuneThreshold([0, 1], [0.2, 0.7], { objective: { minRecall: 1.5 } })).toThrow('option minRecall must be in [0, 1]; received 1.5');
    expect(() => tuneThreshold([0, 1], [0.2, 0.7], { objective: { minPrecision: 0.5 } as never })).toThrow(/objective \{minPrecision\} is not one of/);
    expect(() => tuneThreshold([0, 0], [0.2, 0.7])).toThrow(/yTrue has no positive samples/);
    expect(() => tuneThreshold([1, 1], [0.2, 0.7], { objective: 'youden' })).toThrow(/yTrue has no negative samples/);
    expect(() => tuneThreshold([0, 1, 0], [0.9, 0.7, 0.1], { objective: { maxFalsePositiveRate: 0.2 } })).toThrow(/no threshold meets the constraint.*false positive rate of 0.5/);
    expect(() => tuneThreshold([0, 1], [0.2, 1.7])).toThrow('probabilities[1] is 1.7; probabilities must lie in [0, 1]');
  });
});

describe('thresholdSweep extensions', () => {
  it("'distinct' gives one row per distinct probability, ascending, with FPR and specificity", () => {
    const y = [0, 1, 1, 0, 1];
    const p = [0.2, 0.8, 0.2, 0.5, 0.9];
    const rows = thresholdSweep(y, p, 'distinct');
    expect(rows.map((r) => r.threshold)).toEqual([0.2, 0.5, 0.8, 0.9]);
    expect(rows[1]).toMatchObject({ truePositive: 2, falsePositive: 1, trueNegative: 1, falseNegative: 1, falsePositiveRate: 0.5, specificity: 0.5 });
    for (const r of rows) expect(r.falsePositiveRate + r.specificity).toBe(1);
  });
});

describe('calibrationCurve', () => {
  it('integer weights equal repeated rows (uniform bins)', () => {
    const y = [0, 1, 1, 0, 1, 0, 1, 1];
    const p = [0.1, 0.85, 0.3, 0.45, 0.66, 0.05, 0.99, 0.52];
    const w = [2, 1, 3, 1, 2, 1, 1, 4];
    const yr = y.flatMap((v, i) => Array(w[i]).fill(v));
    const pr = p.flatMap((v, i) => Array(w[i]).fill(v));
    const a = calibrationCurve(y, p, { nBins: 4, sampleWeight: w });
    const b = calibrationCurve(yr, pr, { nBins: 4 });
    expect(Array.from(a.probTrue)).toEqual(Array.from(b.probTrue));
    for (let k = 0; k < a.probPred.length; k++) expect(a.probPred[k]).toBeCloseTo(b.probPred[k], 15);
    expect(Array.from(a.counts)).toEqual(Array.from(b.counts));
    expect(a.counts.reduce((s, c) => s + c, 0)).toBe(15);
  });

  it('a calibrated model’s bins: probPred within each bin’s edges, probTrue a fraction', () => {
    const y = Array.from({ length: 50 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const p = Array.from({ length: 50 }, (_, i) => (i * 0.37) % 1);
    const c = calibrationCurve(y, p, { nBins: 7, strategy: 'quantile' });
    expect(c.edges.length).toBe(8);
    for (const v of c.probTrue) expect(v >= 0 && v <= 1).toBe(true);
    expect(c.counts.reduce((s, x) => s + x, 0)).toBe(50);
    expect(() => calibrationCurve(y, p, { strategy: 'kmeans' as never })).toThrow(/option strategy must be one of "uniform", "quantile"/);
    expect(() => calibrationCurve(y, p, { nBins: 0 })).toThrow('option nBins must be an integer ≥ 1; received 0');
    expect(() => calibrationCurve([0, 1, 2], [0.1, 0.2, 0.3])).toThrow(/this metric is for two/);
  });
});
