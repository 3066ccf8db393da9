import { dot } from '../kernels/blas.js';
import { choleskyWasm } from './choleskyWasm.js';

/**
 * Cholesky factorisation and solves for symmetric positive definite systems, on row-major
 * `n × n` Float64Arrays. No validation; callers check shapes.
 */

/**
 * Factors A = L·Lᵀ in place: on return the lower triangle of `A` holds L (the strict upper
 * triangle is left as it was). Returns −1 on success, or the index j of the first pivot that is
 * not positive (A is not numerically positive definite; columns < j of L are then complete and
 * the rest of A is as it was).
 *
 * Lᵢⱼ = (Aᵢⱼ − Σ_{k<j} Lᵢₖ·Lⱼₖ) / Lⱼⱼ with Lⱼⱼ = √(Aⱼⱼ − Σ_{k<j} Lⱼₖ²), every sum taken as
 * kernels' `dot` takes it (four accumulators over k ≡ 0, 1, 2, 3 mod 4, the last j mod 4 terms
 * into the first, combined (s₀ + s₁) + (s₂ + s₃)), and the division done as a multiplication by
 * 1/Lⱼⱼ. Results are the same bits whichever of the two implementations runs: the WebAssembly
 * SIMD kernel (n ≥ 16, when the backend is WebAssembly; see `setKernelBackend`) or the
 * TypeScript one. Both take columns four at a time ({@link choleskyBlocked}).
 * Cost: n³/3 multiply-adds (plus a copy of A in and out of WebAssembly memory).
 */
export function cholesky(n: number, A: Float64Array): number {
  if (n >= WASM_MIN_ORDER) {
    const failed = choleskyWasm(n, A);
    if (failed !== null) return failed;
  }
  return choleskyBlocked(n, A);
}

/** Below this order the TypeScript factorisation runs (the copy and call would not pay). */
const WASM_MIN_ORDER = 16;

/**
 * {@link cholesky} in TypeScript, with columns in blocks of four, j₀ = 0, 4, 8, …: first the
 * block's own rows j₀ … j₀+3 (column by column, as the unblocked algorithm would), then every
 * row i below them for all four columns at once, so each row is read once per block instead of
 * once per column. Two rows and two columns share each sweep (sixteen accumulators), and
 * because j₀ is a multiple of four, column j₀ + c's sum is exactly: the four accumulators over
 * k < j₀, then the terms j₀ ≤ k < j₀ + c (just computed in this row) added into the first in
 * order, then the combination: the same operations as one dot product per entry.
 * Cost: n³/3 multiply-adds.
 */
export function choleskyBlocked(n: number, A: Float64Array): number {
  for (let j0 = 0; j0 < n; j0 += 4) {
    const j1 = Math.min(j0 + 4, n);
    const failed = diagonalBlock(n, A, j0, j1);
    if (failed >= 0) {
      finishColumns(n, A, j0, failed, j1, n);
      return failed;
    }
    if (j1 < n) rowsBelow(n, A, j0);
  }
  return -1;
}

/** Columns [j0, j1) of L on rows [j0, j1), column by column; returns the failing pivot or −1. */
function diagonalBlock(n: number, A: Float64Array, j0: number, j1: number): number {
  for (let j = j0; j < j1; j++) {
    const rj = j * n;
    const s = A[rj + j] - dot(j, A, rj, A, rj);
    if (!(s > 0)) return j;
    const ljj = Math.sqrt(s);
    A[rj + j] = ljj;
    const inv = 1 / ljj;
    for (let i = j + 1; i < j1; i++) {
      const ri = i * n;
      A[ri + j] = (A[ri + j] - dot(j, A, ri, A, rj)) * inv;
    }
  }
  return -1;
}

/** Columns [j0, j1) of L on rows [i0, i1), one entry at a time (column order within a row). */
function finishColumns(n: number, A: Float64Array, j0: number, j1: number, i0: number, i1: number): void {
  for (let i = i0; i < i1; i++) {
    const ri = i * n;
    for (let j = j0; j < j1; j++) {
      const rj = j * n;
      A[ri + j] = (A[ri + j] - dot(j, A, ri, A, rj)) * (1 / A[rj + j]);
    }
  }
}

/**
 * The dot-product accumulators of rows r and q (offsets) against block rows pa and pb over
 * k < j0 (a multiple of four), as kernels' `dot` keeps them: s[0..3] = r·pa, s[4..7] = r·pb,
 * s[8..11] = q·pa, s[12..15] = q·pb, accumulator m holding the terms k ≡ m (mod 4).
 */
