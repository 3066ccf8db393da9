import { LogitRangeError, LogitTypeError, NotFittedError, describe } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import * as check from '../core/options.js';
import { FORMAT, FORMAT_VERSION, decodeInteger, decodeNumber, decodeNumbers, readHeader, required, encodeNumber, encodeNumbers, type ModelDocument } from '../core/serial.js';
import { asFeatureNames, trainingInfo } from '../core/training.js';
import { asLabels, asMatrix, asSampleWeight, encodeLabels, uniqueLabels, type Label, type MatrixLike } from '../core/validate.js';
import type { WarningHandler } from '../core/warnings.js';
import { fitLogistic, logisticMode } from '../models/logisticFit.js';
import { normalizeOptions, OPTION_KEYS, type LogisticRegressionOptions } from '../models/logisticOptions.js';
import { LogisticRegression } from '../models/logisticRegression.js';
import { logspaceCs } from '../models/regularizationPath.js';
import type { FoldLike } from './crossValidate.js';
import type { Fold } from './kFold.js';
import { getScorer, type Scoring } from './scoring.js';
import { stratifiedKFold } from './stratifiedKFold.js';

const NAME = 'LogisticRegressionCV';

export interface LogisticRegressionCVOptions extends Omit<LogisticRegressionOptions, 'C' | 'l1Ratio' | 'warmStart'> {
  /** The C grid, or a count of values log-spaced over [1e-4, 1e4] (scikit-learn's `Cs=10`). Fitted in ascending order. */
  Cs?: number | ArrayLike<number>;
  /** Elastic-net mixing values to search with `penalty: 'elasticnet'` (required there, rejected otherwise). */
  l1Ratios?: ArrayLike<number>;
  /** Number of stratified folds (default 5; scikit-learn's StratifiedKFold without shuffling), or the folds themselves. */
  cv?: number | readonly FoldLike[];
  /** A scorer name ('accuracy', 'neg_log_loss', 'roc_auc', …) or function; default: the model's accuracy. */
  scoring?: Scoring;
  /** Refit on all rows at the chosen C (default true, as scikit-learn); false averages the folds' coefficients. */
  refit?: boolean;
  /** Which C the refit uses: 'best' (highest mean score, scikit-learn's C_) or '1se' (glmnet's lambda.1se). Default 'best'. */
  select?: 'best' | '1se';
}

export interface LogisticRegressionCVFitOptions {
  sampleWeight?: ArrayLike<number>;
  featureNames?: readonly string[];
}

interface CVState {
  Cs: Float64Array;
  l1Ratios: Float64Array | null;
  /** One nFolds × nCs score matrix per l1 ratio (one matrix without elastic net). */
  scores: Matrix[];
  l1Ratio: number | null;
  bestIndex: number;
  index1se: number;
  model: LogisticRegression;
}

const CV_KEYS = ['Cs', 'l1Ratios', 'cv', 'scoring', 'refit', 'select'] as const;

/**
 * Logistic regression with C (and, for elastic net, the L1 ratio) chosen by cross-validation,
 * scikit-learn's `LogisticRegressionCV`. For every fold and every L1 ratio the C grid is fitted
 * from the strongest penalty to the weakest, each fit warm-started from the previous one
 * (glmnet's path), and each fitted model is scored on the held-out fold. The chosen cell
 * maximises the mean score over folds (ties: the first in L1-ratio-major, C-ascending order, as
 * scikit-learn); the refit on all rows starts from the folds' average solution.
 *
 * Beside scikit-learn's choice it reports the one-standard-error choice (glmnet's
 * `lambda.1se`): the smallest C whose mean score is within one standard error
 * (sd over folds / √k) of the best, a simpler model that scores as well within noise.
 *
 * Multiclass problems use one softmax model (multinomial) with one C, as scikit-learn does for
 * 'multinomial'. Cost: k folds × |l1Ratios| paths of |Cs| warm-started fits, plus one refit;
 * each fit is O(n·d·K) per solver iteration.
 */
