import { LogitRangeError, NotFittedError, describe } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
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
import {
  asLabels,
  asMatrix,
  asSampleWeight,
  compareLabels,
  encodeLabels,
  uniqueLabels,
  type Label,
  type MatrixLike,
} from '../core/validate.js';
import { accuracy } from '../core/stats.js';
import { asFeatureNames, decodeTraining, encodeTraining, trainingInfo, type TrainingInfo } from '../core/training.js';
import type { WarningHandler } from '../core/warnings.js';
import { safeDot } from '../kernels/blas.js';
import { expit, log1pexp } from '../kernels/scalar.js';
import { LinearModelObjective } from '../loss/linearModelObjective.js';
import { ovrNormalizeInPlace, softmaxInPlace } from '../loss/link.js';
import { maxAbs } from '../optim/lbfgs.js';
import type { MinimizeResult } from '../optim/result.js';
import { runSolver, warnIfNotConverged, type SolveSettings } from './solve.js';

/** Penalty on the weights (never on the intercept). */
export type LogisticPenalty = 'l2' | 'none';
/** `'lbfgs'`: quasi-Newton to tight optimality; `'gd'`: the seeds' fixed-step gradient descent. */
export type LogisticSolver = 'lbfgs' | 'gd';
/** How more than two classes are modelled; `'auto'` is softmax for K > 2 and one sigmoid for K = 2. */
export type MultiClass = 'auto' | 'multinomial' | 'ovr';

export interface LogisticRegressionOptions {
  /** `'l2'` (default) adds ½‖W‖²; `'none'` fits the unpenalised maximum-likelihood model. */
  penalty?: LogisticPenalty;
  /** Inverse regularisation strength C > 0 (default 1), scikit-learn's: smaller C, stronger penalty. The seeds' `reg_lambda` is 1/C. */
  C?: number;
  /** Default `'lbfgs'`. */
  solver?: LogisticSolver;
  /** Iteration limit (default 100). */
  maxIter?: number;
  /** lbfgs: stop when the largest gradient component of the scaled objective is ≤ tol. gd: stop when the loss changes by less than tol. Default 1e-4. */
  tol?: number;
  /** Fit an unpenalised intercept (default true). */
  fitIntercept?: boolean;
  /** Default `'auto'`. */
  multiClass?: MultiClass;
  /** Step size of `solver: 'gd'` (default 0.1). */
  learningRate?: number;
  /**
   * Two classes only: the decision threshold `predict` uses, classes[1] when P(classes[1]) ≥
   * threshold. Default null: predict is the argmax of predictProba. Kept by toJSON.
   */
  threshold?: number | null;
  /** Receives warnings (non-convergence, divergence); default `console.warn`. */
  onWarning?: WarningHandler;
}

/** The fully defaulted, checked hyper-parameters. */
export interface LogisticRegressionParams {
  readonly penalty: LogisticPenalty;
  readonly C: number;
  readonly solver: LogisticSolver;
  readonly maxIter: number;
  readonly tol: number;
  readonly fitIntercept: boolean;
  readonly multiClass: MultiClass;
  readonly learningRate: number;
  readonly threshold: number | null;
}

export interface FitOptions {
  /** Per-sample weights sᵢ ≥ 0 multiplying each sample's loss (default all 1). */
  sampleWeight?: ArrayLike<number>;
  /** One name per column of X, kept in the model and its document (default none). */
  featureNames?: readonly string[];
}

export interface ScoreOptions {
  /** Per-sample weights of the score (default all 1). */
  sampleWeight?: ArrayLike<number>;
}

export interface PredictOptions {
  /**
   * Binary models only: predict the positive class (classes[1]) when P(classes[1]) ≥ threshold.
   * Overrides the model's own `threshold` for this call.
   */
  threshold?: number;
}

/** `'binary'`: one sigmoid; `'multinomial'`: softmax (K = 2 stored as one row, scikit-learn's convention); `'ovr'`: K sigmoids. */
export type LogisticMode = 'binary' | 'multinomial' | 'ovr';
type Mode = LogisticMode;

interface Fitted {
  readonly classes: readonly Label[];
  readonly nFeatures: number;
  readonly mode: Mode;
  /** rows × nFeatures, row-major: 1 row for two classes, K rows otherwise. */
  readonly coef: Float64Array;
  readonly rows: number;
  readonly intercept: Float64Array;
  readonly nIter: number;
  readonly converged: boolean;
  readonly lossHistory: Float64Array;
  readonly objective: number;
  readonly gradMax: number;
  readonly training: TrainingInfo;
}

