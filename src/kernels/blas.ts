/**
 * Level-1 kernels on strided-free typed arrays, in stdlib's "base" style: `(n, x, offsetX,
 * y, offsetY)`, no validation, no allocation. Callers (public functions) validate first.
 * Loops are unrolled by four with independent accumulators so V8 can keep four
 * multiply-adds in flight; the summation order therefore differs from a naive loop in the
 * last bits, which every caller tolerates.
 */

/** Σ_{k<n} x[ox+k]·y[oy+k]. Cost: O(n). */
export function dot(n: number, x: Float64Array, ox: number, y: Float64Array, oy: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < n; k += 4) {
    s0 += x[ox + k] * y[oy + k];
    s1 += x[ox + k + 1] * y[oy + k + 1];
    s2 += x[ox + k + 2] * y[oy + k + 2];
    s3 += x[ox + k + 3] * y[oy + k + 3];
  }
  for (; k < n; k++) s0 += x[ox + k] * y[oy + k];
  return s0 + s1 + (s2 + s3);
}

/** y[oy+k] += a·x[ox+k] for k < n. Cost: O(n). */
export function axpy(n: number, a: number, x: Float64Array, ox: number, y: Float64Array, oy: number): void {
  if (a === 0) return;
  let k = 0;
  for (; k + 3 < n; k += 4) {
    y[oy + k] += a * x[ox + k];
    y[oy + k + 1] += a * x[ox + k + 1];
    y[oy + k + 2] += a * x[ox + k + 2];
    y[oy + k + 3] += a * x[ox + k + 3];
  }
  for (; k < n; k++) y[oy + k] += a * x[ox + k];
}

/** x[ox+k] *= a for k < n. Cost: O(n). */
export function scal(n: number, a: number, x: Float64Array, ox: number): void {
  for (let k = 0; k < n; k++) x[ox + k] *= a;
}

/** max_k |x[ox+k]| (0 for n = 0). Cost: O(n). */
export function amax(n: number, x: Float64Array, ox: number): number {
  let m = 0;
  for (let k = 0; k < n; k++) {
    const v = Math.abs(x[ox + k]);
    if (v > m) m = v;
  }
  return m;
}

/**
 * x·y computed without intermediate overflow: when the plain dot product is not finite
 * (terms near ±1e308 overflowing, or +∞ − ∞ giving NaN), the terms are rescaled by the
 * largest |x_k·y_k| first. Returns ±Infinity only when the true value is outside the double
 * range; never NaN for finite inputs. Cost: O(n), two passes only in the overflow case.
 */
export function safeDot(n: number, x: Float64Array, ox: number, y: Float64Array, oy: number, start = 0): number {
  const s = start + dot(n, x, ox, y, oy);
  if (s - s === 0) return s;
  // Terms are finite products of finite numbers only if |x|·|y| ≤ max double; scale each factor.
  let mx = Math.abs(start);
  for (let k = 0; k < n; k++) mx = Math.max(mx, Math.abs(x[ox + k]));
  let my = 1;
  for (let k = 0; k < n; k++) my = Math.max(my, Math.abs(y[oy + k]));
  if (mx === 0) return 0;
  let acc = start / mx / my;
  for (let k = 0; k < n; k++) acc += (x[ox + k] / mx) * (y[oy + k] / my);
  return acc * mx * my;
}
