import { describe, expect, it } from 'vitest';
import { collectWarnings, expectClose, fixture } from '../../test/helpers.js';
import { Matrix } from '../core/matrix.js';
import { Random } from '../core/rng.js';
import { makeRegression } from '../datasets/generators.js';
import { Lasso, LinearRegression, Ridge } from './linearRegression.js';

interface LinearCase {
  name: string;
  X: number[][];
  y: number[];
  sampleWeight: number[] | null;
  fitIntercept: boolean;
  coef: number[];
  intercept: number;
  rank: number;
  r2: number;
}

/** Seed 001's data: x ~ 2·U(0, 1), y = 4 + 3x + N(0, 0.5²). */
function seedLine(): { X: number[][]; y: number[] } {
  const rng = new Random(42);
  const X = Array.from({ length: 100 }, () => [2 * rng.random()]);
  const y = X.map(([x]) => 4 + 3 * x + 0.5 * rng.normal());
  return { X, y };
}

describe('LinearRegression: seed 001', () => {
  it('y = 4 + 3x + noise: gradient descent finds weight ≈ 3, bias ≈ 4, R² near 1', () => {
    const { X, y } = seedLine();
    const model = new LinearRegression({ solver: 'gd', learningRate: 0.1, maxIter: 1000 }).fit(X, y);
    expect(model.coef[0]).toBeCloseTo(3, 0);
    expect(model.intercept).toBeCloseTo(4, 0);
    expect(model.score(X, y)).toBeGreaterThan(0.9);
    // lossHistory is ½·MSE and falls monotonically under this step.
    const h = model.lossHistory;
    for (let k = 1; k < h.length; k++) expect(h[k]).toBeLessThanOrEqual(h[k - 1]);
  });

  it('least squares and gradient descent agree', () => {
    const { X, y } = seedLine();
    const exact = new LinearRegression().fit(X, y);
    const gd = new LinearRegression({ solver: 'gd', learningRate: 0.5, maxIter: 100_000, tol: 1e-16 }).fit(X, y);
    expect(gd.coef[0]).toBeCloseTo(exact.coef[0], 6);
    expect(gd.intercept).toBeCloseTo(exact.intercept, 6);
    expect(exact.nIter).toBe(0);
    expect(exact.converged).toBe(true);
    expect(gd.lossHistory.at(-1)).toBeCloseTo(exact.lossHistory[0], 12);
  });
});

describe('LinearRegression: scikit-learn parity (fixtures/linear.json)', () => {
  const { cases } = fixture<LinearCase>('linear.json');
  for (const c of cases) {
    it(`${c.name}: coef, intercept and R² match scikit-learn`, () => {
      const { warnings, onWarning } = collectWarnings();
      const model = new LinearRegression({ fitIntercept: c.fitIntercept, onWarning }).fit(c.X, c.y, c.sampleWeight ? { sampleWeight: c.sampleWeight } : {});
      // scikit-learn's rank_ is that of the centred design when fitting an intercept, as logit's.
      expect(model.rank).toBe(c.rank);
      expectClose(model.coef, c.coef, c.name.startsWith('ill') ? 1e-6 : 1e-9, `${c.name} coef`);
      expect(Math.abs(model.intercept - c.intercept)).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(c.intercept)));
      expect(model.score(c.X, c.y, c.sampleWeight ? { sampleWeight: c.sampleWeight } : {})).toBeCloseTo(c.r2, 10);
      expect(warnings.map((w) => w.code)).toEqual(model.rank < c.X[0].length ? ['rank-deficient'] : []);
    });
  }
});

