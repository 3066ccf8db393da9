import { InvalidArgumentError } from 'commander';

/**
 * Parsers for option values. Each throws commander's InvalidArgumentError, which the program
 * reports as a usage error (exit 1) naming the option and the value received.
 */

function number(v: string): number {
  const x = v.trim() === '' ? NaN : Number(v);
  if (!Number.isFinite(x)) throw new InvalidArgumentError(`expected a number, got ${JSON.stringify(v)}.`);
  return x;
}

/** A finite number > 0 (C, alpha). */
export function positiveNumber(v: string): number {
  const x = number(v);
  if (!(x > 0)) throw new InvalidArgumentError(`must be > 0, got ${v}.`);
  return x;
}

/** A number in [0, 1] (l1-ratio). */
export function unitInterval(v: string): number {
  const x = number(v);
  if (x < 0 || x > 1) throw new InvalidArgumentError(`must be in [0, 1], got ${v}.`);
  return x;
}

/** A fraction strictly inside (0, 1) (test-size). */
export function openFraction(v: string): number {
  const x = number(v);
  if (!(x > 0 && x < 1)) throw new InvalidArgumentError(`must be strictly between 0 and 1, got ${v}.`);
  return x;
}

/** An integer ≥ min (seed, poly degree, max-iter). */
export function integerAtLeast(min: number): (v: string) => number {
  return (v) => {
    const x = number(v);
    if (!Number.isInteger(x) || x < min) throw new InvalidArgumentError(`must be an integer ≥ ${min}, got ${v}.`);
    return x;
  };
}

/** `auto` or a thread count from 1 to 256 (`--threads`). */
export function threadCount(v: string): number | 'auto' {
  if (v === 'auto') return 'auto';
  const x = number(v);
  if (!Number.isInteger(x) || x < 1 || x > 256) throw new InvalidArgumentError(`must be "auto" or an integer from 1 to 256, got ${v}.`);
  return x;
}

/** How `--threshold` picks the decision threshold: tuned for F1 or Youden's J, or a fixed probability. */
export type ThresholdChoice = { kind: 'tune'; objective: 'f1' | 'youden' } | { kind: 'fixed'; value: number };

/** `f1`, `youden` or a probability in [0, 1]. */
export function thresholdChoice(v: string): ThresholdChoice {
  const s = v.trim().toLowerCase();
  if (s === 'f1' || s === 'youden') return { kind: 'tune', objective: s };
  const x = Number(s);
  if (s === '' || !Number.isFinite(x) || x < 0 || x > 1) {
    throw new InvalidArgumentError(`expected f1, youden or a probability in [0, 1], got ${JSON.stringify(v)}.`);
  }
  return { kind: 'fixed', value: x };
}

/** A probability in [0, 1] (predict's --threshold). */
export function probability(v: string): number {
  const x = number(v);
  if (x < 0 || x > 1) throw new InvalidArgumentError(`must be a probability in [0, 1], got ${v}.`);
  return x;
}
