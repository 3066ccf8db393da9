import { afterEach, describe, expect, it } from 'vitest';
import { Random } from '../core/rng.js';
import { ovrNormalizeInPlace, softmaxInPlace } from '../loss/link.js';
import { setKernelBackend } from './backend.js';
import { safeDot } from './blas.js';
import { predictPass } from './predict.js';
import {
  PREDICT_BINARY_LOG_PROBA,
  PREDICT_BINARY_PROBA,
  PREDICT_LOG_SOFTMAX,
  PREDICT_OVR,
  PREDICT_SCORES,
  PREDICT_SOFTMAX,
  predictStride,
} from './predictTs.js';
import { expit, log1pexp } from './scalar.js';

afterEach(() => setKernelBackend('auto'));

/** The straightforward prediction the fast pass replaces: safeDot scores, Math.exp/Math.log links. */
function reference(n: number, d: number, K: number, X: Float64Array, W: Float64Array, b: Float64Array, mode: number, scale: number): Float64Array {
  const stride = predictStride(mode, K);
  const out = new Float64Array(n * stride);
  for (let i = 0; i < n; i++) {
    const z = Array.from({ length: K }, (_, k) => safeDot(d, X, i * d, W, k * d, b[k]));
    const o = i * stride;
    if (mode === PREDICT_BINARY_PROBA) {
      out[o] = expit(-scale * z[0]);
      out[o + 1] = expit(scale * z[0]);
    } else if (mode === PREDICT_BINARY_LOG_PROBA) {
      out[o] = -log1pexp(scale * z[0]);
      out[o + 1] = -log1pexp(-scale * z[0]);
    } else {
      out.set(z, o);
      if (mode === PREDICT_SOFTMAX) softmaxInPlace(out, o, K);
      else if (mode === PREDICT_OVR) ovrNormalizeInPlace(out, o, K);
      else if (mode === PREDICT_LOG_SOFTMAX) {
        const m = Math.max(...z);
        const sum = z.reduce((s, v) => s + Math.exp(v - m), 0);
        for (let k = 0; k < K; k++) out[o + k] = z[k] - (m + Math.log(sum));
      }
    }
  }
  return out;
}

/** Runs the pass from row 0 on the chosen backend, resuming after rows it stops at; returns the outputs and the stops. */
function run(backend: 'ts' | 'wasm', n: number, d: number, K: number, X: Float64Array, W: Float64Array, b: Float64Array, mode: number, scale: number) {
  setKernelBackend(backend);
  const out = new Float64Array(n * predictStride(mode, K)).fill(-12345);
  const stops: number[] = [];
  for (let i = predictPass(0, n, d, K, X, W, b, mode, scale, out); i < n; i = predictPass(i + 1, n, d, K, X, W, b, mode, scale, out)) stops.push(i);
  setKernelBackend('auto');
  return { out, stops };
}

function bits(a: Float64Array): bigint[] {
  return Array.from(new BigUint64Array(a.buffer, a.byteOffset, a.length));
}

/** Smallest positive subnormal: exp's last-place difference where e^{−|z|} is subnormal. */
const TINY = 4.9406564584124654e-324;

/** Data whose scores span ±800 (so exp under- and overflows in a naive sigmoid), with a few exact zeros. */
function data(rng: Random, n: number, d: number, K: number) {
  const X = Float64Array.from({ length: n * d }, () => (rng.uniform() < 0.02 ? 0 : rng.normal()));
  const W = Float64Array.from({ length: K * d }, () => rng.normal(0, 800 / Math.sqrt(d)) * (rng.uniform() < 0.5 ? 1 : 1e-3));
  const b = Float64Array.from({ length: K }, () => rng.normal(0, 50));
  return { X, W, b };
}

const MODES: [string, number, number][] = [
  ['scores, K = 1', PREDICT_SCORES, 1],
  ['scores, K = 4', PREDICT_SCORES, 4],
  ['binary proba', PREDICT_BINARY_PROBA, 1],
  ['binary proba, two-class softmax (scale 2)', PREDICT_BINARY_PROBA, 1],
  ['binary log-proba', PREDICT_BINARY_LOG_PROBA, 1],
  ['softmax, K = 3', PREDICT_SOFTMAX, 3],
  ['softmax, K = 10', PREDICT_SOFTMAX, 10],
  ['log-softmax, K = 5', PREDICT_LOG_SOFTMAX, 5],
  ['softmax, K = 61 (blocks bounded by the output, not X)', PREDICT_SOFTMAX, 61],
  ['one-vs-rest, K = 4', PREDICT_OVR, 4],
];

// Odd sizes exercise every tail (d mod 4, odd row counts in the paired SIMD exps); n beyond one
// WebAssembly block (16384/d rows) exercises block seams.
const SHAPES: [number, number][] = [
  [0, 3],
  [1, 1],
  [2, 3],
  [7, 5],
  [301, 9],
  [3001, 7],
  [50, 33],
];

