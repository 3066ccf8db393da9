import type { Matrix } from '../core/matrix.js';

/**
 * Detecting (quasi-)complete separation, the data configurations in which the unpenalised
 * logistic maximum-likelihood estimate does not exist (Albert and Anderson, "On the existence of
 * maximum likelihood estimates in logistic regression models", Biometrika 71, 1984): there is a
 * direction Δ ≠ 0 in parameter space along which no sample's margin decreases, so the likelihood
 * keeps growing as the coefficients run off to infinity.
 *
 * - Complete separation: a linear score classifies every sample correctly with a positive
 *   margin. Then scaling it up drives the loss to 0; the fitted model itself is the witness.
 * - Quasi-complete separation: margins along Δ are ≥ 0 for all samples and > 0 for some (the
 *   rest sit on the separating hyperplane). The witness is the direction the solver keeps
 *   moving in when asked to continue.
 */

export interface SeparationReport {
  readonly kind: 'complete' | 'quasi-complete';
  /** Indices of the features the separating direction uses (its large standardised components). */
  readonly features: number[];
  /** Samples separated with a strictly positive margin along the direction. */
  readonly separatedSamples: number;
}

/**
 * Per-sample margin of a linear model given in original units (`coef` rows × d, `intercept`):
 * binary (rows = 1): (2yᵢ − 1)·zᵢ; softmax (rows = K): z_{i,yᵢ} − max_{k≠yᵢ} z_{ik}. `y` holds 0/1
 * targets (binary) or class indices (softmax). Cost O(n·d·rows).
 */
export function margins(X: Matrix, y: ArrayLike<number>, coef: Float64Array, intercept: Float64Array, rows: number): Float64Array {
  const { rows: n, cols: d, data } = X;
  const out = new Float64Array(n);
  const z = new Float64Array(rows);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < rows; r++) {
      let s = intercept[r];
      for (let j = 0; j < d; j++) s += data[i * d + j] * coef[r * d + j];
      z[r] = s;
    }
    if (rows === 1) out[i] = y[i] === 1 ? z[0] : -z[0];
    else {
      let other = -Infinity;
      for (let r = 0; r < rows; r++) if (r !== y[i]) other = Math.max(other, z[r]);
      out[i] = z[y[i]] - other;
    }
  }
  return out;
}

/** Standardised components of a direction: |Δⱼ|·σⱼ, the size that matters for "which features". */
function involvedFeatures(coef: Float64Array, rows: number, d: number, scale: Float64Array): number[] {
  const size = new Float64Array(d);
  for (let r = 0; r < rows; r++) for (let j = 0; j < d; j++) size[j] = Math.max(size[j], Math.abs(coef[r * d + j]) * scale[j]);
  let top = 0;
  for (let j = 0; j < d; j++) top = Math.max(top, size[j]);
  const out: number[] = [];
  for (let j = 0; j < d; j++) if (top > 0 && size[j] >= 0.05 * top) out.push(j);
  return out.sort((a, b) => size[b] - size[a]);
}

/**
 * Complete separation test on a fitted model: every margin > 0. Returns the report or null.
 * `scale` gives the feature spreads used to rank the features involved.
 */
export function completeSeparation(
  X: Matrix,
  y: ArrayLike<number>,
  coef: Float64Array,
  intercept: Float64Array,
  rows: number,
  scale: Float64Array,
): SeparationReport | null {
  const m = margins(X, y, coef, intercept, rows);
  for (let i = 0; i < m.length; i++) if (!(m[i] > 0)) return null;
  return { kind: 'complete', features: involvedFeatures(coef, rows, X.cols, scale), separatedSamples: m.length };
}

/**
 * Quasi-complete separation test on a direction Δ (coef and intercept deltas between two
 * iterates of a continuing solver): margins along Δ are ≥ −tol·(scale of the margins) for every
 * sample and clearly positive for some. Returns the report or null.
 */
export function recessionSeparation(
  X: Matrix,
  y: ArrayLike<number>,
  dCoef: Float64Array,
  dIntercept: Float64Array,
  rows: number,
  scale: Float64Array,
): SeparationReport | null {
  const m = margins(X, y, dCoef, dIntercept, rows);
  let top = 0;
  for (let i = 0; i < m.length; i++) top = Math.max(top, Math.abs(m[i]));
  if (!(top > 0)) return null;
  let positive = 0;
  for (let i = 0; i < m.length; i++) {
    if (m[i] < -1e-3 * top) return null;
    if (m[i] > 1e-3 * top) positive++;
  }
  if (positive === 0) return null;
  return { kind: positive === m.length ? 'complete' : 'quasi-complete', features: involvedFeatures(dCoef, rows, X.cols, scale), separatedSamples: positive };
}