export class LogisticRegressionCV {
  private readonly modelOptions: Omit<LogisticRegressionOptions, 'onWarning'>;
  private readonly onWarning: WarningHandler | undefined;
  private readonly csOption: number | Float64Array;
  private readonly l1Option: Float64Array | null;
  private readonly cvOption: number | readonly Fold[];
  private readonly scoring: Scoring | undefined;
  private readonly refit: boolean;
  private readonly select: 'best' | '1se';
  private fitted: CVState | null = null;

  constructor(options: LogisticRegressionCVOptions = {}) {
    const o = check.rejectUnknownOptions(options, [...OPTION_KEYS.filter((k) => k !== 'C' && k !== 'l1Ratio' && k !== 'warmStart'), ...CV_KEYS], NAME);
    const { Cs, l1Ratios, cv, scoring, refit, select, onWarning, ...modelOptions } = o as LogisticRegressionCVOptions;
    this.modelOptions = modelOptions;
    this.onWarning = onWarning;
    this.csOption = Cs === undefined || typeof Cs === 'number' ? check.integer({ Cs }, 'Cs', 10, 1) : checkGrid(Cs, 'Cs', (c) => c > 0 && Number.isFinite(c), 'a finite number > 0');
    if (modelOptions.penalty === 'elasticnet') {
      if (l1Ratios === undefined) {
        throw new LogitTypeError(`${NAME} with penalty 'elasticnet' needs l1Ratios, e.g. [0.1, 0.5, 0.9]`, { parameter: 'l1Ratios' });
      }
      this.l1Option = checkGrid(l1Ratios, 'l1Ratios', (r) => r >= 0 && r <= 1, 'a number in [0, 1]');
    } else {
      if (l1Ratios !== undefined) {
        throw new LogitRangeError(`l1Ratios only applies with penalty 'elasticnet'; penalty is ${JSON.stringify(modelOptions.penalty ?? 'l2')}`, { parameter: 'l1Ratios' });
      }
      this.l1Option = null;
    }
    // Validates the shared options now (with one grid value), so a bad option fails here as for LogisticRegression.
    normalizeOptions({ ...modelOptions, ...(this.l1Option === null ? {} : { l1Ratio: this.l1Option[0] }) }, NAME);
    this.cvOption = cv === undefined || typeof cv === 'number' ? check.integer({ cv }, 'cv', 5, 2) : checkFolds(cv);
    if (scoring !== undefined) getScorer(scoring); // an unknown name fails here, not after the first fold
    this.scoring = scoring;
    this.refit = check.bool({ refit }, 'refit', true);
    this.select = check.oneOf({ select }, 'select', ['best', '1se'] as const, 'best');
  }

