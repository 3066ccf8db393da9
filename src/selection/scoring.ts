import { LogitRangeError, LogitTypeError, describe } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import { compareLabels, type Label } from '../core/validate.js';
import { accuracyScore } from '../metrics/classification.js';
import { balancedAccuracyScore, matthewsCorrcoef } from '../metrics/confusion.js';
import { f1Score, precisionScore, recallScore } from '../metrics/prf.js';
import { brierScoreLoss, logLoss } from '../metrics/probabilistic.js';
import { averagePrecisionScore, rocAucScore } from '../metrics/ranking.js';
import { explainedVarianceScore, meanAbsoluteError, meanSquaredError, r2Score, rootMeanSquaredError } from '../metrics/regression.js';

/**
 * What a scorer needs from a fitted model: `predict`, and for probability or ranking scorers
 * `predictProba` / `decisionFunction` and `classes` (LogisticRegression has all of them;
 * LinearRegression and friends have `predict`).
 */
export interface ScorableModel {
  predict(X: Matrix): ArrayLike<Label> | ArrayLike<number>;
  predictProba?(X: Matrix): Matrix;
  decisionFunction?(X: Matrix): Matrix;
  score?(X: Matrix, y: never, options?: { sampleWeight?: ArrayLike<number> }): number;
  readonly classes?: readonly Label[];
}

/**
 * A scorer: (fitted model, X, y, sampleWeight?) → number, where greater is better
 * (scikit-learn's convention: losses are negated, as in 'neg_log_loss').
 */
export type Scorer = (model: ScorableModel, X: Matrix, y: ArrayLike<Label>, sampleWeight?: ArrayLike<number> | null) => number;

/** What `scoring` options accept: a scikit-learn scorer name or a Scorer function. */
export type Scoring = ScorerName | Scorer;

function need<K extends 'predictProba' | 'decisionFunction'>(model: ScorableModel, method: K, name: string): NonNullable<ScorableModel[K]> {
  const f = model[method];
  if (typeof f !== 'function') {
    throw new LogitTypeError(`scoring ${JSON.stringify(name)} needs a model with ${method}(); this one has none`, { parameter: 'scoring', value: name });
  }
  return f.bind(model) as NonNullable<ScorableModel[K]>;
}

function modelClasses(model: ScorableModel, name: string): readonly Label[] {
  const c = model.classes;
  if (c === undefined || c.length < 2) {
    throw new LogitTypeError(`scoring ${JSON.stringify(name)} needs a fitted classifier with classes`, { parameter: 'scoring', value: name });
  }
  return c;
}

/** Binary positive label: 1 for {0,1}/{−1,1} labels, true for booleans, else the model's classes[1]. */
function positiveLabel(model: ScorableModel, name: string): Label {
  const c = modelClasses(model, name);
  if (c.length !== 2) {
    throw new LogitRangeError(`scoring ${JSON.stringify(name)} is binary but the model has ${c.length} classes; use ${JSON.stringify(name + '_macro')} or another average`, {
      parameter: 'scoring',
      value: name,
    });
  }
  if (typeof c[0] === 'boolean') return true;
  if (c.every((v) => v === 0 || v === 1 || v === -1)) return 1;
  return c[1];
}

function sw(sampleWeight: ArrayLike<number> | null | undefined): { sampleWeight?: ArrayLike<number> } {
  return sampleWeight == null ? {} : { sampleWeight };
}

/** Scores for binary ranking metrics: decisionFunction when the model has it, else P(classes[1]) (scikit-learn's _ThresholdScorer). */
function rankingScores(model: ScorableModel, X: Matrix, name: string): Float64Array {
  const c = modelClasses(model, name);
  if (c.length !== 2) {
    throw new LogitRangeError(`scoring ${JSON.stringify(name)} is binary but the model has ${c.length} classes; use 'roc_auc_ovr' or 'roc_auc_ovo'`, {
      parameter: 'scoring',
      value: name,
    });
  }
  if (typeof model.decisionFunction === 'function') {
    const Z = model.decisionFunction(X);
    return Z.column(Z.cols - 1);
  }
  return need(model, 'predictProba', name)(X).column(1);
}

type Registry = Record<string, (name: string) => Scorer>;

const predicted = (model: ScorableModel, X: Matrix): Label[] => Array.from(model.predict(X) as ArrayLike<Label>);
const numeric = (model: ScorableModel, X: Matrix): Float64Array => Float64Array.from(model.predict(X) as ArrayLike<number>);

function assertNumbers(y: ArrayLike<Label>, name: string): ArrayLike<number> {
  if (y.length > 0 && typeof y[0] !== 'number') {
    throw new LogitTypeError(`scoring ${JSON.stringify(name)} is a regression metric; y holds ${typeof y[0]}s`, { parameter: 'scoring', value: name });
  }
  return y as ArrayLike<number>;
}

function aucScorer(multiClass: 'ovr' | 'ovo', average: 'macro' | 'weighted') {
  return (name: string): Scorer =>
    (model, X, y, w) => {
      const classes = [...modelClasses(model, name)].sort(compareLabels);
      return rocAucScore(y, need(model, 'predictProba', name)(X), { multiClass, average, labels: classes, ...sw(w) });
    };
}