describe('predictPass', () => {
  for (const [label, mode, K] of MODES) {
    it(`${label}: WebAssembly and TypeScript agree bit for bit and match the Math-based reference`, () => {
      const rng = new Random(mode * 31 + K);
      const scale = label.includes('scale 2') ? 2 : 1;
      for (const [n, d] of SHAPES) {
        const { X, W, b } = data(rng, n, d, K);
        const ts = run('ts', n, d, K, X, W, b, mode, scale);
        const wasm = run('wasm', n, d, K, X, W, b, mode, scale);
        expect(ts.stops).toEqual([]);
        expect(wasm.stops).toEqual([]);
        expect(bits(wasm.out)).toEqual(bits(ts.out));
        const ref = reference(n, d, K, X, W, b, mode, scale);
        const stride = predictStride(mode, K);
        for (let i = 0; i < n; i++) {
          // Scores: bit for bit safeDot's. Outputs: the kernels' exp/log1p/log are within 1–2 ulp
          // of Math's (elementary.ts), so ≤ 1e-15 relative, or one subnormal step for results
          // below 2^−1022; log-softmax z − lse within 1e-15 of its terms; one-vs-rest within
          // the rounding of log σ(z) (≈ |z|·2^−52) carried through exp.
          const zmax = Math.max(...Array.from({ length: K }, (_, k) => Math.abs(safeDot(d, X, i * d, W, k * d, b[k]))));
          for (let k = 0; k < stride; k++) {
            const a = ts.out[i * stride + k];
            const r = ref[i * stride + k];
            let tol: number;
            if (mode === PREDICT_SCORES) tol = 0;
            else if (mode === PREDICT_LOG_SOFTMAX) tol = 1e-15 * Math.max(1, zmax);
            else if (mode === PREDICT_OVR) tol = Math.abs(r) * (1e-15 + 8 * zmax * 2 ** -52) + 2 * TINY;
            else tol = 1e-15 * Math.abs(r) + 2 * TINY;
            if (!(Math.abs(a - r) <= tol)) throw new Error(`${label} n=${n} d=${d} row ${i} out ${k}: ${a} vs reference ${r} (z max ${zmax})`);
          }
        }
        if (mode === PREDICT_BINARY_PROBA || mode === PREDICT_SOFTMAX || mode === PREDICT_OVR) {
          for (let i = 0; i < n; i++) {
            let s = 0;
            for (let k = 0; k < stride; k++) {
              const p = ts.out[i * stride + k];
              expect(p >= 0 && p <= 1).toBe(true);
              s += p;
            }
            expect(Math.abs(s - 1)).toBeLessThanOrEqual(1e-15 * stride);
          }
        }
      }
    });
  }

  it('scores equal safeDot bit for bit, with and without an intercept', () => {
    const rng = new Random(5);
    for (const [n, d] of SHAPES) {
      for (const K of [1, 3]) {
        const { X, W } = data(rng, n, d, K);
        for (const b of [new Float64Array(K), Float64Array.from({ length: K }, () => rng.normal())]) {
          const ref = reference(n, d, K, X, W, b, PREDICT_SCORES, 1);
          for (const backend of ['ts', 'wasm'] as const) expect(bits(run(backend, n, d, K, X, W, b, PREDICT_SCORES, 1).out)).toEqual(bits(ref));
        }
      }
    }
  });

  it('stops at rows with NaN, ±Infinity or an overflowing score, on both backends, and resumes after them', () => {
    const n = 5000;
    const d = 6;
    const rng = new Random(9);
    for (const [mode, K] of [
      [PREDICT_SCORES, 1],
      [PREDICT_BINARY_PROBA, 1],
      [PREDICT_BINARY_LOG_PROBA, 1],
      [PREDICT_SOFTMAX, 4],
      [PREDICT_LOG_SOFTMAX, 3],
      [PREDICT_OVR, 2],
    ]) {
      const { X, W, b } = data(rng, n, d, K);
      X[3 * d + 2] = NaN;
      X[2730 * d + 5] = Infinity; // the second WebAssembly block's first row (16384/6 = 2730 rows per block)
      X[2731 * d] = -Infinity;
      X[4000 * d + 1] = 1e308; // finite, but the products overflow (3e308 − 2.5e308: safeDot's case)
      X[4000 * d + 2] = 1e308;
      for (let k = 0; k < K; k++) {
        W[k * d + 1] = 3;
        W[k * d + 2] = -2.5;
      }
      X[n * d - 1] = NaN; // the last row
      const expected = [3, 2730, 2731, 4000, n - 1];
      const ts = run('ts', n, d, K, X, W, b, mode, 1);
      const wasm = run('wasm', n, d, K, X, W, b, mode, 1);
      expect(ts.stops).toEqual(expected);
      expect(wasm.stops).toEqual(expected);
      // Every other row is computed, and identically.
      const stride = predictStride(mode, K);
      for (const i of expected) {
        ts.out.fill(0, i * stride, (i + 1) * stride);
        wasm.out.fill(0, i * stride, (i + 1) * stride);
      }
      expect(bits(wasm.out)).toEqual(bits(ts.out));
      expect(ts.out.includes(-12345)).toBe(false);
    }
  });

  it('does nothing for zero rows or when starting at n', () => {
    for (const backend of ['ts', 'wasm'] as const) {
      setKernelBackend(backend);
      const out = new Float64Array(0);
      expect(predictPass(0, 0, 3, 1, new Float64Array(0), new Float64Array(3), new Float64Array(1), PREDICT_BINARY_PROBA, 1, out)).toBe(0);
      expect(predictPass(4, 4, 1, 2, new Float64Array(4), new Float64Array(2), new Float64Array(2), PREDICT_SOFTMAX, 1, new Float64Array(8))).toBe(4);
    }
  });
});
