import { afterEach, describe, expect, it } from 'vitest';
import { LogitRangeError } from '../core/errors.js';
import { Random } from '../core/rng.js';
import { expectClose } from '../../test/helpers.js';
import { kernelBackend, setKernelBackend, type KernelBackend } from './backend.js';
import { binaryLogisticPass, columnMoments, multinomialHessianPass, multinomialPass, scaledWeightedGram, squaredErrorPass } from './fused.js';
import { classPair, dot8, lastClassPairs } from './fusedTs.js';
import { expit } from './scalar.js';
import { pinRows, type RowStore } from './wasm.js';

afterEach(() => setKernelBackend('auto'));

function randomArray(rng: Random, n: number, scale = 1): Float64Array {
  return Float64Array.from({ length: n }, () => scale * rng.normal());
}

/**
 * Runs `f` on the TypeScript kernels, on the WebAssembly kernels streaming X, and on the
 * WebAssembly kernels reading a pinned copy of X; checks the two WebAssembly results are
 * identical and returns the TypeScript one and the streamed one.
 */
function both<T>(X: Float64Array, n: number, d: number, f: (store: RowStore | null) => T): Record<KernelBackend, T> {
  setKernelBackend('ts');
  const ts = f(null);
  setKernelBackend('wasm');
  const wasm = f(null);
  const store = pinRows(X, n, d);
  expect(store).not.toBeNull();
  const pinned = f(store);
  setKernelBackend('auto');
  expect(pinned).toEqual(wasm);
  return { ts, wasm };
}

/** |a − b| ≤ rtol·max(1, |b|) for scalars, with the inputs in the message. */
function closeScalar(a: number, b: number, rtol: number, label: string): void {
  if (!(Math.abs(a - b) <= rtol * Math.max(1, Math.abs(b)))) throw new Error(`${label}: ${a} vs ${b}`);
}

// Odd sizes exercise every tail (d mod 8, d mod 4, odd D for the Gram lead-in); n beyond one
// streamed block (about 8192/d rows; 8…256 rows for the Gram kernels) exercises block seams.
const SHAPES: [number, number][] = [
  [0, 3],
  [1, 1],
  [5, 2],
  [37, 7],
  [64, 8],
  [301, 9],
  [203, 17],
  [97, 67],
  [3000, 5],
];

describe('WebAssembly kernels', () => {
  it('are available in Node and selected by default', () => {
    expect(kernelBackend()).toBe('wasm');
    setKernelBackend('ts');
    expect(kernelBackend()).toBe('ts');
  });

  it('a pinned store is used only for the very array it copied', () => {
    const X = Float64Array.of(1, 2, 3, 4);
    const store = pinRows(X, 2, 2);
    const other = Float64Array.of(10, 20, 30, 40);
    const grad = new Float64Array(3);
    setKernelBackend('wasm');
    const a = squaredErrorPass(2, 2, other, Float64Array.of(0, 0), null, Float64Array.of(1, 1, 0), grad, 0, true, store);
    expect(a).toBe(0.5 * (30 * 30 + 70 * 70)); // read `other`, not the pinned X
  });

  it('setKernelBackend rejects unknown names with a LogitRangeError naming the value', () => {
    expect(() => setKernelBackend('gpu' as never)).toThrow(LogitRangeError);
    expect(() => setKernelBackend('gpu' as never)).toThrow(/'auto', 'wasm' or 'ts'; received "gpu"/);
  });

  it('dot8 equals a naive dot product for every length and offset', () => {
    const rng = new Random(3);
    for (let d = 0; d < 40; d++) {
      const x = randomArray(rng, d + 3);
      const w = randomArray(rng, d + 5);
      let s = 0;
      for (let j = 0; j < d; j++) s += x[3 + j] * w[5 + j];
      closeScalar(dot8(d, x, 3, w, 5), s, 1e-13, `d=${d}`);
    }
  });
});