describe('LinearRegression: never fails on singular designs', () => {
  it('collinear and constant columns give the minimum-norm solution and a warning', () => {
    const rng = new Random(1);
    const X = Array.from({ length: 20 }, () => {
      const a = rng.normal();
      return [a, a, 5];
    });
    const y = X.map(([a]) => 2 * a + 1);
    const { warnings, onWarning } = collectWarnings();
    const m = new LinearRegression({ onWarning }).fit(X, y);
    expect(m.rank).toBe(1);
    expect(m.method).toBe('qr');
    expect(m.coef[0]).toBeCloseTo(1, 10);
    expect(m.coef[1]).toBeCloseTo(1, 10);
    expect(m.coef[2]).toBeCloseTo(0, 10);
    expect(m.intercept).toBeCloseTo(1, 10);
    expect(warnings[0].code).toBe('rank-deficient');
    expect(warnings[0].message).toMatch(/rank 1 < 3 features/);
  });

  it('picks Cholesky on well-conditioned data and recovers makeRegression’s truth', () => {
    const { X, y, coef } = makeRegression({ nSamples: 500, nFeatures: 8, nInformative: 5, bias: 2, seed: 3 });
    const m = new LinearRegression().fit(X, y);
    expect(m.method).toBe('cholesky');
    expectClose(m.coef, coef, 1e-10);
    expect(m.intercept).toBeCloseTo(2, 10);
    expect(m.score(X, y)).toBeCloseTo(1, 12);
  });
});

describe('LinearRegression: the lstsq objective', () => {
  it('equals Σ sᵢ(yᵢ − xᵢ·w − b)² + α‖w‖² computed directly, on well and badly centred data', () => {
    for (const shift of [0, 1e6]) {
      const { X, y } = makeRegression({ nSamples: 1500, nFeatures: 6, noise: 2, seed: 21 });
      const rows = X.toArray().map((r) => r.map((v, j) => v + (j % 2 === 0 ? shift : 0)));
      const rng = new Random(22);
      const sw = Array.from({ length: rows.length }, () => rng.uniform(0.2, 2));
      for (const alpha of [0, 7]) {
        const m = new LinearRegression({ penalty: alpha > 0 ? 'l2' : 'none', alpha: alpha > 0 ? alpha : undefined }).fit(rows, y, { sampleWeight: sw });
        expect(m.method).toBe('cholesky');
        let direct = 0;
        for (let i = 0; i < rows.length; i++) {
          let z = m.intercept;
          for (let j = 0; j < 6; j++) z += rows[i][j] * m.coef[j];
          direct += sw[i] * (y[i] - z) ** 2;
        }
        for (const w of m.coef) direct += alpha * w * w;
        // The direct sum on uncentred rows itself cancels at shift 1e6 (|xᵢ·w| ≈ 1e8 against
        // residuals ≈ 2): it is the less accurate of the two there.
        expect(Math.abs(m.objective - direct) / direct).toBeLessThan(shift === 0 ? 1e-13 : 1e-7);
      }
    }
  });
});

