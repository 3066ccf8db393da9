import { LogitRangeError, LogitTypeError, NotFittedError, describe } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import * as check from '../core/options.js';
import { FORMAT, FORMAT_VERSION, decodeBoolean, decodeInteger, readHeader, required, type ModelDocument } from '../core/serial.js';
import { asFeatureNames, decodeTraining, encodeTraining, trainingInfo, type TrainingInfo } from '../core/training.js';
import { asMatrix, type MatrixLike } from '../core/validate.js';
import { resolveInputNames, type TransformerFitOptions } from './featureNames.js';

export interface PolynomialFeaturesOptions {
  /** Highest total degree (default 2), or `[min, max]` to keep only terms of degree min … max (plus the bias). */
  degree?: number | readonly [number, number];
  /** Only products of distinct features: x0·x1 but not x0² (default false). */
  interactionOnly?: boolean;
  /** Start with the constant column 1 (default true). */
  includeBias?: boolean;
}

export interface PolynomialFeaturesParams {
  readonly degree: number | readonly [number, number];
  readonly interactionOnly: boolean;
  readonly includeBias: boolean;
}

interface Fitted {
  readonly nFeatures: number;
  /** One term per output column: the input indices multiplied, ascending (empty for the bias). */
  readonly terms: readonly (readonly number[])[];
  readonly training: TrainingInfo;
}

const NAME = 'PolynomialFeatures';
/** Refuse expansions that could not be held in memory anyway (rows × this many doubles). */
const MAX_OUTPUT_FEATURES = 1_000_000;
/** Higher powers overflow double precision for all but tiny inputs. */
const MAX_DEGREE = 100;

function checkDegree(v: unknown, includeBias: boolean, parameter: string): { degree: number | [number, number]; lo: number; hi: number } {
  let lo: number;
  let hi: number;
  let degree: number | [number, number];
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 0) throw new LogitRangeError(`${parameter} must be an integer ≥ 0 or [min, max]; received ${describe(v)}`, { parameter, value: v });
    lo = 0;
    hi = v;
    degree = v;
  } else if (Array.isArray(v) && v.length === 2) {
    [lo, hi] = v as [number, number];
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 0 || lo > hi) {
      throw new LogitRangeError(`${parameter} [min, max] must be integers with 0 ≤ min ≤ max; received [${describe(lo)}, ${describe(hi)}]`, { parameter, value: v });
    }
    degree = [lo, hi];
  } else {
    throw new LogitTypeError(`${parameter} must be an integer ≥ 0 or a pair [min, max]; received ${describe(v)}`, { parameter, value: v });
  }
  if (hi > MAX_DEGREE) {
    throw new LogitRangeError(`${parameter} must be at most ${MAX_DEGREE} (x^${hi} overflows for |x| > ${Math.pow(Number.MAX_VALUE, 1 / hi).toPrecision(3)}); received ${describe(v)}`, { parameter, value: v });
  }
  if (hi === 0 && !includeBias) {
    throw new LogitRangeError(`${parameter} 0 with includeBias false would give no output columns`, { parameter, value: v });
  }
  return { degree, lo, hi };
}

/** C(n, k) in floating point (exact while below 2⁵³; only compared against a limit). */
function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  for (let i = 1; i <= Math.min(k, n - k); i++) c = (c * (n - Math.min(k, n - k) + i)) / i;
  return Math.round(c);
}

/** Number of output columns: Σₖ C(d, k) (interactions) or Σₖ C(d + k − 1, k), plus the bias. O(p·min(p, d)). */
function countTerms(d: number, lo: number, hi: number, interactionOnly: boolean, includeBias: boolean): number {
  let count = includeBias ? 1 : 0;
  for (let k = Math.max(1, lo); k <= hi && count <= MAX_OUTPUT_FEATURES; k++) count += interactionOnly ? binomial(d, k) : binomial(d + k - 1, k);
  return count;
}

/**
 * The output terms in scikit-learn's order: the bias (if any), then for each degree k from
 * max(1, min) to max the k-combinations of 0 … d−1 in lexicographic order (with repetition
 * unless interactionOnly). Cost: O(number of terms · degree).
 */