function pairSums(A: Float64Array, r: number, q: number, pa: number, pb: number, j0: number, s: Float64Array): void {
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  let b3 = 0;
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  let d0 = 0;
  let d1 = 0;
  let d2 = 0;
  let d3 = 0;
  for (let k = 0; k < j0; k += 4) {
    const u0 = A[pa + k];
    const u1 = A[pa + k + 1];
    const u2 = A[pa + k + 2];
    const u3 = A[pa + k + 3];
    const v0 = A[pb + k];
    const v1 = A[pb + k + 1];
    const v2 = A[pb + k + 2];
    const v3 = A[pb + k + 3];
    const x0 = A[r + k];
    const x1 = A[r + k + 1];
    const x2 = A[r + k + 2];
    const x3 = A[r + k + 3];
    a0 += x0 * u0;
    a1 += x1 * u1;
    a2 += x2 * u2;
    a3 += x3 * u3;
    b0 += x0 * v0;
    b1 += x1 * v1;
    b2 += x2 * v2;
    b3 += x3 * v3;
    const z0 = A[q + k];
    const z1 = A[q + k + 1];
    const z2 = A[q + k + 2];
    const z3 = A[q + k + 3];
    c0 += z0 * u0;
    c1 += z1 * u1;
    c2 += z2 * u2;
    c3 += z3 * u3;
    d0 += z0 * v0;
    d1 += z1 * v1;
    d2 += z2 * v2;
    d3 += z3 * v3;
  }
  s[0] = a0;
  s[1] = a1;
  s[2] = a2;
  s[3] = a3;
  s[4] = b0;
  s[5] = b1;
  s[6] = b2;
  s[7] = b3;
  s[8] = c0;
  s[9] = c1;
  s[10] = c2;
  s[11] = c3;
  s[12] = d0;
  s[13] = d1;
  s[14] = d2;
  s[15] = d3;
}

/** Scratch of {@link pairSums}. */
const sums = new Float64Array(16);

/** One entry's dot product from pairSums' accumulators o … o+3, the first replaced by `first`: (s₀ + s₁) + (s₂ + s₃). */
function combine(o: number, first: number): number {
  return first + sums[o + 1] + (sums[o + 2] + sums[o + 3]);
}

/**
 * Columns j0 … j0+3 of L on every row below the block, rows in pairs and columns in pairs
 * ({@link pairSums}); each entry's in-block terms (k = j0 … j0+c−1, just computed in its row)
 * go into its first accumulator in order before the combination (s₀ + s₁) + (s₂ + s₃).
 */
function rowsBelow(n: number, A: Float64Array, j0: number): void {
  const p0 = j0 * n;
  const p1 = p0 + n;
  const p2 = p1 + n;
  const p3 = p2 + n;
  // The block's pivots' reciprocals and its strictly lower entries (the in-block terms).
  const inv0 = 1 / A[p0 + j0];
  const inv1 = 1 / A[p1 + j0 + 1];
  const inv2 = 1 / A[p2 + j0 + 2];
  const inv3 = 1 / A[p3 + j0 + 3];
  const l10 = A[p1 + j0];
  const l20 = A[p2 + j0];
  const l21 = A[p2 + j0 + 1];
  const l30 = A[p3 + j0];
  const l31 = A[p3 + j0 + 1];
  const l32 = A[p3 + j0 + 2];
  const s = sums;
  let i = j0 + 4;
  for (; i + 1 < n; i += 2) {
    const r = i * n;
    const q = r + n;
    // Columns j0, j0 + 1 of rows i (x) and i + 1 (z).
    pairSums(A, r, q, p0, p1, j0, s);
    const x0 = (A[r + j0] - combine(0, s[0])) * inv0;
    A[r + j0] = x0;
    let t = s[4];
    t += x0 * l10;
    const x1 = (A[r + j0 + 1] - combine(4, t)) * inv1;
    A[r + j0 + 1] = x1;
    const z0 = (A[q + j0] - combine(8, s[8])) * inv0;
    A[q + j0] = z0;
    t = s[12];
    t += z0 * l10;
    const z1 = (A[q + j0 + 1] - combine(12, t)) * inv1;
    A[q + j0 + 1] = z1;
    // Columns j0 + 2, j0 + 3, the same way.
    pairSums(A, r, q, p2, p3, j0, s);
    t = s[0];
    t += x0 * l20;
    t += x1 * l21;
    const x2 = (A[r + j0 + 2] - combine(0, t)) * inv2;
    A[r + j0 + 2] = x2;
    t = s[4];
    t += x0 * l30;
    t += x1 * l31;
    t += x2 * l32;
    A[r + j0 + 3] = (A[r + j0 + 3] - combine(4, t)) * inv3;
    t = s[8];
    t += z0 * l20;
    t += z1 * l21;
    const z2 = (A[q + j0 + 2] - combine(8, t)) * inv2;
    A[q + j0 + 2] = z2;
    t = s[12];
    t += z0 * l30;
    t += z1 * l31;
    t += z2 * l32;
    A[q + j0 + 3] = (A[q + j0 + 3] - combine(12, t)) * inv3;
  }
  if (i < n) finishColumns(n, A, j0, j0 + 4, i, n);
}