const OPTION_KEYS = ['penalty', 'C', 'solver', 'maxIter', 'tol', 'fitIntercept', 'multiClass', 'learningRate', 'threshold', 'onWarning'] as const;
const NAME = 'LogisticRegression';

/**
 * Logistic regression: binary (sigmoid), multinomial (softmax) and one-vs-rest, minimising
 * exactly scikit-learn's objective
 *
 *   C·Σᵢ sᵢ·ℓᵢ + ½‖W‖²      (penalty 'l2'; the intercept is never penalised)
 *   Σᵢ sᵢ·ℓᵢ                (penalty 'none')
 *
 * with ℓᵢ = log(1 + e^{zᵢ}) − yᵢzᵢ for two classes and ℓᵢ = log Σₖ e^{zᵢₖ} − zᵢ,yᵢ for softmax.
 * The seeds' `reg_lambda` is 1/C: their loss "mean log-loss + (reg_lambda/2n)·‖w‖²" is this
 * objective divided by C·n, which is also what `lossHistory` records.
 *
 * Cost: each solver iteration is one fused pass over X, O(n·d·K); lbfgs typically needs tens
 * of iterations on standardised data. Prediction is O(n·d·K).
 *
 * @example
 *   const model = new LogisticRegression({ C: 1 }).fit(X, y);
 *   model.predictProba([[2, 2]]).get(0, 1); // P(classes[1] | x)
 */
export class LogisticRegression {
  private settings: LogisticRegressionParams;
  private readonly onWarning: WarningHandler | undefined;
  private fitted: Fitted | null = null;

  constructor(options: LogisticRegressionOptions = {}) {
    const o = check.rejectUnknownOptions(options, OPTION_KEYS, NAME);
    this.settings = Object.freeze({
      penalty: check.oneOf(o, 'penalty', ['l2', 'none'] as const, 'l2'),
      C: check.positive(o, 'C', 1),
      solver: check.oneOf(o, 'solver', ['lbfgs', 'gd'] as const, 'lbfgs'),
      maxIter: check.integer(o, 'maxIter', 100, 0),
      tol: check.nonNegative(o, 'tol', 1e-4),
      fitIntercept: check.bool(o, 'fitIntercept', true),
      multiClass: check.oneOf(o, 'multiClass', ['auto', 'multinomial', 'ovr'] as const, 'auto'),
      learningRate: check.positive(o, 'learningRate', 0.1),
      threshold: o.threshold === null || o.threshold === undefined ? null : check.inRange(o, 'threshold', 0.5, 0, 1),
    });
    this.onWarning = check.optionalFunction<WarningHandler>(o, 'onWarning');
  }

  /** The checked hyper-parameters (a frozen object). */
  get params(): LogisticRegressionParams {
    return this.settings;
  }

  /** The decision threshold of a two-class model (null: argmax of predictProba). See the `threshold` option. */
  get threshold(): number | null {
    return this.settings.threshold;
  }

  set threshold(t: number | null) {
    const threshold = t === null ? null : check.inRange({ threshold: t }, 'threshold', 0.5, 0, 1);
    if (threshold !== null && this.fitted !== null && this.fitted.classes.length !== 2) {
      throw new LogitRangeError(`threshold applies to two classes; this model has ${this.fitted.classes.length}`, {
        parameter: 'threshold',
        value: t,
      });
    }
    this.settings = Object.freeze({ ...this.settings, threshold });
  }

