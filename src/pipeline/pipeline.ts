import { LogitRangeError, LogitTypeError, NotFittedError, describe } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import * as check from '../core/options.js';
import { FORMAT, FORMAT_VERSION, own, readHeader, required, type ModelDocument } from '../core/serial.js';
import { decodeTraining, encodeTraining, trainingInfo, type TrainingInfo } from '../core/training.js';
import { readDocument, type ReadOptions } from './registry.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * What a pipeline step must look like (duck-typed): every step has `fit`; every step but the
 * last also `transform`. logit's transformers and models all fit; a step of your own works too
 * (give it `toJSON` and pass a reader to fromJSON to save it).
 */
export interface PipelineStep {
  fit(...args: any[]): unknown;
  /** A Matrix (or rows), or an encoded table `{ X, y, featureNames }` as TableEncoder returns. */
  transform?(X: any): any;
  fitTransform?(X: any, options?: any): any;
  getFeatureNamesOut?(inputNames?: readonly string[]): string[];
  predict?(X: any, options?: any): unknown;
  predictProba?(X: any): Matrix;
  predictLogProba?(X: any): Matrix;
  decisionFunction?(X: any): Matrix;
  score?(X: any, y: any, options?: any): number;
  toJSON?(): unknown;
  readonly isFitted?: boolean;
  readonly nFeatures?: number;
  readonly nFeaturesOut?: number;
  readonly classes?: unknown[];
}

/** A named step: `['scale', new StandardScaler()]`. */
export type NamedStep = readonly [string, PipelineStep];

export interface PipelineFitOptions {
  /** Per-sample weights, passed to the final step's fit (scikit-learn's `model__sample_weight`). */
  sampleWeight?: ArrayLike<number>;
  /** Names of X's columns, given to the first step; each step's getFeatureNamesOut names the next step's inputs. */
  featureNames?: readonly string[];
  /** Extra fit options per step name, e.g. `{ scale: { sampleWeight: w } }`. */
  stepOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

const NAME = 'Pipeline';
/** Nesting limit for pipelines inside pipelines in a document (a hostile file cannot exhaust the stack). */
const MAX_DEPTH = 32;

function checkSteps(steps: unknown): [string, PipelineStep][] {
  if (!Array.isArray(steps) || steps.length === 0) {
    throw new LogitTypeError(`Pipeline needs a non-empty array of [name, step] pairs; received ${describe(steps)}`, { parameter: 'steps', value: steps });
  }
  const seen = new Set<string>();
  return Array.from(steps as unknown[], (pair: unknown, i: number): [string, PipelineStep] => {
    if (!Array.isArray(pair) || pair.length !== 2) throw new LogitTypeError(`steps[${i}] must be a [name, step] pair; received ${describe(pair)}`, { parameter: 'steps', row: i, value: pair });
    const [name, step] = pair as [unknown, any];
    if (typeof name !== 'string' || name.length === 0) throw new LogitTypeError(`steps[${i}][0] must be a non-empty string (the step's name); received ${describe(name)}`, { parameter: 'steps', row: i, value: name });
    if (seen.has(name)) throw new LogitRangeError(`steps[${i}] repeats the name ${JSON.stringify(name)}; step names must be distinct`, { parameter: 'steps', row: i, value: name });
    seen.add(name);
    if (step === null || typeof step !== 'object' || typeof step.fit !== 'function') {
      throw new LogitTypeError(`step ${JSON.stringify(name)} must be an object with a fit method; received ${describe(step)}`, { parameter: 'steps', row: i, value: step });
    }
    if (i < steps.length - 1 && typeof step.transform !== 'function') {
      throw new LogitTypeError(`step ${JSON.stringify(name)} is not the last step, so it needs a transform method (only the final step may be a model)`, { parameter: 'steps', row: i });
    }
    return [name, step as PipelineStep];
  });
}

/** A model (fit(X, y)) rather than a transformer (fit(X)); a nested Pipeline is what its final step is. */
function isEstimator(step: PipelineStep): boolean {
  if (step instanceof Pipeline) return isEstimator(step.finalStep);
  return typeof step.predict === 'function' || typeof step.transform !== 'function';
}

/**
 * A step's output: a Matrix (or rows) as is, or an encoded table `{ X, y, featureNames }`
 * (TableEncoder), whose X goes on, whose y serves as labels when fit got none, and whose names
 * name the next step's inputs.
 */
function unwrap(out: unknown): { X: unknown; y: unknown[] | null; featureNames: string[] | null } {
  if (out !== null && typeof out === 'object' && !(out instanceof Matrix) && !Array.isArray(out) && (out as { X?: unknown }).X instanceof Matrix) {
    const o = out as { X: Matrix; y?: unknown; featureNames?: unknown };
    const names = Array.isArray(o.featureNames) && new Set(o.featureNames).size === o.featureNames.length ? (o.featureNames as string[]) : null;
    return { X: o.X, y: Array.isArray(o.y) ? o.y : null, featureNames: names };
  }
  return { X: out, y: null, featureNames: null };
}

/** getFeatureNamesOut when the step has it and its names are distinct; otherwise null (the next step gets no names). */
function namesOut(step: PipelineStep, names: string[] | null): string[] | null {
  if (typeof step.getFeatureNamesOut !== 'function') return null;
  const out = step.getFeatureNamesOut(names ?? undefined);
  return Array.isArray(out) && new Set(out).size === out.length ? out : null;
}

/**
 * A chain of transformers ending in a model (scikit-learn's Pipeline): `fit(X, y)` fits each
 * transformer on the output of the one before and then the final step; `predict`,
 * `predictProba`, `decisionFunction`, `score` and `transform` send X through the fitted
 * transformers first. Fitting every step on the training split only is what keeps test data
 * out of the scalers, as the seeds insist.
 *
 *   new Pipeline([['poly', new PolynomialFeatures({ degree: 3 })], ['scale', new StandardScaler()], ['model', new LogisticRegression()]])
 *
 * Steps are fitted in place (the objects you passed). A fit that throws leaves the pipeline
 * unfitted (isFitted false) with the steps before the failing one refitted.
 * Cost: the sum of the steps' costs.
 */
export class Pipeline {
  private readonly list: readonly (readonly [string, PipelineStep])[];
  private fitted: { readonly training: TrainingInfo | null } | null;