/**
 * Factors H + μI = L·Lᵀ into `L` (H, symmetric and stored in full, is left intact) with the
 * smallest μ in 0, 1e-10·max Hᵢᵢ, ×10, … that succeeds: a Hessian that is only positive
 * semi-definite (the unpenalised softmax along "add the same vector to every class") still
 * gives a usable factor. Returns μ, or −1 after 32 failed attempts (H not finite).
 * Cost: n³/3 per attempt; one when H is positive definite.
 */
export function choleskyDamped(n: number, H: Float64Array, L: Float64Array): number {
  let hmax = 0;
  for (let i = 0; i < n; i++) hmax = Math.max(hmax, H[i * (n + 1)]);
  let mu = 0;
  for (let attempt = 0; attempt <= 31; attempt++) {
    L.set(H.subarray(0, n * n));
    for (let i = 0; i < n; i++) L[i * (n + 1)] += mu;
    if (cholesky(n, L) === -1) return mu;
    mu = mu === 0 ? 1e-10 * Math.max(hmax, 1e-300) : mu * 10;
  }
  return -1;
}

/**
 * Solves L·y = b in place (L lower triangular, row-major): yᵢ = (bᵢ − Σ_{k<i} Lᵢₖ·yₖ) / Lᵢᵢ,
 * the terms subtracted one by one in increasing k. Rows are taken four at a time, their four
 * chains of subtractions interleaved (each in its own order), so the chains overlap instead of
 * waiting on one another. Cost: n²/2.
 */
export function solveLower(n: number, L: Float64Array, b: Float64Array): void {
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const r0 = i * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    let s0 = b[i];
    let s1 = b[i + 1];
    let s2 = b[i + 2];
    let s3 = b[i + 3];
    for (let k = 0; k < i; k++) {
      const yk = b[k];
      s0 -= L[r0 + k] * yk;
      s1 -= L[r1 + k] * yk;
      s2 -= L[r2 + k] * yk;
      s3 -= L[r3 + k] * yk;
    }
    const y0 = s0 / L[r0 + i];
    b[i] = y0;
    s1 -= L[r1 + i] * y0;
    const y1 = s1 / L[r1 + i + 1];
    b[i + 1] = y1;
    s2 -= L[r2 + i] * y0;
    s2 -= L[r2 + i + 1] * y1;
    const y2 = s2 / L[r2 + i + 2];
    b[i + 2] = y2;
    s3 -= L[r3 + i] * y0;
    s3 -= L[r3 + i + 1] * y1;
    s3 -= L[r3 + i + 2] * y2;
    b[i + 3] = s3 / L[r3 + i + 3];
  }
  for (; i < n; i++) {
    const ri = i * n;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[ri + k] * b[k];
    b[i] = s / L[ri + i];
  }
}

/**
 * Solves Lᵀ·x = b in place (L lower triangular, row-major): xᵢ = (bᵢ − Σ_{k>i} Lₖᵢ·xₖ) / Lᵢᵢ,
 * the terms subtracted one by one in increasing k. Reads L by columns (stride n); to solve
 * many times with one factor, {@link mirrorLower} it once and use {@link solveUpper}, which
 * gives the same bits reading rows. Cost: n²/2.
 */
export function solveLowerTransposed(n: number, L: Float64Array, b: Float64Array): void {
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * b[k];
    b[i] = s / L[i * n + i];
  }
}

