import type { Matrix } from '../core/matrix.js';
import { assertFinite } from '../core/validate.js';
import { weightedMean } from '../core/stats.js';
import { emitWarning, type WarningHandler } from '../core/warnings.js';
import { safeDot } from '../kernels/blas.js';
import { columnMoments } from '../kernels/fused.js';
import { centredNormalEquations, gram, gramWithRhs, leastSquares, needsExplicitCentring, residualProduct, residualWork, usesNormalEquations, type NormalEquations } from '../linalg/leastSquares.js';
import { LinearModelObjective } from '../loss/linearModelObjective.js';
import { elasticNetCD, type ColumnProblem, type GramProblem } from '../optim/coordinateDescent.js';
import type { LinearRegressionParams } from './linearOptions.js';
import type { IterationHandler } from './logisticOptions.js';
import { runSolver, warnIfNotConverged } from './solve.js';

/** A fitted linear model and how the fit went. */
export interface LinearSolution {
  readonly coef: Float64Array;
  readonly intercept: number;
  /** Numerical rank of the centred design (lstsq without penalty); d otherwise. */
  readonly rank: number;
  readonly method: 'cholesky' | 'qr' | 'cd' | 'gd';
  readonly nIter: number;
  readonly converged: boolean;
  /**
   * F = (1/2S)·Σ sᵢrᵢ² + penalty/S per iteration: ½·MSE plus the penalty in per-sample units
   * (the seeds' loss; for the lasso and elastic net exactly scikit-learn's objective). One entry
   * for exact solves.
   */
  readonly lossHistory: Float64Array;
  /** The objective at the solution, in scikit-learn's scaling for the penalty (see LinearRegressionOptions.penalty). */
  readonly objective: number;
  /** Coordinate descent with an L1 term: the duality gap at the solution (an upper bound on objective − optimum, same scaling); else null. */
  readonly dualityGap: number | null;
}

/** Centred, weighted data for coordinate descent, reusable across penalties (lassoPath). */
export interface CdData {
  readonly problem: GramProblem | ColumnProblem;
  /** Weighted column means (null without an intercept). */
  readonly center: Float64Array | null;
  readonly yMean: number;
  /** S = Σ sᵢ. */
  readonly weightSum: number;
}

/** Above this many features (and more features than rows) coordinate descent keeps X by columns instead of forming XᵀX. */
const GRAM_MAX_FEATURES = 2000;

/**
 * Centres (weighted means) and weights (√sᵢ per row) the data once for coordinate descent, in
 * the Gram layout when n ≥ d or d ≤ 2000 (one pass, O(n·d²/2)), else column-major (a copy).
 */
export function prepareCd(X: Matrix, y: Float64Array, sw: Float64Array | null, fitIntercept: boolean): CdData {
  const { rows: n, cols: d, data } = X;
  const weightSum = sw === null ? n : sw.reduce((a, b) => a + b, 0);
  let center: Float64Array | null = null;
  let yMean = 0;
  if (fitIntercept) {
    center = columnMeans(X, sw);
    yMean = weightedMean(y, sw);
  }
  let yNorm2 = 0;
  for (let i = 0; i < n; i++) yNorm2 += (sw === null ? 1 : sw[i]) * (y[i] - yMean) ** 2;
  if (d <= GRAM_MAX_FEATURES || n >= d) {
    const G = gram(n, d, data, center, sw);
    // q = Σ sᵢ(yᵢ − ȳ)(xᵢ − μ): the residual product at w = 0, on the fused kernel; centred
    // explicitly when shifting would lose digits (no refinement follows here).
    const q = new Float64Array(d);
    const yc = new Float64Array(n);
    for (let i = 0; i < n; i++) yc[i] = y[i] - yMean;
    const byBlocks = needsExplicitCentring(d, center, G, weightSum);
    residualProduct(n, d, data, yc, new Float64Array(d), center, sw, byBlocks, q, residualWork(n, d, byBlocks));
    return { problem: { kind: 'gram', d, G, q, yNorm2 }, center, yMean, weightSum };
  }
  const Xc = new Float64Array(n * d);
  const yc = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = sw === null ? 1 : Math.sqrt(sw[i]);
    yc[i] = r * (y[i] - yMean);
    for (let j = 0; j < d; j++) Xc[j * n + i] = r * (data[i * d + j] - (center === null ? 0 : center[j]));
  }
  return { problem: { kind: 'columns', n, d, Xc, y: yc, yNorm2 }, center, yMean, weightSum };
}

/**
 * λ₁, λ₂ of the CD form ½‖ỹ − X̃w‖² + λ₁‖w‖₁ + ½λ₂‖w‖² for a penalty in scikit-learn's scaling,
 * and the factor that turns the CD objective into scikit-learn's.
 */
