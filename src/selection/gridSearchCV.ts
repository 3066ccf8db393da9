import { LogitRangeError, LogitTypeError, describe } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import * as check from '../core/options.js';
import { asMatrix, type MatrixLike } from '../core/validate.js';
import { crossValidate, resolveCv, type CvOption, type Estimator, type FitParams, type Targets } from './crossValidate.js';
import type { Scoring } from './scoring.js';

/** Values to try per parameter name, or a list of such grids (searched one after another). */
export type ParamGrid<P> = { [K in keyof P]?: readonly P[K][] } | readonly { [K in keyof P]?: readonly P[K][] }[];

export interface GridSearchOptions {
  /** Folds (default 5; stratified for classifiers); every candidate sees the same folds. */
  cv?: CvOption;
  /** Scorer name or function (default the model's score()). */
  scoring?: Scoring;
  /** Refit the best candidate on all the data as bestEstimator (default true). */
  refit?: boolean;
  /** Score each fold's model on its training part too (default false). */
  returnTrainScore?: boolean;
  /** Passed to every fit (restricted to its training rows) and to the refit. */
  fitParams?: FitParams;
}

export interface GridSearchResults<P> {
  /** Candidate settings in search order (scikit-learn's ParameterGrid: keys sorted, last key fastest). */
  params: P[];
  meanTestScore: Float64Array;
  /** Population standard deviation over the folds (numpy's std, ddof 0), as scikit-learn. */
  stdTestScore: Float64Array;
  /** 1 for the best mean; equal means share the smallest rank ('min' ranking). */
  rankTestScore: Int32Array;
  /** candidates × folds test scores. */
  splitTestScores: Matrix;
  meanTrainScore?: Float64Array;
  stdTrainScore?: Float64Array;
  splitTrainScores?: Matrix;
  meanFitTime: Float64Array;
  meanScoreTime: Float64Array;
}

export interface GridSearch<P, M> {
  bestParams: P;
  bestScore: number;
  /** Index into cvResults.params: the first candidate of rank 1. */
  bestIndex: number;
  cvResults: GridSearchResults<P>;
  /** The best candidate refitted on all of X, y (null with refit: false). */
  bestEstimator: M | null;
}

/**
 * Exhaustive search over a parameter grid, scikit-learn's `GridSearchCV`: every combination
 * is cross-validated on the same folds with `crossValidate`, ranked by mean test score
 * (greater is better), and the best refitted on all the data. `factory(params)` must return a
 * new, unfitted model built with those parameters. Cost: (number of candidates) × k fits,
 * plus one refit.
 *
 * @example
 *   gridSearchCV((p) => new LogisticRegression(p), { C: [0.01, 0.1, 1, 10] }, X, y, { scoring: 'neg_log_loss' })
 */
