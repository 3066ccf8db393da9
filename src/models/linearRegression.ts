import { NotFittedError } from '../core/errors.js';
import * as check from '../core/options.js';
import {
  FORMAT,
  FORMAT_VERSION,
  decodeBoolean,
  decodeEnum,
  decodeInteger,
  decodeNumber,
  decodeNumbers,
  encodeNumber,
  encodeNumbers,
  own,
  readHeader,
  required,
  type ModelDocument,
} from '../core/serial.js';
import { r2, weightedMean } from '../core/stats.js';
import { asFeatureNames, decodeTraining, encodeTraining, trainingInfo, type TrainingInfo } from '../core/training.js';
import { asMatrix, asSampleWeight, asVector, type MatrixLike } from '../core/validate.js';
import { emitWarning, type WarningHandler } from '../core/warnings.js';
import { safeDot } from '../kernels/blas.js';
import { leastSquares } from '../linalg/leastSquares.js';
import { LinearModelObjective } from '../loss/linearModelObjective.js';
import type { FitOptions, ScoreOptions } from './logisticRegression.js';
import { runSolver, warnIfNotConverged } from './solve.js';

/** `'lstsq'`: exact least squares (Cholesky when well conditioned, pivoted QR otherwise); `'gd'`: the seeds' gradient descent. */
export type LinearSolver = 'lstsq' | 'gd';

export interface LinearRegressionOptions {
  /** Default `'lstsq'`. */
  solver?: LinearSolver;
  /** Fit an intercept (default true). */
  fitIntercept?: boolean;
  /** Step size of `solver: 'gd'` (default 0.1). */
  learningRate?: number;
  /** Iteration limit of `solver: 'gd'` (default 1000). */
  maxIter?: number;
  /** `solver: 'gd'` stops when ½·MSE changes by less than tol between iterations (default 1e-6). */
  tol?: number;
  /** Receives warnings (divergence, non-convergence, rank deficiency); default `console.warn`. */
  onWarning?: WarningHandler;
}

export interface LinearRegressionParams {
  readonly solver: LinearSolver;
  readonly fitIntercept: boolean;
  readonly learningRate: number;
  readonly maxIter: number;
  readonly tol: number;
}

interface Fitted {
  readonly nFeatures: number;
  readonly coef: Float64Array;
  readonly intercept: number;
  readonly rank: number;
  /** `'cholesky'` or `'qr'` for lstsq, `'gd'` for gradient descent. */
  readonly method: 'cholesky' | 'qr' | 'gd';
  readonly nIter: number;
  readonly converged: boolean;
  readonly lossHistory: Float64Array;
  readonly training: TrainingInfo;
}

const NAME = 'LinearRegression';
const OPTION_KEYS = ['solver', 'fitIntercept', 'learningRate', 'maxIter', 'tol', 'onWarning'] as const;

/**
 * Ordinary least squares, y ≈ X·w + b, minimising Σᵢ sᵢ·(yᵢ − xᵢ·w − b)².
 *
 * `solver: 'lstsq'` (default) solves it exactly and never fails: with an intercept, X and y are
 * centred (weighted means) and the centred problem is solved by Cholesky on equilibrated normal
 * equations when they are well conditioned (estimated κ(X) ≤ 1e4, one refinement step) and by
 * QR with column pivoting otherwise, which returns the minimum-norm solution on collinear or
 * singular designs, the same one scikit-learn/numpy give. The seeds' "Normal Equation … can
 * fail" becomes "never fails".
 * `solver: 'gd'` is the seeds' batch gradient descent on ½·MSE with `learningRate`.
 *
 * Cost: lstsq O(n·d²) (one pass over X on the Cholesky path, a copy of X on the QR path);
 * gd O(n·d) per iteration.
 */
export class LinearRegression {
  readonly params: LinearRegressionParams;
  private readonly onWarning: WarningHandler | undefined;
  private fitted: Fitted | null = null;

  constructor(options: LinearRegressionOptions = {}) {
    const o = check.rejectUnknownOptions(options, OPTION_KEYS, NAME);
    this.params = Object.freeze({
      solver: check.oneOf(o, 'solver', ['lstsq', 'gd'] as const, 'lstsq'),
      fitIntercept: check.bool(o, 'fitIntercept', true),
      learningRate: check.positive(o, 'learningRate', 0.1),
      maxIter: check.integer(o, 'maxIter', 1000, 0),
      tol: check.nonNegative(o, 'tol', 1e-6),
    });
    this.onWarning = check.optionalFunction<WarningHandler>(o, 'onWarning');
  }