/** precision / recall / f1 scorers: binary on the positive label, or averaged over the model's classes. */
function prfScorer(field: 'precision' | 'recall' | 'f1', average: 'binary' | 'macro' | 'micro' | 'weighted') {
  return (name: string): Scorer =>
    (model, X, y, w) => {
      const opts =
        average === 'binary'
          ? { average, posLabel: positiveLabel(model, name), ...sw(w) }
          : { average, labels: [...modelClasses(model, name)], ...sw(w) };
      const pred = predicted(model, X);
      if (field === 'f1') return f1Score(y, pred, opts) as number;
      return (field === 'precision' ? precisionScore(y, pred, opts) : recallScore(y, pred, opts)) as number;
    };
}

const REGISTRY: Registry = {
  accuracy: () => (model, X, y, w) => accuracyScore(y, predicted(model, X), sw(w)),
  balanced_accuracy: () => (model, X, y, w) => balancedAccuracyScore(y, predicted(model, X), sw(w)),
  matthews_corrcoef: () => (model, X, y, w) => matthewsCorrcoef(y, predicted(model, X), sw(w)),
  f1: prfScorer('f1', 'binary'),
  f1_macro: prfScorer('f1', 'macro'),
  f1_micro: prfScorer('f1', 'micro'),
  f1_weighted: prfScorer('f1', 'weighted'),
  precision: prfScorer('precision', 'binary'),
  precision_macro: prfScorer('precision', 'macro'),
  precision_micro: prfScorer('precision', 'micro'),
  precision_weighted: prfScorer('precision', 'weighted'),
  recall: prfScorer('recall', 'binary'),
  recall_macro: prfScorer('recall', 'macro'),
  recall_micro: prfScorer('recall', 'micro'),
  recall_weighted: prfScorer('recall', 'weighted'),
  roc_auc: (name) => (model, X, y, w) => rocAucScore(y, rankingScores(model, X, name), sw(w)),
  roc_auc_ovr: aucScorer('ovr', 'macro'),
  roc_auc_ovo: aucScorer('ovo', 'macro'),
  roc_auc_ovr_weighted: aucScorer('ovr', 'weighted'),
  roc_auc_ovo_weighted: aucScorer('ovo', 'weighted'),
  average_precision: (name) => (model, X, y, w) =>
    averagePrecisionScore(y, rankingScores(model, X, name), { posLabel: positiveLabel(model, name), ...sw(w) }),
  neg_log_loss: (name) => (model, X, y, w) => -logLoss(y, need(model, 'predictProba', name)(X), { labels: modelClasses(model, name), ...sw(w) }),
  neg_brier_score: (name) => (model, X, y, w) => {
    const pos = positiveLabel(model, name);
    const P = need(model, 'predictProba', name)(X);
    return -brierScoreLoss(y, P.column(modelClasses(model, name).indexOf(pos)), { posLabel: pos, ...sw(w) });
  },
  r2: (name) => (model, X, y, w) => r2Score(assertNumbers(y, name), numeric(model, X), sw(w)),
  neg_mean_squared_error: (name) => (model, X, y, w) => -meanSquaredError(assertNumbers(y, name), numeric(model, X), sw(w)),
  neg_root_mean_squared_error: (name) => (model, X, y, w) => -rootMeanSquaredError(assertNumbers(y, name), numeric(model, X), sw(w)),
  neg_mean_absolute_error: (name) => (model, X, y, w) => -meanAbsoluteError(assertNumbers(y, name), numeric(model, X), sw(w)),
  explained_variance: (name) => (model, X, y, w) => explainedVarianceScore(assertNumbers(y, name), numeric(model, X), sw(w)),
};

/** The scikit-learn scorer names logit knows. */
export type ScorerName = keyof typeof REGISTRY & string;

/** Every scorer name `getScorer` accepts, sorted. */
export function scorerNames(): string[] {
  return Object.keys(REGISTRY).sort();
}

/**
 * Turns a `scoring` option into a Scorer (scikit-learn's `check_scoring`): a name from
 * `scorerNames()` ('accuracy', 'roc_auc', 'neg_log_loss', 'r2', …; losses negated so greater is
 * always better), a function (model, X, y, sampleWeight?) → number used as is, or undefined
 * for the model's own `score` method (accuracy for classifiers, R² for regressors).
 * Binary scorers ('f1', 'precision', 'average_precision', …) take the positive label to be 1
 * for {0,1}/{−1,1} labels, true for booleans and otherwise the model's classes[1]
 * (scikit-learn raises for other labels). Cost: O(number of scorers) to look up.
 */
export function getScorer(scoring?: Scoring | string): Scorer {
  if (scoring === undefined) {
    return (model, X, y, w) => {
      if (typeof model.score !== 'function') {
        throw new LogitTypeError('the model has no score() method; pass scoring', { parameter: 'scoring' });
      }
      return model.score(X, y as never, sw(w));
    };
  }
  if (typeof scoring === 'function') return scoring;
  if (typeof scoring !== 'string') {
    throw new LogitTypeError(`scoring must be a scorer name or a function; received ${describe(scoring)}`, { parameter: 'scoring', value: scoring });
  }
  const make = Object.prototype.hasOwnProperty.call(REGISTRY, scoring) ? REGISTRY[scoring] : undefined;
  if (make === undefined) {
    throw new LogitRangeError(`scoring ${JSON.stringify(scoring)} is not a known scorer; use one of ${scorerNames().join(', ')}, or a function`, {
      parameter: 'scoring',
      value: scoring,
    });
  }
  return make(scoring);
}
