import { describe, expect, it } from 'vitest';
import { Random } from '../core/rng.js';
import { cholesky, choleskyConditionEstimate, choleskySolve, norm1 } from './cholesky.js';
import { gram, leastSquares } from './leastSquares.js';
import { lstsq } from './qr.js';

function randn(rng: Random, n: number): Float64Array {
  return Float64Array.from({ length: n }, () => rng.normal());
}

function matvec(m: number, n: number, A: Float64Array, x: Float64Array): Float64Array {
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[i] += A[i * n + j] * x[j];
  return out;
}

function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/** Aᵀ(b − Ax): zero at any least-squares solution. */
function normalResidual(m: number, n: number, A: Float64Array, b: Float64Array, x: Float64Array): number {
  const r = matvec(m, n, A, x).map((v, i) => b[i] - v);
  const g = new Float64Array(n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) g[j] += A[i * n + j] * r[i];
  return norm(g);
}

describe('cholesky', () => {
  it('factors an SPD matrix and solves with it', () => {
    const rng = new Random(1);
    const n = 6;
    const B = randn(rng, n * n);
    const A = gram(n, n, B);
    for (let j = 0; j < n; j++) A[j * n + j] += 1;
    const L = A.slice();
    expect(cholesky(n, L)).toBe(-1);
    const x = randn(rng, n);
    const b = matvec(n, n, A, x);
    choleskySolve(n, L, b);
    for (let j = 0; j < n; j++) expect(b[j]).toBeCloseTo(x[j], 10);
  });

  it('reports the failing pivot of a matrix that is not positive definite', () => {
    const A = Float64Array.of(1, 2, 2, 1);
    expect(cholesky(2, A)).toBe(1);
  });

  it('estimates the condition number within a small factor', () => {
    // diag(1, 1e-6): κ₁ = 1e6 exactly.
    const A = Float64Array.of(1, 0, 0, 1e-6);
    const anorm = norm1(2, A);
    cholesky(2, A);
    const est = choleskyConditionEstimate(2, A, anorm);
    expect(est).toBeGreaterThan(1e6 / 3);
    expect(est).toBeLessThanOrEqual(1e6 * 1.0000001);
  });
});

describe('lstsq (pivoted QR)', () => {
  it('solves a full-rank overdetermined system: residual orthogonal to the columns', () => {
    const rng = new Random(2);
    const m = 40;
    const n = 5;
    const A = randn(rng, m * n);
    const b = randn(rng, m);
    const { x, rank } = lstsq(m, n, A, b);
    expect(rank).toBe(n);
    expect(normalResidual(m, n, A, b, x)).toBeLessThan(1e-12);
  });

  it('returns the minimum-norm solution on a rank-deficient system and never mutates inputs', () => {
    const rng = new Random(3);
    const m = 30;
    const base = randn(rng, m * 3);
    // Columns: a, b, c, a (duplicate), 2b − c (combination), 0 (empty).
    const n = 6;
    const A = new Float64Array(m * n);
    for (let i = 0; i < m; i++) {
      const [a, bb, c] = [base[i * 3], base[i * 3 + 1], base[i * 3 + 2]];
      A.set([a, bb, c, a, 2 * bb - c, 0], i * n);
    }
    const b = randn(rng, m);
    const A0 = A.slice();
    const b0 = b.slice();
    const { x, rank } = lstsq(m, n, A, b);
    expect(rank).toBe(3);
    expect(Array.from(A)).toEqual(Array.from(A0));
    expect(Array.from(b)).toEqual(Array.from(b0));
    expect(normalResidual(m, n, A, b, x)).toBeLessThan(1e-11);
    // Minimum norm: x is orthogonal to the null space, spanned by e0 − e3, 2e1 − e2 − e4, e5.
    expect(Math.abs(x[0] - x[3])).toBeLessThan(1e-12);
    expect(Math.abs(2 * x[1] - x[2] - x[4])).toBeLessThan(1e-12);
    expect(x[5]).toBe(0);
  });

  it('handles an all-zero matrix and underdetermined systems', () => {
    expect(Array.from(lstsq(3, 2, new Float64Array(6), Float64Array.of(1, 2, 3)).x)).toEqual([0, 0]);
    const rng = new Random(4);
    const A = randn(rng, 3 * 5);
    const b = randn(rng, 3);
    const { x, rank } = lstsq(3, 5, A, b);
    expect(rank).toBe(3);
    const r = matvec(3, 5, A, x);
    for (let i = 0; i < 3; i++) expect(r[i]).toBeCloseTo(b[i], 12);
  });
});

describe('leastSquares (method choice)', () => {
  it('uses Cholesky on well-conditioned data and agrees with QR to 1e-12', () => {
    const rng = new Random(5);
    const m = 200;
    const n = 8;
    const A = randn(rng, m * n);
    const b = randn(rng, m);
    const chol = leastSquares(m, n, A, b);
    const qr = leastSquares(m, n, A, b, { method: 'qr' });
    expect(chol.method).toBe('cholesky');
    expect(qr.method).toBe('qr');
    for (let j = 0; j < n; j++) expect(chol.x[j]).toBeCloseTo(qr.x[j], 12);
  });

  it('falls back to QR when the Gram matrix is ill-conditioned or singular', () => {
    const rng = new Random(6);
    const m = 50;
    const A = new Float64Array(m * 2);
    for (let i = 0; i < m; i++) {
      const a = rng.normal();
      A[i * 2] = a;
      A[i * 2 + 1] = a + 1e-9 * rng.normal();
    }
    expect(leastSquares(m, 2, A, randn(rng, m)).method).toBe('qr');
    const S = new Float64Array(m * 2);
    for (let i = 0; i < m; i++) S[i * 2] = S[i * 2 + 1] = rng.normal();
    const res = leastSquares(m, 2, S, randn(rng, m));
    expect(res.method).toBe('qr');
    expect(res.rank).toBe(1);
  });

  it('centres and weights on the fly exactly as an explicit transformed copy', () => {
    const rng = new Random(7);
    const m = 60;
    const n = 4;
    const A = Float64Array.from({ length: m * n }, () => 100 + rng.normal());
    const b = randn(rng, m);
    const w = Float64Array.from({ length: m }, () => rng.uniform(0.1, 3));
    const mu = Float64Array.of(100, 100.5, 99.5, 100);
    const viaOptions = leastSquares(m, n, A, b, { center: mu, weights: w });
    const At = new Float64Array(m * n);
    const bt = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) At[i * n + j] = Math.sqrt(w[i]) * (A[i * n + j] - mu[j]);
      bt[i] = Math.sqrt(w[i]) * b[i];
    }
    const explicit = lstsq(m, n, At, bt);
    for (let j = 0; j < n; j++) expect(viaOptions.x[j]).toBeCloseTo(explicit.x[j], 10);
  });
});
