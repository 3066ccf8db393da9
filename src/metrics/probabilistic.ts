import { LogitRangeError, describe } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import * as check from '../core/options.js';
import { asLabels, uniqueLabels, type Label } from '../core/validate.js';
import { isTwoDimensional, positiveProbabilities, scoreMatrix, weights } from './inputs.js';

/** Machine epsilon of float64, scikit-learn's default `eps='auto'` for log_loss. */
const EPS = 2.220446049250313e-16;

export interface LogLossOptions {
  /** The classes, one per probability column, in column order (default the sorted labels of yTrue). */
  labels?: ArrayLike<Label>;
  sampleWeight?: ArrayLike<number>;
  /** Mean (default) or, with false, the (weighted) sum. */
  normalize?: boolean;
  /**
   * Probabilities are clipped to [eps, 1 − eps] before the log (default float64 machine
   * epsilon, scikit-learn 1.2's 'auto'), so a confident mistake costs −log(2.2e-16) ≈ 36 rather
   * than Infinity. eps: 0 gives the exact, possibly infinite, loss.
   */
  eps?: number;
}

/**
 * Cross-entropy (log loss), scikit-learn's `log_loss`: −Σᵢ sᵢ·log p̂ᵢ,yᵢ / Σᵢ sᵢ, where p̂ is
 * the probability given to the true class after clipping to [eps, 1 − eps] and renormalising
 * each row to sum to 1. `probabilities` is an n × K matrix (rows or a Matrix; columns in the
 * order of `labels`, default the sorted labels of yTrue, as predictProba), or for two classes
 * the probabilities of the greater label. Rows must lie in [0, 1] and sum to 1 within 1e-8
 * (scikit-learn only warns). Cost: O(n·K).
 */
export function logLoss(yTrue: ArrayLike<Label>, probabilities: ArrayLike<number> | ArrayLike<ArrayLike<number>> | Matrix, options: LogLossOptions = {}): number {
  const o = check.rejectUnknownOptions(options, ['labels', 'sampleWeight', 'normalize', 'eps'], 'logLoss');
  const labels = asLabels(yTrue, 'yTrue');
  const n = labels.length;
  if (n === 0) throw new LogitRangeError('yTrue is empty; a metric needs at least one sample', { parameter: 'yTrue' });
  const sw = weights(o.sampleWeight, n);
  const eps = check.inRange(o, 'eps', EPS, 0, 0.5);
  const classes = uniqueLabels(o.labels === undefined ? labels : asLabels(o.labels, 'labels'));
  if (classes.length < 2) {
    throw new LogitRangeError(
      `yTrue contains only the label ${describe(classes[0])}; pass labels (for example the model's classes) so logLoss knows the classes`,
      { parameter: 'labels' },
    );
  }
  const index = new Map<Label, number>();
  classes.forEach((c, k) => index.set(c, k));
  const enc = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = index.get(labels[i]);
    if (k === undefined) {
      throw new LogitRangeError(`yTrue[${i}] is ${describe(labels[i])}, which is not in labels [${classes.map(describe).join(', ')}]`, {
        parameter: 'yTrue',
        row: i,
        value: labels[i],
      });
    }
    enc[i] = k;
  }
  const K = classes.length;
  let P: Float64Array;
  let cols: number;
  if (isTwoDimensional(probabilities)) {
    const M = scoreMatrix(probabilities, n, 'probabilities');
    checkUnitRows(M);
    P = M.data;
    cols = M.cols;
  } else {
    P = positiveProbabilities(probabilities, n);
    cols = 1;
  }
  if (cols === 1 ? K !== 2 : cols !== K) {
    throw new LogitRangeError(
      `probabilities has ${cols} column(s) but there are ${K} classes (${classes.map(describe).join(', ')}); ${K > cols ? 'pass labels or' : 'pass labels or check'} the columns`,
      { parameter: 'probabilities', value: cols },
    );
  }
  const lo = eps;
  const hi = 1 - eps;
  const clip = (v: number): number => (v < lo ? lo : v > hi ? hi : v);
  let total = 0;
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    let p: number;
    if (cols === 1) {
      // As scikit-learn: clip p, expand to (1 − p, p), divide by the row sum.
      const q = clip(P[i]);
      const row = [1 - q, q];
      p = row[enc[i]] / (row[0] + row[1]);
    } else {
      let s = 0;
      for (let k = 0; k < K; k++) s += clip(P[i * K + k]);
      p = clip(P[i * K + enc[i]]) / s;
    }
    const w = sw === null ? 1 : sw[i];
    total += -Math.log(p) * w;
    wsum += w;
  }
  return check.bool(o, 'normalize', true) ? total / wsum : total;
}