/**
 * Solves U·x = b in place for U upper triangular, read from the diagonal and strict upper
 * triangle of the row-major `U`: xᵢ = (bᵢ − Σ_{k>i} Uᵢₖ·xₖ) / Uᵢᵢ, the terms subtracted one by
 * one in increasing k. With U = Lᵀ (see {@link mirrorLower}) this is
 * {@link solveLowerTransposed} bit for bit, reading rows instead of columns. Each xᵢ's chain
 * starts from xᵢ₊₁, so the solve is one chain of n²/2 dependent subtractions. Cost: n²/2.
 */
export function solveUpper(n: number, U: Float64Array, b: Float64Array): void {
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    let s = b[i];
    let k = i + 1;
    for (; k + 3 < n; k += 4) {
      s -= U[ri + k] * b[k];
      s -= U[ri + k + 1] * b[k + 1];
      s -= U[ri + k + 2] * b[k + 2];
      s -= U[ri + k + 3] * b[k + 3];
    }
    for (; k < n; k++) s -= U[ri + k] * b[k];
    b[i] = s / U[ri + i];
  }
}

/**
 * Copies the strict lower triangle of L into the strict upper triangle (Lᵢₖ → Lₖᵢ), so that
 * `L` holds both L and Lᵀ (sharing the diagonal) for {@link choleskySolveMirrored}. Worth it
 * when one factor serves many solves. Cost: n²/2 copies.
 */
export function mirrorLower(n: number, L: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let k = 0; k < i; k++) L[k * n + i] = L[ri + k];
  }
}

/** Solves (L·Lᵀ)·x = b in place given the factor from {@link cholesky}. Cost: n². */
export function choleskySolve(n: number, L: Float64Array, b: Float64Array): void {
  solveLower(n, L, b);
  solveLowerTransposed(n, L, b);
}

/**
 * {@link choleskySolve} (the same bits) for a factor that has been through {@link mirrorLower}:
 * both triangular solves read rows. Cost: n².
 */
export function choleskySolveMirrored(n: number, L: Float64Array, b: Float64Array): void {
  solveLower(n, L, b);
  solveUpper(n, L, b);
}

/** The 1-norm ‖A‖₁ = max_j Σ_i |A_ij| of a symmetric matrix stored in full. Cost: n². */
export function norm1(n: number, A: Float64Array): number {
  let best = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(A[i * n + j]);
    if (s > best) best = s;
  }
  return best;
}

/**
 * Estimates the 1-norm condition number κ₁(A) = ‖A‖₁·‖A⁻¹‖₁ of an SPD matrix from its Cholesky
 * factor, with Hager's method as refined by Higham ("FORTRAN codes for estimating the one-norm
 * of a real or complex matrix", ACM TOMS 14, 1988; LAPACK's dlacn2): a few solves with A
 * instead of forming A⁻¹. The estimate is a lower bound that is almost always within a
 * factor of 3. Cost: O(n²) per solve, at most 5 solves.
 */
export function choleskyConditionEstimate(n: number, L: Float64Array, anorm1: number): number {
  if (n === 0) return 1;
  const x = new Float64Array(n).fill(1 / n);
  const z = new Float64Array(n);
  let est = 0;
  let lastJ = -1;
  for (let iter = 0; iter < 5; iter++) {
    choleskySolve(n, L, x); // x ← A⁻¹x
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(x[i]);
    if (iter > 0 && s <= est) break;
    est = s;
    // A is symmetric, so A⁻ᵀ = A⁻¹: z = A⁻¹·sign(x).
    for (let i = 0; i < n; i++) z[i] = x[i] >= 0 ? 1 : -1;
    choleskySolve(n, L, z);
    let j = 0;
    for (let i = 1; i < n; i++) if (Math.abs(z[i]) > Math.abs(z[j])) j = i;
    if (j === lastJ) break;
    lastJ = j;
    x.fill(0);
    x[j] = 1;
  }
  // Higham's alternative estimate guards against the rare failures of the basic iteration.
  for (let i = 0; i < n; i++) x[i] = (i % 2 === 0 ? 1 : -1) * (1 + i / Math.max(1, n - 1));
  choleskySolve(n, L, x);
  let alt = 0;
  for (let i = 0; i < n; i++) alt += Math.abs(x[i]);
  alt = (2 * alt) / (3 * n);
  return anorm1 * Math.max(est, alt);
}