describe('LinearRegression: gradient descent safety and bad input', () => {
  it('a too-large learning rate reports divergence and keeps finite coefficients', () => {
    const { X, y } = makeRegression({ nSamples: 50, nFeatures: 3, seed: 1 });
    const { warnings, onWarning } = collectWarnings();
    const m = new LinearRegression({ solver: 'gd', learningRate: 10, onWarning }).fit(X, y);
    expect(m.converged).toBe(false);
    expect(warnings[0].code).toBe('divergence');
    expect(warnings[0].message).toMatch(/use solver 'lstsq'/);
    expect(Array.from(m.coef).every(Number.isFinite)).toBe(true);
  });

  it('rejects bad data and options with precise messages', () => {
    const m = new LinearRegression();
    expect(() => m.fit([[1], [2]], [1, NaN])).toThrow('y[1] is NaN; logit needs finite numbers');
    expect(() => m.fit([[1], [2]], [1])).toThrow('y has 1 values but X has 2 rows');
    expect(() => m.fit([[1], [NaN]], [1, 2])).toThrow('X[1][0] is NaN');
    expect(() => m.fit([[1], [2]], ['a', 'b'] as never)).toThrow('y[0] is "a"; logit needs numbers');
    expect(() => new LinearRegression({ solver: 'svd' as 'lstsq' })).toThrow('option solver must be one of "auto", "lstsq", "cd", "gd"; received "svd"');
    expect(() => new LinearRegression({ learningRate: 0 })).toThrow('option learningRate must be a finite number > 0; received 0');
    m.fit([[1], [2], [3]], [1, 2, 3]);
    expect(() => m.predict([[1, 2]])).toThrow('X has 2 features (columns) but the model was fitted with 1');
  });

  it('finds a NaN or ±∞ in X on every solver path, also where the check rides on the column sums', () => {
    const { X } = makeRegression({ nSamples: 40, nFeatures: 5, seed: 3 });
    const y = Array.from({ length: 40 }, (_, i) => i % 7);
    const cases: [number, number, number, string][] = [
      [17, 3, NaN, 'X[17][3] is NaN'],
      [39, 4, Infinity, 'X[39][4] is Infinity'],
      [0, 0, -Infinity, 'X[0][0] is -Infinity'],
    ];
    for (const [i, j, v, message] of cases) {
      const bad = X.clone();
      bad.set(i, j, v);
      for (const fitIntercept of [true, false]) {
        expect(() => new LinearRegression({ fitIntercept }).fit(bad, y)).toThrow(message);
        expect(() => new Ridge({ fitIntercept }).fit(bad, y)).toThrow(message);
        expect(() => new Lasso({ fitIntercept }).fit(bad, y)).toThrow(message);
        expect(() => new LinearRegression({ fitIntercept, solver: 'gd' }).fit(bad, y)).toThrow(message);
        // A zero weight on the bad row does not hide it (0·∞ and 0·NaN are NaN in the sums).
        const sampleWeight = Array.from({ length: 40 }, (_, r) => (r === i ? 0 : 1));
        expect(() => new LinearRegression({ fitIntercept }).fit(bad, y, { sampleWeight })).toThrow(message);
      }
    }
    // +∞ and −∞ in one column sum to NaN: still caught, the first one named.
    const both = X.clone();
    both.set(5, 1, Infinity);
    both.set(9, 1, -Infinity);
    expect(() => new LinearRegression().fit(both, y)).toThrow('X[5][1] is Infinity');
    // Finite entries whose column sum overflows are not an error: the fit goes on as before.
    const huge = X.clone();
    for (let r = 0; r < 40; r++) huge.set(r, 2, 1e307 * (1 + r / 100)); // finite, the sum is not
    expect(() => new LinearRegression({ onWarning: () => {} }).fit(huge, y)).not.toThrow();
    // Nothing was written into the caller's matrices.
    expect(Array.from(X.data).every(Number.isFinite)).toBe(true);
  });

  it('wide X (more columns than rows, no ridge: the QR path) is checked too, and fits without forming normal equations', () => {
    const rng = new Random(6);
    const X = Matrix.from(Array.from({ length: 12 }, () => Array.from({ length: 30 }, () => rng.normal())));
    const y = Array.from({ length: 12 }, () => rng.normal());
    for (const fitIntercept of [true, false]) {
      const m = new LinearRegression({ fitIntercept, onWarning: () => {} }).fit(X, y);
      expect(m.method).toBe('qr');
      // Minimum-norm interpolation: the residuals vanish.
      const r = m.predict(X).map((v, i) => v - y[i]);
      expect(Math.max(...r.map(Math.abs))).toBeLessThan(1e-10);
      const bad = X.clone();
      bad.set(7, 21, Number.NaN);
      expect(() => new LinearRegression({ fitIntercept }).fit(bad, y)).toThrow('X[7][21] is NaN');
    }
  });

  it('round-trips through JSON bit for bit', () => {
    const { X, y } = makeRegression({ nSamples: 30, nFeatures: 4, noise: 1, seed: 9 });
    for (const solver of ['lstsq', 'gd'] as const) {
      const m = new LinearRegression({ solver, maxIter: 50, onWarning: () => {} }).fit(X, y);
      const back = LinearRegression.fromJSON(JSON.parse(JSON.stringify(m)));
      expect(Array.from(back.coef)).toEqual(Array.from(m.coef));
      expect(back.intercept).toBe(m.intercept);
      expect(Array.from(back.predict(X))).toEqual(Array.from(m.predict(X)));
      expect(back.method).toBe(m.method);
    }
    const doc = JSON.parse(JSON.stringify(new LinearRegression().fit(X, y)));
    doc.state.rank = 7;
    expect(() => LinearRegression.fromJSON(doc)).toThrow('doc.state.rank must be an integer in [0, 4]; found 7');
  });
});
