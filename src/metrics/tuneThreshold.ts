import { LogitRangeError, LogitTypeError, describe } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import * as check from '../core/options.js';
import { asLabels, type Label } from '../core/validate.js';
import { binaryTargets, positiveProbabilities, weights } from './inputs.js';
import { binaryClfCurve } from './ranking.js';
import type { ThresholdRow } from './thresholdSweep.js';

/** What tuneThreshold optimises. */
export type ThresholdObjective =
  | 'f1'
  | 'youden'
  | { costFalsePositive: number; costFalseNegative: number }
  | { minRecall: number }
  | { maxFalsePositiveRate: number };

export interface TuneThresholdOptions {
  /** Default 'f1'. */
  objective?: ThresholdObjective;
  /** The positive label (default 1 for 0/1 labels, true for booleans; required for other labels). */
  posLabel?: Label;
  sampleWeight?: ArrayLike<number>;
}

/** The chosen threshold, the value of the objective there, and the whole threshold-table row. */
export interface TunedThreshold extends ThresholdRow {
  /** F1, Youden's J, the total cost (lower is better), or for constraints the precision (minRecall) or recall (maxFalsePositiveRate). */
  objectiveValue: number;
  /** Number of candidate thresholds examined (the distinct probabilities). */
  candidates: number;
}

/**
 * Picks a decision threshold for binary probabilities. The rule is logit's everywhere: predict
 * positive when p ≥ threshold, as `LogisticRegression`'s `threshold` option and `predict`
 * do, so `model.threshold = tuneThreshold(y, model.predictProba(X)).threshold` reproduces the
 * counts reported here. The candidates are the distinct probabilities in `probabilities`, each
 * giving a different set of positive predictions; the threshold returned is one of them.
 *
 *   'f1'                        maximise F1 = 2TP/(2TP + FP + FN)
 *   'youden'                    maximise J = TP/P − FP/N (sensitivity + specificity − 1)
 *   { costFalsePositive: a,     minimise a·FP + b·FN (weighted counts)
 *     costFalseNegative: b }
 *   { minRecall: r }            the largest threshold with recall TP/P ≥ r: the fewest false
 *                               positives that still catch a fraction r of the positives
 *   { maxFalsePositiveRate: f } the smallest threshold with FP/N ≤ f: the most true positives
 *                               that keep the false alarm rate at or below f
 *
 * Ties in the objective go to the largest threshold (fewest positive predictions). A constraint
 * no candidate meets is an error. Counts are weighted by sampleWeight. Cost: O(n log n).
 */
export function tuneThreshold(
  yTrue: ArrayLike<Label>,
  probabilities: ArrayLike<number> | ArrayLike<ArrayLike<number>> | Matrix,
  options: TuneThresholdOptions = {},
): TunedThreshold {
  const o = check.rejectUnknownOptions(options, ['objective', 'posLabel', 'sampleWeight'], 'tuneThreshold');
  const labels = asLabels(yTrue, 'yTrue');
  if (labels.length === 0) throw new LogitRangeError('yTrue is empty; tuneThreshold needs at least one sample', { parameter: 'yTrue' });
  const { y } = binaryTargets(labels, o.posLabel as Label | undefined);
  const p = positiveProbabilities(probabilities, labels.length);
  const sw = weights(o.sampleWeight, labels.length);
  const objective = checkObjective(o.objective);
  // fps[k], tps[k]: weighted negatives / positives with p ≥ thresholds[k]; thresholds descending.
  const { fps, tps, thresholds } = binaryClfCurve(y, p, sw);
  const m = thresholds.length;
  const P = tps[m - 1];
  const N = fps[m - 1];
  const needBoth = objective === 'youden' || (typeof objective === 'object' && 'maxFalsePositiveRate' in objective);
  if (!(P > 0) || (needBoth && !(N > 0))) {
    throw new LogitRangeError(`tuneThreshold: yTrue has no ${P > 0 ? 'negative' : 'positive'} samples (with positive weight); this objective needs both classes`, {
      parameter: 'yTrue',
    });
  }
  let best = -1;
  let bestValue = NaN;
  if (typeof objective === 'object' && 'minRecall' in objective) {
    // Recall grows as the threshold falls: the first (largest) threshold reaching minRecall.
    for (let k = 0; k < m && best < 0; k++) if (tps[k] / P >= objective.minRecall) best = k;
    if (best >= 0) bestValue = precisionAt(tps[best], fps[best]);
  } else if (typeof objective === 'object' && 'maxFalsePositiveRate' in objective) {
    // FPR grows as the threshold falls: the last (smallest) threshold keeping FP/N ≤ max.
    for (let k = 0; k < m; k++) {
      if (fps[k] / N <= objective.maxFalsePositiveRate) best = k;
      else break;
    }
    if (best >= 0) bestValue = tps[best] / P;
  } else {
    const score = objectiveFunction(objective, P, N);
    for (let k = 0; k < m; k++) {
      const v = score(tps[k], fps[k]);
      // Strictly better only: among equal values the earliest, i.e. the largest threshold, wins.
      if (best < 0 || v > bestValue) {
        best = k;
        bestValue = v;
      }
    }
    if (typeof objective === 'object') bestValue = -bestValue;
  }
  if (best < 0) {
    throw new LogitRangeError(`tuneThreshold: no threshold meets the constraint ${JSON.stringify(objective)}; even the highest probability gives ${describeFailure(objective, tps[0], fps[0], P, N)}`, {
      parameter: 'objective',
      value: objective,
    });
  }
  const tp = tps[best];
  const fp = fps[best];
  const fn = P - tp;
  const tn = N - fp;
  const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
  return {
    threshold: thresholds[best],
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
    objectiveValue: bestValue,
    candidates: m,
  };
}

