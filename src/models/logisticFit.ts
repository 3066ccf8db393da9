import { describe } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import { Random } from '../core/rng.js';
import { assertFinite, type Label } from '../core/validate.js';
import { emitWarning, type WarningHandler } from '../core/warnings.js';
import { LinearModelObjective, preconditioner } from '../loss/linearModelObjective.js';
import { gradientDescent } from '../optim/gradientDescent.js';
import { lbfgs } from '../optim/lbfgs.js';
import { newton } from '../optim/newton.js';
import { minimumNormSubgradient, owlqn } from '../optim/owlqn.js';
import type { MinimizeResult } from '../optim/result.js';
import { sgd } from '../optim/sgd.js';
import { chooseSolver } from './chooseSolver.js';
import { proxNewton, restrictColumns } from './proxNewton.js';
import { lbfgsWithHandoff } from './newtonHandoff.js';
import { classWeightsPerSample, penaltyStrengths, type ConcreteSolver, type IterationHandler, type LogisticRegressionParams } from './logisticOptions.js';
import { completeSeparation, margins, recessionSeparation, type SeparationReport } from './separation.js';
import { warnIfNotConverged } from './solve.js';
import { mapTo } from '../core/arrays.js';

/** `'binary'`: one sigmoid; `'multinomial'`: softmax (K = 2 stored as one row); `'ovr'`: K sigmoids. */
export type LogisticMode = 'binary' | 'multinomial' | 'ovr';

/** A fitted logistic model in original units, plus how the fit went. */
export interface LogisticSolution {
  readonly mode: LogisticMode;
  /** rows × d, row-major: one row for two classes, K rows otherwise. */
  readonly coef: Float64Array;
  readonly rows: number;
  readonly intercept: Float64Array;
  readonly nIter: number;
  readonly converged: boolean;
  /** Scaled objective F (L1 included) at the start and after every iteration; summed over one-vs-rest problems. */
  readonly lossHistory: Float64Array;
  /** scikit-learn's objective C·Σ sᵢℓᵢ + r(W) at the solution (summed over one-vs-rest problems). */
  readonly objective: number;
  /** Largest optimality violation of F in standardised coordinates (gradient, or minimum-norm subgradient with L1). */
  readonly gradMax: number;
  readonly solver: ConcreteSolver;
  /** With penalty 'none': the (quasi-)complete separation found, per sub-problem, else empty. */
  readonly separation: SeparationReport[];
}

export interface LogisticFitInput {
  readonly X: Matrix;
  readonly yIdx: Int32Array;
  readonly classes: readonly Label[];
  /** Sample weights before class weights, or null. */
  readonly sampleWeight: Float64Array | null;
  readonly params: LogisticRegressionParams;
  /** Start from this model (original units) instead of zeros; must have the same mode and shape. */
  readonly init: { coef: Float64Array; intercept: Float64Array } | null;
  readonly onWarning: WarningHandler | undefined;
  readonly source: string;
  /** Names for warnings (separation names the features involved); default x0, x1, … */
  readonly featureNames?: readonly string[] | null;
  /** A fixed preconditioner (partialFit keeps the first chunk's); default: computed from X. */
  readonly preconditioning?: { center: Float64Array | null; scale: Float64Array };
  /**
   * X has not been checked for NaN and ±∞: the preconditioner's column sums check it (a scan
   * with assertFinite's message runs only when a sum is not finite).
   */
  readonly unchecked?: boolean;
  /** sgd: steps already taken, to continue the step schedule (partialFit). */
  readonly sgdStep?: number;
  /** Seed offset for sgd's shuffling (partialFit uses the call number). */
  readonly seedOffset?: number;
  /** Do not warn about non-convergence (partialFit: one epoch never "converges"). */
  readonly quiet?: boolean;
  /** Progress hook: (iteration, F) per sub-problem, F as recorded in lossHistory. */
  readonly onIteration?: IterationHandler;
}

/** What {@link fitLogistic} returns: the solution and, for sgd, the step count reached. */
export interface LogisticFitOutput {
  readonly solution: LogisticSolution;
  readonly sgdStep: number;
}

/** Which model a fit of K classes under `multiClass` is. */
export function logisticMode(multiClass: LogisticRegressionParams['multiClass'], K: number): LogisticMode {
  if (multiClass === 'multinomial' || (multiClass === 'auto' && K > 2)) return 'multinomial';
  return K === 2 ? 'binary' : 'ovr';
}

/**
 * Solves scikit-learn's logistic-regression problem for every sub-problem of the mode (one for
 * binary and multinomial, K for one-vs-rest) with the chosen solver. Every solver except the
 * seeds' `'gd'` works in standardised coordinates (see `preconditioner`), so unscaled features
 * cost no extra iterations; the objective is unchanged and coefficients come back in original
 * units. Warns once when a sub-problem did not converge.
 */
