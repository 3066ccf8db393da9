import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../core/rng.js';
import { amax, axpy, dot, safeDot, scal } from './blas.js';
import { binaryLogisticPass, multinomialPass, squaredErrorPass } from './fused.js';
import { gemv, gemvT } from './gemv.js';
import { binaryLogLoss, expit, log1pexp, logExpit } from './scalar.js';

function randomArray(rng: Random, n: number, scale = 1): Float64Array {
  return Float64Array.from({ length: n }, () => scale * rng.normal());
}

function naiveDot(n: number, x: Float64Array, ox: number, y: Float64Array, oy: number): number {
  let s = 0;
  for (let k = 0; k < n; k++) s += x[ox + k] * y[oy + k];
  return s;
}

describe('level-1 kernels', () => {
  it('dot and axpy agree with naive loops for every length and offset', () => {
    const rng = new Random(1);
    for (let n = 0; n < 13; n++) {
      const x = randomArray(rng, n + 3);
      const y = randomArray(rng, n + 5);
      expect(dot(n, x, 3, y, 5)).toBeCloseTo(naiveDot(n, x, 3, y, 5), 12);
      const z = y.slice();
      axpy(n, 0.5, x, 3, z, 5);
      for (let k = 0; k < n; k++) expect(z[5 + k]).toBeCloseTo(y[5 + k] + 0.5 * x[3 + k], 14);
    }
  });

  it('scal and amax', () => {
    const x = Float64Array.of(1, -4, 2);
    scal(3, -2, x, 0);
    expect(Array.from(x)).toEqual([-2, 8, -4]);
    expect(amax(3, x, 0)).toBe(8);
  });

  it('safeDot never returns NaN for finite inputs and keeps exact answers when no overflow', () => {
    const big = 1e308;
    expect(safeDot(2, Float64Array.of(big, -big), 0, Float64Array.of(10, 10), 0)).toBe(0);
    expect(safeDot(2, Float64Array.of(big, big), 0, Float64Array.of(10, 10), 0)).toBe(Infinity);
    expect(safeDot(1, Float64Array.of(big), 0, Float64Array.of(0.5), 0, big)).toBe(1.5e308);
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 8 }), (xs) => {
        const x = Float64Array.from(xs);
        const v = safeDot(x.length, x, 0, x.slice().reverse(), 0, xs[0]);
        return !Number.isNaN(v);
      }),
    );
  });
});

describe('gemv / gemvT', () => {
  it('match naive matrix products, with beta', () => {
    const rng = new Random(2);
    const m = 7;
    const n = 5;
    const A = randomArray(rng, m * n);
    const x = randomArray(rng, n);
    const v = randomArray(rng, m);
    const y = new Float64Array(m).fill(1);
    gemv(m, n, A, 0, x, 0, y, 0, 2);
    for (let i = 0; i < m; i++) expect(y[i]).toBeCloseTo(naiveDot(n, A, i * n, x, 0) + 2, 12);
    const z = new Float64Array(n).fill(3);
    gemvT(m, n, A, 0, v, 0, z, 0, 1);
    for (let j = 0; j < n; j++) {
      let s = 3;
      for (let i = 0; i < m; i++) s += A[i * n + j] * v[i];
      expect(z[j]).toBeCloseTo(s, 12);
    }
  });
});

describe('scalar log-loss pieces are exact where clipping is not', () => {
  it('expit is in [0, 1], symmetric and exact in the tails', () => {
    for (const z of [-1e308, -800, -40, -1, 0, 1, 40, 800, 1e308, Infinity, -Infinity]) {
      const p = expit(z);
      expect(p >= 0 && p <= 1).toBe(true);
      expect(expit(-z)).toBeCloseTo(1 - p, 15);
    }
    expect(expit(-745)).toBeGreaterThan(0); // e^-745 is the smallest subnormal; clipping at ±500 would give e^-500
    expect(expit(-40)).toBe(Math.exp(-40) / (1 + Math.exp(-40)));
  });

  it('log1pexp and logExpit have no overflow and keep tiny values', () => {
    expect(log1pexp(1000)).toBe(1000);
    expect(log1pexp(-1000)).toBe(0);
    expect(log1pexp(-50)).toBe(Math.exp(-50));
    expect(logExpit(-1000)).toBe(-1000);
    expect(logExpit(1e308)).toBe(-0);
  });

  it('binaryLogLoss equals −[y log σ(z) + (1−y) log(1−σ(z))] and is finite for huge |z|', () => {
    for (const z of [-30, -3, -0.5, 0, 0.5, 3, 30]) {
      // −log σ(z) = log(1 + e^−z), −log(1 − σ(z)) = log(1 + e^z): the textbook forms without 1 − p.
      expect(binaryLogLoss(1, z)).toBeCloseTo(Math.log(1 + Math.exp(-z)), 12);
      expect(binaryLogLoss(0, z)).toBeCloseTo(Math.log(1 + Math.exp(z)), 12);
      expect(binaryLogLoss(0.25, z)).toBeCloseTo(0.25 * Math.log(1 + Math.exp(-z)) + 0.75 * Math.log(1 + Math.exp(z)), 12);
    }
    expect(binaryLogLoss(1, -1e308)).toBe(1e308);
    expect(binaryLogLoss(0, 1e308)).toBe(1e308);
    expect(binaryLogLoss(1, 1e308)).toBe(0);
    expect(binaryLogLoss(1, 800)).toBe(0);
    expect(binaryLogLoss(0, -40)).toBe(Math.log1p(Math.exp(-40)));
  });
});

