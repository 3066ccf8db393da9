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
  checkLabels,
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
import { preconditioner } from '../loss/linearModelObjective.js';
import { fitLogistic, logisticMode, type LogisticMode, type LogisticSolution } from './logisticFit.js';
import { normalizeOptions, type ConcreteSolver, type IterationHandler, type LogisticRegressionOptions, type LogisticRegressionParams } from './logisticOptions.js';
import { PREDICT_BINARY_LOG_PROBA, PREDICT_BINARY_PROBA, PREDICT_LOG_SOFTMAX, PREDICT_OVR, PREDICT_SCORES, PREDICT_SOFTMAX, predictRows } from './predictRows.js';
import { ovrLogProbaRow } from '../kernels/predictTs.js';
import type { SeparationReport } from './separation.js';

export type { LogisticMode } from './logisticFit.js';
export type {
  ClassWeight,
  ConcreteSolver,
  LogisticPenalty,
  LogisticRegressionOptions,
  LogisticRegressionParams,
  LogisticSolver,
  MultiClass,
} from './logisticOptions.js';

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

export interface PartialFitOptions {
  /** Every label the stream can contain; required on the first call. */
  classes?: ArrayLike<Label>;
  sampleWeight?: ArrayLike<number>;
}

export interface PredictOptions {
  /**
   * Binary models only: predict the positive class (classes[1]) when P(classes[1]) ≥ threshold.
   * Overrides the model's own `threshold` for this call.
   */
  threshold?: number;
}

interface Fitted extends LogisticSolution {
  readonly classes: readonly Label[];
  readonly nFeatures: number;
  readonly training: TrainingInfo;
}

