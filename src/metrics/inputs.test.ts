import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLogitError } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import { classificationReport, formatFixed } from './classificationReport.js';
import { balancedAccuracyScore, confusionMatrix, matthewsCorrcoef } from './confusion.js';
import { f1Score, fbetaScore, precisionScore, recallScore } from './prf.js';
import { brierScoreLoss, logLoss } from './probabilistic.js';
import { averagePrecisionScore, precisionRecallCurve, rocAucScore, rocCurve } from './ranking.js';
import { explainedVarianceScore, meanAbsoluteError, meanSquaredError, r2Score, rootMeanSquaredError } from './regression.js';

/** Asserts a logit error naming `parameter` with a message matching `message`. */
function expectError(f: () => unknown, parameter: string, message: RegExp | string): void {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(isLogitError(err), String(err)).toBe(true);
  expect((err as { parameter: string }).parameter).toBe(parameter);
  if (typeof message === 'string') expect((err as Error).message).toContain(message);
  else expect((err as Error).message).toMatch(message);
}

describe('bad input: typed errors naming the argument', () => {
  it('length mismatches', () => {
    expectError(() => precisionScore([0, 1, 1], [0, 1]), 'yPred', 'yTrue has 3 labels but yPred has 2');
    expectError(() => rocCurve([0, 1, 1], [0.1, 0.2]), 'yScore', 'yScore has 2 values but yTrue has 3');
    expectError(() => logLoss([0, 1, 1], [[0.5, 0.5]]), 'probabilities', 'probabilities has 1 rows but yTrue has 3');
    expectError(() => f1Score([0, 1], [0, 1], { sampleWeight: [1] }), 'sampleWeight', 'sampleWeight has 1 values but X has 2 rows');
    expectError(() => meanAbsoluteError([1, 2], [1]), 'yPred', 'yPred has 1 values but yTrue has 2 rows');
  });

  it('labels absent from yTrue, posLabel missing', () => {
    expectError(() => confusionMatrix([0, 1], [0, 1], { labels: [5, 6] }), 'labels', 'none of labels (5, 6) occurs in yTrue');
    expectError(() => logLoss([0, 1, 2], [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]], { labels: [0, 1] }), 'yTrue', 'yTrue[2] is 2, which is not in labels [0, 1]');
    expectError(() => rocAucScore([0, 1, 2], [[0.2, 0.3, 0.5], [0.2, 0.3, 0.5], [0.2, 0.3, 0.5]], { multiClass: 'ovr', labels: [0, 1, 3] }), 'labels', 'yTrue contains 2');
    expectError(() => precisionScore(['a', 'b'], ['a', 'b']), 'posLabel', 'posLabel 1 is not one of the labels ("a", "b")');
    expectError(() => recallScore([0, 1], [0, 1], { posLabel: 2 }), 'posLabel', 'posLabel 2 is not one of the labels');
    expectError(() => rocCurve(['a', 'b'], [0.1, 0.2]), 'posLabel', 'pass posLabel');
    expectError(() => brierScoreLoss(['a', 'b'], [0.1, 0.2]), 'posLabel', 'pass posLabel');
    expectError(() => averagePrecisionScore([0, 2], [0.1, 0.2]), 'posLabel', 'posLabel 1 is not one of yTrue\'s labels (0, 2)');
    expectError(() => f1Score([0, 1, 2], [0, 1, 2]), 'average', "average is 'binary'; choose 'macro', 'micro' or 'weighted'");
  });

  it('a single class where a curve or AUC needs two', () => {
    expectError(() => rocCurve([1, 1, 1], [0.1, 0.5, 0.9]), 'yTrue', 'yTrue has no negative samples');
    expectError(() => rocAucScore([0, 0], [0.1, 0.5]), 'yTrue', 'yTrue has only the class 0; ROC AUC needs both classes');
    expectError(() => precisionRecallCurve([0, 0], [0.1, 0.5]), 'yTrue', 'yTrue has no positive samples');
    expectError(() => rocCurve([0, 1, 1], [0.1, 0.5, 0.9], { sampleWeight: [0, 1, 1] }), 'yTrue', 'no negative samples (with positive weight)');
    expectError(() => logLoss([1, 1], [0.9, 0.8]), 'labels', 'yTrue contains only the label 1; pass labels');
    expect(logLoss([1, 1], [0.9, 0.8], { labels: [0, 1] })).toBeCloseTo(-(Math.log(0.9) + Math.log(0.8)) / 2, 15);
    expectError(
      () => rocAucScore([0, 1, 1], [[0.2, 0.3, 0.5], [0.2, 0.3, 0.5], [0.2, 0.3, 0.5]], { multiClass: 'ovr', labels: [0, 1, 2] }),
      'yTrue',
      'class 2 has no samples in yTrue',
    );
  });

  it('probabilities outside [0, 1] or rows not summing to 1', () => {
    expectError(() => logLoss([0, 1], [0.5, 1.5]), 'probabilities', 'probabilities[1] is 1.5; probabilities must lie in [0, 1]');
    expectError(() => logLoss([0, 1], [[0.5, 0.6], [0.2, 0.8]]), 'probabilities', 'row 0 of probabilities sums to 1.1, not 1');
    expectError(() => logLoss([0, 1], Matrix.from([[-0.1, 1.1], [0.2, 0.8]])), 'probabilities', 'probabilities[0][0] is -0.1');
    expectError(() => brierScoreLoss([0, 1], [0.5, -1]), 'probabilities', 'probabilities[1] is -1');
    expectError(() => rocAucScore([0, 1, 2], [[1, 2, 3], [1, 2, 3], [1, 2, 3]], { multiClass: 'ovr' }), 'yScore', /yScore\[0\]\[1\] is 2|sums to/);
    expectError(() => rocAucScore([0, 1, 2], [[0.2, 0.3, 0.5], [0.2, 0.3, 0.5], [0.2, 0.3, 0.5]]), 'multiClass', "pass multiClass: 'ovr' or 'ovo'");
    expectError(() => rocCurve([0, 1], [0.1, NaN]), 'yScore', 'yScore[1] is NaN');
  });

  it('bad options', () => {
    expectError(() => f1Score([0, 1], [0, 1], { average: 'samples' as never }), 'average', /option average must be one of/);
    expectError(() => precisionScore([0, 1], [0, 1], { zeroDivision: 0.5 as never }), 'zeroDivision', 'option zeroDivision must be 0 or 1');
    expectError(() => fbetaScore([0, 1], [0, 1], { beta: -1 }), 'beta', 'option beta must be a number ≥ 0; received -1');
    expectError(() => confusionMatrix([0, 1], [0, 1], { normalize: 'rows' as never }), 'normalize', /option normalize must be one of "true", "pred", "all"/);
    expectError(() => rocAucScore([0, 1], [0.1, 0.9], { maxFpr: 0 }), 'maxFpr', /option maxFpr must be in/);
    expectError(() => classificationReport([0, 1], [0, 1], { targetNames: ['a'] }), 'targetNames', 'targetNames has 1 names but there are 2 labels');
    expectError(() => rocCurve([0, 1], [0.1, 0.9], { drop: true } as never), 'drop', /rocCurve has no option "drop"/);
  });

  it('never mutate inputs', () => {
    const y = [1, 0, 1, 0];
    const p = [0.9, 0.1, 0.4, 0.6];
    const P = [[0.1, 0.9], [0.9, 0.1], [0.6, 0.4], [0.4, 0.6]];
    const w = [1, 2, 3, 4];
    rocCurve(y, p, { sampleWeight: w });
    logLoss(y, P, { sampleWeight: w });
    precisionRecallCurve(y, p);
    expect([y, p, P, w]).toEqual([[1, 0, 1, 0], [0.9, 0.1, 0.4, 0.6], [[0.1, 0.9], [0.9, 0.1], [0.6, 0.4], [0.4, 0.6]], [1, 2, 3, 4]]);
  });
});

