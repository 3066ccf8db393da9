import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogitRangeError } from '../core/errors.js';
import { Random } from '../core/rng.js';
import { makeClassification } from '../datasets/generators.js';
import { LogisticRegression } from '../models/logisticRegression.js';
import { Ridge } from '../models/linearRegression.js';
import { makeRegression } from '../datasets/generators.js';
import { pinForPasses, setKernelBackend, wasmSource, type PassStore } from './backend.js';
import { binaryLogisticPass, columnMoments, multinomialHessianPass, multinomialPass, scaledWeightedGram, squaredErrorPass } from './fused.js';
import { SLICE_MIN_ENTRIES as THREAD_MIN_ENTRIES } from './slices.js';
import { isShared, multinomialGramThreaded, pinThreaded, setThreads, stagedBytes, threads } from './threads.js';
import { multinomialGramWasm, type RowSource } from './wasm.js';
import { Matrix } from '../core/matrix.js';
import { firstBitDifference } from '../../test/helpers.js';

function randomArray(rng: Random, n: number, scale = 1): Float64Array {
  return Float64Array.from({ length: n }, () => scale * rng.normal());
}

// 701 × 401 = 281,101 entries: just above the threshold, with odd sizes so the row blocks
// and every kernel tail are uneven.
const n = 701;
const d = 401;