  /**
   * Fits the model. `X` is n × d (`number[][]` or `Matrix`, not copied when a Matrix), `y` has
   * n labels (numbers, strings or booleans; at least two distinct). Returns `this`.
   * A fit that throws leaves the previously fitted state untouched; X and y are never written.
   * Cost: O(n·d·K) per iteration plus O(n log n) for the labels.
   */
  fit(X: MatrixLike, y: ArrayLike<Label>, options: FitOptions = {}): this {
    const M = asMatrix(X);
    const labels = asLabels(y, 'y', M.rows);
    const fo = check.rejectUnknownOptions(options, ['sampleWeight', 'featureNames'], `${NAME}.fit`);
    const sw = asSampleWeight(fo.sampleWeight, M.rows);
    const training = trainingInfo(M.rows, asFeatureNames(fo.featureNames, M.cols));
    const classes = uniqueLabels(labels);
    if (classes.length < 2) {
      throw new LogitRangeError(
        `y has only one class (${describe(classes[0])}); ${NAME} needs samples of at least two classes`,
        { parameter: 'y', value: classes[0] },
      );
    }
    const yIdx = encodeLabels(labels, classes);
    const K = classes.length;
    if (this.params.threshold !== null && K !== 2) {
      throw new LogitRangeError(`the threshold option applies to two classes; y has ${K}`, { parameter: 'threshold', value: this.params.threshold });
    }
    const { multiClass, penalty, C, fitIntercept } = this.params;
    const mode: Mode = multiClass === 'multinomial' || (multiClass === 'auto' && K > 2) ? 'multinomial' : K === 2 ? 'binary' : 'ovr';
    const l2 = penalty === 'l2' ? 1 / C : 0;
    const settings: SolveSettings = this.params;
    const d = M.cols;

    let fitted: Fitted;
    if (mode === 'multinomial') {
      const obj = new LinearModelObjective({ kind: 'multinomial', X: M, yIdx, nClasses: K, sampleWeight: sw, fitIntercept, l2 });
      const params = new Float64Array(obj.size);
      const res = runSolver(obj, params, settings);
      warnIfNotConverged(NAME, res, settings, this.onWarning);
      // Softmax is unchanged by adding one vector to every class row; the L2 optimum has rows
      // summing to zero, and centring makes the unpenalised solution canonical too.
      centreClasses(params, K, d, fitIntercept);
      const { value, gradMax } = certificate(obj, params);
      const objective = obj.unscaled(value);
      const rows = K === 2 ? 1 : K;
      const coef = new Float64Array(rows * d);
      const intercept = new Float64Array(rows);
      if (K === 2) {
        // scikit-learn keeps the second class's row: P(classes[1]) = softmax(−z, z)₁ = σ(2z).
        coef.set(params.subarray(d, 2 * d));
        if (fitIntercept) intercept[0] = params[K * d + 1];
      } else {
        coef.set(params.subarray(0, K * d));
        if (fitIntercept) intercept.set(params.subarray(K * d, K * d + K));
      }
      fitted = {
        classes, nFeatures: d, mode, coef, rows, intercept,
        nIter: res.nIter, converged: res.converged, lossHistory: Float64Array.from(res.history), objective, gradMax, training,
      };
    } else {
      const problems = mode === 'binary' ? [1] : classes.map((_, k) => k);
      const rows = problems.length;
      const coef = new Float64Array(rows * d);
      const intercept = new Float64Array(rows);
      const results: MinimizeResult[] = [];
      let objective = 0;
      let gradMax = 0;
      const y01 = new Float64Array(M.rows);
      const failed: string[] = [];
      for (let r = 0; r < rows; r++) {
        const positive = problems[r];
        for (let i = 0; i < M.rows; i++) y01[i] = yIdx[i] === positive ? 1 : 0;
        const obj = new LinearModelObjective({ kind: 'binary', X: M, y: y01, sampleWeight: sw, fitIntercept, l2 });
        const params = new Float64Array(obj.size);
        const res = runSolver(obj, params, settings);
        if (!res.converged) failed.push(describe(classes[positive]));
        results.push(res);
        coef.set(params.subarray(0, d), r * d);
        if (fitIntercept) intercept[r] = params[d];
        objective += obj.unscaled(res.value);
        gradMax = Math.max(gradMax, res.gradMax);
      }
      const firstFailed = results.find((r) => !r.converged);
      if (firstFailed) {
        warnIfNotConverged(NAME, firstFailed, settings, this.onWarning, mode === 'ovr' ? `one-vs-rest for class${failed.length > 1 ? 'es' : ''} ${failed.join(', ')}` : '');
      }
      fitted = {
        classes, nFeatures: d, mode, coef, rows, intercept,
        nIter: Math.max(...results.map((r) => r.nIter)),
        converged: results.every((r) => r.converged),
        lossHistory: sumHistories(results.map((r) => r.history)),
        objective,
        gradMax,
        training,
      };
    }
    this.fitted = fitted;
    return this;
  }

