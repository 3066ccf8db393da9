import { LogitRangeError, describe } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import * as check from '../core/options.js';
import { asLabels, uniqueLabels, type Label } from '../core/validate.js';
import { pairedLabels, weights } from './inputs.js';

export interface ConfusionMatrixOptions {
  /** Row/column order (default the sorted labels of yTrue ∪ yPred); samples whose labels are not listed are left out. */
  labels?: ArrayLike<Label>;
  sampleWeight?: ArrayLike<number>;
  /** Divide by row sums ('true'), column sums ('pred') or the total ('all'); 0/0 gives 0. Default: counts. */
  normalize?: 'true' | 'pred' | 'all' | null;
}

/**
 * The confusion matrix, scikit-learn's `confusion_matrix`: C[i][j] = Σ sₖ·[yTrueₖ = labels[i],
 * yPredₖ = labels[j]] as a K × K Matrix (rows: truth, columns: prediction). For two classes
 * [neg, pos] it reads [[TN, FP], [FN, TP]]. Cost: O(n + K²).
 */
export function confusionMatrix(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>, options: ConfusionMatrixOptions = {}): Matrix {
  const o = check.rejectUnknownOptions(options, ['labels', 'sampleWeight', 'normalize'], 'confusionMatrix');
  const [a, b] = pairedLabels(yTrue, yPred);
  const sw = weights(o.sampleWeight, a.length);
  const normalize = o.normalize == null ? null : check.oneOf(o, 'normalize', ['true', 'pred', 'all'] as const, 'true');
  const labels = resolveLabels(a, b, o.labels);
  return confusionCounts(a, b, labels, sw, normalize);
}

/** Labels given (unique, one kind, at least one in yTrue) or the sorted union of yTrue and yPred. */
export function resolveLabels(a: Label[], b: Label[], given: unknown): Label[] {
  if (given === undefined || given === null) return uniqueLabels([...a, ...b]);
  const labels = asLabels(given, 'labels');
  if (labels.length === 0) throw new LogitRangeError('labels is empty; pass at least one label', { parameter: 'labels' });
  if (new Set(labels).size !== labels.length) throw new LogitRangeError('labels has repeated entries', { parameter: 'labels' });
  if (typeof labels[0] !== typeof a[0]) {
    throw new LogitRangeError(`labels holds ${typeof labels[0]}s but yTrue holds ${typeof a[0]}s`, { parameter: 'labels' });
  }
  const inTrue = new Set(a);
  if (!labels.some((l) => inTrue.has(l))) {
    throw new LogitRangeError(`none of labels (${labels.map(describe).join(', ')}) occurs in yTrue`, { parameter: 'labels' });
  }
  return labels;
}

/** Unvalidated counting behind confusionMatrix. */
export function confusionCounts(a: Label[], b: Label[], labels: Label[], sw: Float64Array | null, normalize: 'true' | 'pred' | 'all' | null): Matrix {
  const K = labels.length;
  const index = new Map<Label, number>();
  labels.forEach((l, k) => index.set(l, k));
  const C = new Matrix(K, K);
  for (let i = 0; i < a.length; i++) {
    const r = index.get(a[i]);
    const c = index.get(b[i]);
    if (r === undefined || c === undefined) continue;
    C.data[r * K + c] += sw === null ? 1 : sw[i];
  }
  if (normalize === null) return C;
  const d = C.data;
  if (normalize === 'all') {
    let t = 0;
    for (let k = 0; k < d.length; k++) t += d[k];
    for (let k = 0; k < d.length; k++) d[k] = t === 0 ? 0 : d[k] / t;
  } else {
    for (let g = 0; g < K; g++) {
      let t = 0;
      for (let h = 0; h < K; h++) t += normalize === 'true' ? d[g * K + h] : d[h * K + g];
      for (let h = 0; h < K; h++) {
        const k = normalize === 'true' ? g * K + h : h * K + g;
        d[k] = t === 0 ? 0 : d[k] / t;
      }
    }
  }
  return C;
}

export interface BalancedAccuracyOptions {
  sampleWeight?: ArrayLike<number>;
  /** Rescale so chance scores 0 and perfect 1: (score − 1/K)/(1 − 1/K). Default false. */
  adjusted?: boolean;
}

/**
 * Balanced accuracy, scikit-learn's `balanced_accuracy_score`: the mean over classes of yTrue
 * of the recall C[k][k] / Σⱼ C[k][j], so each class counts equally however rare. Classes that
 * occur only in yPred are left out (scikit-learn warns). Cost: O(n + K²).
 */
export function balancedAccuracyScore(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>, options: BalancedAccuracyOptions = {}): number {
  const o = check.rejectUnknownOptions(options, ['sampleWeight', 'adjusted'], 'balancedAccuracyScore');
  const [a, b] = pairedLabels(yTrue, yPred);
  const sw = weights(o.sampleWeight, a.length);
  const labels = uniqueLabels([...a, ...b]);
  const C = confusionCounts(a, b, labels, sw, null);
  const K = labels.length;
  let sum = 0;
  let m = 0;
  for (let k = 0; k < K; k++) {
    let row = 0;
    for (let j = 0; j < K; j++) row += C.data[k * K + j];
    if (row === 0) continue;
    sum += C.data[k * K + k] / row;
    m++;
  }
  let score = sum / m;
  if (check.bool(o, 'adjusted', false)) {
    const chance = 1 / m;
    score = (score - chance) / (1 - chance);
  }
  return score;
}

export interface MatthewsOptions {
  sampleWeight?: ArrayLike<number>;
}

/**
 * Matthews correlation coefficient, scikit-learn's `matthews_corrcoef` (Gorodkin's K-class
 * form): with C the confusion matrix, t its row sums, p its column sums, c its trace and s its
 * total, MCC = (c·s − t·p) / √((s² − p·p)(s² − t·t)), and 0 when a factor under the root is 0.
 * For two classes it is the correlation between truth and prediction. Cost: O(n + K²).
 */
export function matthewsCorrcoef(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>, options: MatthewsOptions = {}): number {
  const o = check.rejectUnknownOptions(options, ['sampleWeight'], 'matthewsCorrcoef');
  const [a, b] = pairedLabels(yTrue, yPred);
  const sw = weights(o.sampleWeight, a.length);
  const labels = uniqueLabels([...a, ...b]);
  const C = confusionCounts(a, b, labels, sw, null);
  const K = labels.length;
  const t = new Float64Array(K);
  const p = new Float64Array(K);
  let correct = 0;
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      t[i] += C.data[i * K + j];
      p[j] += C.data[i * K + j];
    }
    correct += C.data[i * K + i];
  }
  let s = 0;
  let tp = 0;
  let pp = 0;
  let tt = 0;
  for (let k = 0; k < K; k++) {
    s += p[k];
    tp += t[k] * p[k];
    pp += p[k] * p[k];
    tt += t[k] * t[k];
  }
  const covYtYp = correct * s - tp;
  const covYpYp = s * s - pp;
  const covYtYt = s * s - tt;
  if (covYpYp * covYtYt === 0) return 0;
  return covYtYp / Math.sqrt(covYtYt * covYpYp);
}
