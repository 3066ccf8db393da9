import { LogitRangeError, describe } from '../core/errors.js';
import * as check from '../core/options.js';
import { Random } from '../core/rng.js';
import { asLabels, type Label } from '../core/validate.js';
import { emitWarning, type WarningHandler } from '../core/warnings.js';
import { checkSplits, complement, type Fold } from './kFold.js';

export interface StratifiedKFoldOptions {
  /** Number of folds k ≥ 2 (default 5). */
  nSplits?: number;
  /** Shuffle each class's fold assignment (default false). */
  shuffle?: boolean;
  /** Seed of the shuffle (default 0). */
  seed?: number;
  /** Receives the warning when a class has fewer than k members (default console.warn). */
  onWarning?: WarningHandler;
}

/**
 * Stratified k-fold splits, scikit-learn's `StratifiedKFold` (version ≥ 0.22 algorithm): every
 * class is spread over the folds as evenly as possible, so each test fold holds ⌊nₖ/k⌋ or
 * ⌈nₖ/k⌉ rows of class k and the folds' sizes differ by at most one.
 *
 * Classes are numbered in order of first appearance in y; the per-fold allocation is the
 * round robin over the class-sorted labels (fold f gets the rows f, f+k, f+2k, … of the sorted
 * list), and each class's rows, in their original order, fill folds 0, 1, … in blocks of their
 * allocation. Without shuffle the folds equal scikit-learn's exactly; with shuffle the block
 * labels of each class are permuted by logit's seeded generator. `train`/`test` are ascending
 * `Int32Array`s. Throws when every class has fewer than k members, warns when one has.
 * Cost: O(k·n + n log n).
 */
export function stratifiedKFold(y: ArrayLike<Label>, options: StratifiedKFoldOptions = {}): Fold[] {
  const o = check.rejectUnknownOptions(options, ['nSplits', 'shuffle', 'seed', 'onWarning'], 'stratifiedKFold');
  const labels = asLabels(y, 'y');
  const n = labels.length;
  if (n === 0) throw new LogitRangeError('stratifiedKFold: y is empty', { parameter: 'y' });
  const { nSplits, shuffle, seed } = checkSplits(o, n, 'stratifiedKFold');
  const onWarning = check.optionalFunction<WarningHandler>(o, 'onWarning');
  // Classes in order of first appearance (scikit-learn's y_encoded).
  const code = new Map<Label, number>();
  const enc = new Int32Array(n);
  const firstSeen: Label[] = [];
  for (let i = 0; i < n; i++) {
    let c = code.get(labels[i]);
    if (c === undefined) {
      c = firstSeen.length;
      code.set(labels[i], c);
      firstSeen.push(labels[i]);
    }
    enc[i] = c;
  }
  const K = firstSeen.length;
  const counts = new Int32Array(K);
  for (let i = 0; i < n; i++) counts[enc[i]]++;
  let minCount = n;
  let minClass = 0;
  let maxCount = 0;
  for (let k = 0; k < K; k++) {
    if (counts[k] < minCount) {
      minCount = counts[k];
      minClass = k;
    }
    maxCount = Math.max(maxCount, counts[k]);
  }
  if (maxCount < nSplits) {
    throw new LogitRangeError(`stratifiedKFold: nSplits is ${nSplits} but no class of y has that many members (largest: ${maxCount})`, {
      parameter: 'nSplits',
      value: nSplits,
    });
  }
  if (minCount < nSplits) {
    emitWarning(onWarning, {
      code: 'small-class',
      source: 'stratifiedKFold',
      message: `class ${describe(firstSeen[minClass])} has only ${minCount} members, fewer than nSplits = ${nSplits}; some test folds will have none of it`,
    });
  }
  // allocation[f][k]: rows of class k in test fold f = round robin over the sorted codes.
  const allocation: Int32Array[] = Array.from({ length: nSplits }, () => new Int32Array(K));
  let pos = 0;
  for (let k = 0; k < K; k++) {
    for (let m = 0; m < counts[k]; m++) allocation[(pos + m) % nSplits][k]++;
    pos += counts[k];
  }
  const rng = shuffle ? new Random(seed) : null;
  const testFold = new Int32Array(n);
  const next = new Int32Array(K); // write position into each class's block labels
  const blocks: Int32Array[] = [];
  for (let k = 0; k < K; k++) {
    const b = new Int32Array(counts[k]);
    let m = 0;
    for (let f = 0; f < nSplits; f++) for (let r = 0; r < allocation[f][k]; r++) b[m++] = f;
    if (rng !== null) rng.shuffle(b);
    blocks.push(b);
  }
  for (let i = 0; i < n; i++) testFold[i] = blocks[enc[i]][next[enc[i]]++];
  const sizes = new Int32Array(nSplits);
  for (let i = 0; i < n; i++) sizes[testFold[i]]++;
  const folds: Fold[] = [];
  for (let f = 0; f < nSplits; f++) {
    const test = new Int32Array(sizes[f]);
    let m = 0;
    for (let i = 0; i < n; i++) if (testFold[i] === f) test[m++] = i;
    folds.push({ train: complement(n, test), test });
  }
  return folds;
}
