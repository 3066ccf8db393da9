import { LogitRangeError, describe } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import * as check from '../core/options.js';
import { asLabels, compareLabels, uniqueLabels, type Label } from '../core/validate.js';
import { argsortAscending } from './argsort.js';
import { binaryTargets, checkProbabilityRows, isTwoDimensional, scoreMatrix, scoreVector, weights } from './inputs.js';
import { mapTo } from '../core/arrays.js';

/** Scores for one sample each: an array, or an n × 1 / n × 2 matrix (second column taken). */
export type ScoreInput = ArrayLike<number> | ArrayLike<ArrayLike<number>> | Matrix;

/** Cumulative counts at each distinct score, scores descending (scikit-learn's _binary_clf_curve). */
export interface ClfCurve {
  fps: Float64Array;
  tps: Float64Array;
  thresholds: Float64Array;
}

/**
 * For each distinct score t (descending): tps = Σ sᵢ·[yᵢ = 1, scoreᵢ ≥ t], fps likewise for
 * yᵢ = 0 (scikit-learn's _binary_clf_curve). Ties share one point. The order is numpy's
 * `argsort(kind="mergesort")[::-1]` (descending score, ties by descending index), so weighted
 * sums add in scikit-learn's order; the sort is a radix sort (see argsortAscending).
 * Cost: O(n).
 */
export function binaryClfCurve(y: Uint8Array, score: Float64Array, sw: Float64Array | null): ClfCurve {
  const n = y.length;
  const asc = argsortAscending(score);
  const fps = new Float64Array(n);
  const tps = new Float64Array(n);
  const th = new Float64Array(n);
  let m = 0;
  let tp = 0;
  let fp = 0;
  let next = n > 0 ? score[asc[n - 1]] : 0;
  for (let k = 0; k < n; k++) {
    const i = asc[n - 1 - k];
    const v = next;
    if (k < n - 1) next = score[asc[n - 2 - k]];
    const w = sw === null ? 1 : sw[i];
    if (y[i] === 1) tp += w;
    else if (sw !== null) fp += w;
    if (k === n - 1 || next !== v) {
      tps[m] = tp;
      // Unweighted, scikit-learn takes fps = (k + 1) − tps rather than a second cumulative sum.
      fps[m] = sw === null ? k + 1 - tp : fp;
      th[m] = v;
      m++;
    }
  }
  return { fps: fps.slice(0, m), tps: tps.slice(0, m), thresholds: th.slice(0, m) };
}

export interface RocCurveOptions {
  /** The positive label (default 1 for {0,1} / {−1,1} labels, true for booleans; required otherwise). */
  posLabel?: Label;
  sampleWeight?: ArrayLike<number>;
  /** Drop points collinear with their neighbours, which do not change the curve (default true). */
  dropIntermediate?: boolean;
}

export interface RocCurve {
  /** False positive rate FP(t)/N at each threshold, increasing from 0 to 1. */
  fpr: Float64Array;
  /** True positive rate TP(t)/P at each threshold, increasing from 0 to 1. */
  tpr: Float64Array;
  /**
   * Decreasing thresholds: point k predicts positive when score ≥ thresholds[k]. The first is
   * max(score) + 1 (scikit-learn 1.2's convention), so the curve starts at (0, 0).
   */
  thresholds: Float64Array;
}

/**
 * The receiver operating characteristic, scikit-learn's `roc_curve`: for every distinct score t,
 * fpr(t) = FP(t)/N and tpr(t) = TP(t)/P predicting positive when score ≥ t, plus the origin.
 * With `dropIntermediate` a point is kept only where the second difference of fps or tps is
 * non-zero (a corner), which leaves the curve and its area unchanged. yTrue needs both classes.
 * Cost: O(n log n).
 */
export function rocCurve(yTrue: ArrayLike<Label>, yScore: ScoreInput, options: RocCurveOptions = {}): RocCurve {
  const o = check.rejectUnknownOptions(options, ['posLabel', 'sampleWeight', 'dropIntermediate'], 'rocCurve');
  const labels = nonEmptyLabels(yTrue);
  const { y } = binaryTargets(labels, o.posLabel as Label | undefined);
  const s = scoreVector(yScore, labels.length);
  const sw = weights(o.sampleWeight, labels.length);
  return rocFromTargets(y, s, sw, check.bool(o, 'dropIntermediate', true), 'rocCurve');
}

