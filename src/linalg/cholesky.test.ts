import { afterAll, describe, expect, it } from 'vitest';
import { Random } from '../core/rng.js';
import { setKernelBackend } from '../kernels/backend.js';
import {
  cholesky,
  choleskyBlocked,
  choleskyDamped,
  choleskySolve,
  choleskySolveMirrored,
  mirrorLower,
  solveLower,
  solveLowerTransposed,
  solveUpper,
} from './cholesky.js';
import { choleskyWasm } from './choleskyWasm.js';

// The factorisation and solves as they were before blocking (unblocked, column by column, one
// or two rows per sweep), kept here as the reference the faster code must match bit for bit.

/**
 * x·y with four accumulators over k ≡ 0…3 (mod 4), the tail terms into accumulator `tail`,
 * combined by `combine`. The reference (kernels' `dot` as the factorisation used it) is tail 0
 * and (s₀ + s₁) + (s₂ + s₃); the other settings are deliberately reordered variants.
 */
function dot4(n: number, x: Float64Array, ox: number, y: Float64Array, oy: number, tail: 0 | 3, combine: (s: number[]) => number): number {
  const s = [0, 0, 0, 0];
  let k = 0;
  for (; k + 3 < n; k += 4) for (let m = 0; m < 4; m++) s[m] += x[ox + k + m] * y[oy + k + m];
  for (; k < n; k++) s[tail] += x[ox + k] * y[oy + k];
  return combine(s);
}

function refDot(n: number, x: Float64Array, ox: number, y: Float64Array, oy: number): number {
  return dot4(n, x, ox, y, oy, 0, (s) => s[0] + s[1] + (s[2] + s[3]));
}

/** The unblocked factorisation, with the dot product passed in (to show the tests see its order). */
function refCholeskyWith(n: number, A: Float64Array, dotFn: typeof refDot): number {
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    const s = A[rj + j] - dotFn(j, A, rj, A, rj);
    if (!(s > 0)) return j;
    const ljj = Math.sqrt(s);
    A[rj + j] = ljj;
    const inv = 1 / ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      A[ri + j] = (A[ri + j] - dotFn(j, A, ri, A, rj)) * inv;
    }
  }
  return -1;
}

function refCholesky(n: number, A: Float64Array): number {
  return refCholeskyWith(n, A, refDot);
}

function refSolveLower(n: number, L: Float64Array, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[ri + k] * b[k];
    b[i] = s / L[ri + i];
  }
}

function refSolveLowerTransposed(n: number, L: Float64Array, b: Float64Array): void {
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * b[k];
    b[i] = s / L[i * n + i];
  }
}

// Deliberately reordered variants: the comparisons below must tell them apart from the reference.

/** One accumulator instead of four. */
function naiveDot(n: number, x: Float64Array, ox: number, y: Float64Array, oy: number): number {
  let s = 0;
  for (let k = 0; k < n; k++) s += x[ox + k] * y[oy + k];
  return s;
}

/** Four accumulators combined (s0 + s2) + (s1 + s3). */
function pairedDot(n: number, x: Float64Array, ox: number, y: Float64Array, oy: number): number {
  return dot4(n, x, ox, y, oy, 0, (s) => s[0] + s[2] + (s[1] + s[3]));
}

/** The tail added into the last accumulator instead of the first. */
function tailLastDot(n: number, x: Float64Array, ox: number, y: Float64Array, oy: number): number {
  return dot4(n, x, ox, y, oy, 3, (s) => s[0] + s[1] + (s[2] + s[3]));
}

/** Forward solve subtracting the sum Σ Lᵢₖyₖ at once instead of term by term. */
function summedSolveLower(n: number, L: Float64Array, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let t = 0;
    for (let k = 0; k < i; k++) t += L[ri + k] * b[k];
    b[i] = (b[i] - t) / L[ri + i];
  }
}

/** Backward solve with the terms in decreasing k. */
function reversedSolveLowerTransposed(n: number, L: Float64Array, b: Float64Array): void {
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = n - 1; k > i; k--) s -= L[k * n + i] * b[k];
    b[i] = s / L[i * n + i];
  }
}

const SIZES = [0, 1, 2, 3, 4, 5, 7, 8, 9, 31, 64, 65, 130, 650];

/** A random SPD matrix B·Bᵀ + 10⁻³·I (B standard normal), stored in full. */
function randomSpd(n: number, seed: number): Float64Array {
  const rng = new Random(seed);
  const B = Float64Array.from({ length: n * n }, () => rng.normal());
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += B[i * n + k] * B[j * n + k];
      A[i * n + j] = s;
      A[j * n + i] = s;
    }
    A[i * n + i] += 1e-3;
  }
  return A;
}

const matrices = new Map<number, Float64Array>();
function spd(n: number): Float64Array {
  let A = matrices.get(n);
  if (A === undefined) {
    A = randomSpd(n, 1000 + n);
    matrices.set(n, A);
  }
  return A;
}

const factors = new Map<number, Float64Array>();
/** The reference factor of spd(n) (callers must not modify it). */
function refFactor(n: number): Float64Array {
  let L = factors.get(n);
  if (L === undefined) {
    L = spd(n).slice();
    expect(refCholesky(n, L)).toBe(-1);
    factors.set(n, L);
  }
  return L;
}

function randomVector(n: number, seed: number): Float64Array {
  const rng = new Random(seed);
  return Float64Array.from({ length: n }, () => rng.normal());
}

