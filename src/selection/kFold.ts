import { LogitRangeError, LogitTypeError, describe } from '../core/errors.js';
import * as check from '../core/options.js';
import { Random } from '../core/rng.js';

/**
 * One cross-validation split: row indices of the training part and of the test part, each an
 * `Int32Array` in ascending order. The two are disjoint and together cover every row once.
 */
export interface Fold {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

export interface KFoldOptions {
  /** Number of folds k ≥ 2 (default 5, as scikit-learn). */
  nSplits?: number;
  /** Shuffle the rows before cutting them into folds (default false). */
  shuffle?: boolean;
  /** Seed of the shuffle (default 0); logit's xoshiro128** generator, see `Random`. */
  seed?: number;
}

/** Checks nSplits against the number of rows; shared by kFold and stratifiedKFold. */
export function checkSplits(o: Record<string, unknown>, n: number, owner: string): { nSplits: number; shuffle: boolean; seed: number } {
  const nSplits = check.integer(o, 'nSplits', 5, 2);
  const shuffle = check.bool(o, 'shuffle', false);
  if (o.seed !== undefined && !shuffle) {
    // scikit-learn raises here too: a seed without shuffle would silently do nothing.
    throw new LogitRangeError(`${owner}: option seed has no effect without shuffle: true`, { parameter: 'seed', value: o.seed });
  }
  const seed = check.seed(o);
  if (nSplits > n) {
    throw new LogitRangeError(`${owner}: nSplits is ${nSplits} but there are only ${n} rows; each fold needs at least one`, {
      parameter: 'nSplits',
      value: nSplits,
    });
  }
  return { nSplits, shuffle, seed };
}

/** The complement of `test` in 0 … n−1, ascending. */
export function complement(n: number, test: Int32Array): Int32Array {
  const inTest = new Uint8Array(n);
  for (let i = 0; i < test.length; i++) inTest[test[i]] = 1;
  const train = new Int32Array(n - test.length);
  let m = 0;
  for (let i = 0; i < n; i++) if (inTest[i] === 0) train[m++] = i;
  return train;
}

/**
 * k-fold cross-validation splits of n rows, scikit-learn's `KFold`: the rows (in order, or in a
 * seeded random permutation with `shuffle`) are cut into k consecutive blocks, the first n mod k
 * of size ⌊n/k⌋ + 1 and the rest of size ⌊n/k⌋; fold i tests on block i and trains on the rest.
 * Without shuffle the folds equal scikit-learn's exactly. With shuffle the permutation comes from
 * logit's seeded generator (same seed, same folds on every platform), not numpy's, so the
 * folds differ from scikit-learn's `random_state` ones. `train` and `test` are ascending
 * `Int32Array`s. Cost: O(k·n).
 */
export function kFold(n: number, options: KFoldOptions = {}): Fold[] {
  const o = check.rejectUnknownOptions(options, ['nSplits', 'shuffle', 'seed'], 'kFold');
  if (typeof n !== 'number') throw new LogitTypeError(`kFold: n must be a number of rows; received ${describe(n)}`, { parameter: 'n', value: n });
  if (!Number.isInteger(n) || n < 1) throw new LogitRangeError(`kFold: n must be an integer ≥ 1; received ${describe(n)}`, { parameter: 'n', value: n });
  const { nSplits, shuffle, seed } = checkSplits(o, n, 'kFold');
  const order = shuffle ? new Random(seed).permutation(n) : Int32Array.from({ length: n }, (_, i) => i);
  const folds: Fold[] = [];
  const base = Math.floor(n / nSplits);
  const extra = n % nSplits;
  let start = 0;
  for (let f = 0; f < nSplits; f++) {
    const size = base + (f < extra ? 1 : 0);
    const test = order.slice(start, start + size).sort();
    folds.push({ train: complement(n, test), test });
    start += size;
  }
  return folds;
}
