import { isLogitError } from '../core/errors.js';
import type { TrainingInfo } from '../core/training.js';
import type { Label } from '../core/validate.js';
import { ElasticNet, Lasso, LinearRegression, Ridge } from '../models/linearRegression.js';
import { LogisticRegression } from '../models/logisticRegression.js';
import { dataError } from './errors.js';

/** The final estimator of a model file. */
export type Estimator = LogisticRegression | LinearRegression;

/** What the command line shows about a fitted model, whatever the document's layout. */
export interface ModelView {
  /** 'classifier' for logistic regression, 'regressor' for the linear family. */
  kind: 'classifier' | 'regressor';
  /** Class of the final estimator: LogisticRegression, Ridge, … */
  estimator: string;
  /** Hyper-parameters of the final estimator as saved. */
  params: Record<string, unknown>;
  /** The steps before the estimator, by class name (empty for a bare model). */
  steps: string[];
  /** Class labels (classifiers). */
  classes: Label[] | null;
  /** One name per model input (after encoding), `x0, x1, …` when the model was not told. */
  featureNames: string[];
  /** Coefficient rows (one for binary and regression, K for multiclass). */
  coef: Float64Array[];
  intercept: number[];
  threshold: number | null;
  training: TrainingInfo;
  fit: { nIter: number; converged: boolean; solver: string; objective: number };
}

const LINEAR: Record<string, typeof LinearRegression> = { LinearRegression, Ridge, Lasso, ElasticNet };

/**
 * Rebuilds the estimator a model document holds, validating every field (the models' fromJSON
 * do; nothing is half-built). A document that does not validate is a data error naming `file`.
 */
export function reviveModel(doc: unknown, file: string): Estimator {
  const cls = typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as Record<string, unknown>).class : undefined;
  try {
    if (cls === 'LogisticRegression') return LogisticRegression.fromJSON(doc, { onWarning: () => {} });
    if (typeof cls === 'string' && Object.prototype.hasOwnProperty.call(LINEAR, cls)) return LINEAR[cls].fromJSON(doc, { onWarning: () => {} });
  } catch (e) {
    if (isLogitError(e)) throw dataError(`not a valid model file: ${e.message}`, file);
    throw e;
  }
  if (typeof doc !== 'object' || doc === null || (doc as Record<string, unknown>).format !== 'logit') {
    throw dataError('not a logit model document (no "format": "logit"); give a file written by logit train', file);
  }
  throw dataError(
    `holds a ${JSON.stringify(cls)} document; logit predict/evaluate/inspect read LogisticRegression, LinearRegression, Ridge, Lasso and ElasticNet models`,
    file,
  );
}

/** The view of a fitted estimator; throws a data error for an unfitted one. */
export function viewOf(model: Estimator, file: string, steps: string[] = []): ModelView {
  if (!model.isFitted) throw dataError('holds an unfitted model (state is null); train it first with logit train', file);
  const names = model.featureNames ?? Array.from({ length: model.nFeatures }, (_, j) => `x${j}`);
  if (model instanceof LogisticRegression) {
    const C = model.coef;
    return {
      kind: 'classifier',
      estimator: 'LogisticRegression',
      params: { ...model.params },
      steps,
      classes: model.classes,
      featureNames: names,
      coef: Array.from({ length: C.rows }, (_, r) => Float64Array.from(C.row(r))),
      intercept: Array.from(model.intercept),
      threshold: model.threshold,
      training: model.training,
      fit: { nIter: model.nIter, converged: model.converged, solver: model.solver, objective: model.objective },
    };
  }
  return {
    kind: 'regressor',
    estimator: (model.constructor as typeof LinearRegression).className,
    params: { ...model.params },
    steps,
    classes: null,
    featureNames: names,
    coef: [model.coef],
    intercept: [model.intercept],
    threshold: null,
    training: model.training,
    fit: { nIter: model.nIter, converged: model.converged, solver: model.method, objective: model.objective },
  };
}