  /** True once `fit` (or `fromJSON` of a fitted model) has succeeded. */
  get isFitted(): boolean {
    return this.fitted !== null;
  }

  private state(method: string): Fitted {
    if (this.fitted === null) throw new NotFittedError(NAME, method);
    return this.fitted;
  }

  /** The class labels in sorted order (scikit-learn's `classes_`); the columns of predictProba follow it. */
  get classes(): Label[] {
    return [...this.state('classes').classes];
  }

  /** Weights, one row per class (K × d), or 1 × d for two classes (the row of classes[1]). A copy. */
  get coef(): Matrix {
    const s = this.state('coef');
    return new Matrix(s.rows, s.nFeatures, s.coef.slice());
  }

  /** Intercepts, one per coef row. A copy. */
  get intercept(): Float64Array {
    return this.state('intercept').intercept.slice();
  }

  /**
   * What was fitted: `'binary'` (one sigmoid), `'multinomial'` (softmax; for two classes stored
   * as one row w with P(classes[1]) = σ(2·(w·x + b)), scikit-learn's convention) or `'ovr'`.
   */
  get mode(): Mode {
    return this.state('mode').mode;
  }

  /** Number of features seen by fit. */
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

  /** Solver iterations (for one-vs-rest, the largest over the classes). */
  get nIter(): number {
    return this.state('nIter').nIter;
  }

  /** Whether the solver met its stopping rule before maxIter (for one-vs-rest, every class did). */
  get converged(): boolean {
    return this.state('converged').converged;
  }

  /**
   * The scaled objective (1/S)·Σ sᵢℓᵢ + ‖W‖²/(2·C·S), S = Σ sᵢ, at the start and after each
   * iteration: the seeds' loss curve. For one-vs-rest, the sum over the K binary problems.
   */
  get lossHistory(): Float64Array {
    return this.state('lossHistory').lossHistory.slice();
  }

  /** scikit-learn's objective at the solution: C·Σ sᵢℓᵢ + ½‖W‖² (or Σ sᵢℓᵢ without penalty). */
  get objective(): number {
    return this.state('objective').objective;
  }

  /** Largest absolute component of the scaled objective's gradient at the solution: how far from optimal it is. */
  get gradMax(): number {
    return this.state('gradMax').gradMax;
  }

  /**
   * Linear scores z = X·Wᵀ + b as an n × rows Matrix (one column for two classes: the score of
   * classes[1]). Cost: O(n·d·K).
   */
  decisionFunction(X: MatrixLike): Matrix {
    const s = this.state('decisionFunction');
    const M = asMatrix(X, { cols: s.nFeatures });
    return scores(M, s);
  }

  /**
   * Class probabilities as an n × K Matrix, columns in `classes` order, each row in [0, 1] and
   * summing to 1. Exact for every finite input, scores near ±1e308 included: sigmoid through
   * its two-branch form, softmax through log-sum-exp, one-vs-rest normalised in log space.
   * Cost: O(n·d·K).
   */
  predictProba(X: MatrixLike): Matrix {
    const s = this.state('predictProba');
    const M = asMatrix(X, { cols: s.nFeatures });
    const Z = scores(M, s);
    const n = M.rows;
    const K = s.classes.length;
    const P = new Matrix(n, K);
    const p = P.data;
    if (s.rows === 1) {
      const twice = s.mode === 'multinomial';
      for (let i = 0; i < n; i++) {
        const z = twice ? 2 * Z.data[i] : Z.data[i];
        // Both probabilities from their own sigmoid: 1 − σ(z) would lose digits for z ≫ 0.
        p[2 * i] = expit(-z);
        p[2 * i + 1] = expit(z);
      }
      return P;
    }
    p.set(Z.data);
    for (let i = 0; i < n; i++) {
      if (s.mode === 'ovr') ovrNormalizeInPlace(p, i * K, K);
      else softmaxInPlace(p, i * K, K);
    }
    return P;
  }

