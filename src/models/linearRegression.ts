import { LogitRangeError, NotFittedError, describe } from '../core/errors.js';
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
import { r2 } from '../core/stats.js';
import { asFeatureNames, decodeTraining, encodeTraining, trainingInfo, type TrainingInfo } from '../core/training.js';
import { asMatrix, asSampleWeight, asVector, type MatrixLike } from '../core/validate.js';
import type { WarningHandler } from '../core/warnings.js';
import { PREDICT_SCORES, predictRows } from './predictRows.js';
import { fitLinear, type LinearSolution } from './linearFit.js';
import { normalizeLinearOptions, type LinearRegressionOptions, type LinearRegressionParams } from './linearOptions.js';
import type { IterationHandler } from './logisticOptions.js';
import type { FitOptions, ScoreOptions } from './logisticRegression.js';

export type { LinearPenalty, LinearRegressionOptions, LinearRegressionParams, LinearSolver } from './linearOptions.js';

interface Fitted extends LinearSolution {
  readonly nFeatures: number;
  readonly training: TrainingInfo;
}

/**
 * Linear regression y ≈ X·w + b: ordinary least squares, ridge, lasso and elastic net with
 * scikit-learn's objectives (see the `penalty` option):
 *
 *   none:        Σᵢ sᵢ(yᵢ − xᵢ·w − b)²
 *   l2 (Ridge):  Σᵢ sᵢ(yᵢ − xᵢ·w − b)² + α‖w‖²
 *   l1, elasticnet (Lasso, ElasticNet):  (1/2S)·Σᵢ sᵢ(yᵢ − xᵢ·w − b)² + α(ρ‖w‖₁ + (1−ρ)/2·‖w‖²)
 *
 * `solver: 'lstsq'` (default for none and l2) solves exactly and never fails: X and y are centred
 * (weighted means) and the centred problem is solved by Cholesky on equilibrated normal equations
 * (+ αI) when well conditioned (one refinement step) and by QR with column pivoting otherwise,
 * which returns the minimum-norm solution on collinear or singular designs as numpy does. The
 * seeds' "Normal Equation … can fail" becomes "never fails".
 * `solver: 'cd'` (default for l1, elastic net and positive) is cyclic coordinate descent stopped
 * on the duality gap, on XᵀX when n ≥ d (one pass over X, then O(d²) per sweep).
 * `solver: 'gd'` is the seeds' batch gradient descent on ½·MSE with `learningRate`.
 *
 * Cost: lstsq O(n·d²); cd O(n·d²) once plus O(d²) per sweep; gd O(n·d) per iteration.
 */
export class LinearRegression {
  private readonly settings: LinearRegressionParams;
  protected readonly onWarning: WarningHandler | undefined;
  private readonly onIteration: IterationHandler | undefined;
  private fitted: Fitted | null = null;

  constructor(options: LinearRegressionOptions = {}) {
    const { params, onWarning, onIteration } = normalizeLinearOptions(options, new.target.className);
    this.settings = params;
    this.onWarning = onWarning;
    this.onIteration = onIteration;
  }

  /** The class name written into model documents. */
  static get className(): string {
    return 'LinearRegression';
  }

  /** The checked hyper-parameters (a frozen object). */
  get params(): LinearRegressionParams {
    return this.settings;
  }

  private get name(): string {
    return (this.constructor as typeof LinearRegression).className;
  }

  /** Fits the model to X (n × d) and real targets y (n). Returns `this`. Inputs are never written. */
  fit(X: MatrixLike, y: ArrayLike<number>, options: FitOptions = {}): this {
    const M = asMatrix(X, { finite: false }); // fitLinear checks X, on its first pass where it can
    const target = asVector(y, 'y', M.rows);
    const fo = check.rejectUnknownOptions(options, ['sampleWeight', 'featureNames'], `${this.name}.fit`);
    const sw = asSampleWeight(fo.sampleWeight, M.rows);
    const training = trainingInfo(M.rows, asFeatureNames(fo.featureNames, M.cols));
    const prev = this.fitted;
    const init = this.params.warmStart && prev !== null && prev.nFeatures === M.cols ? { coef: prev.coef, intercept: prev.intercept } : null;
    const solution = fitLinear({ X: M, y: target, sampleWeight: sw, params: this.params, init, onWarning: this.onWarning, source: this.name, onIteration: this.onIteration, unchecked: true });
    this.fitted = { ...solution, nFeatures: M.cols, training };
    return this;
  }

  get isFitted(): boolean {
    return this.fitted !== null;
  }