function nonEmptyLabels(yTrue: unknown): Label[] {
  const labels = asLabels(yTrue, 'yTrue');
  if (labels.length === 0) throw new LogitRangeError('yTrue is empty; a metric needs at least one sample', { parameter: 'yTrue' });
  return labels;
}

function rocFromTargets(y: Uint8Array, s: Float64Array, sw: Float64Array | null, drop: boolean, owner: string): RocCurve {
  const c = binaryClfCurve(y, s, sw);
  let { fps, tps, thresholds } = c;
  const m = fps.length;
  if (!(tps[m - 1] > 0) || !(fps[m - 1] > 0)) {
    const missing = tps[m - 1] > 0 ? 'negative' : 'positive';
    throw new LogitRangeError(`${owner}: yTrue has no ${missing} samples (with positive weight); a ROC curve needs both classes`, {
      parameter: 'yTrue',
    });
  }
  if (drop && m > 2) {
    // Keep the ends and every corner: a non-zero second difference of fps or tps.
    let kept = 1;
    for (let k = 1; k < m; k++) {
      if (k === m - 1 || fps[k + 1] - fps[k] - (fps[k] - fps[k - 1]) !== 0 || tps[k + 1] - tps[k] - (tps[k] - tps[k - 1]) !== 0) {
        // Compact in place: kept ≤ k, so nothing still needed is overwritten.
        fps[kept] = fps[k];
        tps[kept] = tps[k];
        thresholds[kept] = thresholds[k];
        kept++;
      }
    }
    fps = fps.subarray(0, kept);
    tps = tps.subarray(0, kept);
    thresholds = thresholds.subarray(0, kept);
  }
  const L = fps.length + 1;
  const fpr = new Float64Array(L);
  const tpr = new Float64Array(L);
  const th = new Float64Array(L);
  const N = fps[fps.length - 1];
  const P = tps[tps.length - 1];
  th[0] = thresholds[0] + 1;
  for (let k = 1; k < L; k++) {
    fpr[k] = fps[k - 1] / N;
    tpr[k] = tps[k - 1] / P;
    th[k] = thresholds[k - 1];
  }
  return { fpr, tpr, thresholds: th };
}

/** Trapezoidal area Σ (xₖ₊₁ − xₖ)(yₖ₊₁ + yₖ)/2 (numpy's trapz) for non-decreasing x. */
function trapezoid(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let k = 0; k + 1 < x.length; k++) s += ((x[k + 1] - x[k]) * (y[k + 1] + y[k])) / 2;
  return s;
}

/** AUC of a binary problem, with scikit-learn's McClish-standardised partial AUC when maxFpr < 1. */
function binaryAuc(y: Uint8Array, s: Float64Array, sw: Float64Array | null, maxFpr: number | null): number {
  const { fpr, tpr } = rocFromTargets(y, s, sw, true, 'rocAucScore');
  if (maxFpr === null || maxFpr === 1) return trapezoid(fpr, tpr);
  // Partial AUC over [0, maxFpr], the curve interpolated linearly at maxFpr, then standardised
  // so a random classifier scores 0.5 and a perfect one 1 (McClish 1989).
  let stop = 0;
  while (stop < fpr.length && fpr[stop] <= maxFpr) stop++;
  const xp = [fpr[stop - 1], fpr[stop]];
  const yp = [tpr[stop - 1], tpr[stop]];
  const t = yp[0] + ((maxFpr - xp[0]) * (yp[1] - yp[0])) / (xp[1] - xp[0]);
  const x = Float64Array.from([...fpr.subarray(0, stop), maxFpr]);
  const yv = Float64Array.from([...tpr.subarray(0, stop), t]);
  const partial = trapezoid(x, yv);
  const minArea = 0.5 * maxFpr * maxFpr;
  const maxArea = maxFpr;
  return 0.5 * (1 + (partial - minArea) / (maxArea - minArea));
}

export type AucAverage = 'macro' | 'weighted' | 'micro' | null;

export interface RocAucOptions {
  /** Multiclass only: 'ovr' (each class against the rest) or 'ovo' (Hand & Till's pairs). Required for K > 2 scores, as scikit-learn. */
  multiClass?: 'ovr' | 'ovo';
  /** How per-class (ovr) or per-pair (ovo) AUCs are combined (default 'macro'); null returns the per-class AUCs (ovr). */
  average?: AucAverage;
  /** The classes, sorted, one per score column (default the sorted labels of yTrue). */
  labels?: ArrayLike<Label>;
  /** Binary only: standardised partial AUC over fpr ∈ [0, maxFpr] (McClish). */
  maxFpr?: number;
  sampleWeight?: ArrayLike<number>;
}

