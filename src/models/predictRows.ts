import type { Matrix } from '../core/matrix.js';
import { assertRowsFinite } from '../core/validate.js';
import { safeDot } from '../kernels/blas.js';
import { predictPass } from '../kernels/predict.js';
import { PREDICT_BINARY_LOG_PROBA, PREDICT_BINARY_PROBA, PREDICT_SCORES, binaryLogProbaRow, binaryProbaRow, predictStride, transformRow } from '../kernels/predictTs.js';

export {
  PREDICT_BINARY_LOG_PROBA,
  PREDICT_BINARY_PROBA,
  PREDICT_LOG_SOFTMAX,
  PREDICT_OVR,
  PREDICT_SCORES,
  PREDICT_SOFTMAX,
} from '../kernels/predictTs.js';

/**
 * The outputs of a linear model's prediction for every row of M (already checked for shape,
 * not for finiteness): scores zᵢₖ = bₖ + xᵢ·Wₖ for K = W.length / d score rows, turned into
 * what `mode` asks for (src/kernels/predictTs.ts), as one Float64Array of n·stride entries.
 *
 * X is read once. Its validation rides on the scores: a NaN or ±∞ anywhere in a row makes
 * every score of that row NaN or ±∞ (a sum with a non-finite term is never finite), so the
 * kernel stops at rows with a non-finite score and only those rows are inspected here. A row
 * with a bad entry throws the message of assertFinite (first bad entry, row-major order: the
 * rows are visited in order); a finite row whose score overflowed gets `safeDot`'s rescaled
 * scores, as before the fast path existed. Cost: O(n·d·K).
 */
export function predictRows(M: Matrix, name: string, W: Float64Array, b: Float64Array, K: number, mode: number, scale = 1): Float64Array {
  const n = M.rows;
  const d = M.cols;
  const X = M.data;
  const stride = predictStride(mode, K);
  const out = new Float64Array(n * stride);
  for (let i = predictPass(0, n, d, K, X, W, b, mode, scale, out); i < n; i = predictPass(i + 1, n, d, K, X, W, b, mode, scale, out)) {
    assertRowsFinite(X, i, i + 1, d, name);
    if (K === 1) {
      const z = safeDot(d, X, i * d, W, 0, b[0]);
      if (mode === PREDICT_SCORES) out[i] = z;
      else if (mode === PREDICT_BINARY_PROBA) binaryProbaRow(scale * z, out, 2 * i);
      else if (mode === PREDICT_BINARY_LOG_PROBA) binaryLogProbaRow(scale * z, out, 2 * i);
      continue;
    }
    const o = i * K;
    for (let k = 0; k < K; k++) out[o + k] = safeDot(d, X, i * d, W, k * d, b[k]);
    transformRow(mode, K, out, o);
  }
  return out;
}
