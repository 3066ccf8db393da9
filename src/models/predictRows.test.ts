import { afterEach, describe, expect, it } from 'vitest';
import { Matrix } from '../core/matrix.js';
import { Random } from '../core/rng.js';
import { setKernelBackend } from '../kernels/backend.js';
import { safeDot } from '../kernels/blas.js';
import { expit, log1pexp } from '../kernels/scalar.js';
import { ovrNormalizeInPlace, softmaxInPlace } from '../loss/link.js';
import { LinearRegression } from './linearRegression.js';
import { LogisticRegression } from './logisticRegression.js';

afterEach(() => setKernelBackend('auto'));

/** Bits of a Float64Array, for exact comparisons that also tell −0 from +0. */
function bits(a: Float64Array): bigint[] {
  return Array.from(new BigUint64Array(a.buffer, a.byteOffset, a.length));
}

const TINY = 4.9406564584124654e-324;

interface Reference {
  z: Float64Array;
  proba: Float64Array;
  logProba: Float64Array;
}

/**
 * The prediction as it was computed before the fused pass: safeDot scores, then scalar.ts
 * expit / log1pexp and loss/link.ts softmax and one-vs-rest normalisation, with Math.exp/log.
 */
function reference(m: LogisticRegression, X: Matrix, multinomial: boolean): Reference {
  const W = m.coef.data;
  const b = m.intercept;
  const R = m.coef.rows;
  const K = m.classes.length;
  const d = X.cols;
  const n = X.rows;
  const z = new Float64Array(n * R);
  for (let i = 0; i < n; i++) for (let r = 0; r < R; r++) z[i * R + r] = safeDot(d, X.data, i * d, W, r * d, b[r]);
  const proba = new Float64Array(n * K);
  const logProba = new Float64Array(n * K);
  for (let i = 0; i < n; i++) {
    if (R === 1) {
      const s = multinomial ? 2 * z[i] : z[i];
      proba[2 * i] = expit(-s);
      proba[2 * i + 1] = expit(s);
      logProba[2 * i] = -log1pexp(s);
      logProba[2 * i + 1] = -log1pexp(-s);
      continue;
    }
    const row = z.slice(i * K, (i + 1) * K);
    proba.set(row, i * K);
    if (multinomial) {
      softmaxInPlace(proba, i * K, K);
      const mx = Math.max(...row);
      if (!Number.isFinite(mx)) {
        for (let k = 0; k < K; k++) logProba[i * K + k] = Math.log(proba[i * K + k]);
        continue;
      }
      let sum = 0;
      for (let k = 0; k < K; k++) sum += Math.exp(row[k] - mx);
      for (let k = 0; k < K; k++) logProba[i * K + k] = row[k] - (mx + Math.log(sum));
    } else {
      ovrNormalizeInPlace(proba, i * K, K);
      for (let k = 0; k < K; k++) logProba[i * K + k] = Math.log(proba[i * K + k]);
    }
  }
  return { z, proba, logProba };
}

/** Random training data with K classes, and prediction rows whose scores reach |z| ≈ 800 and one finite row that overflows a plain dot product. */
function problem(seed: number, K: number, d: number) {
  const rng = new Random(seed);
  const n = 240;
  const X = Float64Array.from({ length: n * d }, () => rng.normal());
  const y = Array.from({ length: n }, (_, i) => i % K);
  for (let i = 0; i < n; i++) X[i * d + (y[i] % d)] += 1.5;
  const rows = 3000; // beyond one WebAssembly block for these d
  const P = Float64Array.from({ length: rows * d }, () => rng.normal());
  for (let i = 0; i < rows; i += 7) for (let j = 0; j < d; j++) P[i * d + j] *= 150 * rng.uniform(); // |z| up to several hundred
  P[11 * d] = 1e308; // finite row whose products overflow: safeDot's rescaled path
  P[11 * d + 1] = -1e308;
  return { train: new Matrix(n, d, X), y, test: new Matrix(rows, d, P) };
}

const CASES: [string, number, Record<string, unknown>][] = [
  ['binary', 2, {}],
  ['binary without intercept', 2, { fitIntercept: false }],
  ['two-class multinomial', 2, { multiClass: 'multinomial' }],
  ['multinomial, 3 classes', 3, {}],
  ['multinomial, 5 classes, no intercept', 5, { fitIntercept: false }],
  ['one-vs-rest, 4 classes', 4, { multiClass: 'ovr' }],
];