/**
 * Area under the ROC curve, scikit-learn's `roc_auc_score`: the probability that a random
 * positive scores above a random negative (ties count ½), by the trapezoid rule on `rocCurve`.
 * Binary: `yScore` holds the scores of the greater label (classes[1]; any monotone score works,
 * probabilities or decision values), or an n × 2 matrix. Multiclass: an n × K probability
 * matrix (rows sum to 1) and `multiClass`:
 *   'ovr': AUC of each class against the rest, averaged (macro: mean; weighted: by class
 *          prevalence Σ sᵢ[yᵢ = k]; micro: one curve over all n·K (indicator, score) pairs);
 *   'ovo': for each pair (a, b), the mean of AUC(a vs b on P(a)) and AUC(b vs a on P(b)) on the
 *          rows of a or b, averaged (macro: mean; weighted: by the pair's prevalence).
 * scikit-learn has no weighted ovo; logit applies the weights inside each pair (its weighted
 * prevalence and weighted AUCs). Cost: O(K·n log n) for ovr, O(K²·n log n) for ovo.
 */
export function rocAucScore(yTrue: ArrayLike<Label>, yScore: ScoreInput, options: RocAucOptions & { average: null }): Float64Array;
export function rocAucScore(yTrue: ArrayLike<Label>, yScore: ScoreInput, options?: RocAucOptions): number;
export function rocAucScore(yTrue: ArrayLike<Label>, yScore: ScoreInput, options: RocAucOptions = {}): number | Float64Array {
  const o = check.rejectUnknownOptions(options, ['multiClass', 'average', 'labels', 'maxFpr', 'sampleWeight'], 'rocAucScore');
  const labels = nonEmptyLabels(yTrue);
  const n = labels.length;
  const sw = weights(o.sampleWeight, n);
  const average: AucAverage = o.average === null ? null : check.oneOf(o, 'average', ['macro', 'weighted', 'micro'] as const, 'macro');
  const multiClass = o.multiClass === undefined ? undefined : check.oneOf(o, 'multiClass', ['ovr', 'ovo'] as const, 'ovr');
  const twoD = isTwoDimensional(yScore);
  const M = twoD ? scoreMatrix(yScore, n, 'yScore') : null;
  const classesInY = uniqueLabels(labels);
  if (M === null || M.cols <= 2) {
    if (o.labels !== undefined) {
      const given = asLabels(o.labels, 'labels');
      if (given.length > 2) {
        throw new LogitRangeError(`labels has ${given.length} classes but yScore has ${M === null ? 1 : M.cols} column(s)`, { parameter: 'labels' });
      }
    }
    if (classesInY.length > 2) {
      throw new LogitRangeError(`yTrue has ${classesInY.length} classes; pass an n × ${classesInY.length} probability matrix with multiClass 'ovr' or 'ovo'`, {
        parameter: 'yScore',
      });
    }
    if (classesInY.length < 2) {
      throw new LogitRangeError(`yTrue has only the class ${describe(classesInY[0])}; ROC AUC needs both classes`, { parameter: 'yTrue' });
    }
    const maxFpr = o.maxFpr === undefined ? null : check.inRange(o, 'maxFpr', 1, Number.MIN_VALUE, 1);
    const y = mapTo(Uint8Array, labels, (v) => (v === classesInY[1] ? 1 : 0));
    const s = scoreVector(M ?? yScore, n);
    const auc = binaryAuc(y, s, sw, maxFpr);
    return average === null ? Float64Array.of(auc) : auc;
  }
  if (o.maxFpr !== undefined && o.maxFpr !== 1) {
    throw new LogitRangeError('maxFpr (partial AUC) is for binary problems only, as scikit-learn', { parameter: 'maxFpr', value: o.maxFpr });
  }
  if (multiClass === undefined) {
    throw new LogitRangeError(`yScore has ${M.cols} columns; pass multiClass: 'ovr' or 'ovo' for a multiclass AUC`, { parameter: 'multiClass' });
  }
  checkProbabilityRows(M, 'yScore');
  let classes: Label[];
  if (o.labels !== undefined) {
    classes = asLabels(o.labels, 'labels');
    const sorted = uniqueLabels(classes);
    if (sorted.length !== classes.length) throw new LogitRangeError('labels must be unique', { parameter: 'labels' });
    if (sorted.some((c, k) => compareLabels(c, classes[k]) !== 0)) throw new LogitRangeError('labels must be sorted (the order of predictProba columns)', { parameter: 'labels' });
    const absent = classesInY.find((c) => !classes.includes(c));
    if (absent !== undefined) throw new LogitRangeError(`yTrue contains ${describe(absent)}, which is not in labels`, { parameter: 'labels', value: absent });
  } else classes = classesInY;
  if (classes.length !== M.cols) {
    throw new LogitRangeError(`yScore has ${M.cols} columns but there are ${classes.length} classes (${classes.map(describe).join(', ')}); pass labels`, {
      parameter: 'yScore',
      value: M.cols,
    });
  }
  const K = M.cols;
  const enc = mapTo(Int32Array, labels, (v) => classes.indexOf(v));
  if (multiClass === 'ovr') {
    if (average === 'micro') {
      const y = new Uint8Array(n * K);
      const w = sw === null ? null : new Float64Array(n * K);
      for (let i = 0; i < n; i++) {
        y[i * K + enc[i]] = 1;
        if (w !== null && sw !== null) for (let k = 0; k < K; k++) w[i * K + k] = sw[i];
      }
      return binaryAuc(y, M.data, w, null);
    }
    const scores = new Float64Array(K);
    const prevalence = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      const y = mapTo(Uint8Array, enc, (c) => (c === k ? 1 : 0));
      for (let i = 0; i < n; i++) if (y[i] === 1) prevalence[k] += sw === null ? 1 : sw[i];
      scores[k] = binaryAucOrThrow(y, M.column(k), sw, classes[k]);
    }
    if (average === null) return scores;
    if (average === 'macro') return scores.reduce((a, b) => a + b, 0) / K;
    let num = 0;
    let den = 0;
    for (let k = 0; k < K; k++) {
      num += prevalence[k] * scores[k];
      den += prevalence[k];
    }
    return num / den;
  }
  if (average === null || average === 'micro') {
    throw new LogitRangeError(`average ${describe(average)} is not available for multiClass 'ovo'; use 'macro' or 'weighted'`, { parameter: 'average', value: average });
  }
  // Hand & Till (2001): each unordered pair of classes present, both directions.
  let num = 0;
  let den = 0;
  const present = classes.map((_, k) => enc.some((c) => c === k));
  for (let a = 0; a < K; a++) {
    for (let b = a + 1; b < K; b++) {
      if (!present[a] || !present[b]) {
        const missing = present[a] ? b : a;
        throw new LogitRangeError(`class ${describe(classes[missing])} has no samples in yTrue; the one-vs-one AUC needs every class`, { parameter: 'yTrue' });
      }
      const rows: number[] = [];
      for (let i = 0; i < n; i++) if (enc[i] === a || enc[i] === b) rows.push(i);
      const ya = mapTo(Uint8Array, rows, (i) => (enc[i] === a ? 1 : 0));
      const yb = mapTo(Uint8Array, rows, (i) => (enc[i] === b ? 1 : 0));
      const w = sw === null ? null : mapTo(Float64Array, rows, (i) => sw[i]);
      const sa = mapTo(Float64Array, rows, (i) => M.data[i * K + a]);
      const sb = mapTo(Float64Array, rows, (i) => M.data[i * K + b]);
      const pair = (binaryAuc(ya, sa, w, null) + binaryAuc(yb, sb, w, null)) / 2;
      let prev = 1;
      if (average === 'weighted') {
        let inPair = 0;
        let total = 0;
        for (let i = 0; i < n; i++) {
          const wi = sw === null ? 1 : sw[i];
          total += wi;
          if (enc[i] === a || enc[i] === b) inPair += wi;
        }
        prev = inPair / total;
      }
      num += prev * pair;
      den += prev;
    }
  }
  return num / den;
}