  /**
   * Runs the cross-validated search and the refit. Rows given as folds must index X; every
   * training part must contain every class. `sampleWeight` weights every fit; the held-out
   * scores are unweighted, as in scikit-learn and `crossValidate`. Fold models' non-convergence warnings go to
   * `onWarning` naming the fold and C. Cost: see the class.
   */
  fit(X: MatrixLike, y: ArrayLike<Label>, options: LogisticRegressionCVFitOptions = {}): this {
    const fo = check.rejectUnknownOptions(options, ['sampleWeight', 'featureNames'], `${NAME}.fit`);
    const M = asMatrix(X);
    const labels = asLabels(y, 'y', M.rows);
    const sw = asSampleWeight(fo.sampleWeight, M.rows);
    const featureNames = asFeatureNames(fo.featureNames, M.cols);
    const classes = uniqueLabels(labels);
    if (classes.length < 2) {
      throw new LogitRangeError(`y has only one class (${describe(classes[0])}); ${NAME} needs at least two`, { parameter: 'y', value: classes[0] });
    }
    const { params } = normalizeOptions({ ...this.modelOptions, ...(this.l1Option === null ? {} : { l1Ratio: this.l1Option[0] }) }, NAME);
    if (logisticMode(params.multiClass, classes.length) === 'ovr') {
      throw new LogitRangeError(
        `${NAME} chooses one C for all classes; with multiClass 'ovr' and ${classes.length} classes use multiClass 'multinomial', or run regularizationPath per class`,
        { parameter: 'multiClass', value: 'ovr' },
      );
    }
    const yIdx = encodeLabels(labels, classes);
    const folds = typeof this.cvOption === 'number' ? stratifiedKFold(labels, { nSplits: this.cvOption }) : this.cvOption;
    folds.forEach((f, k) => {
      for (const i of [...f.train, ...f.test]) {
        if (i >= M.rows) throw new LogitRangeError(`cv[${k}] holds row ${i} but X has ${M.rows} rows`, { parameter: 'cv', row: k, value: i });
      }
    });
    const Cs = typeof this.csOption === 'number' ? logspaceCs(this.csOption) : Float64Array.from(this.csOption).sort();
    const l1s = this.l1Option === null ? [null] : Array.from(this.l1Option);
    const scorer = getScorer(this.scoring);
    const nC = Cs.length;
    const nF = folds.length;
    const scores = l1s.map(() => new Matrix(nF, nC));
    // coefs[l][c][fold]: kept to start the refit from the folds' average, as scikit-learn does.
    const coefSum = l1s.map(() => Array.from({ length: nC }, () => ({ coef: null as Float64Array | null, intercept: null as Float64Array | null })));
    folds.forEach((fold, f) => {
      const Xtr = M.selectRows(fold.train);
      const Xte = M.selectRows(fold.test);
      const ytr = Int32Array.from(fold.train, (i) => yIdx[i]);
      const counts = new Int32Array(classes.length);
      ytr.forEach((c) => counts[c]++);
      const missing = classes.filter((_, c) => counts[c] === 0);
      if (missing.length > 0) {
        throw new LogitRangeError(`the training part of fold ${f} has no sample of class ${describe(missing[0])}; use fewer folds`, { parameter: 'cv', row: f });
      }
      const yte = Array.from(fold.test, (i) => labels[i]);
      const swTr = sw === null ? null : Float64Array.from(fold.train, (i) => sw[i]);
      const training = trainingInfo(Xtr.rows, featureNames);
      l1s.forEach((l1Ratio, l) => {
        let init: { coef: Float64Array; intercept: Float64Array } | null = null;
        for (let c = 0; c < nC; c++) {
          const cellOptions = { ...this.modelOptions, C: Cs[c], ...(l1Ratio === null ? {} : { l1Ratio }) };
          const { params: p } = normalizeOptions(cellOptions, NAME);
          const where = `${NAME} fold ${f}, C = ${Cs[c]}${l1Ratio === null ? '' : `, l1Ratio = ${l1Ratio}`}`;
          const { solution } = fitLogistic({ X: Xtr, yIdx: ytr, classes, sampleWeight: swTr, params: p, init, onWarning: this.onWarning, source: where, featureNames });
          init = { coef: solution.coef, intercept: solution.intercept };
          const model = LogisticRegression.fromSolution(cellOptions, solution, classes, M.cols, training);
          // Unweighted held-out scores, as scikit-learn and crossValidate: weights shape the fits only.
          scores[l].set(f, c, scorer(model, Xte, yte));
          const acc = coefSum[l][c];
          acc.coef = addInto(acc.coef, solution.coef);
          acc.intercept = addInto(acc.intercept, solution.intercept);
        }
      });
    });
    // scikit-learn's choice: argmax of the summed scores, first in (l1 ratio, C) order.
    let best = { l: 0, c: 0, mean: -Infinity };
    l1s.forEach((_, l) => {
      for (let c = 0; c < nC; c++) {
        const m = columnMean(scores[l], c);
        if (m > best.mean) best = { l, c, mean: m };
      }
    });
    if (!Number.isFinite(best.mean)) {
      throw new LogitRangeError(`every mean cross-validation score is ${describe(best.mean)}; check the scoring`, { parameter: 'scoring' });
    }
    const se = columnStd(scores[best.l], best.c) / Math.sqrt(nF);
    let c1se = best.c;
    while (c1se > 0 && columnMean(scores[best.l], c1se - 1) >= best.mean - se) c1se--;
    const l1Ratio = l1s[best.l];
    const chosen = this.select === 'best' ? best.c : c1se;
    const training = trainingInfo(M.rows, featureNames);
    const finalOptions = { ...this.modelOptions, C: Cs[chosen], ...(l1Ratio === null ? {} : { l1Ratio }), onWarning: this.onWarning };
    let model: LogisticRegression;
    if (this.refit) {
      const { params: p } = normalizeOptions(finalOptions, NAME);
      const avg = coefSum[best.l][chosen];
      const init = { coef: avg.coef!.map((v) => v / nF), intercept: avg.intercept!.map((v) => v / nF) };
      const { solution } = fitLogistic({ X: M, yIdx, classes, sampleWeight: sw, params: p, init, onWarning: this.onWarning, source: `${NAME} refit (C = ${Cs[chosen]})`, featureNames });
      model = LogisticRegression.fromSolution(finalOptions, solution, classes, M.cols, training);
    } else {
      // scikit-learn's refit=False: each fold's own best C, coefficients averaged over folds.
      model = this.averageOfFolds(M, yIdx, classes, folds, scores[best.l], Cs, l1Ratio, sw, featureNames, finalOptions);
    }
    this.fitted = { Cs, l1Ratios: this.l1Option, scores, l1Ratio, bestIndex: best.c, index1se: c1se, model };
    return this;
  }

