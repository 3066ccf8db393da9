import { log1pexp } from '../kernels/scalar.js';

/**
 * Inverse links: scores to probabilities, exact for every score including ±1e308 and ±Infinity
 * (no clipping, no NaN). Used by `predictProba` and the metrics.
 */

/**
 * In-place softmax of z[off … off+K): p_k = e^{z_k − m} / Σ_j e^{z_j − m}, m = max z (the
 * log-sum-exp shift, so nothing overflows). Rows with +Infinity scores share the mass equally
 * among those entries; a row of all −Infinity becomes uniform. Cost: O(K).
 */
export function softmaxInPlace(z: Float64Array, off: number, K: number): void {
  let m = -Infinity;
  for (let k = 0; k < K; k++) if (z[off + k] > m) m = z[off + k];
  if (m === Infinity || m === -Infinity) {
    let count = 0;
    for (let k = 0; k < K; k++) if (z[off + k] === m) count++;
    for (let k = 0; k < K; k++) z[off + k] = z[off + k] === m ? 1 / count : 0;
    return;
  }
  let sum = 0;
  for (let k = 0; k < K; k++) {
    const e = Math.exp(z[off + k] - m);
    z[off + k] = e;
    sum += e;
  }
  const inv = 1 / sum;
  for (let k = 0; k < K; k++) z[off + k] *= inv;
}

/**
 * One-vs-rest probabilities as scikit-learn's `_predict_proba_lr`: p_k = σ(z_k) / Σ_j σ(z_j),
 * computed in log space (log σ(z) = −log(1 + e^{−z})) so that rows whose sigmoids all
 * underflow to 0 still normalise correctly. In place on z[off … off+K). Cost: O(K).
 */
export function ovrNormalizeInPlace(z: Float64Array, off: number, K: number): void {
  for (let k = 0; k < K; k++) z[off + k] = -log1pexp(-z[off + k]);
  softmaxInPlace(z, off, K);
}
