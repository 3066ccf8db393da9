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