  private averageOfFolds(
    M: Matrix,
    yIdx: Int32Array,
    classes: Label[],
    folds: readonly Fold[],
    scores: Matrix,
    Cs: Float64Array,
    l1Ratio: number | null,
    sw: Float64Array | null,
    featureNames: string[] | null,
    options: LogisticRegressionOptions,
  ): LogisticRegression {
    let coef: Float64Array | null = null;
    let intercept: Float64Array | null = null;
    let nIter = 0;
    let converged = true;
    let first = null as ReturnType<typeof fitLogistic>['solution'] | null;
    folds.forEach((fold, f) => {
      let c = 0;
      for (let j = 1; j < Cs.length; j++) if (scores.get(f, j) > scores.get(f, c)) c = j;
      const o = { ...options, C: Cs[c], ...(l1Ratio === null ? {} : { l1Ratio }) };
      const { params: p } = normalizeOptions(o, NAME);
      const Xtr = M.selectRows(fold.train);
      const ytr = Int32Array.from(fold.train, (i) => yIdx[i]);
      const swTr = sw === null ? null : Float64Array.from(fold.train, (i) => sw[i]);
      const { solution } = fitLogistic({ X: Xtr, yIdx: ytr, classes, sampleWeight: swTr, params: p, init: null, onWarning: this.onWarning, source: `${NAME} fold ${f}`, featureNames });
      coef = addInto(coef, solution.coef);
      intercept = addInto(intercept, solution.intercept);
      nIter = Math.max(nIter, solution.nIter);
      converged &&= solution.converged;
      first ??= solution;
    });
    const k = folds.length;
    const solution = {
      ...first!,
      coef: coef!.map((v) => v / k),
      intercept: intercept!.map((v) => v / k),
      nIter,
      converged,
      // An average of fold solutions optimises no single objective: no certificate.
      lossHistory: new Float64Array(0),
      objective: NaN,
      gradMax: NaN,
      separation: [],
    };
    return LogisticRegression.fromSolution(options, solution, classes, M.cols, trainingInfo(M.rows, featureNames));
  }