export function fitLogistic(input: LogisticFitInput): LogisticFitOutput {
  const { X, yIdx, classes, params, init } = input;
  const K = classes.length;
  const d = X.cols;
  const n = X.rows;
  const mode = logisticMode(params.multiClass, K);
  const { fitIntercept } = params;
  const { l1, l2 } = penaltyStrengths(params);
  // Elastic net with l1Ratio 0 is a smooth (L2) problem: 'auto' plans it as one.
  const smooth = params.penalty === 'elasticnet' && l1 === 0 ? 'l2' : params.penalty;
  const plan = params.solver === 'auto' ? chooseSolver(smooth, n, d, K, mode === 'multinomial') : { first: params.solver, handoff: null };
  // proxnewton handles one sigmoid at a time; a softmax fit runs owlqn (and says so).
  const solver: ConcreteSolver = plan.first === 'proxnewton' && mode === 'multinomial' ? 'owlqn' : plan.first;
  const weightSum = input.sampleWeight === null ? n : input.sampleWeight.reduce((a, b) => a + b, 0);
  // h̄ = ¼: the log-loss curvature p(1 − p) at the start (p = ½).
  const computed = input.preconditioning === undefined ? preconditioner(X, input.sampleWeight, fitIntercept, l2 / (weightSum * 0.25)) : null;
  if (input.unchecked === true && computed?.finite !== true) assertFinite(X.data, d, 'X'); // throws unless a sum overflowed
  const pc = input.preconditioning ?? (computed as NonNullable<typeof computed>);
  const rng = new Random(params.seed + (input.seedOffset ?? 0));
  let sgdStep = input.sgdStep ?? 0;
  const report = input.onIteration;
  const onIteration = report && ((k: number, f: number): void => report(k, f));

  const problems = mode === 'ovr' ? classes.map((_, k) => k) : [mode === 'binary' ? 1 : -1];
  const rows = mode === 'multinomial' ? (K === 2 ? 1 : K) : problems.length;
  const coef = new Float64Array(rows * d);
  const intercept = new Float64Array(rows);
  const results: MinimizeResult[] = [];
  const failed: string[] = [];
  let objective = 0;
  let gradMax = 0;
  const separation: SeparationReport[] = [];

  for (let r = 0; r < problems.length; r++) {
    const positive = problems[r];
    let y01: Float64Array | undefined;
    let sw = input.sampleWeight;
    if (positive >= 0) {
      y01 = mapTo(Float64Array, yIdx, (k) => (k === positive ? 1 : 0));
      // scikit-learn: 'balanced' one-vs-rest weights come from the masked (binary) labels.
      if (params.classWeight !== null) {
        const cw =
          params.classWeight === 'balanced' && mode === 'ovr'
            ? classWeightsPerSample('balanced', [0, 1], Int32Array.from(y01))
            : classWeightsPerSample(params.classWeight, classes, yIdx);
        sw = multiply(sw, cw);
      }
    } else if (params.classWeight !== null) {
      sw = multiply(sw, classWeightsPerSample(params.classWeight, classes, yIdx));
    }
    const kind = positive >= 0 ? ('binary' as const) : ('multinomial' as const);
    const base = { kind, X, y: y01, yIdx, nClasses: K, sampleWeight: sw, fitIntercept, l2, l1 };
    // proxnewton reads all of X only a few times (once per round; its Newton steps run on gathered
    // column blocks), so a pinned copy of X would cost memory without paying back.
    const objective_ = new LinearModelObjective({ ...base, center: pc.center, scale: pc.scale, pin: solver !== 'proxnewton' });
    const theta = new Float64Array(objective_.size);
    const model = new Float64Array(objective_.size);
    if (init !== null) {
      initialModel(init, mode, r, K, d, fitIntercept, model);
      objective_.fromModel(model, theta);
    }
    let res: MinimizeResult;
    switch (solver) {
      case 'gd': {
        // The seeds' teaching loop runs on the raw features, zig-zags and all.
        const raw = new LinearModelObjective(base);
        objective_.toModel(theta, model);
        res = gradientDescent(raw, model, { maxIter: params.maxIter, tol: params.tol, learningRate: params.learningRate, onIteration });
        objective_.fromModel(model, theta);
        break;
      }
      case 'newton':
        res = newton(objective_, theta, { maxIter: params.maxIter, tol: params.tol, onIteration });
        break;
      case 'owlqn':
        res = owlqn(objective_, theta, { maxIter: params.maxIter, tol: params.tol, onIteration });
        break;
      case 'proxnewton':
        res = proxNewton(objective_, theta, restrictColumns({ ...base, center: pc.center, scale: pc.scale }), {
          maxIter: params.maxIter,
          tol: params.tol,
          onIteration,
        });
        break;
      case 'sgd': {
        const out = sgd(objective_, theta, {
          maxIter: params.maxIter,
          tol: params.tol,
          learningRate: params.learningRate,
          batchSize: params.batchSize,
          rng,
          strongConvexity: l2 / objective_.weightSum,
          step: input.sgdStep ?? 0,
          // Averaging would fill in the L1 solution's exact zeros, so it is used without L1 only.
          average: l1 === 0,
          onIteration,
        });
        sgdStep = Math.max(sgdStep, out.step);
        res = out;
        break;
      }
      case 'lbfgs':
        res =
          plan.handoff === null
            ? lbfgs(objective_, theta, { maxIter: params.maxIter, tol: params.tol, onIteration })
            : lbfgsWithHandoff(objective_, theta, plan.handoff, { maxIter: params.maxIter, tol: params.tol, onIteration });
        break;
    }
    results.push(res);
    if (!res.converged) failed.push(positive >= 0 && mode === 'ovr' ? describe(classes[positive]) : '');
    objective_.toModel(theta, model);
    if (kind === 'multinomial') {
      // Softmax is unchanged by adding one vector to every class row. The unpenalised intercepts
      // are centred always; the weights too unless an L1 term breaks the symmetry (the L2 optimum
      // has rows summing to zero, and centring makes the unpenalised solution canonical).
      centreClasses(model, K, d, fitIntercept, l1 === 0);
      objective_.fromModel(model, theta);
    }
    if (params.penalty === 'none') {
      const report = checkSeparation(X, kind === 'binary' ? (y01 as Float64Array) : yIdx, kind === 'binary' ? 1 : K, model, objective_, theta, pc.scale, params);
      if (report !== null) separation.push(report);
    }
    const cert = certificate(objective_, theta);
    objective += objective_.unscaled(cert.value);
    gradMax = Math.max(gradMax, cert.gradMax);
    storeRows(model, kind, K, d, fitIntercept, r, coef, intercept);
  }
  const firstFailed = results.find((x) => !x.converged);
  if (firstFailed && !input.quiet) {
    const what = mode === 'ovr' ? `one-vs-rest for class${failed.length > 1 ? 'es' : ''} ${failed.join(', ')}` : '';
    warnIfNotConverged(input.source, firstFailed, { ...params, solver }, input.onWarning, what);
  }
  if (separation.length > 0) warnSeparation(input, separation);
  const solution: LogisticSolution = {
    mode,
    coef,
    rows,
    intercept,
    nIter: Math.max(...results.map((x) => x.nIter)),
    converged: results.every((x) => x.converged),
    lossHistory: sumHistories(results.map((x) => x.history)),
    objective,
    gradMax,
    solver,
    separation,
  };
  return { solution, sgdStep };
}

