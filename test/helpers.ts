import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { LogitWarning } from '../src/core/warnings.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Reads a committed fixture written by scripts/fixtures/*.py. */
export function fixture<T = unknown>(name: string): { versions: Record<string, string>; cases: T[] } {
  return JSON.parse(readFileSync(join(ROOT, 'fixtures', name), 'utf8'));
}

/** ‖a − b‖∞ / max(‖b‖∞, floor): normwise relative difference. */
export function relDiff(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-300): number {
  expect(a.length).toBe(b.length);
  let diff = 0;
  let scale = floor;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}

/** Asserts normwise relative closeness and prints both vectors on failure. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number, label = ''): void {
  const r = relDiff(actual, expected);
  if (!(r <= rtol)) {
    throw new Error(
      `${label} relative difference ${r.toExponential(3)} > ${rtol}\n  actual:   [${Array.from(actual).join(', ')}]\n  expected: [${Array.from(expected).join(', ')}]`,
    );
  }
}

/** A warning sink for models under test. */
/**
 * Index of the first entry where a and b differ as bits (Object.is: −0 ≠ +0, NaN = NaN), or −1
 * when they are the same length and identical; fast on large typed arrays, where toEqual takes
 * seconds.
 */
export function firstBitDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (i >= a.length || i >= b.length || !Object.is(a[i], b[i])) return i;
  return -1;
}

export function collectWarnings(): { warnings: LogitWarning[]; onWarning: (w: LogitWarning) => void } {
  const warnings: LogitWarning[] = [];
  return { warnings, onWarning: (w) => warnings.push(w) };
}

export function flat(rows: number[][]): number[] {
  return rows.flat();
}