  private state(method: string): CVState {
    if (this.fitted === null) throw new NotFittedError(NAME, method);
    return this.fitted;
  }

  get isFitted(): boolean {
    return this.fitted !== null;
  }
  /** The C grid searched, ascending. */
  get Cs(): Float64Array {
    return this.state('Cs').Cs.slice();
  }
  /** The L1 ratios searched (elastic net), else null. */
  get l1Ratios(): Float64Array | null {
    const s = this.state('l1Ratios').l1Ratios;
    return s === null ? null : s.slice();
  }
  /** Held-out scores: one nFolds × nCs matrix per L1 ratio (a single matrix without elastic net). */
  get scores(): Matrix[] {
    return this.state('scores').scores.map((m) => new Matrix(m.rows, m.cols, m.data.slice()));
  }
  /** Mean score over folds, one row per L1 ratio, one column per C. */
  get meanScores(): Matrix {
    const s = this.state('meanScores').scores;
    const out = new Matrix(s.length, s[0].cols);
    s.forEach((m, l) => {
      for (let c = 0; c < m.cols; c++) out.set(l, c, columnMean(m, c));
    });
    return out;
  }
  /** Standard deviation of the fold scores (ddof = 1), shaped as meanScores. */
  get stdScores(): Matrix {
    const s = this.state('stdScores').scores;
    const out = new Matrix(s.length, s[0].cols);
    s.forEach((m, l) => {
      for (let c = 0; c < m.cols; c++) out.set(l, c, columnStd(m, c));
    });
    return out;
  }
  /** The C with the best mean score (scikit-learn's `C_`). */
  get bestC(): number {
    const s = this.state('bestC');
    return s.Cs[s.bestIndex];
  }
  /** The C the final model uses: bestC, or C1se with `select: '1se'`. */
  get C(): number {
    const s = this.state('C');
    return s.Cs[this.select === 'best' ? s.bestIndex : s.index1se];
  }
  /** The smallest C whose mean score is within one standard error of the best (glmnet's lambda.1se). */
  get C1se(): number {
    const s = this.state('C1se');
    return s.Cs[s.index1se];
  }
  /** The chosen L1 ratio (elastic net), else null. */
  get l1Ratio(): number | null {
    return this.state('l1Ratio').l1Ratio;
  }
  /** The final LogisticRegression (refitted on all rows, or the fold average with refit: false). */
  get model(): LogisticRegression {
    return this.state('model').model;
  }
  get classes(): Label[] {
    return this.model.classes;
  }
  get coef(): Matrix {
    return this.model.coef;
  }
  get intercept(): Float64Array {
    return this.model.intercept;
  }
  /** O(n·d·K). */
  decisionFunction(X: MatrixLike): Matrix {
    return this.model.decisionFunction(X);
  }
  /** O(n·d·K). */
  predictProba(X: MatrixLike): Matrix {
    return this.model.predictProba(X);
  }
  /** O(n·d·K). */
  predictLogProba(X: MatrixLike): Matrix {
    return this.model.predictLogProba(X);
  }
  /** O(n·d·K). */
  predict(X: MatrixLike): Label[] {
    return this.model.predict(X);
  }
  /** Accuracy of the final model, O(n·d·K). */
  score(X: MatrixLike, y: ArrayLike<Label>, options: { sampleWeight?: ArrayLike<number> } = {}): number {
    return this.model.score(X, y, options);
  }

