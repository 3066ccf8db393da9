import { LogitRangeError, LogitTypeError, NotFittedError, describe } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import * as check from '../core/options.js';
import { FORMAT, FORMAT_VERSION, decodeBoolean, decodeInteger, decodeNumbers, encodeNumbers, readHeader, required, type ModelDocument } from '../core/serial.js';
import { asFeatureNames, decodeTraining, encodeTraining, trainingInfo, type TrainingInfo } from '../core/training.js';
import { asMatrix, type MatrixLike } from '../core/validate.js';
import { resolveInputNames, type TransformerFitOptions } from './featureNames.js';

export interface MinMaxScalerOptions {
  /** The target interval [a, b] with a < b (default [0, 1]). */
  featureRange?: readonly [number, number];
  /** Clip transformed values of new data into [a, b] (default false). */
  clip?: boolean;
}

interface Fitted {
  readonly dataMin: Float64Array;
  readonly dataMax: Float64Array;
  readonly scale: Float64Array;
  readonly min: Float64Array;
  readonly training: TrainingInfo;
}

const NAME = 'MinMaxScaler';
/** scikit-learn's `_handle_zeros_in_scale` threshold: a range below 10·ε counts as zero. */
const TINY_RANGE = 10 * 2.220446049250313e-16;

function checkRange(v: unknown, parameter: string): [number, number] {
  if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'number' || typeof v[1] !== 'number') {
    throw new LogitTypeError(`${parameter} must be a pair of numbers [min, max]; received ${describe(v)}`, { parameter, value: v });
  }
  const [a, b] = v as [number, number];
  if (!Number.isFinite(a) || !Number.isFinite(b) || !(a < b)) {
    throw new LogitRangeError(`${parameter} must be finite with min < max; received [${describe(a)}, ${describe(b)}]`, { parameter, value: v });
  }
  return [a, b];
}

/**
 * Rescales each feature to the interval [a, b] (scikit-learn's MinMaxScaler):
 *
 *   x′ⱼ = xⱼ·sⱼ + mⱼ,   sⱼ = (b − a) / (maxⱼ − minⱼ),   mⱼ = a − minⱼ·sⱼ
 *
 * with min and max over the training rows. A column whose range is below 10·ε (constant) gets
 * range 1, so it maps to a − minⱼ + xⱼ instead of dividing by zero. New data outside the
 * training range lands outside [a, b] unless `clip` is set.
 * Cost: fit O(n·d), transform O(n·d).
 */
export class MinMaxScaler {
  readonly params: { readonly featureRange: readonly [number, number]; readonly clip: boolean };
  private fitted: Fitted | null = null;

  constructor(options: MinMaxScalerOptions = {}) {
    const o = check.rejectUnknownOptions(options, ['featureRange', 'clip'], NAME);
    const featureRange = o.featureRange === undefined ? ([0, 1] as [number, number]) : checkRange(o.featureRange, 'featureRange');
    this.params = Object.freeze({ featureRange: Object.freeze(featureRange) as readonly [number, number], clip: check.bool(o, 'clip', false) });
  }