describe('TypeScript and WebAssembly fused passes agree bit for bit and match naive references', () => {
  const rng = new Random(11);
  for (const [n, d] of SHAPES) {
    for (const fitIntercept of [true, false]) {
      for (const weighted of [false, true]) {
        const tag = `${n}×${d}, ${fitIntercept ? 'intercept' : 'no intercept'}, ${weighted ? 'weighted' : 'unweighted'}`;
        const X = randomArray(rng, n * d);
        const sw = weighted ? Float64Array.from({ length: n }, () => rng.uniform(0, 2)) : null;
        it(`binaryLogisticPass (${tag})`, () => {
          const y = Float64Array.from({ length: n }, () => (rng.random() < 0.4 ? 1 : 0));
          const params = randomArray(rng, d + 1, 0.7);
          const og = 3;
          const run = (store: RowStore | null) => {
            const grad = new Float64Array(og + d + 1).fill(99);
            const hw = new Float64Array(n);
            const loss = binaryLogisticPass(n, d, X, y, sw, params, grad, og, fitIntercept, hw, store);
            return { loss, grad, hw };
          };
          const r = both(X, n, d, run);
          expect(r.wasm.loss).toBe(r.ts.loss);
          expect(Array.from(r.wasm.grad)).toEqual(Array.from(r.ts.grad));
          expect(Array.from(r.wasm.hw)).toEqual(Array.from(r.ts.hw));
          expect(Array.from(r.wasm.grad.subarray(0, og))).toEqual([99, 99, 99]); // nothing written before og
          if (!fitIntercept) expect(r.wasm.grad[og + d]).toBe(99);
          // Naive reference: textbook loss and gradient.
          let loss = 0;
          const g = new Float64Array(d + 1);
          for (let i = 0; i < n; i++) {
            let z = fitIntercept ? params[d] : 0;
            for (let j = 0; j < d; j++) z += X[i * d + j] * params[j];
            const s = sw ? sw[i] : 1;
            loss += s * (Math.log(1 + Math.exp(z)) - y[i] * z);
            const gi = s * (expit(z) - y[i]);
            for (let j = 0; j < d; j++) g[j] += gi * X[i * d + j];
            g[d] += gi;
            const p = expit(z);
            closeScalar(r.wasm.hw[i], s * p * (1 - p), 1e-12, `hw[${i}]`);
          }
          closeScalar(r.wasm.loss, loss, 1e-11, 'reference loss');
          expectClose(r.wasm.grad.subarray(og, og + d + (fitIntercept ? 1 : 0)), g.subarray(0, d + (fitIntercept ? 1 : 0)), 1e-11, 'reference grad');
        });
        it(`squaredErrorPass (${tag})`, () => {
          const y = randomArray(rng, n);
          const params = randomArray(rng, d + 1);
          const run = (store: RowStore | null) => {
            const grad = new Float64Array(d + 1);
            return { loss: squaredErrorPass(n, d, X, y, sw, params, grad, 0, fitIntercept, store), grad };
          };
          const r = both(X, n, d, run);
          expect(r.wasm.loss).toBe(r.ts.loss);
          expect(Array.from(r.wasm.grad)).toEqual(Array.from(r.ts.grad));
          let loss = 0;
          const g = new Float64Array(d + 1);
          for (let i = 0; i < n; i++) {
            let z = fitIntercept ? params[d] : 0;
            for (let j = 0; j < d; j++) z += X[i * d + j] * params[j];
            const s = sw ? sw[i] : 1;
            loss += 0.5 * s * (z - y[i]) ** 2;
            for (let j = 0; j < d; j++) g[j] += s * (z - y[i]) * X[i * d + j];
            g[d] += s * (z - y[i]);
          }
          closeScalar(r.wasm.loss, loss, 1e-11, 'reference loss');
          expectClose(r.wasm.grad.subarray(0, d + (fitIntercept ? 1 : 0)), g.subarray(0, d + (fitIntercept ? 1 : 0)), 1e-11, 'reference grad');
        });
        for (const K of [2, 3, 7]) {
          it(`multinomialPass, ${K} classes (${tag})`, () => {
            const yIdx = Int32Array.from({ length: n }, () => rng.int(K));
            const params = randomArray(rng, K * d + K);
            const run = (store: RowStore | null) => {
              const grad = new Float64Array(K * d + K).fill(fitIntercept ? 0 : 5);
              return { loss: multinomialPass(n, d, K, X, yIdx, sw, params, grad, fitIntercept, new Float64Array(K), store), grad };
            };
            const r = both(X, n, d, run);
            expect(r.wasm.loss).toBe(r.ts.loss);
            expect(Array.from(r.wasm.grad)).toEqual(Array.from(r.ts.grad));
            let loss = 0;
            const g = new Float64Array(K * d + K);
            for (let i = 0; i < n; i++) {
              const z = Array.from({ length: K }, (_, k) => {
                let s = fitIntercept ? params[K * d + k] : 0;
                for (let j = 0; j < d; j++) s += X[i * d + j] * params[k * d + j];
                return s;
              });
              const lse = Math.log(z.reduce((s, v) => s + Math.exp(v), 0));
              const s = sw ? sw[i] : 1;
              loss += s * (lse - z[yIdx[i]]);
              for (let k = 0; k < K; k++) {
                const gk = s * (Math.exp(z[k] - lse) - (k === yIdx[i] ? 1 : 0));
                for (let j = 0; j < d; j++) g[k * d + j] += gk * X[i * d + j];
                g[K * d + k] += gk;
              }
            }
            closeScalar(r.wasm.loss, loss, 1e-11, 'reference loss');
            const len = K * d + (fitIntercept ? K : 0);
            expectClose(r.wasm.grad.subarray(0, len), g.subarray(0, len), 1e-11, 'reference grad');
            if (!fitIntercept) expect(Array.from(r.wasm.grad.subarray(K * d))).toEqual(new Array(K).fill(5)); // intercept slots untouched
          });
        }
      }
    }
  }
});