describe('LogisticRegression prediction (the fused pass)', () => {
  for (const [label, K, options] of CASES) {
    it(`${label}: matches the straightforward computation, identically on both backends`, () => {
      const { train, y, test } = problem(K * 7 + Object.keys(options).length, K, 6);
      const m = new LogisticRegression({ ...options, C: 100 }).fit(train, y);
      const multinomial = options.multiClass === 'multinomial' || (K > 2 && options.multiClass !== 'ovr');
      const ref = reference(m, test, multinomial);
      const out: Record<string, { z: Float64Array; p: Float64Array; lp: Float64Array; labels: unknown[] }> = {};
      for (const backend of ['ts', 'wasm'] as const) {
        setKernelBackend(backend);
        out[backend] = { z: m.decisionFunction(test).data, p: m.predictProba(test).data, lp: m.predictLogProba(test).data, labels: m.predict(test) };
      }
      const { ts, wasm } = out;
      expect(bits(wasm.z)).toEqual(bits(ts.z));
      expect(bits(wasm.p)).toEqual(bits(ts.p));
      expect(bits(wasm.lp)).toEqual(bits(ts.lp));
      expect(wasm.labels).toEqual(ts.labels);
      // Scores are safeDot's, bit for bit (the overflowing row included).
      expect(bits(ts.z)).toEqual(bits(ref.z));
      const R = m.coef.rows;
      const zmax = (i: number) => Math.max(...Array.from(ref.z.subarray(i * R, (i + 1) * R), Math.abs));
      for (let i = 0; i < test.rows; i++) {
        for (let k = 0; k < K; k++) {
          const at = i * K + k;
          const [p, r] = [ts.p[at], ref.proba[at]];
          const ptol = label.startsWith('one-vs-rest') ? Math.abs(r) * (1e-15 + 8 * zmax(i) * 2 ** -52) + 2 * TINY : 1e-15 * Math.abs(r) + 2 * TINY;
          if (!(Math.abs(p - r) <= ptol || p === r)) throw new Error(`${label} predictProba[${i}][${k}] = ${p}, reference ${r}`);
          const [lp, lr] = [ts.lp[at], ref.logProba[at]];
          const ltol = R === 1 ? 1e-15 * Math.abs(lr) + 2 * TINY : label.startsWith('one-vs-rest') ? 1e-15 * Math.abs(lr) + 8 * zmax(i) * 2 ** -52 : 1e-15 * Math.max(1, zmax(i));
          if (!(Math.abs(lp - lr) <= ltol || lp === lr)) throw new Error(`${label} predictLogProba[${i}][${k}] = ${lp}, reference ${lr}`);
        }
        // predict is the argmax of predictProba where that is unique after rounding.
        let best = 0;
        for (let k = 1; k < K; k++) if (ts.p[i * K + k] > ts.p[i * K + best]) best = k;
        let unique = true;
        for (let k = 0; k < K; k++) if (k !== best && ts.p[i * K + k] === ts.p[i * K + best]) unique = false;
        if (unique) expect(ts.labels[i]).toBe(m.classes[best]);
      }
    });
  }

  it('NaN and ±Infinity in X throw naming the first bad entry, as the separate check did, on both backends', () => {
    const { train, y, test } = problem(3, 3, 5);
    for (const options of [{}, { multiClass: 'ovr' as const }]) {
      const m = new LogisticRegression(options).fit(train, y);
      const binary = new LogisticRegression().fit(train, y.map((v) => v % 2));
      const P = new Matrix(test.rows, test.cols, test.data.slice());
      P.data[2900 * 5 + 3] = NaN;
      P.data[2950 * 5 + 0] = Infinity; // a later bad entry is not the one reported
      for (const backend of ['ts', 'wasm'] as const) {
        setKernelBackend(backend);
        for (const model of [m, binary]) {
          for (const call of [() => model.predictProba(P), () => model.predictLogProba(P), () => model.decisionFunction(P), () => model.predict(P), () => model.score(P, Array(P.rows).fill(0))]) {
            expect(call).toThrow('X[2900][3] is NaN; logit needs finite numbers (impute or drop the row)');
          }
        }
      }
      const Q = new Matrix(2, 5, Float64Array.of(1, 2, 3, 4, 5, 1, -Infinity, 0, 0, 0));
      for (const backend of ['ts', 'wasm'] as const) {
        setKernelBackend(backend);
        expect(() => m.predictProba(Q)).toThrow('X[1][1] is -Infinity');
        expect(() => m.predictProba([[1, 2, 3, 4, NaN]])).toThrow('X[0][4] is NaN');
      }
    }
  });

  it('zero rows are refused as before', () => {
    const { train, y } = problem(4, 2, 3);
    const m = new LogisticRegression().fit(train, y);
    expect(() => m.predictProba(new Matrix(0, 3))).toThrow('X has 0 rows; at least 1 is needed');
  });
});

describe('LinearRegression.predict (the fused pass)', () => {
  it('equals safeDot row by row, bit for bit, on both backends, and validates X', () => {
    const rng = new Random(12);
    const n = 300;
    const d = 7;
    const X = new Matrix(n, d, Float64Array.from({ length: n * d }, () => rng.normal()));
    const y = Array.from({ length: n }, (_, i) => X.data[i * d] * 3 - X.data[i * d + 2] + rng.normal());
    for (const fitIntercept of [true, false]) {
      const m = new LinearRegression({ fitIntercept }).fit(X, y);
      const P = new Matrix(5000, d, Float64Array.from({ length: 5000 * d }, () => rng.normal(0, 1e3)));
      P.data[17 * d] = 1e308;
      P.data[17 * d + 2] = -1e308;
      const ref = Float64Array.from({ length: P.rows }, (_, i) => safeDot(d, P.data, i * d, m.coef, 0, m.intercept));
      for (const backend of ['ts', 'wasm'] as const) {
        setKernelBackend(backend);
        expect(bits(m.predict(P))).toEqual(bits(ref));
        const Q = new Matrix(P.rows, d, P.data.slice());
        Q.data[4321 * d + 6] = NaN;
        expect(() => m.predict(Q)).toThrow('X[4321][6] is NaN');
      }
    }
  });
});