  /** Learns each column's min and max. Returns `this`. Cost: O(n·d). */
  fit(X: MatrixLike, options: TransformerFitOptions = {}): this {
    const M = asMatrix(X);
    const o = check.rejectUnknownOptions(options, ['featureNames'], `${NAME}.fit`);
    const training = trainingInfo(M.rows, asFeatureNames(o.featureNames, M.cols));
    const { rows: n, cols: d, data } = M;
    const dataMin = data.slice(0, d);
    const dataMax = data.slice(0, d);
    for (let i = 1; i < n; i++) {
      for (let j = 0; j < d; j++) {
        const v = data[i * d + j];
        if (v < dataMin[j]) dataMin[j] = v;
        if (v > dataMax[j]) dataMax[j] = v;
      }
    }
    const [a, b] = this.params.featureRange;
    const scale = new Float64Array(d);
    const min = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      const range = dataMax[j] - dataMin[j];
      scale[j] = (b - a) / (range < TINY_RANGE ? 1 : range);
      min[j] = a - dataMin[j] * scale[j];
    }
    this.fitted = { dataMin, dataMax, scale, min, training };
    return this;
  }

  private state(method: string): Fitted {
    if (this.fitted === null) throw new NotFittedError(NAME, method);
    return this.fitted;
  }

  get isFitted(): boolean {
    return this.fitted !== null;
  }

  /** Per-column minimum seen by fit (a copy). */
  get dataMin(): Float64Array {
    return this.state('dataMin').dataMin.slice();
  }

  /** Per-column maximum seen by fit (a copy). */
  get dataMax(): Float64Array {
    return this.state('dataMax').dataMax.slice();
  }

  /** maxⱼ − minⱼ (a copy). */
  get dataRange(): Float64Array {
    const s = this.state('dataRange');
    return s.dataMax.map((v, j) => v - s.dataMin[j]);
  }

  /** The multipliers sⱼ (a copy). */
  get scale(): Float64Array {
    return this.state('scale').scale.slice();
  }

  /** The offsets mⱼ (scikit-learn's `min_`; a copy). */
  get min(): Float64Array {
    return this.state('min').min.slice();
  }

  get nFeatures(): number {
    return this.state('nFeatures').scale.length;
  }

  get nFeaturesOut(): number {
    return this.state('nFeaturesOut').scale.length;
  }

  get featureNames(): string[] | null {
    const names = this.state('featureNames').training.featureNames;
    return names === null ? null : [...names];
  }

  /** The output names: the input names unchanged. Cost: O(d). */
  getFeatureNamesOut(inputNames?: readonly string[]): string[] {
    const s = this.state('getFeatureNamesOut');
    return resolveInputNames(inputNames, s.training.featureNames, s.scale.length, NAME);
  }

  /** X·s + m (clipped to [a, b] when `clip`), a new Matrix. Cost: O(n·d). */
  transform(X: MatrixLike): Matrix {
    const s = this.state('transform');
    const M = asMatrix(X, { cols: s.scale.length });
    const d = M.cols;
    const [a, b] = this.params.featureRange;
    const clip = this.params.clip;
    const out = new Float64Array(M.data.length);
    for (let k = 0; k < out.length; k++) {
      const j = k % d;
      let v = M.data[k] * s.scale[j] + s.min[j];
      if (clip) v = v < a ? a : v > b ? b : v;
      out[k] = v;
    }
    return new Matrix(M.rows, d, out);
  }

  /** `fit(X).transform(X)`. */
  fitTransform(X: MatrixLike, options: TransformerFitOptions = {}): Matrix {
    return this.fit(X, options).transform(X);
  }

  /** (X − m) / s: undoes transform (not clipping). Cost: O(n·d). */
  inverseTransform(X: MatrixLike): Matrix {
    const s = this.state('inverseTransform');
    const M = asMatrix(X, { cols: s.scale.length });
    const d = M.cols;
    const out = new Float64Array(M.data.length);
    for (let k = 0; k < out.length; k++) {
      const j = k % d;
      out[k] = (M.data[k] - s.min[j]) / s.scale[j];
    }
    return new Matrix(M.rows, d, out);
  }

  toJSON(): ModelDocument {
    const s = this.fitted;
    return {
      format: FORMAT,
      version: FORMAT_VERSION,
      class: NAME,
      params: { featureRange: [...this.params.featureRange], clip: this.params.clip },
      state:
        s === null
          ? null
          : {
              nFeatures: s.scale.length,
              dataMin: encodeNumbers(s.dataMin),
              dataMax: encodeNumbers(s.dataMax),
              scale: encodeNumbers(s.scale),
              min: encodeNumbers(s.min),
              training: encodeTraining(s.training),
            },
    };
  }

  /** Rebuilds a scaler from `toJSON()` output, checking every field first (max ≥ min, s > 0, lengths). */
  static fromJSON(doc: unknown): MinMaxScaler {
    const { params, state } = readHeader(doc, NAME);
    const scaler = new MinMaxScaler({
      featureRange: checkRange(required(params, 'featureRange', 'doc.params'), 'doc.params.featureRange'),
      clip: decodeBoolean(required(params, 'clip', 'doc.params'), 'doc.params.clip'),
    });
    if (state === null) return scaler;
    const p = 'doc.state';
    const d = decodeInteger(required(state, 'nFeatures', p), `${p}.nFeatures`, 1);
    const dataMin = decodeNumbers(required(state, 'dataMin', p), `${p}.dataMin`, d);
    const dataMax = decodeNumbers(required(state, 'dataMax', p), `${p}.dataMax`, d);
    const scale = decodeNumbers(required(state, 'scale', p), `${p}.scale`, d);
    const min = decodeNumbers(required(state, 'min', p), `${p}.min`, d);
    for (let j = 0; j < d; j++) {
      if (!(dataMax[j] >= dataMin[j])) {
        throw new LogitRangeError(`${p}.dataMax[${j}] (${dataMax[j]}) is below dataMin[${j}] (${dataMin[j]})`, { parameter: `${p}.dataMax`, column: j });
      }
      // scale and min follow from the range and the data limits; recomputing them catches edited files.
      const [lo, hi] = scaler.params.featureRange;
      const range = dataMax[j] - dataMin[j];
      const s = (hi - lo) / (range < TINY_RANGE ? 1 : range);
      if (!Object.is(scale[j], s) || !Object.is(min[j], lo - dataMin[j] * s)) {
        throw new LogitRangeError(`${p}.scale[${j}] and ${p}.min[${j}] do not follow from featureRange, dataMin and dataMax`, { parameter: `${p}.scale`, column: j, value: scale[j] });
      }
    }
    const training = decodeTraining(required(state, 'training', p), `${p}.training`, d);
    scaler.fitted = { dataMin, dataMax, scale, min, training };
    return scaler;
  }
}
