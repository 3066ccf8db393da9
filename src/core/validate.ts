import { LogitRangeError, LogitTypeError, describe } from './errors.js';
import { Matrix } from './matrix.js';

/** What public functions accept for a feature matrix. */
export type MatrixLike = Matrix | ArrayLike<ArrayLike<number>>;

/** What classifiers accept for labels. Labels come back as given. */
export type Label = number | string | boolean;

export interface AsMatrixOptions {
  /** Name used in messages (default `'X'`). */
  name?: string;
  /** Require at least this many rows (default 1). */
  minRows?: number;
  /** Require exactly this many columns (a fitted model's feature count). */
  cols?: number;
  /** Reject NaN and ±Infinity (default true). */
  finite?: boolean;
}

/**
 * Turns `X` into a validated {@link Matrix}: a `Matrix` is checked and returned as is (no copy);
 * a `number[][]` is copied once. Throws on ragged rows, non-numbers, NaN or ±Infinity (naming
 * row and column), too few rows or a wrong column count. Cost: O(n · d).
 */
export function asMatrix(X: unknown, options: AsMatrixOptions = {}): Matrix {
  const name = options.name ?? 'X';
  const minRows = options.minRows ?? 1;
  let M: Matrix;
  if (X instanceof Matrix) {
    M = X;
  } else if (X !== null && typeof X === 'object' && typeof (X as ArrayLike<unknown>).length === 'number' && !ArrayBuffer.isView(X)) {
    M = Matrix.from(X as ArrayLike<ArrayLike<number>>, name);
  } else {
    throw new LogitTypeError(`${name} must be a Matrix or an array of rows (number[][]); received ${describe(X)}`, {
      parameter: name,
      value: X,
    });
  }
  if (M.rows < minRows) {
    throw new LogitRangeError(
      `${name} has ${M.rows} rows; at least ${minRows} ${minRows === 1 ? 'is' : 'are'} needed`,
      { parameter: name, value: M.rows },
    );
  }
  if (M.rows > 0 && M.cols === 0) {
    throw new LogitRangeError(`${name} has rows but no columns; logit needs at least one feature`, {
      parameter: name,
      value: 0,
    });
  }
  if (options.cols !== undefined && M.cols !== options.cols) {
    throw new LogitRangeError(
      `${name} has ${M.cols} features (columns) but the model was fitted with ${options.cols}`,
      { parameter: name, value: M.cols },
    );
  }
  if (options.finite ?? true) assertFinite(M.data, M.cols, name);
  return M;
}

/** Throws naming row and column for the first NaN or ±Infinity. Cost: O(length). */
export function assertFinite(data: Float64Array, cols: number, name: string): void {
  // Fast pass, branch-free: v·0 is 0 for finite v and NaN for NaN and ±Infinity, and NaN sticks
  // in a sum; four accumulators keep the adds independent. Only a failing matrix pays for the
  // second pass that finds the first bad entry.
  const n = data.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < n; k += 4) {
    s0 += data[k] * 0;
    s1 += data[k + 1] * 0;
    s2 += data[k + 2] * 0;
    s3 += data[k + 3] * 0;
  }
  for (; k < n; k++) s0 += data[k] * 0;
  if (s0 + s1 + s2 + s3 === 0) return;
  assertRowsFinite(data, 0, Math.ceil(n / Math.max(1, cols)), cols, name);
}

/**
 * Throws naming row and column for the first NaN or ±Infinity in rows [i0, i1) of a row-major
 * matrix with `cols` columns (the check behind assertFinite, for callers that find suspect rows
 * another way). Cost: O((i1 − i0)·cols).
 */
