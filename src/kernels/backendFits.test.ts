import { afterEach, describe, expect, it } from 'vitest';
import { loadBreastCancer, loadIris, loadWine } from '../datasets/load.js';
import { makeRegression } from '../datasets/generators.js';
import { LinearRegression } from '../models/linearRegression.js';
import { LogisticRegression, type LogisticRegressionOptions } from '../models/logisticRegression.js';
import { StandardScaler } from '../preprocessing/standardScaler.js';
import { setKernelBackend } from './backend.js';

afterEach(() => setKernelBackend('auto'));

function fitBoth<T extends { coef: { toArray(): number[][] } | Float64Array; intercept: Float64Array | number }>(fit: () => T): { ts: T; wasm: T } {
  setKernelBackend('ts');
  const ts = fit();
  setKernelBackend('wasm');
  const wasm = fit();
  return { ts, wasm };
}

function flatCoef(c: { toArray(): number[][] } | Float64Array): number[] {
  return c instanceof Float64Array ? Array.from(c) : c.toArray().flat();
}

describe('whole fits give the same model on the TypeScript and WebAssembly kernels (bit for bit)', () => {
  const bc = loadBreastCancer();
  const bcStd = new StandardScaler().fitTransform(bc.X);
  const iris = loadIris();
  const wine = loadWine();
  const cases: { name: string; X: typeof bc.X; y: readonly (string | number | boolean)[]; opts: LogisticRegressionOptions }[] = [
    { name: 'breast cancer, auto (newton)', X: bc.X, y: bc.y, opts: {} },
    { name: 'breast cancer standardised, lbfgs', X: bcStd, y: bc.y, opts: { solver: 'lbfgs' } },
    { name: 'breast cancer standardised, L1 owlqn', X: bcStd, y: bc.y, opts: { penalty: 'l1', C: 0.1 } },
    { name: 'breast cancer, balanced class weights, no intercept', X: bcStd, y: bc.y, opts: { classWeight: 'balanced', fitIntercept: false } },
    { name: 'iris multinomial, newton', X: iris.X, y: iris.y, opts: { solver: 'newton' } },
    { name: 'iris multinomial, lbfgs', X: iris.X, y: iris.y, opts: { solver: 'lbfgs' } },
    { name: 'wine one-vs-rest, auto', X: wine.X, y: wine.y, opts: { multiClass: 'ovr' } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = fitBoth(() => new LogisticRegression({ ...c.opts, maxIter: 500 }).fit(c.X, c.y));
      expect(r.wasm.nIter).toBe(r.ts.nIter);
      expect(flatCoef(r.wasm.coef)).toEqual(flatCoef(r.ts.coef));
      expect(Array.from(r.wasm.intercept)).toEqual(Array.from(r.ts.intercept));
      expect(r.wasm.objective).toBe(r.ts.objective);
    });
  }
  it('ridge and least squares by Cholesky (Gram kernel, fused residual passes), weighted, well and badly centred', () => {
    const { X, y } = makeRegression({ nSamples: 3000, nFeatures: 9, noise: 1, seed: 5 });
    for (const shift of [0, 1e6]) {
      const rows = X.toArray().map((r) => r.map((v, j) => v + (j === 3 ? shift : 0)));
      const sw = rows.map((_, i) => 0.5 + (i % 7) / 3);
      for (const alpha of [0, 10]) {
        const r = fitBoth(() => new LinearRegression({ penalty: alpha > 0 ? 'l2' : 'none', alpha: alpha > 0 ? alpha : undefined }).fit(rows, y, { sampleWeight: sw }));
        expect(r.ts.method).toBe('cholesky');
        expect(flatCoef(r.wasm.coef as Float64Array)).toEqual(flatCoef(r.ts.coef as Float64Array));
        expect(r.wasm.intercept).toBe(r.ts.intercept);
        expect(r.wasm.objective).toBe(r.ts.objective);
      }
    }
  });
  it('linear regression by gradient descent (squared-error pass)', () => {
    const { X, y } = makeRegression({ nSamples: 300, nFeatures: 9, noise: 1, seed: 4 });
    const r = fitBoth(() => new LinearRegression({ solver: 'gd', maxIter: 200, onWarning: () => {} }).fit(X, y));
    expect(flatCoef(r.wasm.coef as Float64Array)).toEqual(flatCoef(r.ts.coef as Float64Array));
  });
});