  constructor(steps: readonly NamedStep[]) {
    this.list = Object.freeze(checkSteps(steps).map((p) => Object.freeze(p) as readonly [string, PipelineStep]));
    // A pipeline assembled from steps that are all fitted (by you, or loaded) can predict at once.
    this.fitted = this.list.every(([, s]) => s.isFitted === true) ? { training: null } : null;
  }

  /** The `[name, step]` pairs (a new array holding the step objects themselves). */
  get steps(): [string, PipelineStep][] {
    return this.list.map(([n, s]) => [n, s]);
  }

  /** The steps by name (a null-prototype object, so any name is safe). */
  get namedSteps(): Record<string, PipelineStep> {
    const out: Record<string, PipelineStep> = Object.create(null);
    for (const [n, s] of this.list) out[n] = s;
    return out;
  }

  /** The final step. */
  get finalStep(): PipelineStep {
    return this.list[this.list.length - 1][1];
  }

  get isFitted(): boolean {
    return this.fitted !== null;
  }

  /** When and on how many rows the pipeline was fitted (null for one assembled from fitted steps). */
  get training(): TrainingInfo | null {
    return this.state('training').training;
  }

  private state(method: string): { readonly training: TrainingInfo | null } {
    if (this.fitted === null) throw new NotFittedError(NAME, method);
    return this.fitted;
  }

  private stepFitOptions(name: string, names: string[] | null, o: PipelineFitOptions, last: boolean): Record<string, unknown> {
    const extra = o.stepOptions === undefined ? undefined : own(o.stepOptions, name, 'stepOptions');
    const opts: Record<string, unknown> = {};
    if (names !== null) opts.featureNames = names;
    if (last && o.sampleWeight !== undefined) opts.sampleWeight = o.sampleWeight;
    if (extra !== undefined) {
      if (extra === null || typeof extra !== 'object' || Array.isArray(extra)) {
        throw new LogitTypeError(`stepOptions.${name} must be an object of fit options; received ${describe(extra)}`, { parameter: 'stepOptions', value: extra });
      }
      Object.assign(opts, extra);
    }
    return opts;
  }