describe('properties', () => {
  const pairs = fc.array(fc.tuple(fc.constantFrom(0, 1), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 3 })), { minLength: 2, maxLength: 50 });

  it('AUC equals the Mann–Whitney probability P(score⁺ > score⁻) + ½P(tie), weighted by pairs', () => {
    fc.assert(
      fc.property(pairs, (rows) => {
        const y = rows.map((r) => r[0]);
        fc.pre(y.includes(0) && y.includes(1));
        const s = rows.map((r) => r[1] / 10);
        const w = rows.map((r) => r[2]);
        let num = 0;
        let den = 0;
        rows.forEach((a, i) =>
          rows.forEach((b, j) => {
            if (a[0] !== 1 || b[0] !== 0) return;
            const ww = w[i] * w[j];
            den += ww;
            num += ww * (s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0);
          }),
        );
        expect(rocAucScore(y, s, { sampleWeight: w })).toBeCloseTo(num / den, 12);
      }),
    );
  });

  it('ROC curve: starts at (0,0), ends at (1,1), monotone; dropping intermediate points keeps the area', () => {
    fc.assert(
      fc.property(pairs, (rows) => {
        const y = rows.map((r) => r[0]);
        fc.pre(y.includes(0) && y.includes(1));
        const s = rows.map((r) => r[1] / 10);
        const a = rocCurve(y, s);
        const b = rocCurve(y, s, { dropIntermediate: false });
        for (const c of [a, b]) {
          expect([c.fpr[0], c.tpr[0], c.fpr[c.fpr.length - 1], c.tpr[c.tpr.length - 1]]).toEqual([0, 0, 1, 1]);
          for (let k = 1; k < c.fpr.length; k++) {
            expect(c.fpr[k]).toBeGreaterThanOrEqual(c.fpr[k - 1]);
            expect(c.tpr[k]).toBeGreaterThanOrEqual(c.tpr[k - 1]);
            expect(c.thresholds[k]).toBeLessThan(c.thresholds[k - 1]);
          }
        }
        const area = (c: { fpr: Float64Array; tpr: Float64Array }) => c.fpr.reduce((acc, x, k) => (k === 0 ? 0 : acc + ((x - c.fpr[k - 1]) * (c.tpr[k] + c.tpr[k - 1])) / 2), 0);
        expect(area(a)).toBeCloseTo(area(b), 12);
      }),
    );
  });

  it('confusion matrix: entries sum to the total weight; normalize "true" rows sum to 1; F1 is the harmonic mean; MCC in [−1, 1]', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.constantFrom('a', 'b', 'c'), fc.double({ min: 0.1, max: 3, noNaN: true })), { minLength: 1, maxLength: 40 }), (rows) => {
        const yt = rows.map((r) => r[0]);
        const yp = rows.map((r) => r[1]);
        const w = rows.map((r) => r[2]);
        const C = confusionMatrix(yt, yp, { sampleWeight: w });
        expect(C.data.reduce((s, x) => s + x, 0)).toBeCloseTo(w.reduce((s, x) => s + x, 0), 10);
        const N = confusionMatrix(yt, yp, { normalize: 'true' });
        for (let i = 0; i < N.rows; i++) {
          const s = N.row(i).reduce((acc, x) => acc + x, 0);
          expect(s === 0 || Math.abs(s - 1) < 1e-12).toBe(true);
        }
        const p = precisionScore(yt, yp, { average: null });
        const r = recallScore(yt, yp, { average: null });
        const f = f1Score(yt, yp, { average: null });
        for (let k = 0; k < f.length; k++) expect(f[k]).toBeCloseTo(p[k] + r[k] === 0 ? 0 : (2 * p[k] * r[k]) / (p[k] + r[k]), 12);
        const m = matthewsCorrcoef(yt, yp, { sampleWeight: w });
        expect(m >= -1 - 1e-12 && m <= 1 + 1e-12).toBe(true);
        const ba = balancedAccuracyScore(yt, yp);
        expect(ba >= 0 && ba <= 1).toBe(true);
      }),
    );
  });

  it('RMSE² = MSE; explained variance equals R² when the residuals have mean 0, ignores a constant bias', () => {
    const y = [1, 4, 2, 8, 5];
    const p = [1.5, 3.5, 2.5, 7, 6];
    expect(rootMeanSquaredError(y, p) ** 2).toBeCloseTo(meanSquaredError(y, p), 14);
    expect(meanSquaredError(y, p)).toBeCloseTo(0.55, 14);
    expect(explainedVarianceScore(y, p.map((v) => v + 10))).toBeCloseTo(explainedVarianceScore(y, p), 13);
    const centred = p.map((v) => v - 0.1); // the residuals y − p have mean −0.1
    expect(explainedVarianceScore(y, centred)).toBeCloseTo(r2Score(y, centred), 14);
    expect(explainedVarianceScore(y, p)).toBeGreaterThan(r2Score(y, p));
  });

  it('formatFixed rounds exact ties half to even like Python, everything else like toFixed', () => {
    expect([0.125, 0.375, 0.625, 0.875, 2.5, 0.105, 0.115].map((x) => formatFixed(x, 2))).toEqual(['0.12', '0.38', '0.62', '0.88', '2.50', '0.10', '0.12']);
    expect(formatFixed(0.5, 0)).toBe('0');
    expect(formatFixed(1.5, 0)).toBe('2');
    expect(formatFixed(0.0625, 3)).toBe('0.062');
  });
});