/** Where a stream of partialFit calls stands: the frozen preconditioner and the step count. */
interface Stream {
  readonly center: Float64Array | null;
  readonly scale: Float64Array;
  readonly step: number;
  readonly calls: number;
}

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
  private readonly onIteration: IterationHandler | undefined;
  private fitted: Fitted | null = null;
  private stream: Stream | null = null;

  constructor(options: LogisticRegressionOptions = {}) {
    const { params, onWarning, onIteration } = normalizeOptions(options, NAME);
    this.settings = params;
    this.onWarning = onWarning;
    this.onIteration = onIteration;
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
   * With `warmStart` and a previous fit on the same classes and features, starts from it.
   * A fit that throws leaves the previously fitted state untouched; X and y are never written.
   * Cost: O(n·d·K) per iteration (one fused pass over X) plus O(n log n) for the labels; the
   * newton solver adds O(n·d²) per iteration for the Hessian.
   */
  fit(X: MatrixLike, y: ArrayLike<Label>, options: FitOptions = {}): this {
    // NaN and ±∞ in X are caught by the fit's first pass over X (the preconditioner's column sums).
    const M = asMatrix(X, { finite: false });
    const labels = checkLabels(y, 'y', M.rows);
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
    this.checkThresholdFits(classes.length);
    const prev = this.fitted;
    const mode = logisticMode(this.params.multiClass, classes.length);
    const warm =
      this.params.warmStart && prev !== null && prev.nFeatures === M.cols && prev.mode === mode && sameLabels(prev.classes, classes)
        ? { coef: prev.coef, intercept: prev.intercept }
        : null;
    const { solution } = fitLogistic({
      X: M,
      yIdx,
      classes,
      sampleWeight: sw,
      params: this.params,
      init: warm,
      onWarning: this.onWarning,
      source: NAME,
      featureNames: training.featureNames,
      onIteration: this.onIteration,
      unchecked: true,
    });
    this.fitted = { ...solution, classes, nFeatures: M.cols, training };
    this.stream = null;
    return this;
  }

  /**
   * One pass of mini-batch SGD over a chunk of rows, for data that arrives in pieces (needs
   * `solver: 'sgd'`). The first call must list every class in `classes` (later chunks may miss
   * some); it also fixes the internal feature scaling from that chunk. Later calls continue the
   * step schedule; a label outside the classes is an error. After a call, `nIter` counts the
   * chunks seen and `converged` is false (a stream has no end); `objective` and `gradMax`
   * describe the last chunk. Cost: O(m·d·K) for a chunk of m rows, plus one pass for the
   * certificate.
   */
  partialFit(X: MatrixLike, y: ArrayLike<Label>, options: PartialFitOptions = {}): this {
    const o = check.rejectUnknownOptions(options, ['classes', 'sampleWeight'], `${NAME}.partialFit`);
    if (this.params.solver !== 'sgd') {
      throw new LogitRangeError(`partialFit needs solver 'sgd'; this model has solver '${this.params.solver}'`, { parameter: 'solver', value: this.params.solver });
    }
    if (this.params.classWeight === 'balanced') {
      throw new LogitRangeError("classWeight 'balanced' needs every class count up front; partialFit accepts a { label: weight } object instead", {
        parameter: 'classWeight',
      });
    }
    const M = asMatrix(X, this.fitted === null ? {} : { cols: this.fitted.nFeatures });
    const labels = checkLabels(y, 'y', M.rows);
    const sw = asSampleWeight(o.sampleWeight, M.rows);
    let classes: readonly Label[];
    if (this.fitted !== null) {
      classes = this.fitted.classes;
      if (o.classes !== undefined && !sameLabels(uniqueLabels(asLabels(o.classes, 'classes')), classes)) {
        throw new LogitRangeError(`classes differ from the ones of the first partialFit call [${classes.map(describe).join(', ')}]`, { parameter: 'classes' });
      }
    } else {
      if (o.classes === undefined) {
        throw new LogitRangeError("partialFit's first call needs { classes: [...] } listing every label the stream can contain", { parameter: 'classes' });
      }
      classes = uniqueLabels(asLabels(o.classes, 'classes'));
      if (classes.length < 2) throw new LogitRangeError('classes must list at least two labels', { parameter: 'classes' });
    }
    const yIdx = encodeLabels(labels, classes);
    this.checkThresholdFits(classes.length);
    const prev = this.fitted;
    const stream: Stream =
      this.stream ??
      (prev === null
        ? { ...preconditioner(M, sw, this.params.fitIntercept), step: 0, calls: 0 }
        : { ...preconditioner(M, sw, this.params.fitIntercept), step: 0, calls: prev.nIter });
    const result = fitLogistic({
      X: M,
      yIdx,
      classes,
      sampleWeight: sw,
      params: { ...this.params, maxIter: 1 },
      init: prev === null ? null : { coef: prev.coef, intercept: prev.intercept },
      onWarning: this.onWarning,
      source: NAME,
      featureNames: prev?.training.featureNames ?? null,
      preconditioning: stream,
      sgdStep: stream.step,
      seedOffset: stream.calls,
      quiet: true,
    });
    const names = prev?.training.featureNames;
    const training = trainingInfo((prev?.training.nSamples ?? 0) + M.rows, names ? [...names] : null);
    this.fitted = { ...result.solution, classes, nFeatures: M.cols, training, nIter: stream.calls + 1, converged: false };
    this.stream = { center: stream.center, scale: stream.scale, step: result.sgdStep, calls: stream.calls + 1 };
    return this;
  }

  /**
   * Builds a fitted model from a solution computed elsewhere (regularizationPath,
   * cross-validation). Internal: not part of the public API.
   */
  static fromSolution(options: LogisticRegressionOptions, solution: LogisticSolution, classes: readonly Label[], nFeatures: number, training: TrainingInfo): LogisticRegression {
    const model = new LogisticRegression(options);
    model.fitted = { ...solution, classes: [...classes], nFeatures, training };
    return model;
  }

  private checkThresholdFits(K: number): void {
    if (this.params.threshold !== null && K !== 2) {
      throw new LogitRangeError(`the threshold option applies to two classes; y has ${K}`, { parameter: 'threshold', value: this.params.threshold });
    }
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
  get mode(): LogisticMode {
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

  /**
   * Largest optimality violation at the solution: the largest component of the gradient of the
   * scaled objective F = objective/(C·Σsᵢ) (for L1 and elastic net: of its minimum-norm
   * subgradient) with respect to coefficients of standardised features. 0 at the exact optimum.
   */
  get gradMax(): number {
    return this.state('gradMax').gradMax;
  }

  /** The solver that ran (what `'auto'` chose). */
  get solver(): ConcreteSolver {
    return this.state('solver').solver;
  }

  /**
   * The convergence certificate of the last fit: scikit-learn's objective at the solution, the
   * largest optimality violation (see gradMax), iterations, whether the stopping rule was met,
   * and the solver.
   */
  get certificate(): { objective: number; gradMax: number; nIter: number; converged: boolean; solver: ConcreteSolver } {
    const s = this.state('certificate');
    return { objective: s.objective, gradMax: s.gradMax, nIter: s.nIter, converged: s.converged, solver: s.solver };
  }

  /** With penalty 'none': the separation detected in the last fit (one report per sub-problem that had one), else []. */
  get separation(): SeparationReport[] {
    return this.state('separation').separation.map((r) => ({ ...r, features: [...r.features] }));
  }

  /**
   * Linear scores z = X·Wᵀ + b as an n × rows Matrix (one column for two classes: the score of
   * classes[1]). Cost: O(n·d·K).
   */
  decisionFunction(X: MatrixLike): Matrix {
    const s = this.state('decisionFunction');
    const M = asMatrix(X, { cols: s.nFeatures, finite: false });
    return new Matrix(M.rows, s.rows, predictRows(M, 'X', s.coef, s.intercept, s.rows, PREDICT_SCORES));
  }

  /**
   * Class probabilities as an n × K Matrix, columns in `classes` order, each row in [0, 1] and
   * summing to 1. Exact for every finite input, scores near ±1e308 included: sigmoid through
   * its two-branch form (one exp per row: σ(−z) and σ(z) share e^{−|z|}), softmax through
   * log-sum-exp, one-vs-rest normalised in log space. One pass over X that also validates it
   * (src/models/predictRows.ts). Cost: O(n·d·K) multiply-adds, one exp per row (binary) or K.
   */
  predictProba(X: MatrixLike): Matrix {
    const s = this.state('predictProba');
    const M = asMatrix(X, { cols: s.nFeatures, finite: false });
    const K = s.classes.length;
    if (s.rows === 1) {
      const scale = s.mode === 'multinomial' ? 2 : 1;
      return new Matrix(M.rows, 2, predictRows(M, 'X', s.coef, s.intercept, 1, PREDICT_BINARY_PROBA, scale));
    }
    const mode = s.mode === 'ovr' ? PREDICT_OVR : PREDICT_SOFTMAX;
    return new Matrix(M.rows, K, predictRows(M, 'X', s.coef, s.intercept, K, mode));
  }

  /** log of predictProba, computed directly (log σ(z) = −log(1 + e^{−z})), so tiny probabilities keep their digits. Cost: O(n·d·K). */
  predictLogProba(X: MatrixLike): Matrix {
    const s = this.state('predictLogProba');
    const M = asMatrix(X, { cols: s.nFeatures, finite: false });
    if (s.rows === 1) {
      const scale = s.mode === 'multinomial' ? 2 : 1;
      return new Matrix(M.rows, 2, predictRows(M, 'X', s.coef, s.intercept, 1, PREDICT_BINARY_LOG_PROBA, scale));
    }
    if (s.mode === 'multinomial') return new Matrix(M.rows, s.rows, predictRows(M, 'X', s.coef, s.intercept, s.rows, PREDICT_LOG_SOFTMAX));
    // One-vs-rest: the scores from the pass, then log σ and log-sum-exp per row (no log of a probability).
    const K = s.rows;
    const out = predictRows(M, 'X', s.coef, s.intercept, K, PREDICT_SCORES);
    for (let o = 0; o < out.length; o += K) ovrLogProbaRow(K, out, o);
    return new Matrix(M.rows, K, out);
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
    const M = asMatrix(X, { cols: s.nFeatures, finite: false });
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
    const z = predictRows(M, 'X', s.coef, s.intercept, s.rows, PREDICT_SCORES);
    if (s.rows === 1) {
      const c0 = s.classes[0];
      const c1 = s.classes[1];
      for (let i = 0; i < n; i++) out[i] = z[i] > 0 ? c1 : c0;
      return out;
    }
    // Softmax and one-vs-rest normalisation are monotone in each score, so argmax z = argmax p.
    const K = s.rows;
    for (let i = 0; i < n; i++) {
      const o = i * K;
      let best = 0;
      for (let k = 1; k < K; k++) if (z[o + k] > z[o + best]) best = k;
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
              solver: s.solver,
              separation: s.separation.map((r) => ({ kind: r.kind, features: [...r.features], separatedSamples: r.separatedSamples })),
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
    if (model.params.threshold !== null && classes.length !== 2) {
      throw new LogitRangeError(`doc.params.threshold applies to two classes; ${path}.classes has ${classes.length}`, { parameter: 'doc.params.threshold' });
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
    // An indexed loop, not forEach: forEach would skip the holes of a sparse array and leave zeros.
    for (let i = 0; i < rows; i++) coef.set(decodeNumbers(coefRows[i], `${path}.coef[${i}]`, nFeatures), i * nFeatures);
    const intercept = decodeNumbers(required(state, 'intercept', path), `${path}.intercept`, rows);
    const nIter = decodeInteger(required(state, 'nIter', path), `${path}.nIter`, 0);
    const converged = decodeBoolean(required(state, 'converged', path), `${path}.converged`);
    const lossHistory = decodeNumbers(own(state, 'lossHistory', path) ?? [], `${path}.lossHistory`);
    // NaN means "no certificate" (LogisticRegressionCV's fold average optimises no one objective).
    const objective = decodeNumberOrNaN(required(state, 'objective', path), `${path}.objective`);
    const gradMax = decodeNumberOrNaN(required(state, 'gradMax', path), `${path}.gradMax`);
    const training = decodeTraining(required(state, 'training', path), `${path}.training`, nFeatures);
    const solver = decodeEnum(required(state, 'solver', path), `${path}.solver`, ['lbfgs', 'newton', 'owlqn', 'proxnewton', 'sgd', 'gd'] as const);
    const separation = decodeSeparation(own(state, 'separation', path) ?? [], `${path}.separation`, nFeatures, training.nSamples);
    model.fitted = { classes, nFeatures, mode, coef, rows, intercept, nIter, converged, lossHistory, objective, gradMax, solver, separation, training };
    return model;
  }
}

/** Same labels in the same order. */
function sameLabels(a: readonly Label[], b: readonly Label[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** A finite number, or NaN written as "NaN"; ±∞ is refused. */
function decodeNumberOrNaN(v: unknown, path: string): number {
  return v === 'NaN' ? NaN : decodeNumber(v, path);
}

function decodeSeparation(v: unknown, path: string, nFeatures: number, nSamples: number): SeparationReport[] {
  if (!Array.isArray(v)) throw new LogitRangeError(`${path} must be an array; found ${describe(v)}`, { parameter: path });
  return Array.from(v as unknown[], (r, i) => {
    const p = `${path}[${i}]`;
    const kind = decodeEnum(required(r, 'kind', p), `${p}.kind`, ['complete', 'quasi-complete'] as const);
    const features = required(r, 'features', p);
    if (!Array.isArray(features)) throw new LogitRangeError(`${p}.features must be an array; found ${describe(features)}`, { parameter: `${p}.features` });
    const fs = Array.from(features as unknown[], (f, k) => decodeInteger(f, `${p}.features[${k}]`, 0, nFeatures - 1));
    const separatedSamples = decodeInteger(required(r, 'separatedSamples', p), `${p}.separatedSamples`, 1, nSamples);
    return { kind, features: fs, separatedSamples };
  });
}