  /**
   * Fits every step in order: each transformer on the previous output (fitTransform), then the
   * final step on the last output and y (y may be omitted when the final step is a transformer).
   * Returns `this`. Cost: the sum of the steps' fit and transform costs.
   */
  fit(X: unknown, y?: ArrayLike<unknown>, options: PipelineFitOptions = {}): this {
    this.fitSteps(X, y, options, false);
    return this;
  }

  /** Fits, then returns the transformed training data (all steps must be transformers). */
  fitTransform(X: unknown, y?: ArrayLike<unknown>, options: PipelineFitOptions = {}): Matrix {
    return this.fitSteps(X, y, options, true) as Matrix;
  }

  private fitSteps(X: unknown, y: ArrayLike<unknown> | undefined, options: PipelineFitOptions, wantOutput: boolean): unknown {
    const o = check.rejectUnknownOptions(options, ['sampleWeight', 'featureNames', 'stepOptions'], `${NAME}.fit`) as PipelineFitOptions;
    if (o.stepOptions !== undefined) {
      const unknownName = Object.keys(o.stepOptions).find((k) => !this.list.some(([n]) => n === k));
      if (unknownName !== undefined) {
        throw new LogitRangeError(`stepOptions names ${JSON.stringify(unknownName)}, which is not a step (steps: ${this.list.map(([n]) => n).join(', ')})`, { parameter: 'stepOptions', value: unknownName });
      }
    }
    const final = this.finalStep;
    if (wantOutput && typeof final.transform !== 'function') {
      throw new LogitTypeError(`Pipeline.fitTransform needs every step to transform; the final step ${JSON.stringify(this.list[this.list.length - 1][0])} has no transform`, { parameter: 'steps' });
    }
    this.fitted = null;
    let names: string[] | null = o.featureNames === undefined ? null : [...o.featureNames];
    let Xt: unknown = X;
    const n = rowCount(X);
    for (let i = 0; i < this.list.length - 1; i++) {
      const [name, step] = this.list[i];
      const opts = this.stepFitOptions(name, names, o, false);
      let out: unknown;
      if (step instanceof Pipeline) out = step.fitTransform(Xt, undefined, opts);
      else out = typeof step.fitTransform === 'function' ? step.fitTransform(Xt, opts) : (step.fit(Xt, opts), (step.transform as (X: unknown) => Matrix)(Xt));
      const u = unwrap(out);
      Xt = u.X;
      if (y === undefined && u.y !== null) y = u.y;
      names = u.featureNames ?? namesOut(step, names);
    }
    if (isEstimator(final) && !wantOutput && y === undefined) {
      throw new LogitTypeError(`Pipeline.fit needs y: the final step ${JSON.stringify(this.list[this.list.length - 1][0])} is a model`, { parameter: 'y' });
    }
    const [lastName, last] = this.list[this.list.length - 1];
    const opts = this.stepFitOptions(lastName, names, o, true);
    let out: unknown = null;
    if (isEstimator(last) && !wantOutput) last.fit(Xt, y, opts);
    else if (last instanceof Pipeline) out = last.fitSteps(Xt, undefined, opts, wantOutput);
    else if (wantOutput && typeof last.fitTransform === 'function') out = unwrap(last.fitTransform(Xt, opts)).X;
    else {
      last.fit(Xt, opts);
      if (wantOutput) out = unwrap((last.transform as (X: unknown) => Matrix)(Xt)).X;
    }
    this.fitted = { training: trainingInfo(n, o.featureNames === undefined ? null : [...o.featureNames]) };
    return out;
  }

  /** X through every step but the last, and the labels a step found in X (a TableEncoder's target column), if any. */
  private headWithLabels(X: unknown, method: string): { X: unknown; y: unknown[] | null } {
    this.state(method);
    let Xt = X;
    let y: unknown[] | null = null;
    for (let i = 0; i < this.list.length - 1; i++) {
      const u = unwrap((this.list[i][1].transform as (X: unknown) => Matrix)(Xt));
      Xt = u.X;
      if (u.y !== null) y = u.y;
    }
    return { X: Xt, y };
  }

