import { isLogitError } from '../core/errors.js';
import type { TrainingInfo } from '../core/training.js';
import type { Label } from '../core/validate.js';
import { ElasticNet, Lasso, LinearRegression, Ridge } from '../models/linearRegression.js';
import { LogisticRegression } from '../models/logisticRegression.js';
import { dataError } from './errors.js';
import { PolynomialFeatures } from '../preprocessing/polynomialFeatures.js';
import { StandardScaler } from '../preprocessing/standardScaler.js';
import { TableModel } from '../pipeline/tableModel.js';

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
 * Rebuilds what a model document holds, validating every field (the classes' fromJSON do;
 * nothing is half-built): a TableModel written by `logit train`, or a bare model. A document
 * that does not validate is a data error naming `file`.
 */
export function reviveModel(doc: unknown, file: string): TableModel | Estimator {
  const cls = typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as Record<string, unknown>).class : undefined;
  try {
    if (cls === 'TableModel') return TableModel.fromJSON(doc);
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
    `holds a ${JSON.stringify(cls)} document; logit reads models written by logit train, and LogisticRegression, LinearRegression, Ridge, Lasso and ElasticNet documents`,
    file,
  );
}

/**
 * The view of a fitted estimator; throws a data error for an unfitted one. `names` overrides the
 * feature names the model remembers (a pipeline knows its inputs' names better).
 */
export function viewOf(model: Estimator, file: string, names?: string[], steps: string[] = []): ModelView {
  if (!model.isFitted) throw dataError('holds an unfitted model (state is null); train it first with logit train', file);
  names ??= model.featureNames ?? Array.from({ length: model.nFeatures }, (_, j) => `x${j}`);
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

/** Class names of the pipeline's steps (with their key settings), for summaries. */
export function stepNames(m: TableModel): string[] {
  return m.pipeline.steps.map(([, s]) => {
    if (s instanceof PolynomialFeatures) return `PolynomialFeatures(degree ${s.params.degree})`;
    if (s instanceof LogisticRegression) return `LogisticRegression(penalty ${s.params.penalty}, C ${s.params.C})`;
    if (s instanceof LinearRegression) return `${(s.constructor as typeof LinearRegression).className}(penalty ${s.params.penalty}${s.params.penalty === 'none' ? '' : `, alpha ${s.params.alpha}`})`;
    if (s instanceof StandardScaler) return 'StandardScaler';
    return (s as object).constructor.name;
  });
}

/** What inspect, predict and evaluate need from a model file. */
export interface LoadedModel {
  /** The table model (null for a bare model document, which reads numeric columns x0, x1, …). */
  table: TableModel | null;
  estimator: Estimator;
  view: ModelView;
}

/** A revived model document with its view; throws data errors naming `file`. */
export function loadedModel(doc: unknown, file: string): LoadedModel {
  const m = reviveModel(doc, file);
  if (m instanceof TableModel) {
    if (!m.pipeline.isFitted) throw dataError('holds an unfitted model; train it first with logit train', file);
    return { table: m, estimator: m.model, view: viewOf(m.model, file, m.featureNames, ['TableEncoder', ...stepNames(m)]) };
  }
  return { table: null, estimator: m, view: viewOf(m, file) };
}