describe('the paired (f64x2) exp/log1p lanes agree with the scalar TypeScript ones at the extremes', () => {
  it('binaryLogisticPass and multinomialPass on scores from 0 to ±1e308, odd and even row counts', () => {
    const zs = [0, -0, 1e-20, -1e-20, 0.3, -0.35, 30, -30, 708.5, -709.9, 745.1, -745.2, 746, -800, 1e5, -1e308, 1e308, 2.5];
    for (const n of [zs.length, zs.length - 1]) {
      const X = Float64Array.from(zs.slice(0, n));
      const y = Float64Array.from({ length: n }, (_, i) => i % 2);
      const sw = Float64Array.from({ length: n }, (_, i) => 0.5 + (i % 3));
      const r = both(X, n, 1, (store) => {
        const grad = new Float64Array(2);
        const hw = new Float64Array(n);
        const loss = binaryLogisticPass(n, 1, X, y, sw, Float64Array.of(1, 0), grad, 0, true, hw, store);
        return { loss, grad, hw };
      });
      expect(r.wasm).toEqual(r.ts);
      expect(Number.isNaN(r.wasm.loss)).toBe(false); // may overflow to +Infinity (two rows of 1e308), never NaN
      // K = 3: one class at a time; K = 6: four classes' exps interleaved, then two.
      for (const [K, params] of [
        [3, [1, -0.5, 0, 0, 1, -1]],
        [6, [1, -0.5, 0.25, -1, 2, 0, 0, 1, -1, 3, -700, 0.5]],
      ] as const) {
        const yIdx = Int32Array.from({ length: n }, (_, i) => i % K);
        const m = both(X, n, 1, (store) => {
          const grad = new Float64Array(2 * K);
          const loss = multinomialPass(n, 1, K, X, yIdx, sw, Float64Array.from(params), grad, true, new Float64Array(K), store);
          return { loss, grad };
        });
        expect(m.wasm).toEqual(m.ts);
      }
    }
  });
});

/** Row-at-a-time reference for Σᵢ hᵢ·x̃ᵢx̃ᵢᵀ (full matrix). */
function naiveGram(n: number, d: number, X: Float64Array, h: Float64Array | null, center: Float64Array | null, scale: Float64Array | null, ones: boolean, y: Float64Array | null = null): Float64Array {
  const D = d + (ones ? 1 : 0) + (y ? 1 : 0);
  const H = new Float64Array(D * D);
  const x = new Float64Array(D);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) x[j] = (X[i * d + j] - (center ? center[j] : 0)) / (scale ? scale[j] : 1);
    if (ones) x[d] = 1;
    if (y) x[D - 1] = y[i];
    for (let a = 0; a < D; a++) for (let b = 0; b < D; b++) H[a * D + b] += (h ? h[i] : 1) * x[a] * x[b];
  }
  return H;
}