/** Each implementation of `cholesky`, all of which must give the reference's bits. */
const FACTORISERS: [string, (n: number, A: Float64Array) => number][] = [
  ['cholesky (wasm backend)', (n, A) => cholesky(n, A)],
  [
    'cholesky (ts backend)',
    (n, A) => {
      setKernelBackend('ts');
      try {
        return cholesky(n, A);
      } finally {
        setKernelBackend('auto');
      }
    },
  ],
  ['choleskyBlocked', choleskyBlocked],
  [
    'choleskyWasm',
    (n, A) => {
      const r = choleskyWasm(n, A);
      if (r === null) throw new Error('WebAssembly unavailable');
      return r;
    },
  ],
];

describe('cholesky: the same bits as the unblocked factorisation', () => {
  afterAll(() => setKernelBackend('auto'));

  for (const [name, factor] of FACTORISERS) {
    it(`${name} on random SPD matrices of many sizes`, () => {
      for (const n of SIZES) {
        const expected = refFactor(n);
        const L = spd(n).slice();
        expect(factor(n, L), `n = ${n}`).toBe(-1);
        expect(L, `n = ${n}`).toEqual(expected);
      }
    });

    it(`${name} returns the same failing pivot and leaves A as the reference does`, () => {
      for (const n of [1, 2, 5, 9, 31, 130]) {
        for (const p of [0, 1, 2, 3, 4, 5, 6, 7, 8, 30, 33, 64, 127, 129]) {
          if (p >= n) continue;
          const A = spd(n).slice();
          A[p * n + p] = -1; // pivot p fails; the columns before it do not read Aₚₚ
          const expected = A.slice();
          expect(refCholesky(n, expected)).toBe(p);
          const L = A.slice();
          expect(factor(n, L), `n = ${n}, p = ${p}`).toBe(p);
          expect(L, `n = ${n}, p = ${p}`).toEqual(expected);
        }
      }
      const nan = new Float64Array(9 * 9).fill(Number.NaN);
      expect(factor(9, nan)).toBe(0);
    });
  }

  it('the comparisons tell a reordered sum apart (the tests above can fail)', () => {
    for (const reordered of [naiveDot, pairedDot, tailLastDot]) {
      let differs = 0;
      for (const n of SIZES) {
        const expected = refFactor(n);
        const L = spd(n).slice();
        refCholeskyWith(n, L, reordered);
        if (L.some((v, i) => !Object.is(v, expected[i]))) differs++;
      }
      expect(differs, reordered.name).toBeGreaterThan(0);
    }
  });

  it('choleskyDamped factors through the same code', () => {
    const n = 65;
    const L = new Float64Array(n * n);
    expect(choleskyDamped(n, spd(n), L)).toBe(0);
    const expected = refFactor(n);
    let same = true;
    for (let i = 0; i < n; i++) for (let k = 0; k <= i; k++) if (!Object.is(L[i * n + k], expected[i * n + k])) same = false;
    expect(same).toBe(true);
  });
});

describe('triangular solves: the same bits as the one-row-at-a-time reference', () => {
  it('solveLower, solveLowerTransposed and solveUpper on a mirrored factor', () => {
    for (const n of SIZES) {
      const L = refFactor(n);
      const M = L.slice();
      mirrorLower(n, M);
      let mirrored = true;
      for (let i = 0; i < n; i++) {
        for (let k = 0; k <= i; k++) {
          // The lower triangle is untouched and copied to the upper one.
          if (!Object.is(M[i * n + k], L[i * n + k]) || !Object.is(M[k * n + i], L[i * n + k])) mirrored = false;
        }
      }
      expect(mirrored, `mirrorLower, n = ${n}`).toBe(true);
      const b = randomVector(n, n);
      const y = b.slice();
      refSolveLower(n, L, y);
      const got = b.slice();
      solveLower(n, L, got);
      expect(got, `solveLower, n = ${n}`).toEqual(y);
      const x = b.slice();
      refSolveLowerTransposed(n, L, x);
      const gotT = b.slice();
      solveLowerTransposed(n, L, gotT);
      expect(gotT, `solveLowerTransposed, n = ${n}`).toEqual(x);
      const gotU = b.slice();
      solveUpper(n, M, gotU);
      expect(gotU, `solveUpper, n = ${n}`).toEqual(x);
      const full = b.slice();
      refSolveLower(n, L, full);
      refSolveLowerTransposed(n, L, full);
      const s1 = b.slice();
      choleskySolve(n, L, s1);
      expect(s1, `choleskySolve, n = ${n}`).toEqual(full);
      const s2 = b.slice();
      choleskySolveMirrored(n, M, s2);
      expect(s2, `choleskySolveMirrored, n = ${n}`).toEqual(full);
    }
  });

  it('the comparisons tell a reordered solve apart (the test above can fail)', () => {
    let lower = 0;
    let upper = 0;
    for (const n of SIZES) {
      const L = refFactor(n);
      const b = randomVector(n, n);
      const y = b.slice();
      refSolveLower(n, L, y);
      const y2 = b.slice();
      summedSolveLower(n, L, y2);
      if (y2.some((v, i) => !Object.is(v, y[i]))) lower++;
      const x = b.slice();
      refSolveLowerTransposed(n, L, x);
      const x2 = b.slice();
      reversedSolveLowerTransposed(n, L, x2);
      if (x2.some((v, i) => !Object.is(v, x[i]))) upper++;
    }
    expect(lower).toBeGreaterThan(0);
    expect(upper).toBeGreaterThan(0);
  });
});