export function assertRowsFinite(data: Float64Array, i0: number, i1: number, cols: number, name: string): void {
  const end = Math.min(data.length, i1 * cols);
  for (let k = i0 * cols; k < end; k++) {
    const v = data[k];
    // v - v is 0 for finite numbers and NaN for NaN and ±Infinity: one test for both.
    if (v - v !== 0) {
      const i = Math.floor(k / cols);
      const j = k - i * cols;
      throw new LogitRangeError(`${name}[${i}][${j}] is ${describe(v)}; logit needs finite numbers (impute or drop the row)`, {
        parameter: name,
        row: i,
        column: j,
        value: v,
      });
    }
  }
}

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return v !== null && typeof v === 'object' && typeof (v as ArrayLike<unknown>).length === 'number';
}

/** The error for entry i of vector `name` being NaN or ±∞. */
function nonFinite(name: string, i: number, v: number): LogitRangeError {
  return new LogitRangeError(`${name}[${i}] is ${describe(v)}; logit needs finite numbers`, { parameter: name, row: i, value: v });
}

/**
 * Validates a numeric target or weight vector and copies it into a `Float64Array`.
 * `expectedLength` ties it to X's rows. Cost: O(n).
 */
export function asVector(y: unknown, name: string, expectedLength?: number, againstName = 'X'): Float64Array {
  if (!isArrayLike(y)) {
    throw new LogitTypeError(`${name} must be an array of numbers; received ${describe(y)}`, { parameter: name, value: y });
  }
  if (expectedLength !== undefined && y.length !== expectedLength) {
    throw new LogitRangeError(
      `${name} has ${y.length} values but ${againstName} has ${expectedLength} rows; they must match`,
      { parameter: name, value: y.length },
    );
  }
  if (y instanceof Float64Array) {
    // The common case, checked by a loop the engine keeps monomorphic, then copied in one go.
    for (let i = 0; i < y.length; i++) if (y[i] - y[i] !== 0) throw nonFinite(name, i, y[i]);
    return y.slice();
  }
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (typeof v !== 'number') {
      throw new LogitTypeError(`${name}[${i}] is ${describe(v)}; logit needs numbers`, { parameter: name, row: i, value: v });
    }
    if (v - v !== 0) throw nonFinite(name, i, v);
    out[i] = v;
  }
  return out;
}

/**
 * Validates per-sample weights: finite, ≥ 0, not all zero, one per row. Returns a copy, or
 * `null` when `sampleWeight` is undefined (meaning all ones). Cost: O(n).
 */
export function asSampleWeight(sampleWeight: unknown, n: number): Float64Array | null {
  if (sampleWeight === undefined || sampleWeight === null) return null;
  const w = asVector(sampleWeight, 'sampleWeight', n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (w[i] < 0) {
      throw new LogitRangeError(`sampleWeight[${i}] is ${describe(w[i])}; weights must be ≥ 0`, {
        parameter: 'sampleWeight',
        row: i,
        value: w[i],
      });
    }
    total += w[i];
  }
  if (!(total > 0)) {
    throw new LogitRangeError('sampleWeight sums to 0; at least one sample needs a positive weight', {
      parameter: 'sampleWeight',
      value: total,
    });
  }
  return w;
}

/**
 * Validates labels: an array of numbers, strings or booleans, all of one kind, no NaN,
 * no null/undefined. Returns the labels as a plain array (a copy). Cost: O(n).
 */
export function asLabels(y: unknown, name = 'y', expectedLength?: number): Label[] {
  return Array.from(checkLabels(y, name, expectedLength));
}

/**
 * asLabels' checks and messages without the copy: returns y itself. For callers that only read
 * the labels before they return (a fit turns them into class indices; a copy of 1M labels is
 * ~16 MB of heap at the fit's peak). Cost: O(n).
 */