describe('Hessian kernels agree across backends and with row-at-a-time references', () => {
  const rng = new Random(17);
  for (const [n, d] of SHAPES) {
    for (const [ones, withY] of [[true, false], [false, false], [true, true], [false, true]]) {
      it(`scaledWeightedGram ${n}×${d}, ${ones ? 'with' : 'without'} intercept column${withY ? ', with a y column' : ''}, embedded at an offset`, () => {
        const X = randomArray(rng, n * d, 2);
        const h = Float64Array.from({ length: n }, () => (rng.random() < 0.2 ? 0 : rng.uniform(0, 0.25)));
        const y = withY ? randomArray(rng, n, 3) : null;
        const center = ones ? randomArray(rng, d) : null;
        const scale = Float64Array.from({ length: d }, () => rng.uniform(0.5, 3));
        const D = d + (ones ? 1 : 0) + (withY ? 1 : 0);
        const ld = D + 3;
        const oH = 2 * ld + 1;
        const run = (store: RowStore | null) => {
          const H = new Float64Array(oH + D * ld).fill(0.5); // accumulates onto what is there
          scaledWeightedGram(n, d, X, h, center, scale, ones, H, oH, ld, store, y);
          return H;
        };
        const r = both(X, n, d, run);
        expect(Array.from(r.wasm)).toEqual(Array.from(r.ts));
        const ref = naiveGram(n, d, X, h, center, scale, ones, y);
        for (let a = 0; a < D; a++) {
          for (let b = 0; b < D; b++) {
            const v = r.wasm[oH + a * ld + b];
            if (b >= a) closeScalar(v, 0.5 + ref[a * D + b], 1e-11, `H[${a}][${b}]`);
            else expect(v).toBe(0.5); // lower triangle untouched
          }
        }
        expect(r.wasm[oH - 1]).toBe(0.5);
      });
    }
    it(`scaledWeightedGram ${n}×${d}: zero columns and zero-weight blocks skip rows of H exactly as the one-row loop`, () => {
      // Columns 1 and 2 are zero (no centring), so H rows 1 and 2 see only zero weights: the
      // paired WebAssembly loop must fall back to one row at a time and leave them untouched.
      const X = randomArray(rng, n * d, 2);
      for (let i = 0; i < n; i++) for (const j of [1, 2]) if (j < d) X[i * d + j] = 0;
      const h = Float64Array.from({ length: n }, (_, i) => (i % 300 < 150 ? 0 : rng.uniform(0, 1)));
      const run = (store: RowStore | null) => {
        const H = new Float64Array((d + 1) * (d + 1)).fill(-0);
        scaledWeightedGram(n, d, X, h, null, null, true, H, 0, d + 1, store);
        return H;
      };
      const r = both(X, n, d, run);
      expect(r.wasm.every((v, i) => Object.is(v, r.ts[i]))).toBe(true);
      for (const j of [1, 2]) if (j < d) for (let b = j; b <= d; b++) expect(Object.is(r.wasm[j * (d + 1) + b], -0)).toBe(true);
    });
    for (const K of [2, 3, 5]) {
      it(`multinomialHessianPass ${n}×${d}, ${K} classes: symmetric, equal to Σ sᵢ(diag p − ppᵀ) ⊗ x̃x̃ᵀ`, () => {
        if (n * K * d > 40000) return; // the reference is O(n·K²·D²)
        const X = randomArray(rng, n * d);
        const sw = Float64Array.from({ length: n }, () => rng.uniform(0, 2));
        const fitIntercept = (n + d) % 2 === 0;
        const D = fitIntercept ? d + 1 : d;
        const center = fitIntercept ? randomArray(rng, d) : null;
        const scale = Float64Array.from({ length: d }, () => rng.uniform(0.5, 2));
        const w = randomArray(rng, K * d + K);
        const size = K * D;
        // θ layout: K·d weights then K intercepts.
        const index = new Int32Array(K * D);
        for (let c = 0; c < K; c++) for (let a = 0; a < D; a++) index[c * D + a] = a < d ? c * d + a : K * d + c;
        const run = (store: RowStore | null) => {
          const H = new Float64Array(size * size);
          multinomialHessianPass(n, d, K, X, sw, w, fitIntercept, center, scale, index, H, size, new Float64Array(((K * (K + 1)) / 2) * D * D), store);
          return H;
        };
        const r = both(X, n, d, run);
        expect(Array.from(r.wasm)).toEqual(Array.from(r.ts));
        const ref = new Float64Array(size * size);
        const x = new Float64Array(D);
        for (let i = 0; i < n; i++) {
          const z = Array.from({ length: K }, (_, k) => {
            let s = fitIntercept ? w[K * d + k] : 0;
            for (let j = 0; j < d; j++) s += X[i * d + j] * w[k * d + j];
            return s;
          });
          const m = Math.max(...z);
          const e = z.map((v) => Math.exp(v - m));
          const S = e.reduce((a, b) => a + b, 0);
          const p = e.map((v) => v / S);
          for (let j = 0; j < d; j++) x[j] = (X[i * d + j] - (center ? center[j] : 0)) / scale[j];
          if (fitIntercept) x[d] = 1;
          for (let k = 0; k < K; k++)
            for (let l = 0; l < K; l++)
              for (let a = 0; a < D; a++)
                for (let b = 0; b < D; b++) ref[index[k * D + a] * size + index[l * D + b]] += sw[i] * p[k] * ((k === l ? 1 : 0) - p[l]) * x[a] * x[b];
        }
        expectClose(r.wasm, ref, 1e-11, 'reference');
        for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) expect(r.wasm[a * size + b]).toBe(r.wasm[b * size + a]);
      });
    }
  }
});

