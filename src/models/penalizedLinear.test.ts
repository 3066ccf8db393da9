import { describe, expect, it } from 'vitest';
import { collectWarnings, expectClose, fixture } from '../../test/helpers.js';
import { Matrix } from '../core/matrix.js';
import { Random } from '../core/rng.js';
import { makeRegression } from '../datasets/generators.js';
import { elasticNetCD } from '../optim/coordinateDescent.js';
import { lassoPath } from './lassoPath.js';
import { prepareCd } from './linearFit.js';
import { ElasticNet, Lasso, LinearRegression, Ridge } from './linearRegression.js';

interface PenalizedCase {
  name: string;
  estimator: 'Ridge' | 'Lasso' | 'ElasticNet' | 'LinearRegression';
  X: number[][];
  y: number[];
  sampleWeight: number[] | null;
  options: { alpha: number; fitIntercept: boolean; positive: boolean; l1Ratio?: number };
  coef: number[];
  intercept: number;
  objective: number;
}
interface PathCase {
  name: 'enet-path';
  X: number[][];
  y: number[];
  l1Ratio: number;
  nAlphas: number;
  eps: number;
  alphas: number[];
  coefs: number[][];
}

const doc = fixture<PenalizedCase | PathCase>('penalized-linear.json');
const cases = doc.cases.filter((c): c is PenalizedCase => c.name !== 'enet-path');
const classes = { Ridge, Lasso, ElasticNet, LinearRegression };

describe('Ridge, Lasso, ElasticNet against scikit-learn (fixtures/penalized-linear.json)', () => {
  for (const c of cases) {
    it(`${c.name}: coefficients and intercept within 1e-6, objective no worse`, () => {
      const { warnings, onWarning } = collectWarnings();
      const Ctor = classes[c.estimator];
      const tight = c.estimator === 'Ridge' ? {} : { tol: 1e-12, maxIter: 100_000 };
      const m = new Ctor({ ...c.options, ...tight, onWarning }).fit(c.X, c.y, c.sampleWeight ? { sampleWeight: c.sampleWeight } : {});
      expect(warnings).toEqual([]);
      expect(m.converged).toBe(true);
      expectClose(m.coef, c.coef, 1e-6, `${c.name} coef`);
      expect(Math.abs(m.intercept - c.intercept)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(c.intercept)));
      expect(m.objective).toBeLessThanOrEqual(c.objective * (1 + 1e-10));
      if (c.estimator === 'Lasso' || c.estimator === 'ElasticNet') {
        expect(m.method).toBe('cd');
        expect(Array.from(m.coef).filter((v) => v === 0).length).toBe(c.coef.filter((v) => v === 0).length);
        expect(m.dualityGap).toBeLessThanOrEqual(1e-8 * Math.abs(c.objective) + 1e-12);
      }
      if (c.options.positive) {
        expect(m.method).toBe('cd');
        expect(Math.min(...m.coef)).toBeGreaterThanOrEqual(0);
        expect(Array.from(m.coef).filter((v) => v === 0).length).toBe(c.coef.filter((v) => v === 0).length);
      }
    });
  }

  it('the same problems through LinearRegression’s penalty option give the same answers', () => {
    const c = cases.find((x) => x.name === 'elasticnet-rho0.8') as PenalizedCase;
    const a = new ElasticNet({ alpha: 1, l1Ratio: 0.8, tol: 1e-10 }).fit(c.X, c.y);
    const b = new LinearRegression({ penalty: 'elasticnet', alpha: 1, l1Ratio: 0.8, tol: 1e-10 }).fit(c.X, c.y);
    expect(Array.from(b.coef)).toEqual(Array.from(a.coef));
    const r = cases.find((x) => x.name === 'ridge-alpha10.0') as PenalizedCase;
    const { warnings, onWarning } = collectWarnings();
    const viaCd = new LinearRegression({ penalty: 'l2', alpha: 10, solver: 'cd', tol: 1e-14, maxIter: 100_000, onWarning }).fit(r.X, r.y);
    expect(warnings).toEqual([]);
    expectClose(viaCd.coef, r.coef, 1e-6, 'ridge by cd');
    // The seeds' gradient descent reaches the ridge optimum on well-scaled data.
    const { X, y } = makeRegression({ nSamples: 100, nFeatures: 5, noise: 3, seed: 6 });
    const exact = new Ridge({ alpha: 10 }).fit(X, y);
    const gd = new LinearRegression({ penalty: 'l2', alpha: 10, solver: 'gd', learningRate: 0.5, maxIter: 100_000, tol: 1e-15, onWarning }).fit(X, y);
    expectClose(gd.coef, exact.coef, 1e-6, 'ridge by gd');
    expect(gd.objective).toBeCloseTo(exact.objective, 6);
  });

  it('presets keep their class through JSON', () => {
    const c = cases[0];
    for (const Ctor of [Ridge, Lasso, ElasticNet]) {
      const m = new Ctor({ alpha: 2 }).fit(c.X, c.y);
      const text = JSON.stringify(m);
      expect(JSON.parse(text).class).toBe(Ctor.className);
      const back = Ctor.fromJSON(JSON.parse(text));
      expect(back).toBeInstanceOf(Ctor);
      expect(Array.from(back.predict(c.X))).toEqual(Array.from(m.predict(c.X)));
      expect(() => LinearRegression.fromJSON(JSON.parse(text))).toThrow(`reads only "LinearRegression" documents`);
    }
  });
});

