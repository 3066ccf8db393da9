import { LogitRangeError, LogitTypeError, describe } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import * as check from '../core/options.js';
import { Random } from '../core/rng.js';
import { asLabels, asMatrix, encodeLabels, uniqueLabels, type Label, type MatrixLike } from '../core/validate.js';

export interface TrainTestSplitOptions {
  /** Fraction in (0, 1) or a number of test rows (integer ≥ 1). Default 0.25. */
  testSize?: number;
  /** Shuffle before splitting (default true). */
  shuffle?: boolean;
  /** Keep each class's proportion in both parts: `true` stratifies by y, or pass the labels to stratify by. */
  stratify?: boolean | ArrayLike<Label>;
  /** Seed of the shuffle (default 0). */
  seed?: number;
}

export interface TrainTestSplit<Y> {
  XTrain: Matrix;
  XTest: Matrix;
  yTrain: Y;
  yTest: Y;
  /** Row indices of the training part, in output order. */
  trainIndex: Int32Array;
  /** Row indices of the test part, in output order. */
  testIndex: Int32Array;
}

/**
 * Splits rows into a training and a test part, scikit-learn's `train_test_split`:
 * nTest = ⌈testSize·n⌉ for a fraction, nTrain = n − nTest. With `stratify`, each class gets
 * its proportional share of the test rows (largest remainders, ties broken at random), so
 * class proportions agree to within one row. y comes back as the same kind it went in
 * (a Float64Array stays a Float64Array). Cost: O(n·d).
 */
export function trainTestSplit<Y extends ArrayLike<number> | ArrayLike<Label>>(
  X: MatrixLike,
  y: Y,
  options: TrainTestSplitOptions = {},
): TrainTestSplit<Y extends Float64Array ? Float64Array : Y extends ArrayLike<infer T> ? T[] : never> {
  const o = check.rejectUnknownOptions(options, ['testSize', 'shuffle', 'stratify', 'seed'], 'trainTestSplit');
  const M = asMatrix(X);
  const n = M.rows;
  if (y === null || typeof y !== 'object' || typeof (y as ArrayLike<unknown>).length !== 'number') {
    throw new LogitTypeError(`y must be an array; received ${describe(y)}`, { parameter: 'y', value: y });
  }
  if (y.length !== n) {
    throw new LogitRangeError(`y has ${y.length} values but X has ${n} rows; they must match`, { parameter: 'y', value: y.length });
  }
  const ts = o.testSize === undefined ? 0.25 : o.testSize;
  let nTest: number;
  if (typeof ts !== 'number' || !(ts > 0)) {
    throw new LogitRangeError(`option testSize must be a fraction in (0, 1) or a row count ≥ 1; received ${describe(ts)}`, { parameter: 'testSize', value: ts });
  }
  if (ts < 1) nTest = Math.ceil(ts * n);
  else if (Number.isInteger(ts)) nTest = ts;
  else throw new LogitRangeError(`option testSize ≥ 1 must be a whole number of rows; received ${describe(ts)}`, { parameter: 'testSize', value: ts });
  if (nTest >= n || nTest < 1) {
    throw new LogitRangeError(`testSize ${describe(ts)} leaves ${n - nTest} training rows of ${n}; both parts need at least one row`, {
      parameter: 'testSize',
      value: ts,
    });
  }
  const shuffle = check.bool(o, 'shuffle', true);
  const rng = new Random(check.seed(o));
  let testIdx: number[];
  let trainIdx: number[];
  if (o.stratify !== undefined && o.stratify !== false) {
    if (!shuffle) throw new LogitRangeError('stratify needs shuffle: true (as scikit-learn)', { parameter: 'stratify' });
    const strata = asLabels(o.stratify === true ? y : o.stratify, 'stratify', n);
    const classes = uniqueLabels(strata);
    const idx = encodeLabels(strata, classes, 'stratify');
    const members: number[][] = classes.map(() => []);
    for (let i = 0; i < n; i++) members[idx[i]].push(i);
    if (members.some((m) => m.length < 2)) {
      const k = members.findIndex((m) => m.length < 2);
      throw new LogitRangeError(`class ${describe(classes[k])} has only ${members[k].length} row; stratify needs at least 2 per class`, {
        parameter: 'stratify',
        value: classes[k],
      });
    }
    const share = members.map((m) => (m.length * nTest) / n);
    const counts = share.map(Math.floor);
    let left = nTest - counts.reduce((a, b) => a + b, 0);
    // Largest remainders first; equal remainders in random order.
    const order = rng.shuffle(members.map((_, k) => k)).sort((a, b) => share[b] - counts[b] - (share[a] - counts[a]));
    for (const k of order) {
      if (left === 0) break;
      counts[k]++;
      left--;
    }
    testIdx = [];
    trainIdx = [];
    members.forEach((m, k) => {
      rng.shuffle(m);
      testIdx.push(...m.slice(0, counts[k]));
      trainIdx.push(...m.slice(counts[k]));
    });
    rng.shuffle(testIdx);
    rng.shuffle(trainIdx);
  } else {
    if (shuffle) {
      // scikit-learn's ShuffleSplit: the first nTest rows of the permutation are the test part.
      const perm = Array.from(rng.permutation(n));
      testIdx = perm.slice(0, nTest);
      trainIdx = perm.slice(nTest);
    } else {
      trainIdx = Array.from({ length: n - nTest }, (_, i) => i);
      testIdx = Array.from({ length: nTest }, (_, i) => n - nTest + i);
    }
  }
  const pick = (rows: number[]): unknown => {
    if (y instanceof Float64Array) return Float64Array.from(rows, (i) => y[i]);
    return rows.map((i) => (y as ArrayLike<unknown>)[i]);
  };
  return {
    XTrain: M.selectRows(trainIdx),
    XTest: M.selectRows(testIdx),
    yTrain: pick(trainIdx),
    yTest: pick(testIdx),
    trainIndex: Int32Array.from(trainIdx),
    testIndex: Int32Array.from(testIdx),
  } as TrainTestSplit<Y extends Float64Array ? Float64Array : Y extends ArrayLike<infer T> ? T[] : never>;
}
