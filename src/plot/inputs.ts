import { LogitRangeError, LogitTypeError, describe } from '../core/errors.js';
import { Random } from '../core/rng.js';
import { asLabels, asVector, compareLabels, type Label } from '../core/validate.js';

/** Argument checks shared by the charts; every error names the argument and, for data, the index. */

/**
 * A finite numeric array (array, typed array) copied into a Float64Array, optionally bounded
 * to [min, max] and a minimum length. Cost: O(n).
 */
export function numbers(v: unknown, name: string, o: { min?: number; max?: number; minLength?: number } = {}): Float64Array {
  const x = asVector(v, name);
  const minLength = o.minLength ?? 1;
  if (x.length < minLength) {
    throw new LogitRangeError(`${name} has ${x.length} values; at least ${minLength} ${minLength === 1 ? 'is' : 'are'} needed to draw it`, {
      parameter: name,
      value: x.length,
    });
  }
  if (o.min !== undefined || o.max !== undefined) {
    const lo = o.min ?? -Infinity;
    const hi = o.max ?? Infinity;
    for (let i = 0; i < x.length; i++) {
      if (!(x[i] >= lo && x[i] <= hi)) {
        throw new LogitRangeError(`${name}[${i}] is ${describe(x[i])}; it must lie in [${lo}, ${hi}]`, { parameter: name, row: i, value: x[i] });
      }
    }
  }
  return x;
}

/** Throws unless `b` has as many values as `a`. */
export function sameLength(a: ArrayLike<unknown>, aName: string, b: ArrayLike<unknown>, bName: string): void {
  if (a.length !== b.length) {
    throw new LogitRangeError(`${bName} has ${b.length} values but ${aName} has ${a.length}; they must match`, { parameter: bName, value: b.length });
  }
}

/** A plain object holding the named fields (a curve such as `{ fpr, tpr, thresholds }`). */
export function record(v: unknown, name: string, fields: readonly string[]): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || ArrayBuffer.isView(v)) {
    throw new LogitTypeError(`${name} must be an object with ${fields.join(', ')}; received ${describe(v)}`, { parameter: name, value: v });
  }
  for (const f of fields) {
    if ((v as Record<string, unknown>)[f] === undefined) {
      throw new LogitTypeError(`${name}.${f} is missing; ${name} must have ${fields.join(', ')}`, { parameter: `${name}.${f}` });
    }
  }
  return v as Record<string, unknown>;
}

/** Binary class membership of each sample and the two class names, negative first. */
export interface BinaryClasses {
  positive: Uint8Array;
  names: [string, string];
}

/**
 * Splits labels into negative / positive. With `positiveLabel` a sample is positive when its
 * label equals it; otherwise the labels' sorted order decides, as scikit-learn's `classes_[1]`:
 * the larger of two distinct labels is positive (a single label 1 or `true` counts as positive).
 * More than two distinct labels throw. Cost: O(n).
 */
export function binaryClasses(y: unknown, name: string, positiveLabel: Label | undefined, classNames: readonly string[] | undefined): BinaryClasses {
  const labels = asLabels(y, name);
  const distinct = [...new Set(labels)].sort(compareLabels);
  if (distinct.length > 2) {
    throw new LogitRangeError(
      `${name} holds ${distinct.length} classes (${distinct.slice(0, 5).map(describe).join(', ')}${distinct.length > 5 ? ', …' : ''}); this chart draws two (pass positiveLabel and one-vs-rest labels)`,
      { parameter: name, value: distinct.length },
    );
  }
  let pos: Label | undefined;
  if (positiveLabel !== undefined) pos = positiveLabel;
  else if (distinct.length === 2) pos = distinct[1];
  else if (distinct[0] === 1 || distinct[0] === true) pos = distinct[0];
  const positive = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) positive[i] = labels[i] === pos ? 1 : 0;
  let names: [string, string];
  if (classNames !== undefined) {
    if (!Array.isArray(classNames) || classNames.length !== 2 || classNames.some((s) => typeof s !== 'string')) {
      throw new LogitTypeError(`option classNames must be two strings [negative, positive]; received ${describe(classNames)}`, {
        parameter: 'classNames',
        value: classNames,
      });
    }
    names = [classNames[0], classNames[1]];
  } else {
    const neg = distinct.find((d) => d !== pos);
    names = [neg === undefined ? 'negative' : String(neg), pos === undefined ? 'positive' : String(pos)];
  }
  return { positive, names };
}

/**
 * Indices of at most `max` of `n` samples, drawn without replacement by a seeded partial
 * Fisher–Yates shuffle and returned in increasing order (so drawing order follows the data).
 * All indices when n ≤ max. Same seed, same subset. Cost: O(n).
 */
export function subsample(n: number, max: number, seed: number): Int32Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  if (n <= max) return idx;
  const rng = new Random(seed);
  for (let i = 0; i < max; i++) {
    const j = i + Math.floor(rng.random() * (n - i));
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  return idx.subarray(0, max).sort();
}

/** A d3-style [lo, hi] domain of the values, padded by `pad` of its width (±0.5 when all are equal). */
export function paddedExtent(values: ArrayLike<number>, pad = 0.04): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < lo) lo = values[i];
    if (values[i] > hi) hi = values[i];
  }
  if (lo === hi) return [lo - Math.max(0.5, Math.abs(lo) * 0.05), hi + Math.max(0.5, Math.abs(hi) * 0.05)];
  // hi·pad − lo·pad rather than (hi − lo)·pad: no overflow for values near ±1.8e308.
  const d = hi * pad - lo * pad;
  return [Math.max(-Number.MAX_VALUE, lo - d), Math.min(Number.MAX_VALUE, hi + d)];
}

/** Formats a number for a legend or note: up to `digits` significant decimals, `−` for minus. */
export function fmt(v: number, digits = 3): string {
  const s = v.toFixed(digits);
  return (s.startsWith('-') && Number(s) !== 0 ? `−${s.slice(1)}` : s.replace(/^-/, ''));
}

/**
 * Curve thresholds: numbers, NaN rejected, ±Infinity allowed (scikit-learn ≥ 1.3 starts ROC
 * thresholds at +Infinity). Cost: O(n).
 */
export function thresholdValues(v: unknown, name: string): Float64Array {
  if (v === null || typeof v !== 'object' || typeof (v as ArrayLike<unknown>).length !== 'number') {
    throw new LogitTypeError(`${name} must be an array of numbers; received ${describe(v)}`, { parameter: name, value: v });
  }
  const a = v as ArrayLike<unknown>;
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x !== 'number') throw new LogitTypeError(`${name}[${i}] is ${describe(x)}; thresholds must be numbers`, { parameter: name, row: i, value: x });
    if (Number.isNaN(x)) throw new LogitRangeError(`${name}[${i}] is NaN; thresholds must be numbers or ±Infinity`, { parameter: name, row: i, value: x });
    out[i] = x;
  }
  return out;
}