export function cdStrengths(p: Pick<LinearRegressionParams, 'penalty' | 'alpha' | 'l1Ratio'>, S: number): { l1: number; l2: number; toObjective: number } {
  switch (p.penalty) {
    case 'none':
      return { l1: 0, l2: 0, toObjective: 2 }; // ‖r‖² = 2·½‖r‖²
    case 'l2':
      return { l1: 0, l2: p.alpha, toObjective: 2 }; // ‖r‖² + α‖w‖² = 2·(½‖r‖² + ½α‖w‖²)
    case 'l1':
      return { l1: S * p.alpha, l2: 0, toObjective: 1 / S };
    case 'elasticnet': {
      const rho = p.l1Ratio as number;
      return { l1: S * p.alpha * rho, l2: S * p.alpha * (1 - rho), toObjective: 1 / S };
    }
  }
}

export interface LinearFitInput {
  readonly X: Matrix;
  readonly y: Float64Array;
  readonly sampleWeight: Float64Array | null;
  readonly params: LinearRegressionParams;
  readonly init: { coef: Float64Array; intercept: number } | null;
  readonly onWarning: WarningHandler | undefined;
  readonly source: string;
  /** Precomputed CD data (lassoPath reuses one Gram matrix for every alpha). */
  readonly cdData?: CdData;
  /** Do not warn about non-convergence (the path reports it once). */
  readonly quiet?: boolean;
  /**
   * X has not been checked for NaN and ±Infinity (asMatrix with `finite: false`): fitLinear
   * checks it, on the sums least squares computes anyway (column sums or the Gram diagonal),
   * else with a separate pass. The error is assertFinite's either way.
   */
  readonly unchecked?: boolean;
  /** Progress hook: (iteration, F) with F as recorded in lossHistory. */
  readonly onIteration?: IterationHandler;
}

