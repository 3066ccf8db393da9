/**
 * logit's error family.
 *
 * A value of the wrong kind throws {@link LogitTypeError} (a `TypeError`); a value of the
 * right kind but the wrong shape, range or state throws {@link LogitRangeError} (a
 * `RangeError`). Both carry the offending parameter and, for data, the row and column, so
 * callers can react programmatically as well as read the message. `isLogitError(e)` tells
 * either apart from errors thrown by other code.
 */

const BRAND: unique symbol = Symbol.for('logit.error');

/** Where in the input the problem is. All fields optional: options have no row. */
export interface ErrorDetails {
  /** The parameter or option name, for example `'X'`, `'C'`, `'sampleWeight'`. */
  readonly parameter?: string;
  /** Zero-based row of the offending value in a data argument. */
  readonly row?: number;
  /** Zero-based column of the offending value in a data argument. */
  readonly column?: number;
  /** The value received (kept as given, not stringified). */
  readonly value?: unknown;
}

/** A value of the wrong kind: a string where a number belongs, an object where an array belongs. */
export class LogitTypeError extends TypeError implements ErrorDetails {
  readonly parameter?: string;
  readonly row?: number;
  readonly column?: number;
  readonly value?: unknown;
  readonly [BRAND] = true;
  constructor(message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'LogitTypeError';
    Object.assign(this, details);
  }
}

/** A value of the right kind but the wrong shape, range or state. */
export class LogitRangeError extends RangeError implements ErrorDetails {
  readonly parameter?: string;
  readonly row?: number;
  readonly column?: number;
  readonly value?: unknown;
  readonly [BRAND] = true;
  constructor(message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'LogitRangeError';
    Object.assign(this, details);
  }
}

/** A method that needs a fitted model (`predict`, `coef`, `toJSON`) was called before `fit`. */
export class NotFittedError extends LogitRangeError {
  constructor(model: string, method: string) {
    super(`${model}.${method}() needs a fitted model; call fit(X, y) first`, { parameter: 'this' });
    this.name = 'NotFittedError';
  }
}

/** True for every error logit throws on purpose. */
export function isLogitError(e: unknown): e is LogitTypeError | LogitRangeError {
  return typeof e === 'object' && e !== null && (e as { [BRAND]?: boolean })[BRAND] === true;
}

/**
 * A short, unambiguous rendering of a received value for error messages:
 * `NaN`, `Infinity`, `"abc"` (quoted), `an array of length 3`, `null`, `undefined`.
 */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  switch (typeof value) {
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'string':
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
    case 'boolean':
    case 'bigint':
      return String(value) + (typeof value === 'bigint' ? 'n' : '');
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    default:
      break;
  }
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) {
    const ctor = (value as { constructor: { name: string } }).constructor.name;
    return `a ${ctor} of length ${(value as unknown as ArrayLike<unknown>).length}`;
  }
  const ctor = (value as { constructor?: { name?: string } }).constructor?.name;
  return ctor && ctor !== 'Object' ? `a ${ctor}` : 'an object';
}