export function gridSearchCV<P extends Record<string, unknown>, M extends Estimator>(
  factory: (params: P) => M,
  paramGrid: ParamGrid<P>,
  X: MatrixLike,
  y: Targets,
  options: GridSearchOptions = {},
): GridSearch<P, M> {
  const o = check.rejectUnknownOptions(options, ['cv', 'scoring', 'refit', 'returnTrainScore', 'fitParams'], 'gridSearchCV');
  if (typeof factory !== 'function') {
    throw new LogitTypeError(`gridSearchCV needs a factory (params) => model; received ${describe(factory)}`, { parameter: 'factory', value: factory });
  }
  const candidates = expandGrid(paramGrid) as P[];
  const M = asMatrix(X);
  const refit = check.bool(o, 'refit', true);
  const returnTrain = check.bool(o, 'returnTrainScore', false);
  const probe = factory(candidates[0]);
  const folds = resolveCv(o.cv, M.rows, y, typeof probe?.predictProba === 'function');
  const k = folds.length;
  const C = candidates.length;
  const split = new Matrix(C, k);
  const splitTrain = new Matrix(C, k);
  const meanFit = new Float64Array(C);
  const meanScore = new Float64Array(C);
  candidates.forEach((params, c) => {
    const r = crossValidate(() => factory(params), M, y, {
      cv: folds,
      ...(o.scoring === undefined ? {} : { scoring: o.scoring as Scoring }),
      returnTrainScore: returnTrain,
      ...(o.fitParams === undefined ? {} : { fitParams: o.fitParams as FitParams }),
    });
    split.data.set(r.testScore, c * k);
    if (r.trainScore) splitTrain.data.set(r.trainScore, c * k);
    meanFit[c] = mean(r.fitTime);
    meanScore[c] = mean(r.scoreTime);
  });
  const stats = (S: Matrix): { m: Float64Array; s: Float64Array } => {
    const m = new Float64Array(C);
    const s = new Float64Array(C);
    for (let c = 0; c < C; c++) {
      const row = S.data.subarray(c * k, (c + 1) * k);
      m[c] = mean(row);
      let v = 0;
      for (const x of row) v += (x - m[c]) * (x - m[c]);
      s[c] = Math.sqrt(v / k);
    }
    return { m, s };
  };
  const test = stats(split);
  const rank = rankMin(test.m);
  const bestIndex = rank.indexOf(1);
  const bestParams = candidates[bestIndex];
  let bestEstimator: M | null = null;
  if (refit) {
    bestEstimator = factory(bestParams);
    const fp = o.fitParams as FitParams | undefined;
    bestEstimator.fit(M, y as never, fp?.sampleWeight === undefined ? {} : { sampleWeight: fp.sampleWeight });
  }
  const cvResults: GridSearchResults<P> = {
    params: candidates,
    meanTestScore: test.m,
    stdTestScore: test.s,
    rankTestScore: rank,
    splitTestScores: split,
    meanFitTime: meanFit,
    meanScoreTime: meanScore,
  };
  if (returnTrain) {
    const tr = stats(splitTrain);
    cvResults.meanTrainScore = tr.m;
    cvResults.stdTrainScore = tr.s;
    cvResults.splitTrainScores = splitTrain;
  }
  return { bestParams, bestScore: test.m[bestIndex], bestIndex, cvResults, bestEstimator };
}

function mean(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s / v.length;
}

/** scipy's rankdata(−scores, method='min'), NaN ranked last. */
function rankMin(scores: Float64Array): Int32Array {
  const C = scores.length;
  const key = (v: number): number => (Number.isNaN(v) ? -Infinity : v);
  const rank = new Int32Array(C);
  for (let c = 0; c < C; c++) {
    let better = 0;
    for (let d = 0; d < C; d++) if (key(scores[d]) > key(scores[c])) better++;
    rank[c] = better + 1;
  }
  return rank;
}

/**
 * scikit-learn's ParameterGrid: for each grid, keys sorted, the Cartesian product of their
 * value lists with the last key varying fastest. Cost: O(number of candidates).
 */
export function expandGrid<P extends Record<string, unknown>>(paramGrid: ParamGrid<P>): P[] {
  const grids = Array.isArray(paramGrid) ? paramGrid : [paramGrid];
  if (grids.length === 0) throw new LogitRangeError('paramGrid is empty', { parameter: 'paramGrid' });
  const out: P[] = [];
  grids.forEach((g, gi) => {
    if (g === null || typeof g !== 'object' || Array.isArray(g)) {
      throw new LogitTypeError(`paramGrid${grids.length > 1 ? `[${gi}]` : ''} must be an object of value lists; received ${describe(g)}`, { parameter: 'paramGrid', value: g });
    }
    const keys = Object.keys(g).sort();
    for (const key of keys) {
      const vals = (g as Record<string, unknown>)[key];
      if (!Array.isArray(vals) || vals.length === 0) {
        throw new LogitRangeError(`paramGrid.${key} must be a non-empty array of values to try; received ${describe(vals)}`, { parameter: 'paramGrid', value: vals });
      }
    }
    const lists = keys.map((key) => (g as Record<string, unknown[]>)[key]);
    const idx = new Array<number>(keys.length).fill(0);
    for (;;) {
      const p: Record<string, unknown> = {};
      keys.forEach((key, j) => (p[key] = lists[j][idx[j]]));
      out.push(p as P);
      let j = keys.length - 1;
      while (j >= 0 && ++idx[j] === lists[j].length) idx[j--] = 0;
      if (j < 0) break;
    }
  });
  return out;
}
