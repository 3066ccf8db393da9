import { LogitRangeError, LogitTypeError, describe } from '../core/errors.js';
import * as check from '../core/options.js';
import type { Label } from '../core/validate.js';
import type { WarningHandler } from '../core/warnings.js';
import { mapTo } from '../core/arrays.js';

/** Penalty on the weights (never on the intercept). */
export type LogisticPenalty = 'none' | 'l2' | 'l1' | 'elasticnet';
/**
 * `'auto'` picks by penalty and shape (see {@link chooseSolver}); `'lbfgs'`: quasi-Newton;
 * `'newton'`: exact Hessian and Cholesky; `'owlqn'`: orthant-wise L-BFGS for L1 and elastic net;
 * `'proxnewton'`: working-set proximal Newton (newGLMNET-style) for L1 and elastic net, binary
 * and one-vs-rest (a softmax fit runs owlqn);
 * `'sgd'`: mini-batch stochastic gradient (also `partialFit`); `'gd'`: the seeds' fixed-step
 * gradient descent on the raw features.
 */
export type LogisticSolver = 'auto' | 'lbfgs' | 'newton' | 'owlqn' | 'proxnewton' | 'sgd' | 'gd';
/** A solver that actually ran. */
export type ConcreteSolver = Exclude<LogisticSolver, 'auto'>;
/** How more than two classes are modelled; `'auto'` is softmax for K > 2 and one sigmoid for K = 2. */
export type MultiClass = 'auto' | 'multinomial' | 'ovr';
/** `'balanced'`: wₖ = n / (K·nₖ), scikit-learn's formula; or a weight per label (missing labels weigh 1). */
export type ClassWeight = 'balanced' | Readonly<Record<string, number>>;

export interface LogisticRegressionOptions {
  /** `'l2'` (default), `'l1'`, `'elasticnet'` (with `l1Ratio`) or `'none'`. */
  penalty?: LogisticPenalty;
  /** Inverse regularisation strength C > 0 (default 1), scikit-learn's: smaller C, stronger penalty. The seeds' `reg_lambda` is 1/C. */
  C?: number;
  /** Elastic-net mixing ρ ∈ [0, 1]: r(W) = ρ‖W‖₁ + (1−ρ)/2·‖W‖². Required with penalty 'elasticnet', refused otherwise. */
  l1Ratio?: number | null;
  /** Default `'auto'`. */
  solver?: LogisticSolver;
  /** Iteration limit (default 100; epochs for sgd). */
  maxIter?: number;
  /**
   * Default 1e-4. lbfgs, newton, owlqn, proxnewton: stop when the largest component of the scaled
   * objective's gradient (for L1: of its minimum-norm subgradient) in standardised coordinates
   * is ≤ tol. gd: stop when the loss changes by less than tol. sgd: stop when an epoch improves
   * the loss by less than tol.
   */
  tol?: number;
  /** Fit an unpenalised intercept (default true). */
  fitIntercept?: boolean;
  /** Default `'auto'`. */
  multiClass?: MultiClass;
  /** Class weights multiplied into the sample weights (default none). */
  classWeight?: ClassWeight | null;
  /** Start the next fit from the current coefficients when classes and features match (default false). */
  warmStart?: boolean;
  /** Step size of `'gd'` (default 0.1) and initial step η₀ of `'sgd'` (default 1, in standardised coordinates). */
  learningRate?: number;
  /** Mini-batch size of `'sgd'` (default 32). */
  batchSize?: number;
  /** Seed of `'sgd'`'s shuffling (default 0). */
  seed?: number;
  /**
   * Two classes only: the decision threshold `predict` uses, classes[1] when P(classes[1]) ≥
   * threshold. Default null: predict is the argmax of predictProba. Kept by toJSON.
   */
  threshold?: number | null;
  /** Receives warnings (non-convergence, divergence, separation); default `console.warn`. */
  onWarning?: WarningHandler;
  /**
   * Progress hook, called synchronously by the solver: once at the start (iteration 0) and after
   * every iteration (epoch for sgd) with the scaled objective F that `lossHistory` records, so for
   * two classes and for softmax the calls replay `lossHistory` exactly. One-vs-rest solves K
   * sub-problems and restarts the count at 0 for each. Not serialised by toJSON. Cost: one call
   * per iteration.
   */
  onIteration?: IterationHandler;
}