  /** log of predictProba, computed directly (log σ(z) = −log(1 + e^{−z})), so tiny probabilities keep their digits. Cost: O(n·d·K). */
  predictLogProba(X: MatrixLike): Matrix {
    const s = this.state('predictLogProba');
    const M = asMatrix(X, { cols: s.nFeatures });
    if (s.rows === 1) {
      const Z = scores(M, s);
      const out = new Matrix(M.rows, 2);
      const twice = s.mode === 'multinomial' ? 2 : 1;
      for (let i = 0; i < M.rows; i++) {
        const z = twice * Z.data[i];
        out.data[2 * i] = -log1pexp(z);
        out.data[2 * i + 1] = -log1pexp(-z);
      }
      return out;
    }
    if (s.mode === 'multinomial') {
      const Z = scores(M, s);
      const K = s.rows;
      for (let i = 0; i < M.rows; i++) {
        const off = i * K;
        let m = -Infinity;
        for (let k = 0; k < K; k++) m = Math.max(m, Z.data[off + k]);
        if (!Number.isFinite(m)) {
          softmaxInPlace(Z.data, off, K);
          for (let k = 0; k < K; k++) Z.data[off + k] = Math.log(Z.data[off + k]);
          continue;
        }
        let sum = 0;
        for (let k = 0; k < K; k++) sum += Math.exp(Z.data[off + k] - m);
        const lse = m + Math.log(sum);
        for (let k = 0; k < K; k++) Z.data[off + k] -= lse;
      }
      return Z;
    }
    const P = this.predictProba(M);
    for (let k = 0; k < P.data.length; k++) P.data[k] = Math.log(P.data[k]);
    return P;
  }

  /**
   * Predicted labels (as given to fit). With a threshold (two classes only; from the options
   * argument, else the model's `threshold`): classes[1] when P(classes[1]) ≥ threshold.
   * Otherwise the argmax of predictProba, ties to the first class (scikit-learn's rule).
   * Cost: O(n·d·K).
   */
  predict(X: MatrixLike, options: PredictOptions = {}): Label[] {
    const s = this.state('predict');
    const o = check.rejectUnknownOptions(options, ['threshold'], `${NAME}.predict`);
    const M = asMatrix(X, { cols: s.nFeatures });
    const n = M.rows;
    const out: Label[] = new Array(n);
    const threshold = o.threshold ?? this.params.threshold;
    if (threshold !== null) {
      if (s.classes.length !== 2) {
        throw new LogitRangeError(`predict's threshold applies to two classes; this model has ${s.classes.length}`, {
          parameter: 'threshold',
          value: threshold,
        });
      }
      const t = check.inRange({ threshold }, 'threshold', 0.5, 0, 1);
      const P = this.predictProba(M);
      for (let i = 0; i < n; i++) out[i] = P.data[2 * i + 1] >= t ? s.classes[1] : s.classes[0];
      return out;
    }
    const Z = scores(M, s);
    if (s.rows === 1) {
      for (let i = 0; i < n; i++) out[i] = Z.data[i] > 0 ? s.classes[1] : s.classes[0];
      return out;
    }
    // Softmax and one-vs-rest normalisation are monotone in each score, so argmax z = argmax p.
    const K = s.rows;
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let k = 1; k < K; k++) if (Z.data[i * K + k] > Z.data[i * K + best]) best = k;
      out[i] = s.classes[best];
    }
    return out;
  }

  /**
   * Mean accuracy of predict(X) against y (weighted by sampleWeight when given).
   * A label in y that the model never saw is an error: it could never be predicted.
   */
  score(X: MatrixLike, y: ArrayLike<Label>, options: ScoreOptions = {}): number {
    const s = this.state('score');
    const M = asMatrix(X, { cols: s.nFeatures });
    const labels = asLabels(y, 'y', M.rows);
    encodeLabels(labels, s.classes);
    const fo = check.rejectUnknownOptions(options, ['sampleWeight'], `${NAME}.score`);
    const sw = asSampleWeight(fo.sampleWeight, M.rows);
    return accuracy(this.predict(M), labels, sw);
  }

  /** The model as a plain JSON document (see `fromJSON`); doubles round-trip bit for bit. */
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
              classes: [...s.classes],
              nFeatures: s.nFeatures,
              mode: s.mode,
              coef: Array.from({ length: s.rows }, (_, r) => encodeNumbers(s.coef.subarray(r * s.nFeatures, (r + 1) * s.nFeatures))),
              intercept: encodeNumbers(s.intercept),
              nIter: s.nIter,
              converged: s.converged,
              lossHistory: encodeNumbers(s.lossHistory),
              objective: encodeNumber(s.objective),
              gradMax: encodeNumber(s.gradMax),
              training: encodeTraining(s.training),
            },
    };
  }

  /**
   * Rebuilds a model from `toJSON()` output (already parsed). Every field is checked before
   * anything is built: format, version, class, hyper-parameters, shapes (coef rows versus
   * classes, columns versus nFeatures), finiteness and label kinds.
   */
  static fromJSON(doc: unknown, options: { onWarning?: WarningHandler } = {}): LogisticRegression {
    const { params, state } = readHeader(doc, NAME);
    const model = new LogisticRegression({ ...(params as LogisticRegressionOptions), onWarning: options.onWarning });
    if (state === null) return model;
    const path = 'doc.state';
    const classes = asLabels(required(state, 'classes', path), `${path}.classes`);
    const sorted = uniqueLabels(classes);
    if (sorted.length !== classes.length || classes.some((c, i) => compareLabels(c, sorted[i]) !== 0) || classes.length < 2) {
      throw new LogitRangeError(`${path}.classes must be at least two distinct labels in sorted order`, { parameter: `${path}.classes` });
    }
    const nFeatures = decodeInteger(required(state, 'nFeatures', path), `${path}.nFeatures`, 1);
    const mode = decodeEnum(required(state, 'mode', path), `${path}.mode`, ['binary', 'multinomial', 'ovr'] as const);
    const K = classes.length;
    const rows = K === 2 ? 1 : K;
    if ((mode === 'binary' && K !== 2) || (mode === 'ovr' && K === 2)) {
      throw new LogitRangeError(`${path}.mode ${JSON.stringify(mode)} does not fit ${K} classes`, { parameter: `${path}.mode` });
    }
    const coefRows = required(state, 'coef', path);
    if (!Array.isArray(coefRows) || coefRows.length !== rows) {
      throw new LogitRangeError(`${path}.coef must have ${rows} row${rows > 1 ? 's' : ''} for ${K} classes; found ${describe(coefRows)}`, {
        parameter: `${path}.coef`,
      });
    }
    const coef = new Float64Array(rows * nFeatures);
    coefRows.forEach((r, i) => coef.set(decodeNumbers(r, `${path}.coef[${i}]`, nFeatures), i * nFeatures));
    const intercept = decodeNumbers(required(state, 'intercept', path), `${path}.intercept`, rows);
    const nIter = decodeInteger(required(state, 'nIter', path), `${path}.nIter`, 0);
    const converged = decodeBoolean(required(state, 'converged', path), `${path}.converged`);
    const lossHistory = decodeNumbers(own(state, 'lossHistory', path) ?? [], `${path}.lossHistory`);
    const objective = decodeNumber(required(state, 'objective', path), `${path}.objective`);
    const gradMax = decodeNumber(required(state, 'gradMax', path), `${path}.gradMax`);
    const training = decodeTraining(required(state, 'training', path), `${path}.training`, nFeatures);
    model.fitted = { classes, nFeatures, mode, coef, rows, intercept, nIter, converged, lossHistory, objective, gradMax, training };
    return model;
  }
}