function checkUnitRows(M: Matrix): void {
  for (let i = 0; i < M.rows; i++) {
    let s = 0;
    for (let j = 0; j < M.cols; j++) {
      const v = M.data[i * M.cols + j];
      if (!(v >= 0 && v <= 1)) {
        throw new LogitRangeError(`probabilities[${i}][${j}] is ${describe(v)}; probabilities must lie in [0, 1]`, { parameter: 'probabilities', row: i, column: j, value: v });
      }
      s += v;
    }
    if (!(Math.abs(s - 1) <= 1e-8)) {
      throw new LogitRangeError(`row ${i} of probabilities sums to ${s}, not 1; pass predictProba's output, not scores`, { parameter: 'probabilities', row: i, value: s });
    }
  }
}

export interface BrierScoreOptions {
  /** The positive label (default 1 for {0,1} / {−1,1} labels, true for booleans, else the greater numeric label; required for strings). */
  posLabel?: Label;
  sampleWeight?: ArrayLike<number>;
}

/**
 * Brier score, scikit-learn's `brier_score_loss`: Σᵢ sᵢ(yᵢ − pᵢ)² / Σᵢ sᵢ with yᵢ ∈ {0, 1} the
 * indicator of the positive class and pᵢ its predicted probability (array, or n × 2 matrix).
 * 0 is perfect; always predicting the base rate π scores π(1 − π). Binary only. Cost: O(n).
 */
export function brierScoreLoss(yTrue: ArrayLike<Label>, probabilities: ArrayLike<number> | ArrayLike<ArrayLike<number>> | Matrix, options: BrierScoreOptions = {}): number {
  const o = check.rejectUnknownOptions(options, ['posLabel', 'sampleWeight'], 'brierScoreLoss');
  const labels = asLabels(yTrue, 'yTrue');
  const n = labels.length;
  if (n === 0) throw new LogitRangeError('yTrue is empty; a metric needs at least one sample', { parameter: 'yTrue' });
  const classes = uniqueLabels(labels);
  if (classes.length > 2) throw new LogitRangeError(`yTrue has ${classes.length} classes; brierScoreLoss is for two`, { parameter: 'yTrue' });
  let pos = o.posLabel as Label | undefined;
  if (pos === undefined) {
    if (typeof labels[0] === 'boolean') pos = true;
    else if (typeof labels[0] === 'number') pos = classes.every((c) => c === 0 || c === 1 || c === -1) ? 1 : classes[classes.length - 1];
    else throw new LogitRangeError(`yTrue's labels are ${classes.map(describe).join(', ')}; pass posLabel to say which one is positive`, { parameter: 'posLabel' });
  } else if (classes.length === 2 && !classes.includes(pos)) {
    throw new LogitRangeError(`posLabel ${describe(pos)} is not one of yTrue's labels (${classes.map(describe).join(', ')})`, { parameter: 'posLabel', value: pos });
  }
  const p = positiveProbabilities(probabilities, n);
  const sw = weights(o.sampleWeight, n);
  let s = 0;
  let t = 0;
  for (let i = 0; i < n; i++) {
    const w = sw === null ? 1 : sw[i];
    const r = (labels[i] === pos ? 1 : 0) - p[i];
    s += w * r * r;
    t += w;
  }
  return s / t;
}