/** Unfused references: scores, losses and gradients computed the textbook way. */
function reference(kind: 'binary' | 'squared', n: number, d: number, X: Float64Array, y: Float64Array, sw: Float64Array | null, params: Float64Array, fitIntercept: boolean) {
  const grad = new Float64Array(d + 1);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const z = naiveDot(d, X, i * d, params, 0) + (fitIntercept ? params[d] : 0);
    const s = sw ? sw[i] : 1;
    let g: number;
    if (kind === 'binary') {
      loss += s * binaryLogLoss(y[i], z);
      g = s * (expit(z) - y[i]);
    } else {
      loss += 0.5 * s * (z - y[i]) ** 2;
      g = s * (z - y[i]);
    }
    for (let j = 0; j < d; j++) grad[j] += g * X[i * d + j];
    grad[d] += g;
  }
  return { loss, grad: fitIntercept ? grad : grad.subarray(0, d) };
}

describe('fused row passes', () => {
  const rng = new Random(5);
  const n = 37;
  const d = 6;
  const X = randomArray(rng, n * d);
  const y01 = Float64Array.from({ length: n }, () => (rng.random() < 0.4 ? 1 : 0));
  const yr = randomArray(rng, n);
  const sw = Float64Array.from({ length: n }, () => rng.uniform(0.1, 2));
  for (const fitIntercept of [true, false]) {
    for (const weights of [null, sw]) {
      const tag = `${fitIntercept ? 'with' : 'without'} intercept, ${weights ? 'weighted' : 'unweighted'}`;
      it(`binaryLogisticPass equals the two-pass computation (${tag})`, () => {
        const params = randomArray(rng, d + 1);
        const grad = new Float64Array(d + 1).fill(99);
        const hw = new Float64Array(n);
        const loss = binaryLogisticPass(n, d, X, y01, weights, params, grad, 0, fitIntercept, hw);
        const ref = reference('binary', n, d, X, y01, weights, params, fitIntercept);
        expect(loss).toBeCloseTo(ref.loss, 10);
        for (let j = 0; j < ref.grad.length; j++) expect(grad[j]).toBeCloseTo(ref.grad[j], 10);
        for (let i = 0; i < n; i++) {
          const z = naiveDot(d, X, i * d, params, 0) + (fitIntercept ? params[d] : 0);
          const p = expit(z);
          expect(hw[i]).toBeCloseTo((weights ? weights[i] : 1) * p * (1 - p), 12);
        }
      });
      it(`squaredErrorPass equals the two-pass computation (${tag})`, () => {
        const params = randomArray(rng, d + 1);
        const grad = new Float64Array(d + 1);
        const loss = squaredErrorPass(n, d, X, yr, weights, params, grad, 0, fitIntercept);
        const ref = reference('squared', n, d, X, yr, weights, params, fitIntercept);
        expect(loss).toBeCloseTo(ref.loss, 10);
        for (let j = 0; j < ref.grad.length; j++) expect(grad[j]).toBeCloseTo(ref.grad[j], 10);
      });
      it(`multinomialPass equals the two-pass computation (${tag})`, () => {
        const K = 4;
        const yIdx = Int32Array.from({ length: n }, () => rng.int(K));
        const params = randomArray(rng, K * d + K);
        const grad = new Float64Array(K * d + K);
        const loss = multinomialPass(n, d, K, X, yIdx, weights, params, grad, fitIntercept, new Float64Array(K));
        let refLoss = 0;
        const refGrad = new Float64Array(K * d + K);
        for (let i = 0; i < n; i++) {
          const z = Array.from({ length: K }, (_, k) => naiveDot(d, X, i * d, params, k * d) + (fitIntercept ? params[K * d + k] : 0));
          const lse = Math.log(z.reduce((s, v) => s + Math.exp(v), 0));
          const s = weights ? weights[i] : 1;
          refLoss += s * (lse - z[yIdx[i]]);
          for (let k = 0; k < K; k++) {
            const g = s * (Math.exp(z[k] - lse) - (k === yIdx[i] ? 1 : 0));
            for (let j = 0; j < d; j++) refGrad[k * d + j] += g * X[i * d + j];
            refGrad[K * d + k] += g;
          }
        }
        expect(loss).toBeCloseTo(refLoss, 10);
        const len = K * d + (fitIntercept ? K : 0);
        for (let j = 0; j < len; j++) expect(grad[j]).toBeCloseTo(refGrad[j], 10);
      });
    }
  }

  it('binaryLogisticPass stays finite for scores near ±1e308', () => {
    const Xh = Float64Array.of(1e308, -1e308);
    const grad = new Float64Array(2);
    const loss = binaryLogisticPass(2, 1, Xh, Float64Array.of(1, 1), null, Float64Array.of(1, 0), grad, 0, true, null);
    expect(loss).toBe(1e308); // the misclassified row costs |z|, the other 0
    expect(Number.isFinite(grad[0]) && Number.isFinite(grad[1])).toBe(true);
  });
});