describe('worker threads', () => {
  beforeAll(async () => {
    expect(n * d).toBeGreaterThanOrEqual(THREAD_MIN_ENTRIES);
  });
  afterAll(async () => {
    await setThreads(1);
    setKernelBackend('auto');
  });

  it('setThreads rejects counts that are not integers from 1 to 256, naming the parameter', async () => {
    for (const bad of [0, -1, 1.5, 257, Number.NaN, '2' as unknown as number]) {
      await expect(setThreads(bad)).rejects.toThrow(LogitRangeError);
    }
    await expect(setThreads(0)).rejects.toThrow(/threads must be an integer from 1 to 256 or 'auto'; received 0/);
    expect(threads()).toBe(1);
  });

  it('start in Node, split large X between the threads, and leave small X on one thread', async () => {
    expect(await setThreads(2)).toBe(2);
    expect(threads()).toBe(2);
    const rng = new Random(3);
    const X = randomArray(rng, n * d);
    const store = pinForPasses(X, n, d) as PassStore & { kind?: string };
    expect(store.kind).toBe('threaded');
    const small = pinForPasses(X.subarray(0, 600 * 400), 600, 400) as PassStore & { kind?: string };
    expect(small).not.toBeNull();
    expect(small.kind).toBeUndefined(); // 240,000 entries < 2¹⁸: pinned on the calling thread
    // The passes read the split copies: rows changed in the caller's array after pinning
    // (here the last rows, which belong to the worker) do not show.
    const y = Float64Array.from({ length: n }, (_, i) => i % 2);
    const params = randomArray(rng, d + 1, 0.1);
    const before = new Float64Array(d + 1);
    const v0 = binaryLogisticPass(n, d, X, y, null, params, before, 0, true, null, store);
    const saved = X.slice((n - 5) * d);
    X.fill(3, (n - 5) * d);
    const after = new Float64Array(d + 1);
    expect(binaryLogisticPass(n, d, X, y, null, params, after, 0, true, null, store)).toBe(v0);
    expect(after).toEqual(before);
    const streamed = new Float64Array(d + 1);
    expect(binaryLogisticPass(n, d, X, y, null, params, streamed, 0, true, null, null)).not.toBe(v0);
    X.set(saved, (n - 5) * d);
    setKernelBackend('ts');
    expect(pinForPasses(X, n, d)).toBeNull();
    setKernelBackend('auto');
  });

  it('every threaded pass gives the bits of the one-thread pass, on the WebAssembly and the TypeScript kernels', async () => {
    const rng = new Random(11);
    const X = randomArray(rng, n * d, 0.2);
    const y = Float64Array.from({ length: n }, () => (rng.random() < 0.4 ? 1 : 0));
    const sw = Float64Array.from({ length: n }, () => rng.uniform(0, 2));
    const params = randomArray(rng, d + 1, 0.1);
    await setThreads(1);
    const one = pinForPasses(X, n, d);
    await setThreads(2);
    const two = pinForPasses(X, n, d) as PassStore & { kind?: string };
    expect(two.kind).toBe('threaded');
    for (const weights of [null, sw]) {
      for (const fitIntercept of [true, false]) {
        const run = (store: PassStore | null) => {
          const grad = new Float64Array(d + 1).fill(7); // the pass overwrites, never accumulates
          const hw = new Float64Array(n);
          const value = binaryLogisticPass(n, d, X, y, weights, params, grad, 0, fitIntercept, hw, store);
          const gradSq = new Float64Array(d + 1).fill(7);
          const valueSq = squaredErrorPass(n, d, X, y, weights, params, gradSq, 0, fitIntercept, store);
          return { value, grad, hw, valueSq, gradSq };
        };
        const a = run(one);
        const b = run(two);
        expect(b).toEqual(a);
        setKernelBackend('ts');
        expect(run(null)).toEqual(a);
        setKernelBackend('auto');
        if (!fitIntercept) {
          expect(b.grad[d]).toBe(7);
          expect(b.gradSq[d]).toBe(7);
        }
        // Deterministic for a given thread count.
        expect(run(two)).toEqual(b);
      }
    }
    for (const K of [3, 4]) {
      for (const fitIntercept of [true, false]) {
        const yIdx = Int32Array.from({ length: n }, () => Math.floor(rng.random() * K));
        const w = randomArray(rng, K * d + K, 0.1);
        const run = (store: PassStore | null) => {
          const grad = new Float64Array(K * d + K).fill(7);
          const value = multinomialPass(n, d, K, X, yIdx, sw, w, grad, fitIntercept, new Float64Array(K), store);
          return { value, grad };
        };
        const a = run(one);
        const b = run(two);
        expect(b).toEqual(a);
        setKernelBackend('ts');
        expect(run(null)).toEqual(a);
        setKernelBackend('auto');
      }
    }
    for (const [ones, withY] of [[true, false], [false, false], [true, true]]) {
      const D = d + (ones ? 1 : 0) + (withY ? 1 : 0);
      const h = Float64Array.from({ length: n }, (_, i) => (i % 97 < 20 ? 0 : rng.uniform(0, 0.25)));
      const yc = withY ? randomArray(rng, n, 2) : null;
      const center = randomArray(rng, d, 0.1);
      const scale = Float64Array.from({ length: d }, () => rng.uniform(0.5, 2));
      const run = (store: PassStore | null) => {
        const H = new Float64Array(D * (D + 2)).fill(0.5); // leading dimension D + 2; accumulates
        scaledWeightedGram(n, d, X, h, ones ? center : null, scale, ones, H, 0, D + 2, store, yc);
        return H;
      };
      const a = run(one);
      const b = run(two);
      expect(b).toEqual(a);
      setKernelBackend('ts');
      expect(run(null)).toEqual(a);
      setKernelBackend('auto');
      for (let r = 1; r < D; r++) for (let c = 0; c < r; c++) expect(b[r * (D + 2) + c]).toBe(0.5); // lower triangle untouched
    }
    for (const mean of [null, randomArray(rng, d, 0.01)]) {
      const run = (store: PassStore | null) => {
        const out = new Float64Array(d).fill(1);
        columnMoments(n, d, X, sw, mean, out, store);
        return out;
      };
      const a = run(one);
      expect(run(two)).toEqual(a);
      setKernelBackend('ts');
      expect(run(null)).toEqual(a);
      setKernelBackend('auto');
    }
  });

  it('a Gram matrix of an X that is not pinned is split too (rows copied to the workers a chunk at a time), with the same bits', async () => {
    const rng = new Random(23);
    const nn = 20011; // several chunks per slice, uneven slices
    const dd = 37;
    const X = randomArray(rng, nn * dd, 0.5);
    const h = Float64Array.from({ length: nn }, () => rng.uniform(0, 1));
    const center = randomArray(rng, dd, 0.1);
    const yc = randomArray(rng, nn, 2);
    for (const [ones, withY] of [[true, false], [false, false], [true, true]]) {
      const D = dd + (ones ? 1 : 0) + (withY ? 1 : 0);
      const run = () => {
        const H = new Float64Array(D * (D + 1)).fill(0.25);
        scaledWeightedGram(nn, dd, X, h, ones ? center : null, null, ones, H, 1, D, null, withY ? yc : null);
        return H;
      };
      await setThreads(1);
      const a = run();
      await setThreads(2);
      expect(run()).toEqual(a);
      await setThreads(3); // two workers claiming slices
      expect(run()).toEqual(a);
      await setThreads(2);
      setKernelBackend('ts');
      expect(run()).toEqual(a);
      setKernelBackend('auto');
    }
  });

  it('the multinomial Hessian splits its class pairs across the threads, with the bits of one thread', async () => {
    const rng = new Random(31);
    // [rows, d, K, weighted, intercept]: one chunk (digits-like), several chunks with an uneven
    // last one, few pairs (K = 3: 3 summed pairs over 2 threads), no intercept.
    const cases: [number, number, number, boolean, boolean][] = [
      [300, 64, 10, false, true],
      [9001, 64, 3, true, true],
      [1501, 40, 6, true, false],
    ];
    for (const [rows, dd, K, weighted, fitIntercept] of cases) {
      const X = randomArray(rng, rows * dd);
      const sw = weighted ? Float64Array.from({ length: rows }, () => rng.uniform(0, 2)) : null;
      const w = randomArray(rng, K * dd + K, 0.2);
      const center = fitIntercept ? randomArray(rng, dd, 0.1) : null;
      const scale = Float64Array.from({ length: dd }, () => rng.uniform(0.5, 2));
      const D = fitIntercept ? dd + 1 : dd;
      const size = K * D;
      const index = new Int32Array(K * D);
      for (let c = 0; c < K; c++) for (let a = 0; a < D; a++) index[c * D + a] = a < dd ? c * dd + a : K * dd + c;
      const pairs = ((K * (K + 1)) / 2) * D * D;
      const src = wasmSource(X, null) as RowSource;
      const run = () => {
        const H = new Float64Array(size * size);
        multinomialHessianPass(rows, dd, K, X, sw, w, fitIntercept, center, scale, index, H, size, new Float64Array(pairs));
        return H;
      };
      await setThreads(1);
      const one = run();
      const G1 = new Float64Array(pairs).fill(7);
      multinomialGramWasm(src, rows, dd, K, X, sw, w, fitIntercept, center, scale, G1);
      expect(multinomialGramThreaded(src, rows, dd, K, X, sw, w, fitIntercept, center, scale, new Float64Array(pairs))).toBe(false); // no workers
      await setThreads(2);
      const G2 = new Float64Array(pairs).fill(7); // zeroed by the call, as G1
      expect(multinomialGramThreaded(src, rows, dd, K, X, sw, w, fitIntercept, center, scale, G2)).toBe(true);
      expect(firstBitDifference(G2, G1)).toBe(-1);
      expect(firstBitDifference(run(), one)).toBe(-1);
      if (rows * K * K * D * D > 2e8) continue; // the TypeScript twin is slow; the smaller cases check it
      setKernelBackend('ts');
      expect(firstBitDifference(run(), one)).toBe(-1);
      setKernelBackend('auto');
    }
    // Too little work to wake the workers: stays on the calling thread.
    const X = randomArray(rng, 50 * 4);
    const G = new Float64Array(6 * 25);
    expect(multinomialGramThreaded(wasmSource(X, null) as RowSource, 50, 4, 3, X, null, randomArray(rng, 15), true, null, null, G)).toBe(false);
    // A worker's staging memory that grew past 64 MB (here the 10 summed pair blocks of D = 1001,
    // 80 MB) is let go afterwards, since memories cannot shrink; smaller ones are kept.
    expect(stagedBytes()).toBeGreaterThan(0);
    expect(stagedBytes()).toBeLessThanOrEqual(64 * 2 ** 20);
    const [rows, dd, K] = [40, 1000, 5];
    const Xb = randomArray(rng, rows * dd);
    const wb = randomArray(rng, K * dd + K, 0.05);
    const srcb = wasmSource(Xb, null) as RowSource;
    const Gb = new Float64Array(((K * (K + 1)) / 2) * (dd + 1) * (dd + 1));
    expect(multinomialGramThreaded(srcb, rows, dd, K, Xb, null, wb, true, null, null, Gb)).toBe(true);
    expect(stagedBytes()).toBe(0);
    const Gw = new Float64Array(Gb.length);
    multinomialGramWasm(srcb, rows, dd, K, Xb, null, wb, true, null, null, Gw);
    expect(firstBitDifference(Gb, Gw)).toBe(-1);
  });

  it("large X: the calling thread streams its rows (only the workers' rows are copied), with the same bits", async () => {
    await setThreads(2);
    const rng = new Random(29);
    const X = randomArray(rng, n * d, 0.3);
    const y = Float64Array.from({ length: n }, () => (rng.random() < 0.5 ? 1 : 0));
    const params = randomArray(rng, d + 1, 0.1);
    const half = pinThreaded(X, n, d, false);
    expect(half).not.toBeNull();
    expect(half?.main).toBeNull();
    expect(half?.parts.reduce((r, p) => r + p.rows, 0)).toBe(n - (half?.n0 ?? 0)); // copies: the workers' rows only
    const run = (store: PassStore | null) => {
      const grad = new Float64Array(d + 1);
      const hw = new Float64Array(n);
      const v = binaryLogisticPass(n, d, X, y, null, params, grad, 0, true, hw, store);
      const H = new Float64Array((d + 1) * (d + 1));
      scaledWeightedGram(n, d, X, hw, null, null, true, H, 0, d + 1, store);
      return { v, grad, hw, H };
    };
    const a = run(null);
    expect(run(half)).toEqual(a);
  });

  it('a store made for an older pool falls back to one thread with the same results', async () => {
    await setThreads(2);
    const rng = new Random(5);
    const X = randomArray(rng, n * d, 0.3);
    const y = Float64Array.from({ length: n }, () => (rng.random() < 0.5 ? 1 : 0));
    const params = randomArray(rng, d + 1, 0.1);
    const store = pinForPasses(X, n, d);
    const g2 = new Float64Array(d + 1);
    const v2 = binaryLogisticPass(n, d, X, y, null, params, g2, 0, true, null, store);
    expect(await setThreads(1)).toBe(1);
    const g1 = new Float64Array(d + 1);
    const v1 = binaryLogisticPass(n, d, X, y, null, params, g1, 0, true, null, store); // streams X now
    expect(v1).toBe(v2);
    expect(g1).toEqual(g2);
  });

  it('fits on two threads give the one-thread model bit for bit (binary Newton, multinomial L-BFGS)', async () => {
    const data = makeClassification({ nSamples: 3000, nFeatures: 90, nInformative: 10, nClasses: 3, seed: 4 });
    const X = data.X;
    const yBin = Array.from(data.y, (v) => (v === 0 ? 0 : 1));
    const fits = async (T: number) => {
      await setThreads(T);
      const bin = new LogisticRegression({ tol: 1e-8, solver: 'newton' }).fit(X, yBin);
      const multi = new LogisticRegression({ tol: 1e-8, maxIter: 500 }).fit(X, Array.from(data.y));
      return { bin, multi };
    };
    const a = await fits(1);
    const b = await fits(2);
    expect(b.bin.converged && b.multi.converged).toBe(true);
    expect(b.bin.coef).toEqual(a.bin.coef);
    expect(b.bin.intercept).toEqual(a.bin.intercept);
    expect(b.multi.coef).toEqual(a.multi.coef);
    expect([b.bin.objective, b.multi.objective, b.bin.nIter, b.multi.nIter]).toEqual([a.bin.objective, a.multi.objective, a.bin.nIter, a.multi.nIter]);
    // A softmax pass does K times a binary pass's work per entry, so a smaller X with many
    // classes is sliced and threaded too (here 1500 × 60 = 90,000 entries, × 6 classes).
    const small = makeClassification({ nSamples: 1500, nFeatures: 60, nInformative: 12, nClasses: 6, seed: 8 });
    await setThreads(2);
    expect((pinForPasses(small.X.data, 1500, 60, 6) as PassStore & { kind?: string }).kind).toBe('threaded');
    expect((pinForPasses(small.X.data, 1500, 60) as PassStore & { kind?: string }).kind).toBeUndefined();
    const softmax = async (T: number) => {
      await setThreads(T);
      return new LogisticRegression({ tol: 1e-8, maxIter: 500 }).fit(small.X, Array.from(small.y));
    };
    const s1 = await softmax(1);
    const s2 = await softmax(2);
    expect(s2.coef).toEqual(s1.coef);
    expect([s2.intercept, s2.objective, s2.nIter]).toEqual([s1.intercept, s1.objective, s1.nIter]);
    // Ridge streams X (no copy): its Gram matrix is split by copying chunks to the workers.
    const reg = makeRegression({ nSamples: 6000, nFeatures: 50, noise: 1, seed: 2 });
    await setThreads(1);
    const r1 = new Ridge({ alpha: 1 }).fit(reg.X, reg.y);
    await setThreads(2);
    const r2 = new Ridge({ alpha: 1 }).fit(reg.X, reg.y);
    expect(r2.coef).toEqual(r1.coef);
    expect(r2.intercept).toBe(r1.intercept);
  });

  it('prediction over an ordinary array: the calling thread hands chunks of rows to the workers, with the bits of one thread', async () => {
    // d = 10: a chunk is 13,107 rows. The first two chunks always go to the worker (its two
    // slots are filled before the calling thread runs a block of its own); rows from 26,214 on
    // are the calling thread's first block, later chunks go wherever the costs send them.
    const N = 60013;
    const C = 13107;
    const data = makeClassification({ nSamples: N, nFeatures: 10, nInformative: 6, nClasses: 3, seed: 9 });
    expect(isShared(data.X.data)).toBe(false);
    const yBin = Array.from(data.y, (v) => (v === 0 ? 0 : 1));
    await setThreads(1);
    const models = [
      new LogisticRegression().fit(data.X, yBin),
      new LogisticRegression({ maxIter: 300 }).fit(data.X, Array.from(data.y)),
      new LogisticRegression({ multiClass: 'ovr', maxIter: 300 }).fit(data.X, Array.from(data.y)),
    ];
    const outputs = () =>
      models.flatMap((m) => [m.predictProba(data.X).data, m.predictLogProba(data.X).data, m.decisionFunction(data.X).data, Float64Array.from(m.predict(data.X))]);
    const one = outputs();
    await setThreads(2);
    const two = outputs();
    for (let k = 0; k < one.length; k++) expect(firstBitDifference(two[k], one[k])).toBe(-1);
    // Bad rows in a worker's chunk, in the calling thread's first block, and in both (the earlier
    // one is named): the same error as on one thread.
    const cases: [number[], string][] = [
      [[5], 'X[5][3] is NaN'],
      [[C + 7], `X[${C + 7}][3] is NaN`],
      [[2 * C + 3], `X[${2 * C + 3}][3] is NaN`],
      [[C + 7, 2 * C + 3], `X[${C + 7}][3] is NaN`],
      [[N - 2], `X[${N - 2}][3] is NaN`],
    ];
    for (const [rows, message] of cases) {
      const bad = new Matrix(N, 10, Float64Array.from(data.X.data));
      for (const r of rows) bad.data[r * 10 + 3] = Number.NaN;
      expect(() => models[1].predictProba(bad)).toThrow(message);
    }
    // A finite row whose score overflows, in a worker's chunk: the rescaled scores of one thread.
    const huge = new Matrix(N, 10, Float64Array.from(data.X.data));
    huge.data[9 * 10 + 1] = 1e308;
    await setThreads(1);
    const ref = models[1].predictProba(huge).data;
    await setThreads(2);
    expect(firstBitDifference(models[1].predictProba(huge).data, ref)).toBe(-1);
    expect(ref.every(Number.isFinite)).toBe(true);
  });

  it('prediction over a matrix in shared memory is split across the threads (the workers read it in place), with the bits of one thread', async () => {
    const N = 30011; // × 10 = 300,110 entries: split; uneven runs of rows
    const data = makeClassification({ nSamples: N, nFeatures: 10, nInformative: 6, nClasses: 3, seed: 8 });
    const Xs = Matrix.shared(N, 10);
    expect(isShared(Xs.data)).toBe(true);
    Xs.data.set(data.X.data);
    const yBin = Array.from(data.y, (v) => (v === 0 ? 0 : 1));
    await setThreads(1);
    const models = [
      new LogisticRegression().fit(data.X, yBin),
      new LogisticRegression({ maxIter: 300 }).fit(data.X, Array.from(data.y)),
      new LogisticRegression({ multiClass: 'ovr', maxIter: 300 }).fit(data.X, Array.from(data.y)),
    ];
    const outputs = (X: Matrix) =>
      models.flatMap((m) => [m.predictProba(X).data, m.predictLogProba(X).data, m.decisionFunction(X).data, Float64Array.from(m.predict(X))]);
    const one = outputs(data.X);
    await setThreads(2);
    expect(outputs(Xs)).toEqual(one);
    // A bad row in the worker's half (the last rows): the same error as on one thread, after the
    // same rows; a finite row whose score overflows gets the same rescaled answer.
    for (const [row, value, message] of [[N - 5, Number.NaN, `X[${N - 5}][3] is NaN`], [20000, Infinity, 'X[20000][3] is Infinity']] as const) {
      const bad = Matrix.shared(N, 10);
      bad.data.set(data.X.data);
      bad.data[row * 10 + 3] = value;
      expect(() => models[0].predictProba(bad)).toThrow(message);
    }
    const huge = Matrix.shared(N, 10);
    huge.data.set(data.X.data);
    huge.data[25000 * 10 + 1] = 1e308;
    const plain = new Matrix(N, 10, Float64Array.from(huge.data));
    await setThreads(1);
    const ref = models[1].predictProba(plain).data;
    await setThreads(2);
    expect(models[1].predictProba(huge).data).toEqual(ref);
    expect(ref.every(Number.isFinite)).toBe(true);
    // A large prediction keeps the workers' staging memory small (chunks of rows and their
    // outputs, not a worker's share of the outputs): 9M rows × 1 column.
    const big = Matrix.shared(9_000_000, 1);
    for (let i = 0; i < big.data.length; i++) big.data[i] = (i % 1000) / 500 - 1;
    const tiny = new LogisticRegression().fit([[-1], [-0.5], [0.5], [1]], [0, 0, 1, 1]);
    const P = tiny.predictProba(big);
    expect(P.get(8_999_999, 1)).toBe(tiny.predictProba([[big.data[8_999_999]]]).get(0, 1));
    expect(P.get(4_500_123, 0)).toBe(tiny.predictProba([[big.data[4_500_123]]]).get(0, 0));
    expect(stagedBytes()).toBeLessThanOrEqual(8 * 2 ** 20);
  });
});