export function checkLabels(y: unknown, name = 'y', expectedLength?: number): ArrayLike<Label> {
  if (!isArrayLike(y) || typeof y === 'string') {
    throw new LogitTypeError(`${name} must be an array of labels (numbers, strings or booleans); received ${describe(y)}`, {
      parameter: name,
      value: y,
    });
  }
  if (expectedLength !== undefined && y.length !== expectedLength) {
    throw new LogitRangeError(`${name} has ${y.length} labels but X has ${expectedLength} rows; they must match`, {
      parameter: name,
      value: y.length,
    });
  }
  let kind: string | undefined;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    const t = typeof v;
    if (t !== 'number' && t !== 'string' && t !== 'boolean') {
      throw new LogitTypeError(`${name}[${i}] is ${describe(v)}; labels must be numbers, strings or booleans`, {
        parameter: name,
        row: i,
        value: v,
      });
    }
    if (t === 'number' && (v as number) - (v as number) !== 0) {
      throw new LogitRangeError(`${name}[${i}] is ${describe(v)}; numeric labels must be finite`, {
        parameter: name,
        row: i,
        value: v,
      });
    }
    if (kind === undefined) kind = t;
    else if (t !== kind) {
      throw new LogitTypeError(
        `${name}[${i}] is ${describe(v)} (${t}) but ${name}[0] is a ${kind}; all labels must be of one kind`,
        { parameter: name, row: i, value: v },
      );
    }
  }
  return y as ArrayLike<Label>;
}

/** Orders labels as scikit-learn's `np.unique` does: numbers ascending, strings by code unit, false before true. */
export function compareLabels(a: Label, b: Label): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * Labels that are integers in [0, SMALL_LABELS) (class ids such as 0/1 or 0…9, the common case)
 * are counted and looked up in flat tables instead of a Set and a Map, whose hashing costs
 * ~25 ns a label each (50 ms for a million labels).
 */
const SMALL_LABELS = 1 << 16;

function isSmallLabel(v: unknown): v is number {
  return typeof v === 'number' && v >= 0 && v < SMALL_LABELS && Math.floor(v) === v;
}

/** The sorted distinct labels. Cost: O(n + K log K) (O(n + max label) for small integer labels). */
export function uniqueLabels(y: ArrayLike<Label>): Label[] {
  const n = y.length;
  let i = 0;
  let seen: Uint8Array | null = null;
  let max = 0;
  if (n >= 256 && isSmallLabel(y[0])) {
    seen = new Uint8Array(SMALL_LABELS);
    for (; i < n; i++) {
      const v = y[i];
      if (!isSmallLabel(v)) break;
      seen[v] = 1;
      if (v > max) max = v;
    }
  }
  if (seen !== null && i === n) {
    // Ascending by value, as compareLabels orders numbers (−0 is counted as 0, as a Set would).
    const classes: Label[] = [];
    for (let v = 0; v <= max; v++) if (seen[v] === 1) classes.push(v);
    return classes;
  }
  const set = new Set<Label>();
  for (let j = 0; j < n; j++) set.add(y[j]);
  return [...set].sort(compareLabels);
}

/**
 * Maps each label to its index in `classes`; throws naming the row for a label not in `classes`.
 * Cost: O(n).
 */
export function encodeLabels(y: ArrayLike<Label>, classes: readonly Label[], name = 'y'): Int32Array {
  const out = new Int32Array(y.length);
  let i = 0;
  if (classes.length > 0 && classes.every(isSmallLabel)) {
    const table = new Int32Array(Math.max(...(classes as number[])) + 1).fill(-1);
    classes.forEach((c, k) => {
      table[c as number] = k;
    });
    for (; i < y.length; i++) {
      const v = y[i];
      const k = isSmallLabel(v) && v < table.length ? table[v] : -1;
      if (k < 0) break; // not a class: the Map below names it
      out[i] = k;
    }
  }
  if (i === y.length) return out;
  const index = new Map<Label, number>();
  classes.forEach((c, k) => index.set(c, k));
  for (; i < y.length; i++) {
    const k = index.get(y[i]);
    if (k === undefined) {
      throw new LogitRangeError(
        `${name}[${i}] is ${describe(y[i])}, which is not one of the classes [${classes.map(describe).join(', ')}]`,
        { parameter: name, row: i, value: y[i] },
      );
    }
    out[i] = k;
  }
  return out;
}