describe('one-vs-one AUC with weights (logit’s extension)', () => {
  it('is the mean over pairs of the two directed weighted AUCs on the pair’s rows', () => {
    const y = [0, 1, 2, 0, 1, 2, 0, 1, 2, 1, 0, 2];
    const raw = y.map((c, i) => [1 + (c === 0 ? 0.3 : 0) + ((i * 7) % 5) / 5, 1 + (c === 1 ? 0.3 : 0) + ((i * 3) % 4) / 4, 1 + (c === 2 ? 0.3 : 0) + ((i * 5) % 3) / 3]);
    const P = raw.map((r) => r.map((v) => v / (r[0] + r[1] + r[2])));
    const w = y.map((_, i) => 0.5 + (i % 3));
    let sum = 0;
    for (const [a, b] of [[0, 1], [0, 2], [1, 2]]) {
      const rows = y.map((c, i) => (c === a || c === b ? i : -1)).filter((i) => i >= 0);
      const sw = rows.map((i) => w[i]);
      const ab = rocAucScore(rows.map((i) => (y[i] === a ? 1 : 0)), rows.map((i) => P[i][a]), { sampleWeight: sw });
      const ba = rocAucScore(rows.map((i) => (y[i] === b ? 1 : 0)), rows.map((i) => P[i][b]), { sampleWeight: sw });
      sum += (ab + ba) / 2;
    }
    expect(rocAucScore(y, P, { multiClass: 'ovo', sampleWeight: w })).toBeCloseTo(sum / 3, 14);
    expect(rocAucScore(y, P, { multiClass: 'ovo' })).not.toBe(rocAucScore(y, P, { multiClass: 'ovo', sampleWeight: w }));
  });
});