function binaryAucOrThrow(y: Uint8Array, s: Float64Array, sw: Float64Array | null, cls: Label): number {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i];
  if (pos === 0 || pos === y.length) {
    throw new LogitRangeError(`class ${describe(cls)} ${pos === 0 ? 'has no samples in' : 'is the only class of'} yTrue; its one-vs-rest AUC is undefined`, {
      parameter: 'yTrue',
      value: cls,
    });
  }
  return binaryAuc(y, s, sw, null);
}

export interface PrecisionRecallCurveOptions {
  /** The positive label (default 1 for {0,1} / {−1,1}, true for booleans; required otherwise). */
  posLabel?: Label;
  sampleWeight?: ArrayLike<number>;
}

export interface PrecisionRecallCurve {
  /** TP/(TP + FP) at each threshold (increasing thresholds), then a final 1. */
  precision: Float64Array;
  /** TP/P at each threshold, decreasing, then a final 0. */
  recall: Float64Array;
  /** The distinct scores, increasing; point k predicts positive when score ≥ thresholds[k]. One fewer than precision. */
  thresholds: Float64Array;
}

/**
 * Precision and recall against the threshold, scikit-learn 1.2's `precision_recall_curve`: at
 * each distinct score t (ascending), precision = TP/(TP+FP) (0 when nothing is predicted
 * positive) and recall = TP/P, predicting positive when score ≥ t; a final point (precision 1,
 * recall 0) closes the curve. yTrue needs at least one positive. Cost: O(n log n).
 */