/** Fits ordinary least squares, ridge, lasso or elastic net with the solver the options select. */
export function fitLinear(input: LinearFitInput): LinearSolution {
  const { X, y, sampleWeight: sw, params } = input;
  const n = X.rows;
  const d = X.cols;
  const { fitIntercept } = params;
  const sparse = params.penalty === 'l1' || params.penalty === 'elasticnet';
  const solver = params.solver === 'auto' ? (sparse || params.positive ? 'cd' : 'lstsq') : params.solver;
  // Least squares reads every entry of X into sums first (the column sums, or the Gram matrix's
  // diagonal), and a NaN or ±∞ makes them NaN or ±∞ (no row is skipped, zero weights included:
  // 0·∞ is NaN), so its check rides on that pass; only a suspect matrix is scanned for the
  // location. The iterative solvers check first.
  if (input.unchecked === true && solver !== 'lstsq') assertFinite(X.data, d, 'X');

  if (solver === 'cd') {
    const data = input.cdData ?? prepareCd(X, y, sw, fitIntercept);
    const { l1, l2, toObjective } = cdStrengths(params, data.weightSum);
    const w = input.init === null ? new Float64Array(d) : Float64Array.from(input.init.coef);
    const onIteration = input.onIteration;
    const res = elasticNetCD(data.problem, w, {
      l1,
      l2,
      positive: params.positive,
      maxIter: params.maxIter,
      tol: params.tol,
      onIteration: onIteration && ((k, v) => onIteration(k, v / data.weightSum)),
    });
    if (!res.converged && !input.quiet) {
      const what =
        res.gap === null
          ? `the largest optimality violation ${fmt(res.kktViolation)} is above tol × its value at w = 0`
          : `the duality gap ${fmt(res.gap * toObjective)} is above tol·Σ(y − ȳ)² = ${fmt(params.tol * data.problem.yNorm2 * toObjective)}`;
      emitWarning(input.onWarning, {
        code: 'convergence',
        source: input.source,
        message: `coordinate descent did not converge in maxIter=${params.maxIter} sweeps: ${what}. Increase maxIter, raise alpha, or loosen tol.`,
      });
    }
    const intercept = fitIntercept ? data.yMean - safeDot(d, data.center as Float64Array, 0, w, 0) : 0;
    return {
      coef: w,
      intercept,
      rank: d,
      method: 'cd',
      nIter: res.nIter,
      converged: res.converged,
      lossHistory: Float64Array.from(res.history, (v) => v / data.weightSum),
      objective: res.history[res.history.length - 1] * toObjective,
      dualityGap: res.gap === null ? null : res.gap * toObjective,
    };
  }

  const ridge = params.penalty === 'l2' ? params.alpha : 0;
  if (solver === 'lstsq') {
    let center: Float64Array | null = null;
    let b = y;
    let yMean = 0;
    let normal: NormalEquations | null = null;
    // What the first pass's sums say about X: all finite, or not; null when nothing was summed.
    let finite: boolean | null = null;
    // The normal equations are formed here, in the pass that also yields the means, only when
    // leastSquares will use them (a wide problem without a ridge goes to QR).
    const viaNormal = usesNormalEquations(n, d, ridge);
    if (fitIntercept) {
      yMean = weightedMean(y, sw);
      b = new Float64Array(n); // a loop: Float64Array.from with a map function is ~50× slower
      for (let i = 0; i < n; i++) b[i] = y[i] - yMean;
      const pre = viaNormal ? centredNormalEquations(n, d, X.data, b, sw) : null;
      if (pre === null) {
        center = columnMeans(X, sw);
        finite = center.every(Number.isFinite);
      } else {
        center = pre.center;
        normal = pre;
        finite = pre.finite;
      }
    } else if (viaNormal) {
      normal = gramWithRhs(n, d, X.data, y, null, sw);
      finite = true;
      for (let j = 0; j < d; j++) if (!Number.isFinite(normal.G[j * d + j])) finite = false;
    }
    if (input.unchecked === true && finite !== true) assertFinite(X.data, d, 'X'); // throws unless a sum overflowed
    const res = leastSquares(n, d, X.data, b, { center, weights: sw, ridge, normal });
    const coef = res.x;
    const intercept = fitIntercept ? yMean - safeDot(d, center as Float64Array, 0, coef, 0) : 0;
    if (res.rank < d) {
      emitWarning(input.onWarning, {
        code: 'rank-deficient',
        source: input.source,
        message:
          `X has rank ${res.rank} < ${d} features (collinear or constant columns${fitIntercept ? ' after centring' : ''}); ` +
          'returned the minimum-norm least-squares solution, as numpy/scikit-learn do. The coefficients of the dependent ' +
          'columns are not individually identifiable: drop or combine them, or use a penalty.',
      });
    }
    // Σ sᵢ(yᵢ − xᵢ·w − b)² equals the centred residual sum of squares leastSquares returns.
    const objective = res.residualSumOfSquares + ridge * dotSelf(coef);
    const S = sw === null ? n : sw.reduce((a, v) => a + v, 0);
    input.onIteration?.(0, objective / (2 * S));
    return { coef, intercept, rank: res.rank, method: res.method, nIter: 0, converged: true, lossHistory: Float64Array.of(objective / (2 * S)), objective, dualityGap: null };
  }

  // Gradient descent on F = (1/S)·Σ sᵢ·½rᵢ² + (α/2S)‖w‖², which is the Ridge objective / 2S.
  const obj = new LinearModelObjective({ kind: 'squared', X, y, sampleWeight: sw, fitIntercept, l2: ridge });
  const theta = new Float64Array(obj.size);
  if (input.init !== null) {
    theta.set(input.init.coef);
    if (fitIntercept) theta[d] = input.init.intercept;
  }
  const settings = { solver: 'gd', alternative: 'lstsq', maxIter: params.maxIter, tol: params.tol, learningRate: params.learningRate, onIteration: input.onIteration };
  const res = runSolver(obj, theta, settings);
  if (!input.quiet) warnIfNotConverged(input.source, res, settings, input.onWarning);
  const toObjective = 2 * obj.weightSum;
  return {
    coef: theta.slice(0, d),
    intercept: fitIntercept ? theta[d] : 0,
    rank: d,
    method: 'gd',
    nIter: res.nIter,
    converged: res.converged,
    lossHistory: Float64Array.from(res.history),
    objective: res.value * toObjective,
    dualityGap: null,
  };
}

/** Weighted column means Σᵢ sᵢxᵢ / Σᵢ sᵢ on the fused column-sum kernel. Cost: O(n·d), one pass over X. */
function columnMeans(X: Matrix, sw: Float64Array | null): Float64Array {
  const center = new Float64Array(X.cols);
  columnMoments(X.rows, X.cols, X.data, sw, null, center);
  let total = 0;
  if (sw === null) total = X.rows;
  else for (let i = 0; i < X.rows; i++) total += sw[i];
  for (let j = 0; j < X.cols; j++) center[j] /= total;
  return center;
}

function dotSelf(v: Float64Array): number {
  let s = 0;
  for (const x of v) s += x * x;
  return s;
}

function fmt(v: number): string {
  return Number.isFinite(v) ? Number(v.toPrecision(3)).toString() : String(v);
}
