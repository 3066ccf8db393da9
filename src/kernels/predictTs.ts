import { expNonPositive, log1pUnit, logAtLeast1 } from './elementary.js';

/**
 * The prediction pass in plain TypeScript: the fallback where WebAssembly is unavailable and the
 * reference its WebAssembly twin (`predictRows` at the end of assembly/kernels.ts) is tested
 * against. Both perform the same floating-point operations in the same order, with the exp,
 * log1p and log of elementary.ts, so they agree bit for bit. No validation, no allocation.
 *
 * Per row i, K scores zᵢₖ = bₖ + xᵢ·Wₖ (the dot product in `dot`'s order from blas.ts: four
 * accumulators combined as (s0 + s1) + (s2 + s3), the tail in s0, so scores equal `safeDot`'s
 * bit for bit), then the output the mode asks for, written to out at row i's place. A row with
 * a score that is not finite stops the pass: either X has NaN/±∞ in that row (any such entry
 * makes every score of the row NaN or ±∞), or the finite row overflows and needs `safeDot`.
 * The caller handles that row (see src/models/predictRows.ts) and resumes after it. This is how
 * prediction validates X without a separate pass over it.
 */

/** out = the K scores (stride K). */
export const PREDICT_SCORES = 0;
/** K = 1; out = (σ(−s·z), σ(s·z)) (stride 2). s is 1, or 2 for a two-class multinomial model. */
export const PREDICT_BINARY_PROBA = 1;
/** K = 1; out = (log σ(−s·z), log σ(s·z)) (stride 2). */
export const PREDICT_BINARY_LOG_PROBA = 2;
/** out = softmax of the K scores (stride K). */
export const PREDICT_SOFTMAX = 3;
/** out = log-softmax of the K scores (stride K). */
export const PREDICT_LOG_SOFTMAX = 4;
/** out = one-vs-rest probabilities σ(zₖ)/Σⱼσ(zⱼ), normalised in log space (stride K). */
export const PREDICT_OVR = 5;

/** One prediction pass's inputs: X (n × d) and W (K × d) row-major, b (K), the mode and its scale, and the output. */
export interface PredictJob {
  readonly d: number;
  readonly K: number;
  readonly X: Float64Array;
  readonly W: Float64Array;
  readonly b: Float64Array;
  readonly mode: number;
  readonly scale: number;
  readonly out: Float64Array;
}

/** Output entries per row of a mode with K scores. */
export function predictStride(mode: number, K: number): number {
  return mode === PREDICT_BINARY_PROBA || mode === PREDICT_BINARY_LOG_PROBA ? 2 : K;
}

/**
 * Rows [i0, n) of the prediction pass (see the file comment): X is n × d row-major, W is K × d
 * row-major, b has K entries. Returns the first row whose scores are not all finite (its
 * outputs are then unspecified), or n. Cost: O((n − i0)·d·K) multiply-adds, one exp per
 * binary row, K per softmax row.
 */
export function predictRowsTs(
  i0: number,
  n: number,
  d: number,
  K: number,
  X: Float64Array,
  W: Float64Array,
  b: Float64Array,
  mode: number,
  scale: number,
  out: Float64Array,
): number {
  const stride = predictStride(mode, K);
  for (let i = i0; i < n; i++) {
    const ox = i * d;
    const o = i * stride;
    if (K === 1) {
      const z = b[0] + dot4(d, X, ox, W, 0);
      if (z - z !== 0) return i;
      if (mode === PREDICT_SCORES) out[o] = z;
      else if (mode === PREDICT_BINARY_PROBA) binaryProbaRow(scale * z, out, o);
      else binaryLogProbaRow(scale * z, out, o);
      continue;
    }
    for (let k = 0; k < K; k++) {
      const z = b[k] + dot4(d, X, ox, W, k * d);
      if (z - z !== 0) return i;
      out[o + k] = z;
    }
    transformRow(mode, K, out, o);
  }
  return n;
}

/** Σ x[ox+j]·w[ow+j] in blas.ts `dot`'s order: four accumulators, tail into s0, (s0 + s1) + (s2 + s3). */
function dot4(d: number, x: Float64Array, ox: number, w: Float64Array, ow: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < d; j += 4) {
    s0 += x[ox + j] * w[ow + j];
    s1 += x[ox + j + 1] * w[ow + j + 1];
    s2 += x[ox + j + 2] * w[ow + j + 2];
    s3 += x[ox + j + 3] * w[ow + j + 3];
  }
  for (; j < d; j++) s0 += x[ox + j] * w[ow + j];
  return s0 + s1 + (s2 + s3);
}

/**
 * (σ(−z), σ(z)) from one exp: with e = e^{−|z|} and t = 1 + e, the larger is 1/t and the smaller
 * e/t, which is what scalar.ts `expit` computes for each (its two branches use this same e), so
 * neither is formed as 1 − the other. Any z, ±∞ included.
 */