function polynomialTerms(d: number, lo: number, hi: number, interactionOnly: boolean, includeBias: boolean): number[][] {
  const count = countTerms(d, lo, hi, interactionOnly, includeBias);
  if (count > MAX_OUTPUT_FEATURES) {
    throw new LogitRangeError(`${NAME} would create ${count} columns from ${d} features (limit ${MAX_OUTPUT_FEATURES}); lower degree`, { parameter: 'degree', value: count });
  }
  const terms: number[][] = includeBias ? [[]] : [];
  const combo: number[] = [];
  const emit = (k: number, from: number): void => {
    if (combo.length === k) {
      terms.push([...combo]);
      return;
    }
    for (let j = from; j < d; j++) {
      combo.push(j);
      emit(k, interactionOnly ? j + 1 : j);
      combo.pop();
    }
  };
  for (let k = Math.max(1, lo); k <= hi; k++) emit(k, 0);
  return terms;
}

/**
 * Polynomial and interaction features (scikit-learn's PolynomialFeatures): every product
 * x_{i1}·x_{i2}·…·x_{ik} with i1 ≤ … ≤ ik (i1 < … < ik when interactionOnly) and total degree
 * k ≤ degree, plus the constant 1. With d inputs and degree p there are C(d + p, p) outputs
 * (including the bias). The products are evaluated in scikit-learn's order,
 * ((x_{ik}·x_{ik−1})·…)·x_{i1}, so the values match it bit for bit. Seed 002 uses degree 3 to
 * make the moons separable by a linear model.
 * Cost: fit O(terms·p); transform O(n·terms·p).
 *
 * @example
 *   new PolynomialFeatures({ degree: 2 }).fit([[2, 3]]).getFeatureNamesOut();
 *   // ['1', 'x0', 'x1', 'x0^2', 'x0 x1', 'x1^2']
 */
export class PolynomialFeatures {
  readonly params: PolynomialFeaturesParams;
  private readonly lo: number;
  private readonly hi: number;
  private fitted: Fitted | null = null;

  constructor(options: PolynomialFeaturesOptions = {}) {
    const o = check.rejectUnknownOptions(options, ['degree', 'interactionOnly', 'includeBias'], NAME);
    const includeBias = check.bool(o, 'includeBias', true);
    const { degree, lo, hi } = checkDegree(o.degree === undefined ? 2 : o.degree, includeBias, 'degree');
    this.lo = lo;
    this.hi = hi;
    this.params = Object.freeze({
      degree: typeof degree === 'number' ? degree : (Object.freeze(degree) as readonly [number, number]),
      interactionOnly: check.bool(o, 'interactionOnly', false),
      includeBias,
    });
  }

  /** Learns the number of input features and lists the output terms. Returns `this`. */
  fit(X: MatrixLike, options: TransformerFitOptions = {}): this {
    const M = asMatrix(X);
    const o = check.rejectUnknownOptions(options, ['featureNames'], `${NAME}.fit`);
    const training = trainingInfo(M.rows, asFeatureNames(o.featureNames, M.cols));
    const terms = polynomialTerms(M.cols, this.lo, this.hi, this.params.interactionOnly, this.params.includeBias);
    if (terms.length === 0) {
      throw new LogitRangeError(`${NAME}: interactionOnly with degree ${describe(this.params.degree)} on ${M.cols} features gives no output columns`, {
        parameter: 'degree',
      });
    }
    this.fitted = { nFeatures: M.cols, terms, training };
    return this;
  }

  private state(method: string): Fitted {
    if (this.fitted === null) throw new NotFittedError(NAME, method);
    return this.fitted;
  }

  get isFitted(): boolean {
    return this.fitted !== null;
  }

  get nFeatures(): number {
    return this.state('nFeatures').nFeatures;
  }

  /** Number of output columns. */
  get nFeaturesOut(): number {
    return this.state('nFeaturesOut').terms.length;
  }

  get featureNames(): string[] | null {
    const names = this.state('featureNames').training.featureNames;
    return names === null ? null : [...names];
  }

  /** Exponent of each input in each output column (scikit-learn's `powers_`), nFeaturesOut × d. */
  get powers(): Matrix {
    const s = this.state('powers');
    const P = new Matrix(s.terms.length, s.nFeatures);
    s.terms.forEach((t, r) => t.forEach((j) => (P.data[r * s.nFeatures + j] += 1)));
    return P;
  }

