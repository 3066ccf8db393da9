import { dot } from './blas.js';

/**
 * Matrix–vector kernels for a row-major `m × n` matrix `A` starting at `A[oA]` (leading
 * dimension n). No validation, no allocation.
 */

/** y[oy+i] = Σ_j A[i, j]·x[ox+j] + beta·y[oy+i], i < m. Cost: O(m·n), one pass over A. */
export function gemv(
  m: number,
  n: number,
  A: Float64Array,
  oA: number,
  x: Float64Array,
  ox: number,
  y: Float64Array,
  oy: number,
  beta = 0,
): void {
  for (let i = 0; i < m; i++) {
    const v = dot(n, A, oA + i * n, x, ox);
    y[oy + i] = beta === 0 ? v : v + beta * y[oy + i];
  }
}

/**
 * y[oy+j] = Σ_i A[i, j]·v[ov+i] + beta·y[oy+j], j < n: the transpose product Aᵀv, computed
 * row by row (each row of A is read once, contiguously) rather than column by column.
 * Cost: O(m·n), one pass over A.
 */
export function gemvT(
  m: number,
  n: number,
  A: Float64Array,
  oA: number,
  v: Float64Array,
  ov: number,
  y: Float64Array,
  oy: number,
  beta = 0,
): void {
  if (beta === 0) y.fill(0, oy, oy + n);
  else if (beta !== 1) for (let j = 0; j < n; j++) y[oy + j] *= beta;
  for (let i = 0; i < m; i++) {
    const a = v[ov + i];
    if (a === 0) continue;
    const off = oA + i * n;
    let j = 0;
    for (; j + 3 < n; j += 4) {
      y[oy + j] += a * A[off + j];
      y[oy + j + 1] += a * A[off + j + 1];
      y[oy + j + 2] += a * A[off + j + 2];
      y[oy + j + 3] += a * A[off + j + 3];
    }
    for (; j < n; j++) y[oy + j] += a * A[off + j];
  }
}