  /**
   * The search and its result as one JSON document: the grid, every fold score, the choices and
   * the final model's own document. A scoring function cannot be stored: it is recorded as
   * 'custom' and a rebuilt object predicts but cannot be refitted with it.
   */
  toJSON(): ModelDocument {
    const s = this.fitted;
    return {
      format: FORMAT,
      version: FORMAT_VERSION,
      class: NAME,
      params: {
        ...this.modelOptions,
        Cs: typeof this.csOption === 'number' ? this.csOption : encodeNumbers(this.csOption),
        l1Ratios: this.l1Option === null ? null : encodeNumbers(this.l1Option),
        cv: typeof this.cvOption === 'number' ? this.cvOption : this.cvOption.map((f) => ({ train: Array.from(f.train), test: Array.from(f.test) })),
        scoring: this.scoring === undefined ? null : typeof this.scoring === 'string' ? this.scoring : 'custom',
        refit: this.refit,
        select: this.select,
      },
      state:
        s === null
          ? null
          : {
              Cs: encodeNumbers(s.Cs),
              l1Ratios: s.l1Ratios === null ? null : encodeNumbers(s.l1Ratios),
              scores: s.scores.map((m) => Array.from({ length: m.rows }, (_, f) => encodeNumbers(m.row(f)))),
              bestIndex: s.bestIndex,
              index1se: s.index1se,
              l1Ratio: s.l1Ratio === null ? null : encodeNumber(s.l1Ratio),
              model: s.model.toJSON(),
            },
    };
  }

  /** Rebuilds from `toJSON()` output, checking every field (grid, score shapes, indices, the model). */
  static fromJSON(doc: unknown, options: { onWarning?: WarningHandler } = {}): LogisticRegressionCV {
    const { params, state } = readHeader(doc, NAME);
    const p = { ...params } as Record<string, unknown>;
    if (p.scoring === null || p.scoring === 'custom') delete p.scoring;
    if (p.l1Ratios === null) delete p.l1Ratios;
    if (Array.isArray(p.Cs)) p.Cs = decodeNumbers(p.Cs, 'doc.params.Cs');
    if (Array.isArray(p.l1Ratios)) p.l1Ratios = decodeNumbers(p.l1Ratios, 'doc.params.l1Ratios');
    if (Array.isArray(p.cv)) {
      p.cv = p.cv.map((f: unknown, k: number) => ({
        train: Int32Array.from(decodeNumbers(required(f, 'train', `doc.params.cv[${k}]`), `doc.params.cv[${k}].train`)),
        test: Int32Array.from(decodeNumbers(required(f, 'test', `doc.params.cv[${k}]`), `doc.params.cv[${k}].test`)),
      }));
    }
    const cv = new LogisticRegressionCV({ ...(p as LogisticRegressionCVOptions), onWarning: options.onWarning });
    if (state === null) return cv;
    const path = 'doc.state';
    const Cs = decodeNumbers(required(state, 'Cs', path), `${path}.Cs`);
    if (Cs.length === 0 || Cs.some((c, i) => !(c > 0) || (i > 0 && c < Cs[i - 1]))) {
      throw new LogitRangeError(`${path}.Cs must be positive and ascending`, { parameter: `${path}.Cs` });
    }
    const l1Raw = required(state, 'l1Ratios', path);
    const l1Ratios = l1Raw === null ? null : decodeNumbers(l1Raw, `${path}.l1Ratios`);
    const rawScores = required(state, 'scores', path);
    const nL = l1Ratios === null ? 1 : l1Ratios.length;
    if (!Array.isArray(rawScores) || rawScores.length !== nL) {
      throw new LogitRangeError(`${path}.scores must hold ${nL} matrix(es), one per l1 ratio`, { parameter: `${path}.scores` });
    }
    const scores = rawScores.map((m: unknown, l: number) => {
      if (!Array.isArray(m) || m.length < 2) throw new LogitRangeError(`${path}.scores[${l}] must have a row per fold (at least 2)`, { parameter: `${path}.scores[${l}]` });
      const out = new Matrix(m.length, Cs.length);
      m.forEach((r: unknown, f: number) => out.data.set(decodeNumbers(r, `${path}.scores[${l}][${f}]`, Cs.length), f * Cs.length));
      return out;
    });
    const bestIndex = decodeInteger(required(state, 'bestIndex', path), `${path}.bestIndex`, 0, Cs.length - 1);
    const index1se = decodeInteger(required(state, 'index1se', path), `${path}.index1se`, 0, Cs.length - 1);
    const l1v = required(state, 'l1Ratio', path);
    const l1Ratio = l1v === null ? null : decodeNumber(l1v, `${path}.l1Ratio`);
    if ((l1Ratio === null) !== (l1Ratios === null)) {
      throw new LogitRangeError(`${path}.l1Ratio and ${path}.l1Ratios must both be set or both be null`, { parameter: `${path}.l1Ratio` });
    }
    const model = LogisticRegression.fromJSON(required(state, 'model', path), options);
    const chosen = cv.select === 'best' ? bestIndex : index1se;
    if (model.params.C !== Cs[chosen]) {
      throw new LogitRangeError(`${path}.model has C = ${model.params.C} but the search chose ${Cs[chosen]}`, { parameter: `${path}.model` });
    }
    cv.fitted = { Cs, l1Ratios, scores, l1Ratio, bestIndex, index1se, model };
    return cv;
  }
}