export function precisionRecallCurve(yTrue: ArrayLike<Label>, probasPred: ScoreInput, options: PrecisionRecallCurveOptions = {}): PrecisionRecallCurve {
  const o = check.rejectUnknownOptions(options, ['posLabel', 'sampleWeight'], 'precisionRecallCurve');
  const labels = nonEmptyLabels(yTrue);
  const { y } = binaryTargets(labels, o.posLabel as Label | undefined);
  const s = scoreVector(probasPred, labels.length, 'probasPred');
  return prFromTargets(y, s, weights(o.sampleWeight, labels.length), 'precisionRecallCurve');
}

function prFromTargets(y: Uint8Array, s: Float64Array, sw: Float64Array | null, owner: string): PrecisionRecallCurve {
  const { fps, tps, thresholds } = binaryClfCurve(y, s, sw);
  const m = tps.length;
  const P = tps[m - 1];
  if (!(P > 0)) {
    throw new LogitRangeError(`${owner}: yTrue has no positive samples (with positive weight); recall is undefined`, { parameter: 'yTrue' });
  }
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  const th = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const r = m - 1 - k;
    const ps = tps[r] + fps[r];
    precision[k] = ps !== 0 ? tps[r] / ps : 0;
    recall[k] = tps[r] / P;
    th[k] = thresholds[r];
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds: th };
}

export interface AveragePrecisionOptions {
  /** The positive label (default 1, as scikit-learn; must be one of yTrue's labels when it has two). */
  posLabel?: Label;
  sampleWeight?: ArrayLike<number>;
}

/**
 * Average precision, scikit-learn's `average_precision_score`: AP = Σₖ (Rₖ − Rₖ₋₁)·Pₖ over the
 * thresholds of `precisionRecallCurve`, the step-function area under the precision–recall curve
 * (no interpolation, unlike the trapezoid rule, which is optimistic). Binary only.
 * Cost: O(n log n).
 */
export function averagePrecisionScore(yTrue: ArrayLike<Label>, yScore: ScoreInput, options: AveragePrecisionOptions = {}): number {
  const o = check.rejectUnknownOptions(options, ['posLabel', 'sampleWeight'], 'averagePrecisionScore');
  const labels = nonEmptyLabels(yTrue);
  const classes = uniqueLabels(labels);
  if (classes.length > 2) throw new LogitRangeError(`yTrue has ${classes.length} classes; averagePrecisionScore is for two`, { parameter: 'yTrue' });
  const pos = (o.posLabel as Label | undefined) ?? (typeof labels[0] === 'boolean' ? true : 1);
  if (!classes.includes(pos) && classes.length === 2) {
    throw new LogitRangeError(`posLabel ${describe(pos)} is not one of yTrue's labels (${classes.map(describe).join(', ')}); pass posLabel`, {
      parameter: 'posLabel',
      value: pos,
    });
  }
  const y = mapTo(Uint8Array, labels, (v) => (v === pos ? 1 : 0));
  const s = scoreVector(yScore, labels.length);
  const { precision, recall } = prFromTargets(y, s, weights(o.sampleWeight, labels.length), 'averagePrecisionScore');
  let ap = 0;
  for (let k = 0; k + 1 < recall.length; k++) ap += (recall[k + 1] - recall[k]) * precision[k];
  return -ap;
}