/** `(iteration, loss)`: see the `onIteration` option of the models. */
export type IterationHandler = (iteration: number, loss: number) => void;

/** The fully defaulted, checked hyper-parameters. */
export interface LogisticRegressionParams {
  readonly penalty: LogisticPenalty;
  readonly C: number;
  readonly l1Ratio: number | null;
  readonly solver: LogisticSolver;
  readonly maxIter: number;
  readonly tol: number;
  readonly fitIntercept: boolean;
  readonly multiClass: MultiClass;
  readonly classWeight: ClassWeight | null;
  readonly warmStart: boolean;
  readonly learningRate: number;
  readonly batchSize: number;
  readonly seed: number;
  readonly threshold: number | null;
}

export const OPTION_KEYS = [
  'penalty',
  'C',
  'l1Ratio',
  'solver',
  'maxIter',
  'tol',
  'fitIntercept',
  'multiClass',
  'classWeight',
  'warmStart',
  'learningRate',
  'batchSize',
  'seed',
  'threshold',
  'onWarning',
  'onIteration',
] as const;

/** Which penalties each solver handles. */
const SUPPORTED: Record<ConcreteSolver, readonly LogisticPenalty[]> = {
  lbfgs: ['none', 'l2'],
  newton: ['none', 'l2'],
  owlqn: ['none', 'l2', 'l1', 'elasticnet'],
  proxnewton: ['l1', 'elasticnet'],
  sgd: ['none', 'l2', 'l1', 'elasticnet'],
  gd: ['none', 'l2'],
};

/** Turns user options into checked parameters; throws for invalid values and unsupported combinations. */
export function normalizeOptions(
  options: unknown,
  owner: string,
): { params: LogisticRegressionParams; onWarning: WarningHandler | undefined; onIteration: IterationHandler | undefined } {
  const o = check.rejectUnknownOptions(options, OPTION_KEYS, owner);
  const penalty = check.oneOf(o, 'penalty', ['none', 'l2', 'l1', 'elasticnet'] as const, 'l2');
  const solver = check.oneOf(o, 'solver', ['auto', 'lbfgs', 'newton', 'owlqn', 'proxnewton', 'sgd', 'gd'] as const, 'auto');
  let l1Ratio: number | null = null;
  if (o.l1Ratio !== undefined && o.l1Ratio !== null) {
    l1Ratio = check.inRange(o, 'l1Ratio', 0.5, 0, 1);
    if (penalty !== 'elasticnet') {
      throw new LogitRangeError(`l1Ratio applies only to penalty 'elasticnet'; penalty is '${penalty}'`, { parameter: 'l1Ratio', value: l1Ratio });
    }
  } else if (penalty === 'elasticnet') {
    throw new LogitRangeError("penalty 'elasticnet' needs l1Ratio in [0, 1] (0: pure L2, 1: pure L1)", { parameter: 'l1Ratio', value: o.l1Ratio });
  }
  if (solver !== 'auto' && !SUPPORTED[solver].includes(penalty)) {
    const able = (Object.keys(SUPPORTED) as ConcreteSolver[]).filter((s) => SUPPORTED[s].includes(penalty));
    throw new LogitRangeError(
      `solver '${solver}' does not support penalty '${penalty}'; '${solver}' handles ${SUPPORTED[solver].map((p) => `'${p}'`).join(', ')}, ` +
        `and penalty '${penalty}' works with ${able.map((s) => `'${s}'`).join(', ')} or 'auto'`,
      { parameter: 'solver', value: solver },
    );
  }
  const params: LogisticRegressionParams = Object.freeze({
    penalty,
    C: check.positive(o, 'C', 1),
    l1Ratio,
    solver,
    maxIter: check.integer(o, 'maxIter', 100, 0),
    tol: check.nonNegative(o, 'tol', 1e-4),
    fitIntercept: check.bool(o, 'fitIntercept', true),
    multiClass: check.oneOf(o, 'multiClass', ['auto', 'multinomial', 'ovr'] as const, 'auto'),
    classWeight: checkClassWeight(o.classWeight),
    warmStart: check.bool(o, 'warmStart', false),
    learningRate: check.positive(o, 'learningRate', solver === 'sgd' ? 1 : 0.1),
    batchSize: check.integer(o, 'batchSize', 32, 1),
    seed: check.seed(o),
    threshold: o.threshold === null || o.threshold === undefined ? null : check.inRange(o, 'threshold', 0.5, 0, 1),
  });
  return { params, onWarning: check.optionalFunction<WarningHandler>(o, 'onWarning'), onIteration: check.optionalFunction<IterationHandler>(o, 'onIteration') };
}