  /**
   * Output names exactly as scikit-learn's get_feature_names_out: `'1'` for the bias, else the
   * inputs with a nonzero power in input order joined by spaces, a power above 1 written
   * `name^k` (`'x0^2 x1'`). inputNames default to the names given to fit, else x0 … x{d−1}.
   * Cost: O(terms·p).
   */
  getFeatureNamesOut(inputNames?: readonly string[]): string[] {
    const s = this.state('getFeatureNamesOut');
    const names = resolveInputNames(inputNames, s.training.featureNames, s.nFeatures, NAME);
    return s.terms.map((t) => {
      if (t.length === 0) return '1';
      const parts: string[] = [];
      for (let a = 0; a < t.length; ) {
        let b = a;
        while (b < t.length && t[b] === t[a]) b++;
        parts.push(b - a === 1 ? names[t[a]] : `${names[t[a]]}^${b - a}`);
        a = b;
      }
      return parts.join(' ');
    });
  }

  /** The expanded features (n × nFeaturesOut) as a new Matrix. Cost: O(n·terms·p). */
  transform(X: MatrixLike): Matrix {
    const s = this.state('transform');
    const M = asMatrix(X, { cols: s.nFeatures });
    const { terms, nFeatures: d } = s;
    const m = terms.length;
    const out = new Matrix(M.rows, m);
    const x = M.data;
    const o = out.data;
    for (let i = 0; i < M.rows; i++) {
      const base = i * d;
      for (let r = 0; r < m; r++) {
        const t = terms[r];
        const k = t.length;
        if (k === 0) {
          o[i * m + r] = 1;
          continue;
        }
        // scikit-learn builds degree k from degree k−1 times the term's first feature, so
        // the product runs from the last index to the first.
        let v = x[base + t[k - 1]];
        for (let a = k - 2; a >= 0; a--) v *= x[base + t[a]];
        o[i * m + r] = v;
      }
    }
    return out;
  }

  /** `fit(X).transform(X)`. */
  fitTransform(X: MatrixLike, options: TransformerFitOptions = {}): Matrix {
    return this.fit(X, options).transform(X);
  }

  toJSON(): ModelDocument {
    const s = this.fitted;
    const { degree, interactionOnly, includeBias } = this.params;
    return {
      format: FORMAT,
      version: FORMAT_VERSION,
      class: NAME,
      params: { degree: typeof degree === 'number' ? degree : [...degree], interactionOnly, includeBias },
      state: s === null ? null : { nFeatures: s.nFeatures, nFeaturesOut: s.terms.length, training: encodeTraining(s.training) },
    };
  }

  /** Rebuilds from `toJSON()` output; the terms are recomputed from the parameters and checked against nFeaturesOut. */
  static fromJSON(doc: unknown): PolynomialFeatures {
    const { params, state } = readHeader(doc, NAME);
    const p = 'doc.params';
    const includeBias = decodeBoolean(required(params, 'includeBias', p), `${p}.includeBias`);
    const interactionOnly = decodeBoolean(required(params, 'interactionOnly', p), `${p}.interactionOnly`);
    const { degree, lo, hi } = checkDegree(required(params, 'degree', p), includeBias, `${p}.degree`);
    const pf = new PolynomialFeatures({ degree, interactionOnly, includeBias });
    if (state === null) return pf;
    const nFeatures = decodeInteger(required(state, 'nFeatures', 'doc.state'), 'doc.state.nFeatures', 1, 100_000);
    const nFeaturesOut = decodeInteger(required(state, 'nFeaturesOut', 'doc.state'), 'doc.state.nFeaturesOut', 1, MAX_OUTPUT_FEATURES);
    const terms = polynomialTerms(nFeatures, lo, hi, interactionOnly, includeBias);
    if (terms.length !== nFeaturesOut) {
      throw new LogitRangeError(`doc.state.nFeaturesOut is ${nFeaturesOut} but degree ${describe(degree)} on ${nFeatures} features gives ${terms.length}`, {
        parameter: 'doc.state.nFeaturesOut',
        value: nFeaturesOut,
      });
    }
    const training = decodeTraining(required(state, 'training', 'doc.state'), 'doc.state.training', nFeatures);
    pf.fitted = { nFeatures, terms, training };
    return pf;
  }
}
