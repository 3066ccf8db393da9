import { LogitRangeError, LogitTypeError, describe } from './errors.js';

/**
 * Small checkers that turn a user's options object into a fully defaulted, typed one,
 * each throwing an error that names the option, what it accepts and what it received.
 * Models call them once in their constructor (as ml-levenberg-marquardt's check_options),
 * so no loop ever sees an unchecked option.
 */

type Opts = Record<string, unknown>;

/** Rejects keys the caller does not know, suggesting the nearest known key (catches typos). */
export function rejectUnknownOptions(options: unknown, known: readonly string[], owner: string): Opts {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new LogitTypeError(`${owner} options must be an object; received ${describe(options)}`, {
      parameter: 'options',
      value: options,
    });
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      const hint = nearest(key, known);
      throw new LogitRangeError(
        `${owner} has no option ${JSON.stringify(key)}${hint ? `; did you mean ${JSON.stringify(hint)}?` : ''} (options: ${known.join(', ')})`,
        { parameter: key, value: (options as Opts)[key] },
      );
    }
  }
  return options as Opts;
}

function nearest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return bestD <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

function numberOption(o: Opts, name: string, fallback: number): number {
  const v = o[name];
  if (v === undefined) return fallback;
  if (typeof v !== 'number') {
    throw new LogitTypeError(`option ${name} must be a number; received ${describe(v)}`, { parameter: name, value: v });
  }
  return v;
}

/** A finite number > 0 (`C`, `learningRate`, `alpha` > 0). */
export function positive(o: Opts, name: string, fallback: number): number {
  const v = numberOption(o, name, fallback);
  if (!(v > 0) || !Number.isFinite(v)) {
    throw new LogitRangeError(`option ${name} must be a finite number > 0; received ${describe(v)}`, { parameter: name, value: v });
  }
  return v;
}

/** A finite number ≥ 0 (`tol`, `alpha`). */
export function nonNegative(o: Opts, name: string, fallback: number): number {
  const v = numberOption(o, name, fallback);
  if (!(v >= 0) || !Number.isFinite(v)) {
    throw new LogitRangeError(`option ${name} must be a finite number ≥ 0; received ${describe(v)}`, { parameter: name, value: v });
  }
  return v;
}

/** A number in [lo, hi] (`l1Ratio`, `testSize` as a fraction). */
export function inRange(o: Opts, name: string, fallback: number, lo: number, hi: number): number {
  const v = numberOption(o, name, fallback);
  if (!(v >= lo && v <= hi)) {
    throw new LogitRangeError(`option ${name} must be in [${lo}, ${hi}]; received ${describe(v)}`, { parameter: name, value: v });
  }
  return v;
}

/** An integer ≥ min (`maxIter` ≥ 0, `nSplits` ≥ 2). */
export function integer(o: Opts, name: string, fallback: number, min = 0): number {
  const v = numberOption(o, name, fallback);
  if (!Number.isInteger(v) || v < min) {
    throw new LogitRangeError(`option ${name} must be an integer ≥ ${min}; received ${describe(v)}`, { parameter: name, value: v });
  }
  return v;
}

/** A boolean. */
export function bool(o: Opts, name: string, fallback: boolean): boolean {
  const v = o[name];
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') {
    throw new LogitTypeError(`option ${name} must be true or false; received ${describe(v)}`, { parameter: name, value: v });
  }
  return v;
}

/** One of a fixed set of strings (`solver`, `penalty`). */
export function oneOf<T extends string>(o: Opts, name: string, allowed: readonly T[], fallback: T): T {
  const v = o[name];
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    const err = typeof v === 'string' ? LogitRangeError : LogitTypeError;
    throw new err(`option ${name} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}; received ${describe(v)}`, {
      parameter: name,
      value: v,
    });
  }
  return v as T;
}

/** An optional function (`onWarning`, `onIteration`). */
export function optionalFunction<F extends (...args: never[]) => unknown>(o: Opts, name: string): F | undefined {
  const v = o[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'function') {
    throw new LogitTypeError(`option ${name} must be a function; received ${describe(v)}`, { parameter: name, value: v });
  }
  return v as F;
}

/** Any finite number (`bias`, `seed` offsets). */
export function finite(o: Opts, name: string, fallback: number): number {
  const v = numberOption(o, name, fallback);
  if (!Number.isFinite(v)) {
    throw new LogitRangeError(`option ${name} must be a finite number; received ${describe(v)}`, { parameter: name, value: v });
  }
  return v;
}

/** A seed: any integer (default 0). */
export function seed(o: Opts, name = 'seed', fallback = 0): number {
  const v = numberOption(o, name, fallback);
  if (!Number.isSafeInteger(v)) {
    throw new LogitRangeError(`option ${name} must be an integer; received ${describe(v)}`, { parameter: name, value: v });
  }
  return v;
}