  private head(X: unknown, method: string): unknown {
    return this.headWithLabels(X, method).X;
  }

  private finalMethod<K extends 'predict' | 'predictProba' | 'predictLogProba' | 'decisionFunction' | 'score' | 'transform'>(method: K): NonNullable<PipelineStep[K]> {
    const final = this.finalStep as any;
    if (typeof final[method] !== 'function') {
      throw new LogitTypeError(`Pipeline.${method}() needs the final step ${JSON.stringify(this.list[this.list.length - 1][0])} to have ${method}`, { parameter: 'steps' });
    }
    return final[method].bind(final);
  }

  /** The final step's predictions on X after the transformers. */
  predict(X: unknown, options?: unknown): any {
    const f = this.finalMethod('predict');
    return options === undefined ? f(this.head(X, 'predict')) : f(this.head(X, 'predict'), options);
  }

  /** The final step's class probabilities (n × K) on the transformed X. */
  predictProba(X: unknown): Matrix {
    const f = this.finalMethod('predictProba');
    return f(this.head(X, 'predictProba'));
  }

  /** The final step's log-probabilities on the transformed X. */
  predictLogProba(X: unknown): Matrix {
    const f = this.finalMethod('predictLogProba');
    return f(this.head(X, 'predictLogProba'));
  }

  /** The final step's scores (n × rows of coef) on the transformed X. */
  decisionFunction(X: unknown): Matrix {
    const f = this.finalMethod('decisionFunction');
    return f(this.head(X, 'decisionFunction'));
  }

  /**
   * The final step's score (accuracy for classifiers, R² for regressors) on the transformed X.
   * y may be omitted when a step takes the labels from X (a TableEncoder with a target column).
   */
  score(X: unknown, y?: ArrayLike<unknown>, options?: unknown): number {
    const f = this.finalMethod('score');
    const h = this.headWithLabels(X, 'score');
    const labels = y ?? h.y;
    if (labels === null || labels === undefined) throw new LogitTypeError('Pipeline.score needs y (no step took labels from X)', { parameter: 'y' });
    return options === undefined ? f(h.X, labels) : f(h.X, labels, options);
  }

  /** X through every step (all must be transformers). */
  transform(X: unknown): Matrix {
    const f = this.finalMethod('transform');
    return unwrap(f(this.head(X, 'transform'))).X as Matrix;
  }

  /** The final step's classes, for a classifier. */
  get classes(): unknown[] {
    this.state('classes');
    const c = this.finalStep.classes;
    if (!Array.isArray(c)) throw new LogitTypeError('Pipeline.classes: the final step has no classes (not a classifier)', { parameter: 'steps' });
    return c;
  }

  /**
   * The names of the columns the final step sees (or, when every step transforms, the output
   * names): inputNames (default the names given to fit) through each transformer's
   * getFeatureNamesOut. Cost: the steps' name costs.
   */
  getFeatureNamesOut(inputNames?: readonly string[]): string[] {
    const s = this.state('getFeatureNamesOut');
    let names: string[] | null = inputNames !== undefined ? [...inputNames] : s.training?.featureNames ? [...s.training.featureNames] : null;
    const upto = isEstimator(this.finalStep) ? this.list.length - 1 : this.list.length;
    for (let i = 0; i < upto; i++) {
      const [name, step] = this.list[i];
      if (typeof step.getFeatureNamesOut !== 'function') throw new LogitTypeError(`step ${JSON.stringify(name)} has no getFeatureNamesOut`, { parameter: 'steps' });
      names = step.getFeatureNamesOut(names ?? undefined);
    }
    if (names === null) throw new LogitRangeError('Pipeline.getFeatureNamesOut: no transformer and no input names', { parameter: 'inputNames' });
    return names;
  }

  /**
   * One document holding every step's document in order: `params.steps` is `[[name, doc], …]`,
   * `state` is null before fit. Every step needs toJSON. Doubles round-trip bit for bit.
   */
  toJSON(): ModelDocument {
    const steps = this.list.map(([name, step]) => {
      if (typeof step.toJSON !== 'function') throw new LogitTypeError(`Pipeline.toJSON: step ${JSON.stringify(name)} has no toJSON, so the pipeline cannot be saved`, { parameter: 'steps', value: name });
      return [name, step.toJSON()];
    });
    const s = this.fitted;
    return {
      format: FORMAT,
      version: FORMAT_VERSION,
      class: NAME,
      params: { steps },
      state: s === null ? null : { training: s.training === null ? null : encodeTraining(s.training) },
    };
  }

