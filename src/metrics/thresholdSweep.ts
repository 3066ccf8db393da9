import { LogitRangeError, describe } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import * as check from '../core/options.js';
import { asLabels, asVector, type Label } from '../core/validate.js';
import { argsortAscending } from './argsort.js';
import { binaryTargets, positiveProbabilities, weights } from './inputs.js';

/** Seed 004's threshold table, one row per threshold. Counts are weighted sums when sampleWeight is given. */
export interface ThresholdRow {
  threshold: number;
  /** Predicted positive (p ≥ threshold) and positive. */
  truePositive: number;
  /** Predicted positive but negative: a false alarm. */
  falsePositive: number;
  trueNegative: number;
  /** Predicted negative but positive: a miss. */
  falseNegative: number;
  predictedPositive: number;
  predictedNegative: number;
  accuracy: number;
  /** TP / (TP + FP); `zeroDivision` when nothing is predicted positive. */
  precision: number;
  /** TP / (TP + FN); `zeroDivision` when there are no positives. */
  recall: number;
  /** 2TP / (2TP + FP + FN); `zeroDivision` when that denominator is 0. */
  f1: number;
  /** FP / (FP + TN), the false alarm rate (1 − specificity); `zeroDivision` when there are no negatives. */
  falsePositiveRate: number;
  /** TN / (TN + FP), the true negative rate; `zeroDivision` when there are no negatives. */
  specificity: number;
}

export interface ThresholdSweepOptions {
  /** The positive label (default 1 for 0/1 labels, true for booleans; required for other labels). */
  posLabel?: Label;
  sampleWeight?: ArrayLike<number>;
  /** Value of precision, recall or F1 when its denominator is 0 (default 0, as scikit-learn). */
  zeroDivision?: number;
}

/** The thresholds seed 004 prints, plus the tails: 0.1, 0.2, …, 0.9. */
export const DEFAULT_THRESHOLDS: readonly number[] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/**
 * For each threshold t, predicts positive when p ≥ t and counts true/false positives and
 * negatives, accuracy, precision, recall, F1, false positive rate and specificity: how the
 * threshold trades false alarms (FP) against misses (FN), seed 004's table. Lowering t can only
 * raise TP and FP and lower FN. `probabilities` are the positive class's (an array, or an
 * n × 2 matrix from predictProba). `thresholds` is a list, or 'distinct' for every distinct
 * probability in increasing order (each gives a different table row; see tuneThreshold).
 * Cost: O(n + T log n): one radix sort, then a binary search per threshold.
 */
export function thresholdSweep(
  yTrue: ArrayLike<Label>,
  probabilities: ArrayLike<number> | ArrayLike<ArrayLike<number>> | Matrix,
  thresholds: ArrayLike<number> | 'distinct' = DEFAULT_THRESHOLDS,
  options: ThresholdSweepOptions = {},
): ThresholdRow[] {
  const o = check.rejectUnknownOptions(options, ['posLabel', 'sampleWeight', 'zeroDivision'], 'thresholdSweep');
  const labels = asLabels(yTrue, 'yTrue');
  if (labels.length === 0) throw new LogitRangeError('yTrue is empty; thresholdSweep needs at least one sample', { parameter: 'yTrue' });
  const { y } = binaryTargets(labels, o.posLabel as Label | undefined);
  const p = positiveProbabilities(probabilities, labels.length);
  const ts = thresholds === 'distinct' ? Float64Array.from(new Set(Array.from(p))).sort() : asVector(thresholds, 'thresholds');
  const sw = weights(o.sampleWeight, labels.length);
  const zd = o.zeroDivision === undefined ? 0 : check.inRange(o, 'zeroDivision', 0, 0, 1);
  const n = labels.length;
  const order = argsortAscending(p).reverse(); // decreasing p
  // cumPos[k], cumNeg[k]: weighted positives / negatives among the k highest probabilities.
  const cumPos = new Float64Array(n + 1);
  const cumNeg = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const w = sw === null ? 1 : sw[i];
    cumPos[k + 1] = cumPos[k] + (y[i] === 1 ? w : 0);
    cumNeg[k + 1] = cumNeg[k] + (y[i] === 1 ? 0 : w);
  }
  const P = cumPos[n];
  const N = cumNeg[n];
  const ratio = (a: number, b: number): number => (b === 0 ? zd : a / b);
  const rows: ThresholdRow[] = [];
  for (let t = 0; t < ts.length; t++) {
    const thr = ts[t];
    if (!Number.isFinite(thr)) {
      throw new LogitRangeError(`thresholds[${t}] is ${describe(thr)}; thresholds must be finite`, { parameter: 'thresholds', row: t, value: thr });
    }
    // k = number of samples with p ≥ thr (order is by decreasing p).
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (p[order[mid]] >= thr) lo = mid + 1;
      else hi = mid;
    }
    const tp = cumPos[lo];
    const fp = cumNeg[lo];
    const fn = P - tp;
    const tn = N - fp;
    rows.push({
      threshold: thr,
      truePositive: tp,
      falsePositive: fp,
      trueNegative: tn,
      falseNegative: fn,
      predictedPositive: tp + fp,
      predictedNegative: tn + fn,
      accuracy: (tp + tn) / (P + N),
      precision: ratio(tp, tp + fp),
      recall: ratio(tp, P),
      f1: ratio(2 * tp, 2 * tp + fp + fn),
      falsePositiveRate: ratio(fp, N),
      specificity: ratio(tn, N),
    });
  }
  return rows;
}
