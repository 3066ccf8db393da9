import { LogitRangeError, LogitTypeError, describe } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import { asLabels, asSampleWeight, asVector, uniqueLabels, type Label } from '../core/validate.js';

/** Shared argument checks for the metrics: lengths, label kinds, probabilities, posLabel. */

/** Labels of yTrue and yPred, same length, same kind. */
export function pairedLabels(yTrue: unknown, yPred: unknown): [Label[], Label[]] {
  const a = asLabels(yTrue, 'yTrue');
  const b = asLabels(yPred, 'yPred');
  if (a.length !== b.length) {
    throw new LogitRangeError(`yTrue has ${a.length} labels but yPred has ${b.length}; they must match`, { parameter: 'yPred', value: b.length });
  }
  if (a.length === 0) throw new LogitRangeError('yTrue is empty; a metric needs at least one sample', { parameter: 'yTrue' });
  if (a.length > 0 && b.length > 0 && typeof a[0] !== typeof b[0]) {
    throw new LogitTypeError(`yTrue holds ${typeof a[0]}s but yPred holds ${typeof b[0]}s; compare labels of one kind`, { parameter: 'yPred' });
  }
  return [a, b];
}

/** Numeric targets and predictions of equal, non-zero length. */
export function pairedValues(yTrue: unknown, yPred: unknown): [Float64Array, Float64Array] {
  const a = asVector(yTrue, 'yTrue');
  const b = asVector(yPred, 'yPred', a.length, 'yTrue');
  if (a.length === 0) throw new LogitRangeError('yTrue is empty; a metric needs at least one sample', { parameter: 'yTrue' });
  return [a, b];
}

/** Optional sample weights tied to n. */
export function weights(sampleWeight: unknown, n: number): Float64Array | null {
  return asSampleWeight(sampleWeight, n);
}

/**
 * Positive-class probabilities as a Float64Array: accepts an array of numbers, or a Matrix /
 * number[][] with two columns (the second column is taken). Checks [0, 1] and finiteness.
 */
export function positiveProbabilities(p: unknown, n: number, name = 'probabilities'): Float64Array {
  let v: Float64Array;
  if (p instanceof Matrix || (Array.isArray(p) && p.length > 0 && Array.isArray(p[0]))) {
    const M = p instanceof Matrix ? p : Matrix.from(p as number[][], name);
    if (M.cols !== 2) {
      throw new LogitRangeError(`${name} has ${M.cols} columns; pass the positive-class probabilities or an n × 2 matrix`, { parameter: name, value: M.cols });
    }
    v = M.column(1);
  } else {
    v = asVector(p, name);
  }
  if (v.length !== n) {
    throw new LogitRangeError(`${name} has ${v.length} values but yTrue has ${n}; they must match`, { parameter: name, value: v.length });
  }
  for (let i = 0; i < v.length; i++) {
    if (!(v[i] >= 0 && v[i] <= 1)) {
      throw new LogitRangeError(`${name}[${i}] is ${describe(v[i])}; probabilities must lie in [0, 1]`, { parameter: name, row: i, value: v[i] });
    }
  }
  return v;
}

/**
 * The positive label of binary yTrue: `posLabel` when given (must occur in yTrue or be
 * one of two labels), else 1 for {0, 1} or {−1, 1} labels and true for booleans, as
 * scikit-learn; other labels need an explicit posLabel. Returns a 0/1 vector.
 */
export function binaryTargets(yTrue: Label[], posLabel: Label | undefined): { y: Uint8Array; posLabel: Label } {
  const classes = uniqueLabels(yTrue);
  if (classes.length > 2) {
    throw new LogitRangeError(`yTrue has ${classes.length} classes (${classes.map(describe).join(', ')}); this metric is for two`, { parameter: 'yTrue' });
  }
  let pos = posLabel;
  if (pos === undefined) {
    const kind = typeof yTrue[0];
    if (kind === 'boolean') pos = true;
    else if (kind === 'number' && classes.every((c) => c === 0 || c === 1 || c === -1)) pos = 1;
    else {
      throw new LogitRangeError(
        `yTrue's labels are ${classes.map(describe).join(', ')}; pass posLabel to say which one is positive`,
        { parameter: 'posLabel' },
      );
    }
  } else if (!classes.includes(pos) && classes.length === 2) {
    throw new LogitRangeError(`posLabel ${describe(pos)} is not one of yTrue's labels (${classes.map(describe).join(', ')})`, {
      parameter: 'posLabel',
      value: pos,
    });
  }
  const y = new Uint8Array(yTrue.length);
  for (let i = 0; i < yTrue.length; i++) y[i] = yTrue[i] === pos ? 1 : 0;
  return { y, posLabel: pos };
}