describe('lastClassPairs', () => {
  // The last class's Gram blocks from the others' (rows of diag(p) − ppᵀ sum to zero), against
  // blocks summed directly over the rows, including a last class far rarer than the rest.
  for (const [K, lastBias] of [[2, 0], [4, 0], [4, -25], [7, 3]] as const) {
    it(`K = ${K}, last class bias ${lastBias}: equal to the blocks summed over the rows`, () => {
      const rng = new Random(40 + K);
      const n = 300;
      const D = 6;
      const B = Float64Array.from({ length: n * D }, () => rng.normal());
      const P = new Float64Array(n * K);
      for (let i = 0; i < n; i++) {
        const z = Array.from({ length: K }, (_, k) => rng.normal() + (k === K - 1 ? lastBias : 0));
        const m = Math.max(...z);
        const e = z.map((v) => Math.exp(v - m));
        const S = e.reduce((a, b) => a + b, 0);
        for (let k = 0; k < K; k++) P[i * K + k] = e[k] / S;
      }
      const pairs = (K * (K + 1)) / 2;
      const direct = new Float64Array(pairs * D * D);
      for (let k = 0; k < K; k++) {
        for (let l = k; l < K; l++) {
          const o = classPair(K, k, l) * D * D;
          for (let i = 0; i < n; i++) {
            const c = P[i * K + k] * ((k === l ? 1 : 0) - P[i * K + l]);
            for (let a = 0; a < D; a++) for (let b = a; b < D; b++) direct[o + a * D + b] += c * B[i * D + a] * B[i * D + b];
          }
        }
      }
      const G = direct.slice();
      for (let k = 0; k < K; k++) G.fill(Number.NaN, classPair(K, k, K - 1) * D * D, (classPair(K, k, K - 1) + 1) * D * D);
      lastClassPairs(K, D, G);
      const upper = (M: Float64Array) => Array.from(M).filter((_, j) => j % D >= Math.floor(j / D) % D);
      expectClose(upper(G), upper(direct), 1e-13, 'all blocks');
      // The other blocks are untouched.
      for (let k = 0; k < K - 1; k++) for (let l = k; l < K - 1; l++) {
        const o = classPair(K, k, l) * D * D;
        expect(G.subarray(o, o + D * D)).toEqual(direct.subarray(o, o + D * D));
      }
    });
  }
});

describe('columnMoments', () => {
  it('weighted sums and centred squares agree across backends and with a naive loop', () => {
    const rng = new Random(23);
    for (const [n, d] of SHAPES) {
      const X = randomArray(rng, n * d, 3);
      const sw = Float64Array.from({ length: n }, () => rng.uniform(0, 2));
      const mean = randomArray(rng, d);
      for (const weights of [null, sw]) {
        for (const mu of [null, mean]) {
          const r = both(X, n, d, (store) => {
            const out = new Float64Array(d).fill(1);
            columnMoments(n, d, X, weights, mu, out, store);
            return out;
          });
          expect(Array.from(r.wasm)).toEqual(Array.from(r.ts));
          const ref = new Float64Array(d).fill(1);
          for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) ref[j] += (weights ? weights[i] : 1) * (mu ? (X[i * d + j] - mu[j]) ** 2 : X[i * d + j]);
          expectClose(r.wasm, ref, 1e-12, `reference ${n}×${d}`);
        }
      }
    }
  });
});