function checkClassWeight(v: unknown): ClassWeight | null {
  if (v === undefined || v === null) return null;
  if (v === 'balanced') return 'balanced';
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw new LogitTypeError(`option classWeight must be 'balanced' or an object { label: weight }; received ${describe(v)}`, {
      parameter: 'classWeight',
      value: v,
    });
  }
  const out: Record<string, number> = Object.create(null);
  for (const [k, w] of Object.entries(v)) {
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      throw new LogitRangeError(`classWeight[${JSON.stringify(k)}] is ${describe(w)}; class weights must be finite numbers ≥ 0`, {
        parameter: 'classWeight',
        value: w,
      });
    }
    out[k] = w;
  }
  return Object.freeze(out);
}

/** λ₁ and λ₂ of the unscaled objective Σ sᵢℓᵢ + λ₁‖W‖₁ + ½λ₂‖W‖², from scikit-learn's C·Σℓ + r(W). */
export function penaltyStrengths(p: LogisticRegressionParams): { l1: number; l2: number } {
  const lam = 1 / p.C;
  switch (p.penalty) {
    case 'none':
      return { l1: 0, l2: 0 };
    case 'l2':
      return { l1: 0, l2: lam };
    case 'l1':
      return { l1: lam, l2: 0 };
    case 'elasticnet': {
      const rho = p.l1Ratio as number;
      return { l1: rho * lam, l2: (1 - rho) * lam };
    }
  }
}

/**
 * Per-sample class weights, scikit-learn's rule: 'balanced' gives wₖ = n / (K·nₖ) from the
 * (unweighted) class counts, a dict gives its value per label (1 when absent; a key naming no
 * class is an error). `yIdx` indexes `classes`. Returns null when there are no class weights.
 */
export function classWeightsPerSample(cw: ClassWeight | null, classes: readonly Label[], yIdx: Int32Array): Float64Array | null {
  if (cw === null) return null;
  const K = classes.length;
  const perClass = new Float64Array(K).fill(1);
  if (cw === 'balanced') {
    const counts = new Float64Array(K);
    for (let i = 0; i < yIdx.length; i++) counts[yIdx[i]]++;
    for (let k = 0; k < K; k++) perClass[k] = yIdx.length / (K * counts[k]);
  } else {
    const names = new Map(classes.map((c, k) => [String(c), k]));
    for (const [key, w] of Object.entries(cw)) {
      const k = names.get(key);
      if (k === undefined) {
        throw new LogitRangeError(
          `classWeight names the label ${JSON.stringify(key)}, which is not one of the classes [${classes.map(describe).join(', ')}]`,
          { parameter: 'classWeight', value: key },
        );
      }
      perClass[k] = w;
    }
  }
  return mapTo(Float64Array, yIdx, (k) => perClass[k]);
}
