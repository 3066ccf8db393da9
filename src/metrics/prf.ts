import { LogitRangeError, describe } from '../core/errors.js';
import * as check from '../core/options.js';
import { asLabels, uniqueLabels, type Label } from '../core/validate.js';
import { pairedLabels, weights } from './inputs.js';

/** How per-label scores are combined: 'binary' reports posLabel only. null returns per-label arrays. */
export type Average = 'binary' | 'micro' | 'macro' | 'weighted';

export interface PrfOptions {
  /** 'binary' (default; the score of posLabel), 'micro' (global counts), 'macro' (unweighted mean over labels), 'weighted' (mean weighted by support), or null (one score per label). */
  average?: Average | null;
  /** The positive label for average 'binary' (default 1, or true for booleans). */
  posLabel?: Label;
  /** Labels to score and their order (default the sorted labels of yTrue ∪ yPred). */
  labels?: ArrayLike<Label>;
  sampleWeight?: ArrayLike<number>;
  /** Value of a precision or recall whose denominator is 0: 0 (default, scikit-learn's 'warn' without the warning) or 1. */
  zeroDivision?: 0 | 1;
}

/** Per-label precision, recall, F-beta and support (weighted count of each label in yTrue). */
export interface PrfSupport {
  labels: Label[];
  precision: Float64Array;
  recall: Float64Array;
  fbeta: Float64Array;
  support: Float64Array;
}

interface Counts {
  labels: Label[];
  tp: Float64Array;
  pred: Float64Array;
  truth: Float64Array;
}

const KNOWN = ['average', 'posLabel', 'labels', 'sampleWeight', 'zeroDivision'];

function counts(a: Label[], b: Label[], labels: Label[], sw: Float64Array | null): Counts {
  const K = labels.length;
  const index = new Map<Label, number>();
  labels.forEach((l, k) => index.set(l, k));
  const tp = new Float64Array(K);
  const pred = new Float64Array(K);
  const truth = new Float64Array(K);
  for (let i = 0; i < a.length; i++) {
    const w = sw === null ? 1 : sw[i];
    const r = index.get(a[i]);
    const c = index.get(b[i]);
    if (r !== undefined) truth[r] += w;
    if (c !== undefined) pred[c] += w;
    if (r !== undefined && r === c) tp[r] += w;
  }
  return { labels, tp, pred, truth };
}

/** The labels to score: [posLabel] for 'binary' (scikit-learn's _check_set_wise_labels), else the given or present labels. */
function setWiseLabels(a: Label[], b: Label[], average: Average | null, posLabelOpt: unknown, labelsOpt: unknown): Label[] {
  const present = uniqueLabels([...a, ...b]);
  if (average === 'binary') {
    if (present.length > 2) {
      throw new LogitRangeError(
        `yTrue and yPred hold ${present.length} labels (${present.map(describe).join(', ')}) but average is 'binary'; choose 'macro', 'micro' or 'weighted'`,
        { parameter: 'average', value: average },
      );
    }
    const pos = (posLabelOpt as Label | undefined) ?? (typeof a[0] === 'boolean' ? true : 1);
    if (present.length === 2 && !present.includes(pos)) {
      throw new LogitRangeError(`posLabel ${describe(pos)} is not one of the labels (${present.map(describe).join(', ')}); pass posLabel`, {
        parameter: 'posLabel',
        value: pos,
      });
    }
    return [pos];
  }
  if (labelsOpt === undefined || labelsOpt === null) return present;
  const labels = asLabels(labelsOpt, 'labels');
  if (labels.length === 0) throw new LogitRangeError('labels is empty; pass at least one label', { parameter: 'labels' });
  if (new Set(labels).size !== labels.length) throw new LogitRangeError('labels has repeated entries', { parameter: 'labels' });
  return labels;
}

/**
 * Precision, recall, F-beta and support, scikit-learn's `precision_recall_fscore_support`. Per
 * label l: precision = TP/(TP + FP) = TPₗ / Σ sᵢ[ŷᵢ = l], recall = TP/(TP + FN) = TPₗ / Σ sᵢ[yᵢ = l],
 * Fβ = (1 + β²)·P·R / (β²·P + R) (0 when that denominator is 0), each 0/0 replaced by
 * `zeroDivision`. 'micro' pools the counts first (equal to accuracy when every label is
 * scored); 'macro' averages per-label scores; 'weighted' averages them weighted by support.
 * β = Infinity gives recall. Cost: O(n + K).
 */
