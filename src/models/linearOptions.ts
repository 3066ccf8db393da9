import { LogitRangeError } from '../core/errors.js';
import * as check from '../core/options.js';
import type { WarningHandler } from '../core/warnings.js';
import type { IterationHandler } from './logisticOptions.js';

/** Penalty on the weights (never on the intercept). */
export type LinearPenalty = 'none' | 'l2' | 'l1' | 'elasticnet';
/**
 * `'auto'`: `'lstsq'` for none and l2, `'cd'` for l1, elastic net and `positive`;
 * `'lstsq'`: exact (Cholesky or pivoted QR); `'cd'`: coordinate descent with a duality-gap stop;
 * `'gd'`: the seeds' gradient descent on ½·MSE (+ the L2 term).
 */
export type LinearSolver = 'auto' | 'lstsq' | 'cd' | 'gd';

export interface LinearRegressionOptions {
  /**
   * Default `'none'`. Scalings are scikit-learn's: `'l2'` is Ridge, Σᵢ sᵢ(yᵢ − xᵢ·w − b)² + α‖w‖²;
   * `'l1'` (Lasso) and `'elasticnet'` are (1/2S)·Σᵢ sᵢ(yᵢ − xᵢ·w − b)² + α(ρ‖w‖₁ + (1−ρ)/2·‖w‖²),
   * S = Σ sᵢ (the number of rows without weights).
   */
  penalty?: LinearPenalty;
  /** Penalty strength α > 0 (default 1; ignored without a penalty). */
  alpha?: number;
  /** ρ ∈ [0, 1] of the elastic net; required with penalty 'elasticnet', refused otherwise. */
  l1Ratio?: number | null;
  /** Default `'auto'`. */
  solver?: LinearSolver;
  /** Fit an intercept (default true). */
  fitIntercept?: boolean;
  /** Constrain every coefficient to be ≥ 0 (coordinate descent; default false). */
  positive?: boolean;
  /** Step size of `'gd'` (default 0.1). */
  learningRate?: number;
  /** Iteration limit of `'gd'` and `'cd'` (sweeps; default 1000). */
  maxIter?: number;
  /**
   * `'gd'`: stop when ½·MSE changes by less than tol (default 1e-6). `'cd'`: stop when the
   * duality gap is ≤ tol·Σ sᵢ(yᵢ − ȳ)² (default 1e-4, as scikit-learn).
   */
  tol?: number;
  /** `'cd'` and `'gd'` start from the previous coefficients when the features match (default false). */
  warmStart?: boolean;
  /** Receives warnings (divergence, non-convergence, rank deficiency); default `console.warn`. */
  onWarning?: WarningHandler;
  /**
   * Progress hook, called synchronously with `(iteration, loss)` where loss is the F that
   * `lossHistory` records: by `'gd'` and `'cd'` at the start (0) and after every iteration or
   * sweep, so the calls replay `lossHistory`; by the exact `'lstsq'` once, `(0, F at the
   * solution)`. Not serialised by toJSON. Cost: one call per iteration.
   */
  onIteration?: IterationHandler;
}

export interface LinearRegressionParams {
  readonly penalty: LinearPenalty;
  readonly alpha: number;
  readonly l1Ratio: number | null;
  readonly solver: LinearSolver;
  readonly fitIntercept: boolean;
  readonly positive: boolean;
  readonly learningRate: number;
  readonly maxIter: number;
  readonly tol: number;
  readonly warmStart: boolean;
}

export const LINEAR_OPTION_KEYS = [
  'penalty',
  'alpha',
  'l1Ratio',
  'solver',
  'fitIntercept',
  'positive',
  'learningRate',
  'maxIter',
  'tol',
  'warmStart',
  'onWarning',
  'onIteration',
] as const;

/** Checks options and their combinations. */
export function normalizeLinearOptions(
  options: unknown,
  owner: string,
): { params: LinearRegressionParams; onWarning: WarningHandler | undefined; onIteration: IterationHandler | undefined } {
  const o = check.rejectUnknownOptions(options, LINEAR_OPTION_KEYS, owner);
  const penalty = check.oneOf(o, 'penalty', ['none', 'l2', 'l1', 'elasticnet'] as const, 'none');
  const solver = check.oneOf(o, 'solver', ['auto', 'lstsq', 'cd', 'gd'] as const, 'auto');
  const positive = check.bool(o, 'positive', false);
  let l1Ratio: number | null = null;
  if (o.l1Ratio !== undefined && o.l1Ratio !== null) {
    l1Ratio = check.inRange(o, 'l1Ratio', 0.5, 0, 1);
    if (penalty !== 'elasticnet') {
      throw new LogitRangeError(`l1Ratio applies only to penalty 'elasticnet'; penalty is '${penalty}'`, { parameter: 'l1Ratio', value: l1Ratio });
    }
  } else if (penalty === 'elasticnet') {
    throw new LogitRangeError("penalty 'elasticnet' needs l1Ratio in [0, 1] (0: pure L2, 1: the lasso)", { parameter: 'l1Ratio' });
  }
  const sparse = penalty === 'l1' || penalty === 'elasticnet';
  if (solver === 'lstsq' && (sparse || positive)) {
    throw new LogitRangeError(
      `solver 'lstsq' solves penalty 'none' and 'l2' without constraints; ${positive ? 'positive: true' : `penalty '${penalty}'`} needs solver 'cd' (or 'auto')`,
      { parameter: 'solver', value: solver },
    );
  }
  if (solver === 'gd' && (sparse || positive)) {
    throw new LogitRangeError(
      `solver 'gd' handles penalty 'none' and 'l2' without constraints; ${positive ? 'positive: true' : `penalty '${penalty}'`} needs solver 'cd' (or 'auto')`,
      { parameter: 'solver', value: solver },
    );
  }
  const resolved = solver === 'auto' ? (sparse || positive ? 'cd' : 'lstsq') : solver;
  const params: LinearRegressionParams = Object.freeze({
    penalty,
    alpha: check.positive(o, 'alpha', 1),
    l1Ratio,
    solver,
    fitIntercept: check.bool(o, 'fitIntercept', true),
    positive,
    learningRate: check.positive(o, 'learningRate', 0.1),
    maxIter: check.integer(o, 'maxIter', 1000, 0),
    tol: check.nonNegative(o, 'tol', resolved === 'cd' ? 1e-4 : 1e-6),
    warmStart: check.bool(o, 'warmStart', false),
  });
  return { params, onWarning: check.optionalFunction<WarningHandler>(o, 'onWarning'), onIteration: check.optionalFunction<IterationHandler>(o, 'onIteration') };
}
