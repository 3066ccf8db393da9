import { LogitRangeError, LogitTypeError, describe } from './errors.js';

/**
 * Pieces shared by every `toJSON` / `fromJSON`. A model document is plain JSON:
 *
 *   { format: 'logit', version: 1, class: 'LogisticRegression', params: {…}, state: {…} }
 *
 * Doubles are written as JSON numbers, which JavaScript prints in the shortest form that reads
 * back to the identical double, so values round-trip bit for bit; the doubles JSON cannot hold
 * are written as strings: −0 as "-0", and NaN, +∞, −∞ as "NaN", "Infinity", "-Infinity" (which
 * only {@link decodeDouble} accepts, for the few fields where they mean something; everywhere
 * else {@link decodeNumber} rejects them). Reading checks every field before anything is built
 * and only ever reads own properties, so keys such as `__proto__` in a file are inert.
 */

export const FORMAT = 'logit';
export const FORMAT_VERSION = 1;

export interface ModelDocument {
  format: typeof FORMAT;
  version: number;
  class: string;
  params: Record<string, unknown>;
  state: Record<string, unknown> | null;
}

/**
 * Numbers for JSON: −0 becomes "-0" so the sign bit survives; NaN and ±∞ (which
 * `JSON.stringify` would silently turn into null) become "NaN", "Infinity", "-Infinity".
 */
export function encodeNumbers(values: ArrayLike<number>): (number | string)[] {
  const out: (number | string)[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = encodeNumber(values[i]);
  return out;
}

/** One number for JSON (see {@link encodeNumbers}). */
export function encodeNumber(v: number): number | string {
  if (Object.is(v, -0)) return '-0';
  if (v - v !== 0) return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
  return v;
}

const NON_FINITE: Readonly<Record<string, number>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, number>, { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity }),
);

/** Reads a number written by {@link encodeNumber}; must be finite. */
export function decodeNumber(v: unknown, path: string): number {
  if (v === '-0') return -0;
  if (typeof v === 'string' && NON_FINITE[v] !== undefined) {
    throw new LogitRangeError(`${path} must be finite; found ${v}`, { parameter: path, value: v });
  }
  if (typeof v !== 'number') throw new LogitTypeError(`${path} must be a number; found ${describe(v)}`, { parameter: path, value: v });
  if (!Number.isFinite(v)) throw new LogitRangeError(`${path} must be finite; found ${describe(v)}`, { parameter: path, value: v });
  return v;
}

/** Reads any double written by {@link encodeNumber}, including NaN and ±∞ (for fields where they are meaningful). */
export function decodeDouble(v: unknown, path: string): number {
  if (typeof v === 'string' && NON_FINITE[v] !== undefined) return NON_FINITE[v];
  return decodeNumber(v, path);
}

/** Reads an array written by {@link encodeNumbers}, checking length and finiteness. */
export function decodeNumbers(v: unknown, path: string, length?: number): Float64Array {
  if (!Array.isArray(v)) throw new LogitTypeError(`${path} must be an array of numbers; found ${describe(v)}`, { parameter: path, value: v });
  if (length !== undefined && v.length !== length) {
    throw new LogitRangeError(`${path} must have ${length} values; found ${v.length}`, { parameter: path, value: v.length });
  }
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = decodeNumber(v[i], `${path}[${i}]`);
  return out;
}

/** Own property of a plain object, never inherited (so `__proto__` or `constructor` keys are just data). */
export function own(obj: unknown, key: string, path: string): unknown {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    throw new LogitTypeError(`${path} must be an object; found ${describe(obj)}`, { parameter: path, value: obj });
  }
  return Object.prototype.hasOwnProperty.call(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;
}

/** Like {@link own} but the property must exist. */
export function required(obj: unknown, key: string, path: string): unknown {
  const v = own(obj, key, path);
  if (v === undefined) throw new LogitRangeError(`${path}.${key} is missing`, { parameter: `${path}.${key}` });
  return v;
}

/** A copy of a plain object's own enumerable entries into a null-prototype object. */
export function plainCopy(obj: unknown, path: string): Record<string, unknown> {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    throw new LogitTypeError(`${path} must be an object; found ${describe(obj)}`, { parameter: path, value: obj });
  }
  const out: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(obj)) out[key] = (obj as Record<string, unknown>)[key];
  return out;
}

/**
 * Checks the header of a model document and returns its params (a null-prototype copy) and
 * raw state. Throws for a foreign format, a newer version or a different class.
 */
export function readHeader(doc: unknown, className: string): { params: Record<string, unknown>; state: unknown } {
  if (typeof doc === 'string') {
    throw new LogitTypeError(`${className}.fromJSON needs the parsed document (JSON.parse it first), not a string`, {
      parameter: 'doc',
      value: doc,
    });
  }
  const format = own(doc, 'format', 'doc');
  if (format !== FORMAT) {
    throw new LogitRangeError(`not a logit model document: doc.format is ${describe(format)}, expected "logit"`, {
      parameter: 'doc.format',
      value: format,
    });
  }
  const version = own(doc, 'version', 'doc');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new LogitRangeError(`doc.version must be a positive integer; found ${describe(version)}`, { parameter: 'doc.version', value: version });
  }
  if (version > FORMAT_VERSION) {
    throw new LogitRangeError(
      `this model was written by a newer logit (document version ${version}); this logit reads up to version ${FORMAT_VERSION}, so upgrade logit`,
      { parameter: 'doc.version', value: version },
    );
  }
  const cls = own(doc, 'class', 'doc');
  if (cls !== className) {
    throw new LogitRangeError(`doc.class is ${describe(cls)}; ${className}.fromJSON reads only ${JSON.stringify(className)} documents`, {
      parameter: 'doc.class',
      value: cls,
    });
  }
  const params = plainCopy(required(doc, 'params', 'doc'), 'doc.params');
  const state = own(doc, 'state', 'doc');
  return { params, state: state === undefined ? null : state };
}

/** Reads an integer in [min, max]. */
export function decodeInteger(v: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in [${min}, ${max}]`;
    throw new LogitRangeError(`${path} must be an integer ${range}; found ${describe(v)}`, { parameter: path, value: v });
  }
  return v;
}

/** Reads a boolean. */
export function decodeBoolean(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') throw new LogitTypeError(`${path} must be true or false; found ${describe(v)}`, { parameter: path, value: v });
  return v;
}

/** Reads one of a fixed set of strings. */
export function decodeEnum<T extends string>(v: unknown, path: string, allowed: readonly T[]): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new LogitRangeError(`${path} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}; found ${describe(v)}`, {
      parameter: path,
      value: v,
    });
  }
  return v as T;
}