  private state(method: string): Fitted {
    if (this.fitted === null) throw new NotFittedError(this.name, method);
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

  /** Numerical rank of the (centred) design found by lstsq without penalty; d otherwise. */
  get rank(): number {
    return this.state('rank').rank;
  }

  /** How the fit was computed: `'cholesky'`, `'qr'`, `'cd'` or `'gd'`. */
  get method(): LinearSolution['method'] {
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

  /** Iterations: gd steps or cd sweeps (0 for lstsq). */
  get nIter(): number {
    return this.state('nIter').nIter;
  }

  /** Always true for lstsq; for gd, whether the loss change fell below tol; for cd, whether the duality gap did. */
  get converged(): boolean {
    return this.state('converged').converged;
  }

  /** ½·MSE plus the penalty in per-sample units, per iteration (one entry for lstsq). */
  get lossHistory(): Float64Array {
    return this.state('lossHistory').lossHistory.slice();
  }

  /** The objective at the solution in scikit-learn's scaling for the penalty (see the class comment). */
  get objective(): number {
    return this.state('objective').objective;
  }

  /** Coordinate descent's duality gap at the solution (≥ objective − optimum), or null for other solvers. */
  get dualityGap(): number | null {
    return this.state('dualityGap').dualityGap;
  }

  /** ŷ = X·w + b, in one pass over X that also validates it (src/models/predictRows.ts). Cost: O(n·d). */
  predict(X: MatrixLike): Float64Array {
    const s = this.state('predict');
    const M = asMatrix(X, { cols: s.nFeatures, finite: false });
    return predictRows(M, 'X', s.coef, Float64Array.of(s.intercept), 1, PREDICT_SCORES);
  }

  /** R² of predict(X) against y (scikit-learn's r2_score). Cost: O(n·d). */
  score(X: MatrixLike, y: ArrayLike<number>, options: ScoreOptions = {}): number {
    const s = this.state('score');
    const M = asMatrix(X, { cols: s.nFeatures });
    const target = asVector(y, 'y', M.rows);
    const fo = check.rejectUnknownOptions(options, ['sampleWeight'], `${this.name}.score`);
    return r2(target, this.predict(M), asSampleWeight(fo.sampleWeight, M.rows));
  }

  toJSON(): ModelDocument {
    const s = this.fitted;
    return {
      format: FORMAT,
      version: FORMAT_VERSION,
      class: this.name,
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
              objective: encodeNumber(s.objective),
              dualityGap: s.dualityGap === null ? null : encodeNumber(s.dualityGap),
              training: encodeTraining(s.training),
            },
    };
  }

  /**
   * Rebuilds a model from `toJSON()` output, checking every field first. Called on a preset
   * (`Ridge.fromJSON`) it reads that preset's documents.
   */
  static fromJSON<T extends LinearRegression>(this: { new (o?: LinearRegressionOptions): T; className: string }, doc: unknown, options: { onWarning?: WarningHandler } = {}): T {
    const { params, state } = readHeader(doc, this.className);
    const model = new this({ ...(params as LinearRegressionOptions), onWarning: options.onWarning });
    // A preset fixes some parameters (Ridge's penalty): a document that disagrees is corrupt, not a Ridge.
    for (const key of Object.keys(params)) {
      if (key !== 'onWarning' && JSON.stringify(params[key]) !== JSON.stringify((model.params as unknown as Record<string, unknown>)[key])) {
        throw new LogitRangeError(`doc.params.${key} is ${describe(params[key])} but ${this.className} has ${describe((model.params as unknown as Record<string, unknown>)[key])}`, {
          parameter: `doc.params.${key}`,
          value: params[key],
        });
      }
    }
    if (state === null) return model;
    const path = 'doc.state';
    const nFeatures = decodeInteger(required(state, 'nFeatures', path), `${path}.nFeatures`, 1);
    const coef = decodeNumbers(required(state, 'coef', path), `${path}.coef`, nFeatures);
    const intercept = decodeNumber(required(state, 'intercept', path), `${path}.intercept`);
    const rank = decodeInteger(required(state, 'rank', path), `${path}.rank`, 0, nFeatures);
    const method = decodeEnum(required(state, 'method', path), `${path}.method`, ['cholesky', 'qr', 'cd', 'gd'] as const);
    const nIter = decodeInteger(required(state, 'nIter', path), `${path}.nIter`, 0);
    const converged = decodeBoolean(required(state, 'converged', path), `${path}.converged`);
    const lossHistory = decodeNumbers(own(state, 'lossHistory', path) ?? [], `${path}.lossHistory`);
    const objective = decodeNumber(required(state, 'objective', path), `${path}.objective`);
    const gapRaw = own(state, 'dualityGap', path);
    const dualityGap = gapRaw === null || gapRaw === undefined ? null : decodeNumber(gapRaw, `${path}.dualityGap`);
    const training = decodeTraining(required(state, 'training', path), `${path}.training`, nFeatures);
    (model as LinearRegression).fitted = { nFeatures, coef, intercept, rank, method, nIter, converged, lossHistory, objective, dualityGap, training };
    return model;
  }
}

/** Options of the presets: everything but the penalty they fix. */
export type RidgeOptions = Omit<LinearRegressionOptions, 'penalty' | 'l1Ratio'>;
export type LassoOptions = Omit<LinearRegressionOptions, 'penalty' | 'l1Ratio'>;
export type ElasticNetOptions = Omit<LinearRegressionOptions, 'penalty'>;

/** scikit-learn's Ridge: Σᵢ sᵢ(yᵢ − xᵢ·w − b)² + α‖w‖² (α default 1), solved exactly. A preset of LinearRegression. */
export class Ridge extends LinearRegression {
  constructor(options: RidgeOptions = {}) {
    super({ ...(options as LinearRegressionOptions), penalty: 'l2' });
  }

  static override get className(): string {
    return 'Ridge';
  }
}

/** scikit-learn's Lasso: (1/2S)·Σᵢ sᵢ(yᵢ − xᵢ·w − b)² + α‖w‖₁ (α default 1), by coordinate descent. A preset of LinearRegression. */
export class Lasso extends LinearRegression {
  constructor(options: LassoOptions = {}) {
    super({ ...(options as LinearRegressionOptions), penalty: 'l1' });
  }

  static override get className(): string {
    return 'Lasso';
  }
}

/**
 * scikit-learn's ElasticNet: (1/2S)·Σᵢ sᵢ(yᵢ − xᵢ·w − b)² + α(ρ‖w‖₁ + (1−ρ)/2·‖w‖²), α default 1,
 * ρ = l1Ratio default 0.5, by coordinate descent. A preset of LinearRegression.
 */
export class ElasticNet extends LinearRegression {
  constructor(options: ElasticNetOptions = {}) {
    super({ ...(options as LinearRegressionOptions), penalty: 'elasticnet', l1Ratio: options.l1Ratio ?? 0.5 });
  }

  static override get className(): string {
    return 'ElasticNet';
  }
}