  /** Fits the model to X (n × d) and real targets y (n). Returns `this`. Inputs are never written. */
  fit(X: MatrixLike, y: ArrayLike<number>, options: FitOptions = {}): this {
    const M = asMatrix(X);
    const target = asVector(y, 'y', M.rows);
    const fo = check.rejectUnknownOptions(options, ['sampleWeight', 'featureNames'], `${NAME}.fit`);
    const sw = asSampleWeight(fo.sampleWeight, M.rows);
    const training = trainingInfo(M.rows, asFeatureNames(fo.featureNames, M.cols));
    const { fitIntercept } = this.params;
    const n = M.rows;
    const d = M.cols;
    const objective = new LinearModelObjective({ kind: 'squared', X: M, y: target, sampleWeight: sw, fitIntercept, l2: 0 });

    let fitted: Fitted;
    if (this.params.solver === 'lstsq') {
      let center: Float64Array | null = null;
      let b = target;
      let yMean = 0;
      if (fitIntercept) {
        center = weightedColumnMeans(M.data, n, d, sw);
        yMean = weightedMean(target, sw);
        b = new Float64Array(n);
        for (let i = 0; i < n; i++) b[i] = target[i] - yMean;
      }
      const res = leastSquares(n, d, M.data, b, { center, weights: sw });
      const coef = res.x;
      const intercept = fitIntercept ? yMean - safeDot(d, center as Float64Array, 0, coef, 0) : 0;
      if (res.rank < d) {
        emitWarning(this.onWarning, {
          code: 'rank-deficient',
          source: NAME,
          message:
            `X has rank ${res.rank} < ${d} features (collinear or constant columns${fitIntercept ? ' after centring' : ''}); ` +
            'returned the minimum-norm least-squares solution, as numpy/scikit-learn do. The coefficients of the dependent ' +
            'columns are not individually identifiable: drop or combine them, or use a penalty.',
        });
      }
      const params = new Float64Array(objective.size);
      params.set(coef);
      if (fitIntercept) params[d] = intercept;
      const loss = objective.valueAndGradient(params, new Float64Array(objective.size));
      fitted = { nFeatures: d, coef, intercept, rank: res.rank, method: res.method, nIter: 0, converged: true, lossHistory: Float64Array.of(loss), training };
    } else {
      const params = new Float64Array(objective.size);
      const settings = { solver: 'gd' as const, alternative: 'lstsq', maxIter: this.params.maxIter, tol: this.params.tol, learningRate: this.params.learningRate };
      const res = runSolver(objective, params, settings);
      warnIfNotConverged(NAME, res, settings, this.onWarning);
      fitted = {
        nFeatures: d,
        coef: params.slice(0, d),
        intercept: fitIntercept ? params[d] : 0,
        rank: d,
        method: 'gd',
        nIter: res.nIter,
        converged: res.converged,
        lossHistory: Float64Array.from(res.history),
        training,
      };
    }
    this.fitted = fitted;
    return this;
  }

  get isFitted(): boolean {
    return this.fitted !== null;
  }

  private state(method: string): Fitted {
    if (this.fitted === null) throw new NotFittedError(NAME, method);
    return this.fitted;
  }

  /** The weights w (length d). A copy. */
  get coef(): Float64Array {
    return this.state('coef').coef.slice();
  }

  /** The intercept b (0 when fitIntercept is false). */
  get intercept(): number {
    return this.state('intercept').intercept;
  }

  /** Numerical rank of the (centred) design found by lstsq; d for gd. */
  get rank(): number {
    return this.state('rank').rank;
  }

  /** How the fit was computed: `'cholesky'`, `'qr'` or `'gd'`. */
  get method(): 'cholesky' | 'qr' | 'gd' {
    return this.state('method').method;
  }

  get nFeatures(): number {
    return this.state('nFeatures').nFeatures;
  }

  /** The feature names passed to fit, or null. */
  get featureNames(): string[] | null {
    const names = this.state('featureNames').training.featureNames;
    return names === null ? null : [...names];
  }

