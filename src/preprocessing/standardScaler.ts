import { LogitRangeError, LogitTypeError, NotFittedError, describe } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import * as check from '../core/options.js';
import {
  FORMAT,
  FORMAT_VERSION,
  decodeBoolean,
  decodeDouble,
  decodeInteger,
  decodeNumbers,
  encodeNumbers,
  readHeader,
  required,
  type ModelDocument,
} from '../core/serial.js';
import { asFeatureNames, decodeTraining, encodeTraining, trainingInfo, type TrainingInfo } from '../core/training.js';
import { asMatrix, asSampleWeight, type MatrixLike } from '../core/validate.js';
import { resolveInputNames } from './featureNames.js';

export interface ScalerFitOptions {
  /** Per-sample weights for the mean and variance (default all 1). */
  sampleWeight?: ArrayLike<number>;
  /** One name per column, kept in the document (default none). */
  featureNames?: readonly string[];
}

export interface StandardScalerOptions {
  /** Subtract the mean (default true). */
  withMean?: boolean;
  /** Divide by the standard deviation (default true). */
  withStd?: boolean;
}

interface Fitted {
  readonly mean: Float64Array;
  readonly variance: Float64Array;
  readonly scale: Float64Array;
  readonly nSamplesSeen: number;
  readonly training: TrainingInfo;
}

const NAME = 'StandardScaler';
const EPS = 2.220446049250313e-16;

/**
 * Standardises features: x′ⱼ = (xⱼ − μⱼ) / σⱼ with μ the (weighted) column mean and σ the
 * population standard deviation (ddof = 0), as scikit-learn's StandardScaler. A constant column
 * (variance within rounding of zero, scikit-learn's `_is_constant_feature` test) gets σ = 1 so
 * it maps to 0 instead of NaN. Columns whose squares overflow (values beyond ~1e154) get σ by a
 * scaled sum, so σ and the transform stay finite although σ² is +∞. Fit on the training split
 * only, then transform both splits, as every seed does.
 * Cost: fit two passes over X, O(n·d); transform O(n·d).
 */
export class StandardScaler {
  readonly params: { readonly withMean: boolean; readonly withStd: boolean };
  private fitted: Fitted | null = null;

  constructor(options: StandardScalerOptions = {}) {
    const o = check.rejectUnknownOptions(options, ['withMean', 'withStd'], NAME);
    this.params = Object.freeze({ withMean: check.bool(o, 'withMean', true), withStd: check.bool(o, 'withStd', true) });
  }

