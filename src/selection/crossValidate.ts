import { LogitRangeError, LogitTypeError, describe } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import * as check from '../core/options.js';
import { asLabels, asMatrix, uniqueLabels, type Label, type MatrixLike } from '../core/validate.js';
import { kFold, type Fold } from './kFold.js';
import { getScorer, type ScorableModel, type Scoring } from './scoring.js';
import { stratifiedKFold } from './stratifiedKFold.js';

/** What cross-validation needs from a model: fit, and whatever the scorer or method calls. */
export interface Estimator extends ScorableModel {
  fit(X: Matrix, y: never, options?: { sampleWeight?: ArrayLike<number> }): unknown;
}

/** Targets: labels for classifiers, numbers for regressors. */
export type Targets = ArrayLike<Label>;

/** A fold given by hand: index arrays of any kind (number[] or Int32Array). */
export interface FoldLike {
  readonly train: ArrayLike<number>;
  readonly test: ArrayLike<number>;
}

/** A `cv` option: a number of folds (default 5) or explicit folds (from kFold, stratifiedKFold or your own). */
export type CvOption = number | readonly FoldLike[];

export interface FitParams {
  /** Per-sample weights of the whole data; each fit receives the rows of its training part. */
  sampleWeight?: ArrayLike<number>;
}

// The core has no DOM or Node typings; performance exists in every runtime logit targets.
declare const performance: { now(): number } | undefined;
const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * scikit-learn's `check_cv`: a number k gives stratifiedKFold(y, k) when the model is a
 * classifier (it has predictProba) and kFold(n, k) otherwise, both unshuffled; explicit folds
 * are checked (indices in 0 … n−1, non-empty parts) and used as given. Cost: O(k·n).
 */
export function resolveCv(cv: unknown, n: number, y: Targets, classifier: boolean): Fold[] {
  if (cv === undefined || typeof cv === 'number') {
    const nSplits = check.integer({ cv }, 'cv', 5, 2);
    return classifier ? stratifiedKFold(y, { nSplits }) : kFold(n, { nSplits });
  }
  if (!Array.isArray(cv)) {
    throw new LogitTypeError(`cv must be a number of folds or an array of { train, test } folds; received ${describe(cv)}`, { parameter: 'cv', value: cv });
  }
  if (cv.length === 0) throw new LogitRangeError('cv is an empty array of folds', { parameter: 'cv' });
  return cv.map((f: unknown, k: number) => {
    const fold = f as Partial<Fold>;
    if (fold === null || typeof fold !== 'object' || fold.train === undefined || fold.test === undefined) {
      throw new LogitTypeError(`cv[${k}] must be an object { train, test } of index arrays; received ${describe(f)}`, { parameter: 'cv', row: k, value: f });
    }
    const part = (idx: ArrayLike<number>, name: string): Int32Array => {
      if (idx.length === 0) throw new LogitRangeError(`cv[${k}].${name} is empty`, { parameter: 'cv', row: k });
      const out = new Int32Array(idx.length);
      for (let i = 0; i < idx.length; i++) {
        const v = idx[i];
        if (!Number.isInteger(v) || v < 0 || v >= n) {
          throw new LogitRangeError(`cv[${k}].${name}[${i}] is ${describe(v)}; indices must be integers in [0, ${n - 1}]`, { parameter: 'cv', row: k, value: v });
        }
        out[i] = v;
      }
      return out;
    };
    return { train: part(fold.train, 'train'), test: part(fold.test, 'test') };
  });
}

function isClassifier(model: unknown): boolean {
  return typeof (model as ScorableModel).predictProba === 'function';
}

function checkFactory(factory: unknown, owner: string): void {
  if (typeof factory !== 'function') {
    throw new LogitTypeError(`${owner} needs a factory function returning a new, unfitted model; received ${describe(factory)}`, { parameter: 'factory', value: factory });
  }
}

function makeModel<A extends unknown[]>(factory: (...args: A) => Estimator, args: A, owner: string): Estimator {
  const m = factory(...args);
  if (m === null || typeof m !== 'object' || typeof (m as Estimator).fit !== 'function') {
    throw new LogitTypeError(`${owner}: the factory must return a model with a fit method; it returned ${describe(m)}`, { parameter: 'factory', value: m });
  }
  return m;
}

/** Rows of y (a Float64Array stays one). */
export function takeTargets(y: Targets, idx: ArrayLike<number>): Targets {
  if (y instanceof Float64Array) return Float64Array.from(idx as ArrayLike<number>, (i) => y[i]);
  return Array.from(idx as ArrayLike<number>, (i) => y[i]);
}