/**
 * Scores (any finite reals: probabilities or decision values) as a Float64Array of length n:
 * an array of numbers, or a Matrix / number[][] with one column, or two (the second is taken).
 */
export function scoreVector(s: unknown, n: number, name = 'yScore'): Float64Array {
  let v: Float64Array;
  if (s instanceof Matrix || (Array.isArray(s) && s.length > 0 && Array.isArray(s[0]))) {
    const M = s instanceof Matrix ? s : Matrix.from(s as number[][], name);
    if (M.cols !== 1 && M.cols !== 2) {
      throw new LogitRangeError(`${name} has ${M.cols} columns; pass the positive-class scores or an n × 2 matrix`, { parameter: name, value: M.cols });
    }
    v = M.column(M.cols - 1);
    for (let i = 0; i < v.length; i++) {
      if (!Number.isFinite(v[i])) throw new LogitRangeError(`${name}[${i}] is ${describe(v[i])}; scores must be finite`, { parameter: name, row: i, value: v[i] });
    }
  } else {
    v = asVector(s, name);
  }
  if (v.length !== n) {
    throw new LogitRangeError(`${name} has ${v.length} values but yTrue has ${n}; they must match`, { parameter: name, value: v.length });
  }
  return v;
}

/** A score or probability matrix n × K from rows or a Matrix (finite entries), tied to yTrue's length. */
export function scoreMatrix(s: unknown, n: number, name: string): Matrix {
  const M = s instanceof Matrix ? s : Matrix.from(s as ArrayLike<ArrayLike<number>>, name);
  if (M.rows !== n) {
    throw new LogitRangeError(`${name} has ${M.rows} rows but yTrue has ${n}; they must match`, { parameter: name, value: M.rows });
  }
  for (let k = 0; k < M.data.length; k++) {
    if (!Number.isFinite(M.data[k])) {
      const i = Math.floor(k / M.cols);
      throw new LogitRangeError(`${name}[${i}][${k - i * M.cols}] is ${describe(M.data[k])}; values must be finite`, {
        parameter: name,
        row: i,
        column: k - i * M.cols,
        value: M.data[k],
      });
    }
  }
  return M;
}

/** True for a 2-D input (a Matrix or an array whose first element is an array). */
export function isTwoDimensional(s: unknown): boolean {
  return s instanceof Matrix || (Array.isArray(s) && s.length > 0 && (Array.isArray(s[0]) || ArrayBuffer.isView(s[0])));
}

/**
 * Checks that every row of a probability matrix lies in [0, 1] and sums to 1 within `tol`
 * (naming the row), as scikit-learn's multiclass roc_auc does with np.allclose. Cost: O(n·K).
 */
export function checkProbabilityRows(M: Matrix, name: string, tol = 1e-8): void {
  for (let i = 0; i < M.rows; i++) {
    let s = 0;
    for (let j = 0; j < M.cols; j++) {
      const v = M.data[i * M.cols + j];
      if (!(v >= 0 && v <= 1)) {
        throw new LogitRangeError(`${name}[${i}][${j}] is ${describe(v)}; probabilities must lie in [0, 1]`, { parameter: name, row: i, column: j, value: v });
      }
      s += v;
    }
    if (!(Math.abs(s - 1) <= tol)) {
      throw new LogitRangeError(`row ${i} of ${name} sums to ${s}, not 1; pass probabilities (predictProba), not scores`, {
        parameter: name,
        row: i,
        value: s,
      });
    }
  }
}

/** Σ w over a 0/1 mask; w null means ones. */
export function weightedCount(mask: ArrayLike<number>, sw: ArrayLike<number> | null): number {
  let s = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) s += sw === null ? 1 : sw[i];
  return s;
}