export function binaryProbaRow(z: number, out: Float64Array, o: number): void {
  const e = expNonPositive(-Math.abs(z));
  const t = 1 + e;
  if (z >= 0) {
    out[o] = e / t;
    out[o + 1] = 1 / t;
  } else {
    out[o] = 1 / t;
    out[o + 1] = e / t;
  }
}

/**
 * (log σ(−z), log σ(z)) = (−log(1 + e^z), −log(1 + e^{−z})) from one exp and one log1p:
 * l = log1p(e^{−|z|}), and log(1 + e^u) = u + l for u > 0, l otherwise (scalar.ts log1pexp).
 */
export function binaryLogProbaRow(z: number, out: Float64Array, o: number): void {
  const l = log1pUnit(expNonPositive(-Math.abs(z)));
  out[o] = -(z > 0 ? z + l : l);
  out[o + 1] = -(-z > 0 ? -z + l : l);
}

/**
 * Rows per block of the WebAssembly prediction pass (one thread's and each worker's): about
 * 128 KB of X and at most as much output, so a block stays in L2.
 */
export function predictBlockRows(d: number, stride: number): number {
  return Math.max(1, Math.floor(16384 / Math.max(1, d, stride)));
}

/** Turns the K scores at out[o …) into the mode's outputs in place (modes with stride K). */
export function transformRow(mode: number, K: number, out: Float64Array, o: number): void {
  if (mode === PREDICT_SOFTMAX) softmaxRow(K, out, o);
  else if (mode === PREDICT_LOG_SOFTMAX) logSoftmaxRow(K, out, o);
  else if (mode === PREDICT_OVR) {
    // log σ(z), then a softmax of the logs (loss/link.ts ovrNormalizeInPlace).
    logSigmoidRow(K, out, o);
    softmaxRow(K, out, o);
  }
}

/** log σ(zₖ) = −log(1 + e^{−zₖ}) in place for k < K (binaryLogProbaRow's second output). */
function logSigmoidRow(K: number, out: Float64Array, o: number): void {
  for (let k = 0; k < K; k++) {
    const z = out[o + k];
    const l = log1pUnit(expNonPositive(-Math.abs(z)));
    out[o + k] = -(-z > 0 ? -z + l : l);
  }
}

/**
 * One-vs-rest log-probabilities of a row of K scores, in place: log pₖ = log σ(zₖ) −
 * log Σⱼ σ(zⱼ), the logs taken directly and normalised by log-sum-exp, so a probability below
 * the smallest double keeps its logarithm (the log of PREDICT_OVR's probabilities would be −∞
 * there). Agrees with log(PREDICT_OVR) wherever that is finite and normal. Cost: O(K).
 */
export function ovrLogProbaRow(K: number, out: Float64Array, o: number): void {
  logSigmoidRow(K, out, o);
  logSoftmaxRow(K, out, o);
}

/**
 * Softmax in place, p_k = e^{z_k − m}/Σ_j e^{z_j − m} with m = max z (loss/link.ts
 * softmaxInPlace with the kernels' exp). A row whose maximum is ±∞ (only rows the caller
 * recomputed with safeDot can have one) shares the mass equally among its maxima.
 */
function softmaxRow(K: number, z: Float64Array, o: number): void {
  let m = -Infinity;
  for (let k = 0; k < K; k++) if (z[o + k] > m) m = z[o + k];
  if (m === Infinity || m === -Infinity) {
    let count = 0;
    for (let k = 0; k < K; k++) if (z[o + k] === m) count++;
    for (let k = 0; k < K; k++) z[o + k] = z[o + k] === m ? 1 / count : 0;
    return;
  }
  let sum = 0;
  for (let k = 0; k < K; k++) {
    const e = expNonPositive(z[o + k] - m);
    z[o + k] = e;
    sum += e;
  }
  const inv = 1 / sum;
  for (let k = 0; k < K; k++) z[o + k] *= inv;
}

/**
 * Log-softmax in place: z_k − (m + log Σ_j e^{z_j − m}); the sum is in [1, K]. A row whose
 * maximum is ±∞ takes the log of its softmax.
 */
function logSoftmaxRow(K: number, z: Float64Array, o: number): void {
  let m = -Infinity;
  for (let k = 0; k < K; k++) if (z[o + k] > m) m = z[o + k];
  if (m === Infinity || m === -Infinity) {
    softmaxRow(K, z, o);
    for (let k = 0; k < K; k++) z[o + k] = Math.log(z[o + k]);
    return;
  }
  let sum = 0;
  for (let k = 0; k < K; k++) sum += expNonPositive(z[o + k] - m);
  const lse = m + logAtLeast1(sum);
  for (let k = 0; k < K; k++) z[o + k] -= lse;
}