function addInto(acc: Float64Array | null, v: Float64Array): Float64Array {
  if (acc === null) return v.slice();
  for (let i = 0; i < v.length; i++) acc[i] += v[i];
  return acc;
}

function columnMean(m: Matrix, c: number): number {
  let s = 0;
  for (let f = 0; f < m.rows; f++) s += m.get(f, c);
  return s / m.rows;
}

function columnStd(m: Matrix, c: number): number {
  const mean = columnMean(m, c);
  let s = 0;
  for (let f = 0; f < m.rows; f++) s += (m.get(f, c) - mean) ** 2;
  return Math.sqrt(s / (m.rows - 1));
}

function checkGrid(v: ArrayLike<number>, name: string, ok: (x: number) => boolean, what: string): Float64Array {
  if (v === null || typeof v !== 'object' || typeof (v as ArrayLike<number>).length !== 'number') {
    throw new LogitTypeError(`${name} must be a number or an array of numbers; received ${describe(v)}`, { parameter: name, value: v });
  }
  const out = Float64Array.from(v);
  if (out.length === 0) throw new LogitRangeError(`${name} is empty; give at least one value`, { parameter: name });
  out.forEach((x, i) => {
    if (typeof v[i] !== 'number' || !ok(x)) throw new LogitRangeError(`${name}[${i}] is ${describe(v[i])}; each must be ${what}`, { parameter: name, row: i, value: v[i] });
  });
  return out;
}

function checkFolds(cv: readonly FoldLike[]): readonly Fold[] {
  if (!Array.isArray(cv) || cv.length < 2) {
    throw new LogitRangeError(`cv must be a number of folds ≥ 2 or an array of at least two { train, test } folds; received ${describe(cv)}`, { parameter: 'cv', value: cv });
  }
  return cv.map((f, k) => {
    const train = f?.train;
    const test = f?.test;
    if (train == null || test == null || typeof train.length !== 'number' || typeof test.length !== 'number' || train.length === 0 || test.length === 0) {
      throw new LogitTypeError(`cv[${k}] must be { train, test } with non-empty index arrays; received ${describe(f)}`, { parameter: 'cv', row: k });
    }
    const idx = (a: ArrayLike<number>, part: string) => {
      const out = Int32Array.from(a as ArrayLike<number>);
      out.forEach((i, j) => {
        if (!Number.isInteger(a[j]) || i < 0) throw new LogitRangeError(`cv[${k}].${part}[${j}] is ${describe(a[j])}; row indices are integers ≥ 0`, { parameter: 'cv', row: k, value: a[j] });
      });
      return out;
    };
    return { train: idx(train, 'train'), test: idx(test, 'test') };
  });
}