/**
 * Log-odds margin beyond which a sample's fitted probability is within 3e-4 of its label: a hint
 * that coefficients may be running off along a separating direction (at tol 1e-4 a solver stops
 * long before such probabilities reach 0 or 1), worth the continuation test.
 */
const EXTREME_MARGIN = 8;
/** Extra iterations used to expose a quasi-complete separating direction. */
const CONTINUATION_ITERATIONS = 50;

/**
 * Unpenalised fits only: complete separation when the fitted scores classify every sample with
 * a positive margin; otherwise, when some samples are fitted to within 3e-4 of their labels,
 * continue the solver and test whether the direction it keeps moving in separates
 * (quasi-complete separation). The model returned to the user is the one the solver stopped at.
 */
function checkSeparation(
  X: Matrix,
  y: ArrayLike<number>,
  rows: number,
  model: Float64Array,
  obj: LinearModelObjective,
  theta: Float64Array,
  scale: Float64Array,
  params: LogisticRegressionParams,
): SeparationReport | null {
  const d = X.cols;
  const split = (m: Float64Array): [Float64Array, Float64Array] => [
    m.subarray(0, rows * d),
    params.fitIntercept ? m.subarray(rows * d, rows * d + rows) : new Float64Array(rows),
  ];
  const [coef, intercept] = split(model);
  const complete = completeSeparation(X, y, coef, intercept, rows, scale);
  if (complete !== null) return complete;
  const m = margins(X, y, coef, intercept, rows);
  let extreme = false;
  for (let i = 0; i < m.length && !extreme; i++) extreme = m[i] > EXTREME_MARGIN;
  if (!extreme) return null;
  const further = theta.slice();
  const before = obj.valueAndGradient(theta, new Float64Array(obj.size));
  const res = lbfgs(obj, further, { maxIter: CONTINUATION_ITERATIONS, tol: 0 });
  if (!(res.value < before - 1e-12 * Math.abs(before))) return null; // nowhere further to go: the MLE exists
  const next = new Float64Array(obj.size);
  obj.toModel(further, next);
  const delta = next.map((v, j) => v - model[j]);
  const [dCoef, dIntercept] = split(delta);
  return recessionSeparation(X, y, dCoef, dIntercept, rows, scale);
}