describe('lassoPath', () => {
  const p = doc.cases.find((c): c is PathCase => c.name === 'enet-path') as PathCase;

  it('matches scikit-learn’s enet_path: the same α grid and coefficients along it', () => {
    const path = lassoPath(p.X, p.y, { l1Ratio: p.l1Ratio, nAlphas: p.nAlphas, eps: p.eps, tol: 1e-12, maxIter: 100_000 });
    expectClose(path.alphas, p.alphas, 1e-12, 'alphas');
    path.coefs.forEach((c, k) => expectClose(c, p.coefs[k], 1e-6, `coefs at α = ${p.alphas[k]}`));
    // The first α is the smallest with an all-zero solution.
    expect(Array.from(path.coefs[0]).every((v) => v === 0)).toBe(true);
    expect(Array.from(path.coefs[1]).some((v) => v !== 0)).toBe(true);
  });

  it('warm starts make later alphas cheap; the support grows as α falls', () => {
    const { X, y } = makeRegression({ nSamples: 200, nFeatures: 30, nInformative: 8, noise: 5, seed: 2 });
    const path = lassoPath(X, y, { nAlphas: 30 });
    const support = path.coefs.map((c) => Array.from(c).filter((v) => v !== 0).length);
    expect(support[0]).toBe(0);
    expect(support.at(-1)).toBeGreaterThanOrEqual(8);
    for (const g of path.dualityGaps) expect(g).toBeGreaterThanOrEqual(0);
    expect(() => lassoPath(X, y, { alphas: [1, 0] })).toThrow('alphas[1] is 0; every α must be a finite number > 0');
  });
});

describe('coordinate descent: the Gram and column layouts give the same iterates', () => {
  it('on wide data, both layouts reach the same solution with a duality gap below tol', () => {
    const rng = new Random(4);
    const n = 30;
    const d = 60;
    const X = Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal()));
    const y = Float64Array.from(X, (r) => 3 * r[0] - 2 * r[5] + r[7] + 0.1 * rng.normal());
    const M = Matrix.from(X);
    const gramData = prepareCd(M, y, null, true);
    expect(gramData.problem.kind).toBe('gram');
    // Build the column layout by hand from the same centred data.
    const mean = gramData.center as Float64Array;
    const yMean = gramData.yMean;
    const Xc = new Float64Array(n * d);
    const yc = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      yc[i] = y[i] - yMean;
      for (let j = 0; j < d; j++) Xc[j * n + i] = X[i][j] - mean[j];
    }
    const opts = { l1: 0.5 * n, l2: 0.1 * n, positive: false, maxIter: 10_000, tol: 1e-12 };
    const wa = new Float64Array(d);
    const wb = new Float64Array(d);
    const a = elasticNetCD(gramData.problem, wa, opts);
    const b = elasticNetCD({ kind: 'columns', n, d, Xc, y: yc, yNorm2: gramData.problem.yNorm2 }, wb, opts);
    expect(a.converged && b.converged).toBe(true);
    expectClose(wa, wb, 1e-9);
    expect(a.nIter).toBe(b.nIter);
    for (let k = 1; k < a.history.length; k++) expect(a.history[k]).toBeLessThanOrEqual(a.history[k - 1] * (1 + 1e-12));
  });
});

describe('bad penalty options say what is valid', () => {
  it('solver, l1Ratio and alpha', () => {
    expect(() => new LinearRegression({ penalty: 'l1', solver: 'lstsq' })).toThrow("solver 'lstsq' solves penalty 'none' and 'l2' without constraints; penalty 'l1' needs solver 'cd' (or 'auto')");
    expect(() => new LinearRegression({ positive: true, solver: 'gd' })).toThrow(/positive: true needs solver 'cd'/);
    expect(() => new LinearRegression({ penalty: 'elasticnet' })).toThrow("penalty 'elasticnet' needs l1Ratio in [0, 1]");
    expect(() => new ElasticNet({ l1Ratio: 2 })).toThrow('option l1Ratio must be in [0, 1]; received 2');
    expect(() => new Ridge({ alpha: 0 })).toThrow('option alpha must be a finite number > 0; received 0');
    expect(() => new Lasso({ alpha: -1 })).toThrow(/option alpha must be a finite number > 0/);
  });
});