  /** Learns μ and σ from X (optionally weighted). Returns `this`. */
  fit(X: MatrixLike, options: ScalerFitOptions = {}): this {
    const M = asMatrix(X);
    const o = check.rejectUnknownOptions(options, ['sampleWeight', 'featureNames'], `${NAME}.fit`);
    const sw = asSampleWeight(o.sampleWeight, M.rows);
    const training = trainingInfo(M.rows, asFeatureNames(o.featureNames, M.cols));
    const { rows: n, cols: d, data } = M;
    const mean = new Float64Array(d);
    const variance = new Float64Array(d);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = sw === null ? 1 : sw[i];
      total += w;
      for (let j = 0; j < d; j++) mean[j] += w * data[i * d + j];
    }
    for (let j = 0; j < d; j++) {
      mean[j] /= total;
      // Σ w·x overflowed (values near the double limit): the convex combination Σ (w/S)·x cannot.
      if (!Number.isFinite(mean[j])) {
        mean[j] = 0;
        for (let i = 0; i < n; i++) mean[j] += ((sw === null ? 1 : sw[i]) / total) * data[i * d + j];
      }
    }
    // Second pass on centred values: no cancellation from Σx² − n·μ².
    for (let i = 0; i < n; i++) {
      const w = sw === null ? 1 : sw[i];
      for (let j = 0; j < d; j++) {
        const c = data[i * d + j] - mean[j];
        variance[j] += w * c * c;
      }
    }
    const scale = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      variance[j] /= total;
      if (variance[j] === Infinity) {
        // The squares overflowed (deviations above ~1e154). σ itself is representable: compute
        // it as m·√(Σ w·(c/m)² / S) with m the largest deviation (the scaling of BLAS dnrm2).
        // The variance σ² stays +∞, as scikit-learn's does; σ is finite where theirs is not.
        let m = 0;
        for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(data[i * d + j] - mean[j]));
        let ssq = 0;
        for (let i = 0; i < n; i++) {
          const c = (data[i * d + j] - mean[j]) / m;
          ssq += (sw === null ? 1 : sw[i]) * c * c;
        }
        scale[j] = m * Math.sqrt(ssq / total);
        continue;
      }
      // scikit-learn's n_samples_seen_ is the total weight when weights are given.
      const bound = total * EPS * variance[j] + (total * mean[j] * EPS) ** 2;
      scale[j] = variance[j] <= bound ? 1 : Math.sqrt(variance[j]);
    }
    this.fitted = { mean, variance, scale, nSamplesSeen: n, training };
    return this;
  }

  private state(method: string): Fitted {
    if (this.fitted === null) throw new NotFittedError(NAME, method);
    return this.fitted;
  }

  /** Column means μ (a copy). */
  get mean(): Float64Array {
    return this.state('mean').mean.slice();
  }

  /** Column variances (ddof = 0; a copy). */
  get variance(): Float64Array {
    return this.state('variance').variance.slice();
  }

  /** The divisors σ (1 for constant columns; a copy). */
  get scale(): Float64Array {
    return this.state('scale').scale.slice();
  }

  get nSamplesSeen(): number {
    return this.state('nSamplesSeen').nSamplesSeen;
  }

  get nFeatures(): number {
    return this.state('nFeatures').mean.length;
  }

  get nFeaturesOut(): number {
    return this.state('nFeaturesOut').mean.length;
  }

  get isFitted(): boolean {
    return this.fitted !== null;
  }

  /** The output names: the input names unchanged (given names, else the names seen by fit, else x0 … x{d−1}). Cost: O(d). */
  getFeatureNamesOut(inputNames?: readonly string[]): string[] {
    const s = this.state('getFeatureNamesOut');
    return resolveInputNames(inputNames, s.training.featureNames, s.mean.length, NAME);
  }

  /** The feature names passed to fit, or null. */
  get featureNames(): string[] | null {
    const names = this.state('featureNames').training.featureNames;
    return names === null ? null : [...names];
  }

  /** (X − μ) / σ as a new Matrix; X is not modified. Cost: O(n·d). */
  transform(X: MatrixLike): Matrix {
    const s = this.state('transform');
    const M = asMatrix(X, { cols: s.mean.length });
    const { withMean, withStd } = this.params;
    const d = M.cols;
    const out = new Float64Array(M.data.length);
    for (let k = 0; k < out.length; k++) {
      const j = k % d;
      let v = M.data[k];
      if (withMean) v -= s.mean[j];
      if (withStd) v /= s.scale[j];
      out[k] = v;
    }
    return new Matrix(M.rows, d, out);
  }

  /** `fit(X).transform(X)`. */
  fitTransform(X: MatrixLike, options: ScalerFitOptions = {}): Matrix {
    return this.fit(X, options).transform(X);
  }

  /** X·σ + μ: undoes transform. Cost: O(n·d). */
  inverseTransform(X: MatrixLike): Matrix {
    const s = this.state('inverseTransform');
    const M = asMatrix(X, { cols: s.mean.length });
    const { withMean, withStd } = this.params;
    const d = M.cols;
    const out = new Float64Array(M.data.length);
    for (let k = 0; k < out.length; k++) {
      const j = k % d;
      let v = M.data[k];
      if (withStd) v *= s.scale[j];
      if (withMean) v += s.mean[j];
      out[k] = v;
    }
    return new Matrix(M.rows, d, out);
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
              mean: encodeNumbers(s.mean),
              variance: encodeNumbers(s.variance),
              scale: encodeNumbers(s.scale),
              nSamplesSeen: s.nSamplesSeen,
              training: encodeTraining(s.training),
            },
    };
  }

  static fromJSON(doc: unknown): StandardScaler {
    const { params, state } = readHeader(doc, NAME);
    const scaler = new StandardScaler({
      withMean: decodeBoolean(required(params, 'withMean', 'doc.params'), 'doc.params.withMean'),
      withStd: decodeBoolean(required(params, 'withStd', 'doc.params'), 'doc.params.withStd'),
    });
    if (state === null) return scaler;
    const mean = decodeNumbers(required(state, 'mean', 'doc.state'), 'doc.state.mean');
    if (mean.length === 0) throw new LogitRangeError('doc.state.mean must have at least one value', { parameter: 'doc.state.mean' });
    const rawVariance = required(state, 'variance', 'doc.state');
    if (!Array.isArray(rawVariance) || rawVariance.length !== mean.length) {
      throw new LogitTypeError(`doc.state.variance must be an array of ${mean.length} numbers; found ${describe(rawVariance)}`, { parameter: 'doc.state.variance' });
    }
    // +∞ is a legitimate variance (squares beyond the double range; σ is then finite, see fit);
    // NaN and −∞ are refused by the ≥ 0 check below.
    const variance = Float64Array.from(rawVariance as unknown[], (v, j) => decodeDouble(v, `doc.state.variance[${j}]`));
    const scale = decodeNumbers(required(state, 'scale', 'doc.state'), 'doc.state.scale', mean.length);
    for (let j = 0; j < scale.length; j++) {
      if (!(variance[j] >= 0)) throw new LogitRangeError(`doc.state.variance[${j}] must be ≥ 0; found ${variance[j]}`, { parameter: `doc.state.variance[${j}]`, value: variance[j] });
      if (Number.isFinite(variance[j]) && scale[j] !== 1 && scale[j] !== Math.sqrt(variance[j])) {
        throw new LogitRangeError(`doc.state.scale[${j}] must be 1 or √variance[${j}]; found ${scale[j]}`, { parameter: `doc.state.scale[${j}]`, value: scale[j] });
      }
      if (!(scale[j] > 0)) throw new LogitRangeError(`doc.state.scale[${j}] must be > 0; found ${scale[j]}`, { parameter: `doc.state.scale[${j}]`, value: scale[j] });
    }
    const nSamplesSeen = decodeInteger(required(state, 'nSamplesSeen', 'doc.state'), 'doc.state.nSamplesSeen', 1);
    const training = decodeTraining(required(state, 'training', 'doc.state'), 'doc.state.training', mean.length);
    scaler.fitted = { mean, variance, scale, nSamplesSeen, training };
    return scaler;
  }
}