function checkTargets(y: unknown, n: number): Targets {
  if (y === null || typeof y !== 'object' || typeof (y as ArrayLike<unknown>).length !== 'number') {
    throw new LogitTypeError(`y must be an array of labels or numbers; received ${describe(y)}`, { parameter: 'y', value: y });
  }
  const t = y as Targets;
  if (t.length !== n) throw new LogitRangeError(`y has ${t.length} values but X has ${n} rows; they must match`, { parameter: 'y', value: t.length });
  return t;
}

function checkFitParams(fp: unknown, n: number): FitParams {
  const o = check.rejectUnknownOptions(fp, ['sampleWeight'], 'fitParams');
  if (o.sampleWeight !== undefined) {
    const w = o.sampleWeight as ArrayLike<number>;
    if (w === null || typeof w !== 'object' || w.length !== n) {
      throw new LogitRangeError(`fitParams.sampleWeight has ${describe(w)} but X has ${n} rows`, { parameter: 'sampleWeight' });
    }
  }
  return o as FitParams;
}

/** Fits a fresh model on one fold's training rows. */
function fitOn(model: Estimator, M: Matrix, y: Targets, train: Int32Array, fitParams: FitParams): void {
  const opts = fitParams.sampleWeight === undefined ? {} : { sampleWeight: Float64Array.from(train, (i) => (fitParams.sampleWeight as ArrayLike<number>)[i]) };
  model.fit(M.selectRows(train), takeTargets(y, train) as never, opts);
}

export interface CrossValidateOptions {
  /** Folds: a number k (default 5; stratified for classifiers) or explicit folds. */
  cv?: CvOption;
  /** A scorer name ('accuracy', 'roc_auc', 'neg_log_loss', 'f1', 'r2', 'neg_mean_squared_error', …) or function; default the model's score(). */
  scoring?: Scoring;
  /** Also score each model on its own training part (default false). */
  returnTrainScore?: boolean;
  /** Keep the fitted model of each fold (default false). */
  returnEstimator?: boolean;
  /** Passed to every fit, restricted to its training rows (scikit-learn's fit_params; scorers see no weights, as there). */
  fitParams?: FitParams;
}

export interface CrossValidateResult {
  /** Score of fold k's model on fold k's test part (greater is better). */
  testScore: Float64Array;
  /** With returnTrainScore: the same model's score on its training part. */
  trainScore?: Float64Array;
  /** Seconds spent in fit, per fold. */
  fitTime: Float64Array;
  /** Seconds spent scoring, per fold. */
  scoreTime: Float64Array;
  /** With returnEstimator: each fold's fitted model. */
  estimators?: Estimator[];
  /** The folds used. */
  folds: Fold[];
}

/**
 * k-fold cross-validation, scikit-learn's `cross_validate`: for each fold, a new model from
 * `factory()` is fitted on the training rows and scored on the test rows. Cost: k fits on about
 * (k−1)/k of the data plus k scorings.
 */
export function crossValidate<M extends Estimator>(factory: () => M, X: MatrixLike, y: Targets, options: CrossValidateOptions = {}): CrossValidateResult {
  const o = check.rejectUnknownOptions(options, ['cv', 'scoring', 'returnTrainScore', 'returnEstimator', 'fitParams'], 'crossValidate');
  checkFactory(factory, 'crossValidate');
  const M = asMatrix(X);
  const t = checkTargets(y, M.rows);
  const fitParams = checkFitParams(o.fitParams, M.rows);
  const scorer = getScorer(o.scoring as Scoring | undefined);
  const returnTrain = check.bool(o, 'returnTrainScore', false);
  const keep = check.bool(o, 'returnEstimator', false);
  const first = makeModel(factory, [], 'crossValidate');
  const folds = resolveCv(o.cv, M.rows, t, isClassifier(first));
  const k = folds.length;
  const testScore = new Float64Array(k);
  const trainScore = new Float64Array(k);
  const fitTime = new Float64Array(k);
  const scoreTime = new Float64Array(k);
  const estimators: Estimator[] = [];
  folds.forEach((fold, f) => {
    const model = f === 0 ? first : makeModel(factory, [], 'crossValidate');
    const t0 = now();
    fitOn(model, M, t, fold.train, fitParams);
    const t1 = now();
    testScore[f] = scorer(model, M.selectRows(fold.test), takeTargets(t, fold.test));
    const t2 = now();
    if (returnTrain) trainScore[f] = scorer(model, M.selectRows(fold.train), takeTargets(t, fold.train));
    fitTime[f] = (t1 - t0) / 1000;
    scoreTime[f] = (t2 - t1) / 1000;
    if (keep) estimators.push(model);
  });
  return {
    testScore,
    ...(returnTrain ? { trainScore } : {}),
    fitTime,
    scoreTime,
    ...(keep ? { estimators } : {}),
    folds,
  };
}