  /** When, on how many rows and by which logit version the model was fitted. */
  get training(): TrainingInfo {
    const t = this.state('training').training;
    return { ...t, featureNames: t.featureNames === null ? null : [...t.featureNames] };
  }

  /** Gradient-descent iterations (0 for lstsq). */
  get nIter(): number {
    return this.state('nIter').nIter;
  }

  /** Always true for lstsq; for gd, whether the loss change fell below tol. */
  get converged(): boolean {
    return this.state('converged').converged;
  }

  /** ½·MSE (weighted) at the start and after every gd iteration; for lstsq, one entry at the solution. */
  get lossHistory(): Float64Array {
    return this.state('lossHistory').lossHistory.slice();
  }

  /** ŷ = X·w + b. Cost: O(n·d). */
  predict(X: MatrixLike): Float64Array {
    const s = this.state('predict');
    const M = asMatrix(X, { cols: s.nFeatures });
    const out = new Float64Array(M.rows);
    for (let i = 0; i < M.rows; i++) out[i] = safeDot(s.nFeatures, M.data, i * s.nFeatures, s.coef, 0, s.intercept);
    return out;
  }

  /** R² of predict(X) against y (scikit-learn's r2_score). Cost: O(n·d). */
  score(X: MatrixLike, y: ArrayLike<number>, options: ScoreOptions = {}): number {
    const s = this.state('score');
    const M = asMatrix(X, { cols: s.nFeatures });
    const target = asVector(y, 'y', M.rows);
    const fo = check.rejectUnknownOptions(options, ['sampleWeight'], `${NAME}.score`);
    return r2(target, this.predict(M), asSampleWeight(fo.sampleWeight, M.rows));
  }

  toJSON(): ModelDocument {
    const s = this.fitted;
    return {
      format: FORMAT,
      version: FORMAT_VERSION,
      class: NAME,
      params: { ...this.params },
      state:
        s === null
          ? null
          : {
              nFeatures: s.nFeatures,
              coef: encodeNumbers(s.coef),
              intercept: encodeNumber(s.intercept),
              rank: s.rank,
              method: s.method,
              nIter: s.nIter,
              converged: s.converged,
              lossHistory: encodeNumbers(s.lossHistory),
              training: encodeTraining(s.training),
            },
    };
  }

  static fromJSON(doc: unknown, options: { onWarning?: WarningHandler } = {}): LinearRegression {
    const { params, state } = readHeader(doc, NAME);
    const model = new LinearRegression({ ...(params as LinearRegressionOptions), onWarning: options.onWarning });
    if (state === null) return model;
    const path = 'doc.state';
    const nFeatures = decodeInteger(required(state, 'nFeatures', path), `${path}.nFeatures`, 1);
    const coef = decodeNumbers(required(state, 'coef', path), `${path}.coef`, nFeatures);
    const intercept = decodeNumber(required(state, 'intercept', path), `${path}.intercept`);
    const rank = decodeInteger(required(state, 'rank', path), `${path}.rank`, 0, nFeatures);
    const method = decodeEnum(required(state, 'method', path), `${path}.method`, ['cholesky', 'qr', 'gd'] as const);
    const nIter = decodeInteger(required(state, 'nIter', path), `${path}.nIter`, 0);
    const converged = decodeBoolean(required(state, 'converged', path), `${path}.converged`);
    const lossHistory = decodeNumbers(own(state, 'lossHistory', path) ?? [], `${path}.lossHistory`);
    const training = decodeTraining(required(state, 'training', path), `${path}.training`, nFeatures);
    model.fitted = { nFeatures, coef, intercept, rank, method, nIter, converged, lossHistory, training };
    return model;
  }
}

/** Σᵢ sᵢ·xᵢⱼ / Σᵢ sᵢ for every column j, one pass over X. */
function weightedColumnMeans(X: Float64Array, n: number, d: number, sw: Float64Array | null): Float64Array {
  const mean = new Float64Array(d);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = sw === null ? 1 : sw[i];
    if (w === 0) continue;
    total += w;
    const off = i * d;
    for (let j = 0; j < d; j++) mean[j] += w * X[off + j];
  }
  for (let j = 0; j < d; j++) mean[j] /= total;
  return mean;
}