/** Z = X·coefᵀ + intercept (n × rows), overflow-safe dot products. */
function scores(M: Matrix, s: Fitted): Matrix {
  const { rows, nFeatures: d } = s;
  const Z = new Matrix(M.rows, rows);
  const X = M.data;
  for (let i = 0; i < M.rows; i++) {
    for (let r = 0; r < rows; r++) Z.data[i * rows + r] = safeDot(d, X, i * d, s.coef, r * d, s.intercept[r]);
  }
  return Z;
}

/** Subtracts the across-class mean from every weight column and from the intercepts. */
function centreClasses(params: Float64Array, K: number, d: number, fitIntercept: boolean): void {
  for (let j = 0; j < d; j++) {
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

/** The scaled objective and its largest gradient component at `params` (one more pass over X). */
function certificate(obj: LinearModelObjective, params: Float64Array): { value: number; gradMax: number } {
  const g = new Float64Array(obj.size);
  const value = obj.valueAndGradient(params, g);
  return { value, gradMax: maxAbs(g) };
}

/** Element-wise sum of loss curves of different lengths, each held at its final value. */
function sumHistories(histories: number[][]): Float64Array {
  const len = Math.max(...histories.map((h) => h.length));
  const out = new Float64Array(len);
  for (const h of histories) for (let t = 0; t < len; t++) out[t] += h[Math.min(t, h.length - 1)];
  return out;
}