  /**
   * Rebuilds a pipeline and all its steps from `toJSON()` output. Every step document is checked
   * by its own class; then a fitted pipeline must have fitted steps whose widths chain (each
   * step's nFeaturesOut equals the next step's nFeatures). Steps of your own classes need
   * `options.readers`. Throws before returning anything when any part is wrong.
   */
  static fromJSON(doc: unknown, options: ReadOptions = {}): Pipeline {
    return readPipeline(doc, options, 0);
  }
}

function readPipeline(doc: unknown, options: ReadOptions, depth: number): Pipeline {
  if (depth > MAX_DEPTH) throw new LogitRangeError(`pipelines nest more than ${MAX_DEPTH} deep in this document`, { parameter: 'doc' });
  const { params, state } = readHeader(doc, NAME);
  const raw = required(params, 'steps', 'doc.params');
  if (!Array.isArray(raw) || raw.length === 0) throw new LogitRangeError(`doc.params.steps must be a non-empty array of [name, document] pairs; found ${describe(raw)}`, { parameter: 'doc.params.steps' });
  const self = { name: NAME, read: (d: unknown, o: ReadOptions) => readPipeline(d, o, depth + 1) };
  const steps = Array.from(raw as unknown[], (pair: unknown, i: number): NamedStep => {
    const p = `doc.params.steps[${i}]`;
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string') {
      throw new LogitRangeError(`${p} must be a [name, document] pair; found ${describe(pair)}`, { parameter: p });
    }
    let step: unknown;
    try {
      step = readDocument(pair[1], options, self);
    } catch (e) {
      // Say which step failed; keep the original error class and details.
      if (e instanceof Error) e.message = `${p} (${JSON.stringify(pair[0])}): ${e.message}`;
      throw e;
    }
    return [pair[0], step as PipelineStep];
  });
  const pipe = new Pipeline(steps);
  if (state === null) {
    (pipe as unknown as { fitted: unknown }).fitted = null;
    return pipe;
  }
  steps.forEach(([name, step], i) => {
    // A step without isFitted (a duck-typed class) cannot be asked; its own reader vouches for it.
    if (step.isFitted === false) throw new LogitRangeError(`doc.state says the pipeline is fitted but step ${i} (${JSON.stringify(name)}) is not`, { parameter: `doc.params.steps[${i}]` });
    if (i > 0) {
      const prev = steps[i - 1][1];
      if (typeof prev.nFeaturesOut === 'number' && typeof step.nFeatures === 'number' && prev.nFeaturesOut !== step.nFeatures) {
        throw new LogitRangeError(
          `step ${i - 1} (${JSON.stringify(steps[i - 1][0])}) outputs ${prev.nFeaturesOut} columns but step ${i} (${JSON.stringify(name)}) was fitted on ${step.nFeatures}`,
          { parameter: `doc.params.steps[${i}]` },
        );
      }
    }
  });
  const t = own(state, 'training', 'doc.state');
  let training: TrainingInfo | null = null;
  if (t !== null && t !== undefined) {
    const first = steps[0][1];
    const fnames = own(t, 'featureNames', 'doc.state.training');
    const nIn = typeof first.nFeatures === 'number' ? first.nFeatures : Array.isArray(fnames) ? fnames.length : 0;
    training = decodeTraining(t, 'doc.state.training', nIn);
  }
  (pipe as unknown as { fitted: unknown }).fitted = { training };
  return pipe;
}

/** Rows of a Matrix (`rows`), an array of rows (`length`) or a Table (`numRows`). */
function rowCount(X: unknown): number {
  if (X !== null && typeof X === 'object') {
    for (const key of ['rows', 'numRows', 'length']) {
      const r = (X as Record<string, unknown>)[key];
      if (typeof r === 'number') return r;
    }
  }
  throw new LogitTypeError(`X must be a Matrix or an array of rows; received ${describe(X)}`, { parameter: 'X', value: X });
}