function precisionAt(tp: number, fp: number): number {
  return tp + fp === 0 ? 0 : tp / (tp + fp);
}

function describeFailure(objective: ThresholdObjective, tp: number, fp: number, P: number, N: number): string {
  if (typeof objective === 'object' && 'maxFalsePositiveRate' in objective) return `a false positive rate of ${fp / N}`;
  return `a recall of ${tp / P}`;
}

/** The objective to maximise as a function of (TP, FP) at a threshold; costs are negated. */
function objectiveFunction(objective: ThresholdObjective, P: number, N: number): (tp: number, fp: number) => number {
  if (objective === 'f1') return (tp, fp) => (2 * tp) / (2 * tp + fp + (P - tp));
  if (objective === 'youden') return (tp, fp) => tp / P - fp / N;
  if (typeof objective === 'object' && 'costFalsePositive' in objective) {
    const a = objective.costFalsePositive;
    const b = objective.costFalseNegative;
    return (tp, fp) => -(a * fp + b * (P - tp));
  }
  throw new LogitRangeError('constraint objectives have no single objective function', { parameter: 'objective' });
}

function checkObjective(v: unknown): ThresholdObjective {
  if (v === undefined) return 'f1';
  if (v === 'f1' || v === 'youden') return v;
  if (typeof v === 'string') {
    throw new LogitRangeError(`option objective must be 'f1', 'youden', { costFalsePositive, costFalseNegative }, { minRecall } or { maxFalsePositiveRate }; received ${describe(v)}`, {
      parameter: 'objective',
      value: v,
    });
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new LogitTypeError(`option objective must be a string or an object; received ${describe(v)}`, { parameter: 'objective', value: v });
  }
  const keys = Object.keys(v).sort().join(',');
  const o = v as Record<string, unknown>;
  if (keys === 'costFalseNegative,costFalsePositive') {
    check.nonNegative(o, 'costFalsePositive', 0);
    check.nonNegative(o, 'costFalseNegative', 0);
    if ((o.costFalsePositive as number) + (o.costFalseNegative as number) === 0) {
      throw new LogitRangeError('costFalsePositive and costFalseNegative are both 0; every threshold would cost nothing', { parameter: 'objective' });
    }
    return v as ThresholdObjective;
  }
  if (keys === 'minRecall') {
    check.inRange(o, 'minRecall', 0, 0, 1);
    return v as ThresholdObjective;
  }
  if (keys === 'maxFalsePositiveRate') {
    check.inRange(o, 'maxFalsePositiveRate', 0, 0, 1);
    return v as ThresholdObjective;
  }
  throw new LogitRangeError(
    `option objective {${keys}} is not one of { costFalsePositive, costFalseNegative }, { minRecall }, { maxFalsePositiveRate }`,
    { parameter: 'objective', value: v },
  );
}