export function precisionRecallFscoreSupport(
  yTrue: ArrayLike<Label>,
  yPred: ArrayLike<Label>,
  options: PrfOptions & { beta?: number } = {},
): { precision: number; recall: number; fbeta: number } | PrfSupport {
  const o = check.rejectUnknownOptions(options, [...KNOWN, 'beta'], 'precisionRecallFscoreSupport');
  const [a, b] = pairedLabels(yTrue, yPred);
  const sw = weights(o.sampleWeight, a.length);
  const beta = o.beta === undefined ? 1 : (o.beta as number);
  if (typeof beta !== 'number' || !(beta >= 0)) {
    throw new LogitRangeError(`option beta must be a number ≥ 0; received ${describe(beta)}`, { parameter: 'beta', value: beta });
  }
  const average: Average | null = o.average === null ? null : check.oneOf(o, 'average', ['binary', 'micro', 'macro', 'weighted'] as const, 'binary');
  if (o.zeroDivision !== undefined && o.zeroDivision !== 0 && o.zeroDivision !== 1) {
    throw new LogitRangeError(`option zeroDivision must be 0 or 1; received ${describe(o.zeroDivision)}`, { parameter: 'zeroDivision', value: o.zeroDivision });
  }
  const zd = (o.zeroDivision as number | undefined) ?? 0;
  const labels = setWiseLabels(a, b, average, o.posLabel, o.labels);
  const c = counts(a, b, labels, sw);
  let { tp, pred, truth } = c;
  if (average === 'micro') {
    const sum = (v: Float64Array): Float64Array => Float64Array.of(v.reduce((x, y) => x + y, 0));
    tp = sum(tp);
    pred = sum(pred);
    truth = sum(truth);
  }
  const K = tp.length;
  const precision = new Float64Array(K);
  const recall = new Float64Array(K);
  const fbeta = new Float64Array(K);
  const beta2 = beta * beta;
  for (let k = 0; k < K; k++) {
    precision[k] = pred[k] === 0 ? zd : tp[k] / pred[k];
    recall[k] = truth[k] === 0 ? zd : tp[k] / truth[k];
    if (beta === Infinity) fbeta[k] = recall[k];
    else {
      const denom = beta2 * precision[k] + recall[k];
      fbeta[k] = ((1 + beta2) * precision[k] * recall[k]) / (denom === 0 ? 1 : denom);
    }
  }
  if (average === null) return { labels, precision, recall, fbeta, support: truth };
  if (average === 'weighted') {
    const total = truth.reduce((x, y) => x + y, 0);
    if (total === 0) {
      // scikit-learn's convention when no scored label occurs in yTrue.
      const predTotal = pred.reduce((x, y) => x + y, 0);
      return predTotal === 0 ? { precision: zd, recall: zd, fbeta: zd } : { precision: 0, recall: zd, fbeta: 0 };
    }
    const avg = (v: Float64Array): number => {
      let s = 0;
      for (let k = 0; k < K; k++) s += v[k] * truth[k];
      return s / total;
    };
    return { precision: avg(precision), recall: avg(recall), fbeta: avg(fbeta) };
  }
  const mean = (v: Float64Array): number => v.reduce((x, y) => x + y, 0) / K;
  return { precision: mean(precision), recall: mean(recall), fbeta: mean(fbeta) };
}

type Result<O> = O extends { average: null } ? Float64Array : number;

function pick<O extends PrfOptions>(owner: string, yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>, options: O, beta: number, field: 'precision' | 'recall' | 'fbeta'): Result<O> {
  check.rejectUnknownOptions(options, KNOWN, owner);
  const r = precisionRecallFscoreSupport(yTrue, yPred, { ...options, beta });
  return (('labels' in r && Array.isArray(r.labels)) ? (r as PrfSupport)[field] : (r as { [k: string]: number })[field]) as Result<O>;
}

/** Precision TP/(TP + FP): of the samples predicted l, the fraction that are l. See precisionRecallFscoreSupport. Cost: O(n + K). */
export function precisionScore<O extends PrfOptions>(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>, options: O = {} as O): Result<O> {
  return pick('precisionScore', yTrue, yPred, options, 1, 'precision');
}

/** Recall (sensitivity, true positive rate) TP/(TP + FN): of the samples that are l, the fraction predicted l. Cost: O(n + K). */
export function recallScore<O extends PrfOptions>(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>, options: O = {} as O): Result<O> {
  return pick('recallScore', yTrue, yPred, options, 1, 'recall');
}

/** F1 = 2·P·R/(P + R) = 2TP/(2TP + FP + FN), the harmonic mean of precision and recall. Cost: O(n + K). */
export function f1Score<O extends PrfOptions>(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>, options: O = {} as O): Result<O> {
  return pick('f1Score', yTrue, yPred, options, 1, 'fbeta');
}

/** Fβ = (1 + β²)·P·R/(β²·P + R): recall counts β times as much as precision. Cost: O(n + K). */
export function fbetaScore<O extends PrfOptions>(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>, options: O & { beta: number }): Result<O> {
  const { beta, ...rest } = options as O & { beta: number };
  if (beta === undefined) throw new LogitRangeError('fbetaScore needs option beta (β ≥ 0)', { parameter: 'beta' });
  return pick('fbetaScore', yTrue, yPred, rest as unknown as O, beta, 'fbeta');
}