function warnSeparation(input: LogisticFitInput, reports: SeparationReport[]): void {
  const names = input.featureNames ?? null;
  const features = [...new Set(reports.flatMap((r) => r.features))].slice(0, 6).map((j) => (names ? JSON.stringify(names[j]) : `x${j}`));
  const kind = reports.some((r) => r.kind === 'complete') ? 'completely' : 'quasi-completely';
  emitWarning(input.onWarning, {
    code: 'separation',
    source: input.source,
    message:
      `penalty 'none': the classes are ${kind} separated (by ${features.join(', ')}), so the maximum-likelihood ` +
      'estimate does not exist: the likelihood keeps rising as the coefficients grow without bound. The coefficients ' +
      "returned are where the solver's stopping rule (tol, maxIter) stopped and their size is arbitrary; use penalty 'l2' " +
      '(the default) for finite, meaningful coefficients, or drop the separating feature(s).',
  });
}

function multiply(a: Float64Array | null, b: Float64Array | null): Float64Array | null {
  if (b === null) return a;
  if (a === null) return b;
  return a.map((v, i) => v * b[i]);
}

/** Writes sub-problem r's starting model (K·d + K layout of its objective) from a fitted model. */
function initialModel(
  init: { coef: Float64Array; intercept: Float64Array },
  mode: LogisticMode,
  r: number,
  K: number,
  d: number,
  fitIntercept: boolean,
  out: Float64Array,
): void {
  if (mode === 'multinomial' && K === 2) {
    // One stored row w stands for the softmax pair (−w, w).
    for (let j = 0; j < d; j++) {
      out[j] = -init.coef[j];
      out[d + j] = init.coef[j];
    }
    if (fitIntercept) {
      out[2 * d] = -init.intercept[0];
      out[2 * d + 1] = init.intercept[0];
    }
  } else if (mode === 'multinomial') {
    out.set(init.coef.subarray(0, K * d));
    if (fitIntercept) out.set(init.intercept.subarray(0, K), K * d);
  } else {
    out.set(init.coef.subarray(r * d, (r + 1) * d));
    if (fitIntercept) out[d] = init.intercept[r];
  }
}

/** Copies a solved sub-problem's model into the stored coef/intercept rows. */
function storeRows(model: Float64Array, kind: 'binary' | 'multinomial', K: number, d: number, fitIntercept: boolean, r: number, coef: Float64Array, intercept: Float64Array): void {
  if (kind === 'binary') {
    coef.set(model.subarray(0, d), r * d);
    if (fitIntercept) intercept[r] = model[d];
  } else if (K === 2) {
    // scikit-learn keeps one row for two classes: P(classes[1]) = softmax(−z, z)₁ = σ(2z), z = w·x + b
    // with w = (W₁ − W₀)/2 (which is W₁ when the rows are centred).
    for (let j = 0; j < d; j++) coef[j] = (model[d + j] - model[j]) / 2;
    if (fitIntercept) intercept[0] = (model[2 * d + 1] - model[2 * d]) / 2;
  } else {
    coef.set(model.subarray(0, K * d));
    if (fitIntercept) intercept.set(model.subarray(K * d, K * d + K));
  }
}

/** Subtracts the across-class mean from the intercepts and (when `weights`) from every weight column. */
function centreClasses(params: Float64Array, K: number, d: number, fitIntercept: boolean, weights: boolean): void {
  for (let j = 0; weights && j < d; j++) {
    let m = 0;
    for (let k = 0; k < K; k++) m += params[k * d + j];
    m /= K;
    for (let k = 0; k < K; k++) params[k * d + j] -= m;
  }
  if (fitIntercept) {
    let m = 0;
    for (let k = 0; k < K; k++) m += params[K * d + k];
    m /= K;
    for (let k = 0; k < K; k++) params[K * d + k] -= m;
  }
}

/** F (with its L1 term) and its largest optimality violation at θ: one more pass over X. */
export function certificate(obj: LinearModelObjective, theta: Float64Array): { value: number; gradMax: number } {
  const g = new Float64Array(obj.size);
  let value = obj.valueAndGradient(theta, g);
  for (let j = 0; j < obj.size; j++) value += obj.l1Weights[j] * Math.abs(theta[j]);
  const gradMax = minimumNormSubgradient(theta, g, obj.l1Weights, new Float64Array(obj.size));
  return { value, gradMax };
}

/** Element-wise sum of loss curves of different lengths, each held at its final value. */
function sumHistories(histories: number[][]): Float64Array {
  const len = Math.max(...histories.map((h) => h.length));
  const out = new Float64Array(len);
  for (const h of histories) for (let t = 0; t < len; t++) out[t] += h[Math.min(t, h.length - 1)];
  return out;
}
