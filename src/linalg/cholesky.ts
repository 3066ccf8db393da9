import { dot } from '../kernels/blas.js';

/**
 * Cholesky factorisation and solves for symmetric positive definite systems, on row-major
 * `n × n` Float64Arrays. No validation; callers check shapes.
 */

/**
 * Factors A = L·Lᵀ in place: on return the lower triangle of `A` holds L (the strict upper
 * triangle is left as it was). Returns −1 on success, or the index of the first pivot that is
 * not positive (A is not numerically positive definite; A is then partly overwritten).
 * Cost: n³/3 multiply-adds.
 */
export function cholesky(n: number, A: Float64Array): number {
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    const s = A[rj + j] - dot(j, A, rj, A, rj);
    if (!(s > 0)) return j;
    const ljj = Math.sqrt(s);
    A[rj + j] = ljj;
    const inv = 1 / ljj;
    // Two rows at a time: each load of row j serves both dot products (eight add chains in all).
    let i = j + 1;
    for (; i + 1 < n; i += 2) {
      const r0 = i * n;
      const r1 = r0 + n;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let b0 = 0;
      let b1 = 0;
      let b2 = 0;
      let b3 = 0;
      let k = 0;
      for (; k + 3 < j; k += 4) {
        const l0 = A[rj + k];
        const l1 = A[rj + k + 1];
        const l2 = A[rj + k + 2];
        const l3 = A[rj + k + 3];
        a0 += A[r0 + k] * l0;
        a1 += A[r0 + k + 1] * l1;
        a2 += A[r0 + k + 2] * l2;
        a3 += A[r0 + k + 3] * l3;
        b0 += A[r1 + k] * l0;
        b1 += A[r1 + k + 1] * l1;
        b2 += A[r1 + k + 2] * l2;
        b3 += A[r1 + k + 3] * l3;
      }
      for (; k < j; k++) {
        a0 += A[r0 + k] * A[rj + k];
        b0 += A[r1 + k] * A[rj + k];
      }
      // Combined as kernels' dot does, so a row gets the same bits paired or alone.
      A[r0 + j] = (A[r0 + j] - (a0 + a1 + (a2 + a3))) * inv;
      A[r1 + j] = (A[r1 + j] - (b0 + b1 + (b2 + b3))) * inv;
    }
    if (i < n) {
      const ri = i * n;
      A[ri + j] = (A[ri + j] - dot(j, A, ri, A, rj)) * inv;
    }
  }
  return -1;
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

/** Solves L·y = b in place (L lower triangular, row-major). Cost: n²/2. */
export function solveLower(n: number, L: Float64Array, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[ri + k] * b[k];
    b[i] = s / L[ri + i];
  }
}

/** Solves Lᵀ·x = b in place (L lower triangular, row-major). Cost: n²/2. */
export function solveLowerTransposed(n: number, L: Float64Array, b: Float64Array): void {
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * b[k];
    b[i] = s / L[i * n + i];
  }
}

/** Solves (L·Lᵀ)·x = b in place given the factor from {@link cholesky}. Cost: n². */
export function choleskySolve(n: number, L: Float64Array, b: Float64Array): void {
  solveLower(n, L, b);
  solveLowerTransposed(n, L, b);
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