export interface CrossValPredictOptions {
  /** Folds whose test parts partition the rows (default 5; stratified for classifiers). */
  cv?: CvOption;
  /** Which output to collect (default 'predict'). */
  method?: 'predict' | 'predictProba' | 'decisionFunction';
  fitParams?: FitParams;
}

/**
 * Out-of-fold predictions, scikit-learn's `cross_val_predict`: row i's output comes from the
 * model that did not see row i. The folds' test parts must partition the rows. 'predict' gives
 * labels (or a Float64Array for regressors); 'predictProba' an n × K Matrix with columns in the
 * sorted classes of y (a class missing from a fold's training part gets probability 0 there,
 * as scikit-learn); 'decisionFunction' an n × K (n × 1 for two classes) Matrix, every fold's
 * model needing all classes. Cost: k fits plus one prediction per row.
 */
export function crossValPredict<M extends Estimator>(factory: () => M, X: MatrixLike, y: Targets, options: CrossValPredictOptions = {}): Label[] | Float64Array | Matrix {
  const o = check.rejectUnknownOptions(options, ['cv', 'method', 'fitParams'], 'crossValPredict');
  checkFactory(factory, 'crossValPredict');
  const M = asMatrix(X);
  const n = M.rows;
  const t = checkTargets(y, n);
  const fitParams = checkFitParams(o.fitParams, n);
  const method = check.oneOf(o, 'method', ['predict', 'predictProba', 'decisionFunction'] as const, 'predict');
  const first = makeModel(factory, [], 'crossValPredict');
  const folds = resolveCv(o.cv, n, t, isClassifier(first));
  const seen = new Uint8Array(n);
  for (const f of folds) for (const i of f.test) seen[i]++;
  const bad = seen.findIndex((c) => c !== 1);
  if (bad >= 0) {
    throw new LogitRangeError(`crossValPredict needs folds whose test parts partition the rows; row ${bad} is in ${seen[bad]} test parts`, { parameter: 'cv', row: bad });
  }
  let labelsOut: unknown[] | null = null;
  let numericOut = true;
  let matrixOut: Matrix | null = null;
  let classes: Label[] | null = null;
  folds.forEach((fold, f) => {
    const model = f === 0 ? first : makeModel(factory, [], 'crossValPredict');
    fitOn(model, M, t, fold.train, fitParams);
    const Xt = M.selectRows(fold.test);
    if (method === 'predict') {
      const pred = model.predict(Xt);
      if (!(pred instanceof Float64Array)) numericOut = false;
      if (labelsOut === null) labelsOut = new Array(n);
      for (let k = 0; k < fold.test.length; k++) labelsOut[fold.test[k]] = pred[k];
      return;
    }
    const fn = model[method];
    if (typeof fn !== 'function') throw new LogitTypeError(`method ${JSON.stringify(method)}: the model has no ${method}()`, { parameter: 'method', value: method });
    const out = fn.call(model, Xt) as Matrix;
    if (classes === null) classes = uniqueLabels(asLabels(t, 'y'));
    const modelClasses = model.classes ?? classes;
    const K = classes.length;
    const cols = method === 'decisionFunction' && K === 2 ? 1 : K;
    if (matrixOut === null) matrixOut = new Matrix(n, cols);
    if (method === 'decisionFunction' && modelClasses.length !== K) {
      throw new LogitRangeError(`fold ${f}'s training part has ${modelClasses.length} of the ${K} classes; decisionFunction cannot be aligned (use stratified folds)`, { parameter: 'cv', row: f });
    }
    const colOf = cols === 1 ? [0] : modelClasses.map((c) => (classes as Label[]).indexOf(c));
    for (let k = 0; k < fold.test.length; k++) {
      const i = fold.test[k];
      for (let j = 0; j < out.cols; j++) matrixOut.data[i * cols + colOf[j]] = out.data[k * out.cols + j];
    }
  });
  if (method !== 'predict') return matrixOut as unknown as Matrix;
  return numericOut ? Float64Array.from(labelsOut as unknown as number[]) : (labelsOut as unknown as Label[]);
}
