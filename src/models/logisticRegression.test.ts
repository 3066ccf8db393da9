import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { collectWarnings, expectClose, firstBitDifference, fixture } from '../../test/helpers.js';
import { LogitRangeError, LogitTypeError, NotFittedError } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import { Random } from '../core/rng.js';
import type { Label } from '../core/validate.js';
import { loadBreastCancer } from '../datasets/load.js';
import { StandardScaler } from '../preprocessing/standardScaler.js';
import { LogisticRegression } from './logisticRegression.js';

interface LogisticCase {
  name: string;
  X: number[][];
  y: number[];
  sampleWeight: number[] | null;
  options: { penalty: 'l2' | 'none'; C: number; multiClass: 'auto' | 'multinomial' | 'ovr'; fitIntercept: boolean };
  classes: number[];
  coef: number[][];
  intercept: number[];
  nIter: number;
  objective: number;
  lbfgsObjective: number;
  predictProba: number[][];
}

/** Gaussian blobs drawn exactly as the seeds do (numpy's randn + offset), with logit's RNG. */
function seedBlobs(centers: number[][], perClass: number, seed: number): { X: number[][]; y: number[] } {
  const rng = new Random(seed);
  const X: number[][] = [];
  const y: number[] = [];
  centers.forEach((c, k) => {
    for (let i = 0; i < perClass; i++) {
      X.push(c.map((v) => v + rng.normal()));
      y.push(k);
    }
  });
  return { X, y };
}

function norm(M: Matrix): number {
  return Math.sqrt(M.data.reduce((s, v) => s + v * v, 0));
}

describe('LogisticRegression: the seeds’ worked examples', () => {
  it('seed 000: two blobs at (2, 2) and (−2, −2) reach accuracy ≈ 1 with the seed’s gradient descent', () => {
    const { X, y } = seedBlobs(
      [
        [2, 2],
        [-2, -2],
      ],
      100,
      42,
    );
    // Separable data without penalty: the loss keeps falling for ever, so the seed's 500 steps end the run.
    const { warnings, onWarning } = collectWarnings();
    const model = new LogisticRegression({ solver: 'gd', learningRate: 0.1, maxIter: 500, tol: 1e-6, penalty: 'none', onWarning }).fit(X, y);
    expect(warnings.map((w) => w.code)).toEqual(['convergence', 'separation']);
    expect(model.score(X, y)).toBeGreaterThanOrEqual(0.99);
    expect(model.predict([[2, 2]])).toEqual([0]);
    expect(model.predict([[-2, -2]])).toEqual([1]);
    // The loss falls monotonically under a small fixed step.
    const h = model.lossHistory;
    for (let k = 1; k < h.length; k++) expect(h[k]).toBeLessThanOrEqual(h[k - 1]);
  });

  it('seed 001: classes around (−1, −1) and (1, 1): accuracy > 90 %, [2, 2] → 1 and [−2, −2] → 0', () => {
    const { X, y } = seedBlobs(
      [
        [-1, -1],
        [1, 1],
      ],
      50,
      42,
    );
    const onWarning = (): void => {}; // gd may stop at maxIter, as the seed's fixed 1000 steps do
    for (const model of [new LogisticRegression(), new LogisticRegression({ solver: 'gd', learningRate: 0.1, maxIter: 1000, tol: 1e-9, onWarning })]) {
      model.fit(X, y);
      expect(model.score(X, y)).toBeGreaterThan(0.9);
      expect(model.predict([[2, 2]])).toEqual([1]);
      expect(model.predict([[-2, -2]])).toEqual([0]);
    }
  });

  it('seed 000: three-class softmax on blobs at (3, 0), (−3, 0), (0, 4) reaches high accuracy with a 3 × 2 coef', () => {
    const { X, y } = seedBlobs(
      [
        [3, 0],
        [-3, 0],
        [0, 4],
      ],
      80,
      42,
    );
    const model = new LogisticRegression().fit(X, y);
    expect(model.mode).toBe('multinomial');
    expect([model.coef.rows, model.coef.cols]).toEqual([3, 2]);
    expect(model.intercept.length).toBe(3);
    expect(model.score(X, y)).toBeGreaterThan(0.95);
    const { warnings, onWarning } = collectWarnings();
    const gd = new LogisticRegression({ solver: 'gd', learningRate: 0.1, maxIter: 500, tol: 0, onWarning }).fit(X, y);
    expect(warnings.map((w) => w.code)).toEqual(['convergence']); // tol 0 never stops early, as the seed's loop
    expect(gd.score(X, y)).toBeGreaterThan(0.95);
  });

  it('seed 001’s follow-up: L2 shrinks the weight norm, more as C falls (reg_lambda = 1/C rises)', () => {
    const { X, y } = seedBlobs(
      [
        [-1, -1],
        [1, 1],
      ],
      50,
      7,
    );
    const none = norm(new LogisticRegression({ penalty: 'none' }).fit(X, y).coef);
    const norms = [100, 1, 0.1, 0.01].map((C) => norm(new LogisticRegression({ C }).fit(X, y).coef));
    expect(norms[0]).toBeLessThan(none);
    for (let k = 1; k < norms.length; k++) expect(norms[k]).toBeLessThan(norms[k - 1]);
  });

  it('gradient descent and lbfgs reach the same optimum', () => {
    const { X, y } = seedBlobs(
      [
        [-1, 0],
        [1, 0.5],
      ],
      60,
      3,
    );
    const lb = new LogisticRegression({ C: 0.5, tol: 1e-12, maxIter: 1000 }).fit(X, y);
    const gd = new LogisticRegression({ C: 0.5, solver: 'gd', learningRate: 1, maxIter: 50_000, tol: 1e-15 }).fit(X, y);
    expectClose(gd.coef.data, lb.coef.data, 1e-5, 'coef');
    expect(gd.objective).toBeCloseTo(lb.objective, 8);
  });
});

describe('LogisticRegression: scikit-learn parity (fixtures/logistic.json)', () => {
  const { cases } = fixture<LogisticCase>('logistic.json');
  for (const c of cases) {
    it(`${c.name}: coef and intercept within 1e-4, objective within 1e-8 of scikit-learn's optimum`, () => {
      const { warnings, onWarning } = collectWarnings();
      const model = new LogisticRegression({ ...c.options, tol: 1e-10, maxIter: 10_000, onWarning });
      model.fit(c.X, c.y, c.sampleWeight ? { sampleWeight: c.sampleWeight } : {});
      expect(warnings).toEqual([]);
      expect(model.converged).toBe(true);
      expect(model.classes).toEqual(c.classes);
      expect([model.coef.rows, model.coef.cols]).toEqual([c.coef.length, c.coef[0].length]);
      expectClose(model.coef.data, c.coef.flat(), 1e-4, `${c.name} coef`);
      expectClose(model.intercept, c.intercept, 1e-4, `${c.name} intercept`);
      // At least as good as scikit-learn's optimum, and no better than rounding allows.
      const rel = (model.objective - c.objective) / Math.abs(c.objective);
      expect(rel).toBeLessThanOrEqual(1e-8);
      expect(rel).toBeGreaterThanOrEqual(-1e-8);
      // scikit-learn's own lbfgs stops earlier (scipy's ftol); logit must not be worse than it.
      expect(model.objective).toBeLessThanOrEqual(c.lbfgsObjective * (1 + 1e-8));
      expectClose(model.predictProba(c.X.slice(0, 10)).data, c.predictProba.flat(), 1e-4, `${c.name} predictProba`);
    });
  }
});

describe('LogisticRegression: properties over random data', () => {
  const problem = fc
    .record({
      n: fc.integer({ min: 6, max: 30 }),
      d: fc.integer({ min: 1, max: 4 }),
      K: fc.integer({ min: 2, max: 4 }),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
      multiClass: fc.constantFrom('auto', 'multinomial', 'ovr'),
      C: fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
      scale: fc.constantFrom(1e-3, 1, 1e3),
    })
    .map(({ n, d, K, seed, multiClass, C, scale }) => {
      const rng = new Random(seed);
      const X = Array.from({ length: n }, () => Array.from({ length: d }, () => scale * rng.normal()));
      const y = Array.from({ length: n }, (_, i) => (i < K ? i : rng.int(K)));
      return { X, y, multiClass: multiClass as 'auto' | 'multinomial' | 'ovr', C };
    });

  it('predictProba rows lie in [0, 1] and sum to 1 within 1e-12; predict is the argmax', () => {
    fc.assert(
      fc.property(problem, ({ X, y, multiClass, C }) => {
        const model = new LogisticRegression({ multiClass, C, maxIter: 200, onWarning: () => {} }).fit(X, y);
        const P = model.predictProba(X);
        const pred = model.predict(X);
        for (let i = 0; i < P.rows; i++) {
          let s = 0;
          let best = 0;
          for (let k = 0; k < P.cols; k++) {
            const p = P.get(i, k);
            if (!(p >= 0 && p <= 1)) return false;
            s += p;
            if (p > P.get(i, best)) best = k;
          }
          if (Math.abs(s - 1) > 1e-12) return false;
          if (pred[i] !== model.classes[best]) return false;
        }
        return true;
      }),
      { numRuns: 60 },
    );
  });

  it('toJSON → JSON text → fromJSON round-trips every double bit for bit', () => {
    fc.assert(
      fc.property(problem, ({ X, y, multiClass, C }) => {
        const model = new LogisticRegression({ multiClass, C, maxIter: 50, onWarning: () => {} }).fit(X, y);
        const back = LogisticRegression.fromJSON(JSON.parse(JSON.stringify(model)));
        expect(Array.from(back.coef.data)).toEqual(Array.from(model.coef.data));
        expect(Array.from(back.intercept)).toEqual(Array.from(model.intercept));
        expect(Array.from(back.lossHistory)).toEqual(Array.from(model.lossHistory));
        expect(back.objective).toBe(model.objective);
        expect(back.params).toEqual(model.params);
        expect(back.predictProba(X).data).toEqual(model.predictProba(X).data);
        expect(back.predict(X)).toEqual(model.predict(X));
      }),
      { numRuns: 40 },
    );
  });

  it('no NaN for extreme inputs: scores near ±1e308 and beyond', () => {
    const X = [
      [-1, 1],
      [1, -1],
      [-2, 2],
      [2, -2],
      [-1.5, 0.5],
      [1.5, -0.5],
    ];
    const y = [0, 1, 0, 1, 0, 1];
    const y3 = [0, 1, 2, 1, 0, 2];
    const models = [
      new LogisticRegression().fit(X, y),
      new LogisticRegression().fit(X, y3),
      new LogisticRegression({ multiClass: 'ovr' }).fit(X, y3),
      new LogisticRegression({ multiClass: 'multinomial' }).fit(X, y),
    ];
    const extreme = [
      [1e308, -1e308],
      [-1e308, 1e308],
      [1e308, 1e308],
      [Number.MAX_VALUE, 0],
      [-Number.MAX_VALUE, 0],
      [1e-308, 5e-324],
      [0, 0],
    ];
    for (const m of models) {
      for (const P of [m.predictProba(extreme), m.predictLogProba(extreme)]) {
        for (const v of P.data) expect(Number.isNaN(v)).toBe(false);
      }
      const P = m.predictProba(extreme);
      for (let i = 0; i < P.rows; i++) {
        let s = 0;
        for (let k = 0; k < P.cols; k++) {
          expect(P.get(i, k)).toBeGreaterThanOrEqual(0);
          expect(P.get(i, k)).toBeLessThanOrEqual(1);
          s += P.get(i, k);
        }
        expect(Math.abs(s - 1)).toBeLessThanOrEqual(1e-12);
      }
      expect(m.predict(extreme).length).toBe(extreme.length);
    }
  });

  it('predictLogProba equals log(predictProba) where that is representable, and keeps digits below it', () => {
    const { X, y } = seedBlobs(
      [
        [0, 0],
        [3, 3],
        [0, 5],
      ],
      20,
      1,
    );
    for (const multiClass of ['multinomial', 'ovr'] as const) {
      const m = new LogisticRegression({ multiClass }).fit(X, y);
      const P = m.predictProba(X);
      const L = m.predictLogProba(X);
      for (let k = 0; k < P.data.length; k++) expect(L.data[k]).toBeCloseTo(Math.log(P.data[k]), 9);
    }
    const bin = new LogisticRegression().fit(X.slice(0, 40), y.slice(0, 40));
    const far = bin.predictLogProba([[-1e4, -1e4]]);
    expect(far.get(0, 1)).toBeLessThan(-1000); // exp of it underflows to 0, the log keeps it
    expect(Number.isFinite(far.get(0, 1))).toBe(true);
    // Three classes far from the data: probabilities underflow to 0, their logs stay finite and
    // match the log-space formulas computed here with Math (one-vs-rest: log σ(zₖ) − log Σ σ(zⱼ)).
    const farRows = [[-1e4, -1e4], [1e4, -3e3], [2e3, 9e3]];
    for (const multiClass of ['multinomial', 'ovr'] as const) {
      const m = new LogisticRegression({ multiClass }).fit(X, y);
      const Z = m.decisionFunction(farRows);
      const L = m.predictLogProba(farRows);
      expect(m.predictProba(farRows).data.some((p) => p === 0)).toBe(true);
      for (let i = 0; i < farRows.length; i++) {
        const z = [0, 1, 2].map((k) => Z.get(i, k));
        const l = multiClass === 'ovr' ? z.map((v) => -(Math.max(-v, 0) + Math.log1p(Math.exp(-Math.abs(v))))) : z;
        const mx = Math.max(...l);
        const lse = mx + Math.log(l.reduce((s, v) => s + Math.exp(v - mx), 0));
        for (let k = 0; k < 3; k++) {
          expect(Number.isFinite(L.get(i, k))).toBe(true);
          expect(Math.abs(L.get(i, k) - (l[k] - lse))).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(l[k] - lse)));
        }
      }
    }
  });
});

describe('LogisticRegression: labels, threshold and options', () => {
  it('returns labels as given: strings, booleans, numbers', () => {
    const X = [[0], [1], [2], [3], [4], [5]];
    const s = new LogisticRegression().fit(X, ['no', 'no', 'no', 'yes', 'yes', 'yes']);
    expect(s.classes).toEqual(['no', 'yes']);
    expect(s.predict([[0], [5]])).toEqual(['no', 'yes']);
    const b = new LogisticRegression().fit(X, [false, false, false, true, true, true]);
    expect(b.predict([[5]])).toEqual([true]);
    const n = new LogisticRegression().fit(X, [-1, -1, -1, 1, 1, 1]);
    expect(n.classes).toEqual([-1, 1]);
  });

  it('predict with a threshold moves the cut-off (binary only)', () => {
    const X = [[0], [1], [2], [3], [4], [5]];
    const y = [0, 0, 1, 0, 1, 1];
    const m = new LogisticRegression().fit(X, y);
    const p = m.predictProba(X);
    const t = 0.8;
    expect(m.predict(X, { threshold: t })).toEqual(Array.from({ length: 6 }, (_, i) => (p.get(i, 1) >= t ? 1 : 0)));
    expect(m.predict(X, { threshold: 0 })).toEqual([1, 1, 1, 1, 1, 1]);
    const three = new LogisticRegression().fit(X, [0, 1, 2, 0, 1, 2]);
    expect(() => three.predict(X, { threshold: 0.5 })).toThrow("predict's threshold applies to two classes; this model has 3");
    expect(() => m.predict(X, { threshold: 1.5 })).toThrow('option threshold must be in [0, 1]; received 1.5');
  });

  it('decisionFunction is X·coefᵀ + intercept', () => {
    const { X, y } = seedBlobs(
      [
        [0, 0],
        [2, 2],
        [0, 3],
      ],
      10,
      2,
    );
    const m = new LogisticRegression().fit(X, y);
    const Z = m.decisionFunction(X);
    const W = m.coef;
    for (let i = 0; i < X.length; i++) {
      for (let k = 0; k < 3; k++) expect(Z.get(i, k)).toBeCloseTo(X[i][0] * W.get(k, 0) + X[i][1] * W.get(k, 1) + m.intercept[k], 12);
    }
  });

  it('sample weights equal repeated rows; integer class weights via sampleWeight', () => {
    const X = [[0], [1], [2], [3], [4], [5]];
    const y = [0, 0, 1, 0, 1, 1];
    const weighted = new LogisticRegression({ tol: 1e-12 }).fit(X, y, { sampleWeight: [1, 2, 1, 3, 1, 1] });
    const repeated = new LogisticRegression({ tol: 1e-12 }).fit(
      [[0], [1], [1], [2], [3], [3], [3], [4], [5]],
      [0, 0, 0, 1, 0, 0, 0, 1, 1],
    );
    expectClose(weighted.coef.data, repeated.coef.data, 1e-8);
    expectClose(weighted.intercept, repeated.intercept, 1e-8);
  });

  it('fitIntercept: false leaves the intercept at 0', () => {
    const m = new LogisticRegression({ fitIntercept: false }).fit([[1], [2], [-1], [-2], [0.5], [-0.1]], [1, 1, 0, 0, 0, 1]);
    expect(Array.from(m.intercept)).toEqual([0]);
  });
});

describe('LogisticRegression: warnings', () => {
  it('non-convergence sets converged = false and warns once, saying what to try', () => {
    const bc = loadBreastCancer();
    const { warnings, onWarning } = collectWarnings();
    const m = new LogisticRegression({ solver: 'lbfgs', maxIter: 5, onWarning }).fit(bc.X, bc.y);
    expect(m.converged).toBe(false);
    expect(m.nIter).toBe(5);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].code).toBe('convergence');
    expect(warnings[0].source).toBe('LogisticRegression');
    expect(warnings[0].message).toMatch(/maxIter=5 iterations: the largest gradient component is .* Increase maxIter/);
  });

  it('one-vs-rest warns once for all classes that failed', () => {
    const { X, y } = seedBlobs(
      [
        [0, 0],
        [2, 2],
        [0, 3],
      ],
      20,
      4,
    );
    const { warnings, onWarning } = collectWarnings();
    new LogisticRegression({ multiClass: 'ovr', maxIter: 1, onWarning }).fit(X, y);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toMatch(/one-vs-rest for classes 0, 1, 2/);
  });

  it('gradient descent with a huge step reports divergence, never NaN', () => {
    const bc = loadBreastCancer();
    const { warnings, onWarning } = collectWarnings();
    const m = new LogisticRegression({ solver: 'gd', learningRate: 1e6, maxIter: 200, onWarning }).fit(bc.X, bc.y);
    expect(m.converged).toBe(false);
    expect(warnings[0].code).toBe('divergence');
    expect(warnings[0].message).toMatch(/Lower learningRate/);
    expect(Array.from(m.coef.data).every(Number.isFinite)).toBe(true);
  });

  it('without onWarning, warnings go to console.warn', () => {
    const spy = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const bc = loadBreastCancer();
    new LogisticRegression({ maxIter: 2 }).fit(bc.X, bc.y);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(String(spy.mock.calls[0][0])).toMatch(/^\[logit\] LogisticRegression: (lbfgs|newton) did not converge/);
    spy.mockClear(); // seen and checked: not a leak for test/setup.ts
  });

  it('the default solver converges on standardised breast cancer without warnings', () => {
    const bc = loadBreastCancer();
    const Xs = new StandardScaler().fitTransform(bc.X);
    const { warnings, onWarning } = collectWarnings();
    const m = new LogisticRegression({ onWarning }).fit(Xs, bc.y);
    expect(warnings).toEqual([]);
    expect(m.converged).toBe(true);
    expect(m.gradMax).toBeLessThanOrEqual(1e-4);
  });
});

describe('LogisticRegression: bad input', () => {
  const X = [
    [0, 1],
    [1, 0],
    [2, 2],
    [3, 1],
  ];
  const y = [0, 0, 1, 1];

  it('ragged rows, NaN and ±Infinity name the row and column', () => {
    const m = new LogisticRegression();
    expect(() => m.fit([[0, 1], [1], [2, 2], [3, 1]], y)).toThrow('X[1] has 1 values but X[0] has 2');
    expect(() => m.fit([[0, 1], [1, NaN], [2, 2], [3, 1]], y)).toThrow('X[1][1] is NaN; logit needs finite numbers (impute or drop the row)');
    expect(() => m.fit([[0, 1], [1, 0], [Infinity, 2], [3, 1]], y)).toThrow('X[2][0] is Infinity');
    expect(() => m.fit(X, [0, NaN, 1, 1])).toThrow('y[1] is NaN; numeric labels must be finite');
    expect(() => m.fit(X, [0, 0, 1, Infinity])).toThrow('y[3] is Infinity');
  });

  it("X's NaN and ±∞ are caught on the preconditioner's column sums, on every solver and mode, zero weights included", () => {
    // A 300 × 3 problem with one bad entry: every solver, binary and softmax, with and without an
    // intercept, the bad row weighted 0. The error is the first bad entry in row-major order, as
    // assertFinite names it; X is not changed.
    const rows = Array.from({ length: 300 }, (_, i) => [Math.sin(i), Math.cos(3 * i), ((i * 37) % 11) / 5]);
    const y2 = rows.map((r) => (r[0] + r[1] > 0 ? 1 : 0));
    const y3 = rows.map((r) => (r[0] > 0.5 ? 2 : r[1] > 0 ? 1 : 0));
    const cases: [number, number, number, string][] = [
      [17, 1, Number.NaN, 'X[17][1] is NaN'],
      [250, 2, Infinity, 'X[250][2] is Infinity'],
      [3, 0, -Infinity, 'X[3][0] is -Infinity'],
    ];
    const solvers = ['auto', 'lbfgs', 'newton', 'owlqn', 'proxnewton', 'sgd', 'gd'] as const;
    for (const [i, j, v, message] of cases) {
      const bad = Matrix.from(rows);
      bad.set(i, j, v);
      bad.set(i + 1, j, -v); // a second bad entry later in the same column
      const copy = Float64Array.from(bad.data);
      const weights = Array.from({ length: 300 }, (_, r) => (r === i ? 0 : 1));
      for (const solver of solvers) {
        for (const fitIntercept of [true, false]) {
          const penalty = solver === 'owlqn' || solver === 'proxnewton' ? 'l1' : 'l2';
          const model = new LogisticRegression({ solver, fitIntercept, penalty, maxIter: 5 });
          expect(() => model.fit(bad, y2, { sampleWeight: weights }), `${solver} ${fitIntercept}`).toThrow(message);
          if (solver !== 'proxnewton') expect(() => model.fit(bad, y3)).toThrow(message);
        }
      }
      expect(firstBitDifference(bad.data, copy)).toBe(-1);
    }
    // Finite entries whose squares overflow make a column's sums infinite: X is scanned, found
    // finite, and the fit goes on.
    const huge = Matrix.from(rows.map((r, k) => [k === 5 ? 1e200 : r[0], r[1], r[2]]));
    const m = new LogisticRegression({ maxIter: 50, onWarning: () => {} }).fit(huge, y2);
    expect(Array.from(m.coef.data).every(Number.isFinite)).toBe(true);
  });

  it('length mismatch, empty X, one class', () => {
    const m = new LogisticRegression();
    expect(() => m.fit(X, [0, 1, 1])).toThrow('y has 3 labels but X has 4 rows; they must match');
    expect(() => m.fit([], [])).toThrow('X has 0 rows; at least 1 is needed');
    expect(() => m.fit(X, [1, 1, 1, 1])).toThrow('y has only one class (1); LogisticRegression needs samples of at least two classes');
  });

  it('unseen labels in score, a different feature count at predict time, use before fit', () => {
    const m = new LogisticRegression();
    expect(() => m.predict(X)).toThrow(NotFittedError);
    expect(() => m.coef).toThrow('LogisticRegression.coef() needs a fitted model; call fit(X, y) first');
    m.fit(X, y);
    expect(() => m.score(X, [0, 0, 1, 2])).toThrow('y[3] is 2, which is not one of the classes [0, 1]');
    expect(() => m.predict([[1, 2, 3]])).toThrow('X has 3 features (columns) but the model was fitted with 2');
    expect(() => m.predictProba([[1]])).toThrow(LogitRangeError);
  });

  it('invalid options name the option, what it accepts and the value', () => {
    expect(() => new LogisticRegression({ C: 0 })).toThrow('option C must be a finite number > 0; received 0');
    expect(() => new LogisticRegression({ C: -1 })).toThrow(LogitRangeError);
    expect(() => new LogisticRegression({ C: '1' as unknown as number })).toThrow(LogitTypeError);
    expect(() => new LogisticRegression({ solver: 'saga' as 'lbfgs' })).toThrow(
      'option solver must be one of "auto", "lbfgs", "newton", "owlqn", "proxnewton", "sgd", "gd"; received "saga"',
    );
    expect(() => new LogisticRegression({ penalty: 'l3' as 'l2' })).toThrow(/option penalty must be one of "none", "l2", "l1", "elasticnet"/);
    expect(() => new LogisticRegression({ maxIter: -1 })).toThrow('option maxIter must be an integer ≥ 0; received -1');
    expect(() => new LogisticRegression({ tol: NaN })).toThrow(/option tol must be a finite number ≥ 0/);
    expect(() => new LogisticRegression({ lerningRate: 0.1 } as never)).toThrow('LogisticRegression has no option "lerningRate"; did you mean "learningRate"?');
    expect(() => new LogisticRegression({ onWarning: 3 as never })).toThrow('option onWarning must be a function; received 3');
  });

  it('never mutates inputs; a failed fit leaves the previous model intact', () => {
    const Xc = X.map((r) => [...r]);
    const yc = [...y];
    const M = Matrix.from(X);
    const data = M.data.slice();
    const m = new LogisticRegression().fit(M, y);
    expect(M.data).toEqual(data);
    m.fit(Xc, yc);
    expect(Xc).toEqual(X);
    expect(yc).toEqual(y);
    const before = JSON.stringify(m.toJSON());
    expect(() => m.fit([[0, 1], [1, NaN]], [0, 1])).toThrow();
    expect(() => m.fit(X, [1, 1, 1, 1])).toThrow();
    expect(JSON.stringify(m.toJSON())).toBe(before);
  });
});

describe('LogisticRegression.fromJSON: refuses bad documents before building anything', () => {
  const fitted = new LogisticRegression().fit([[0], [1], [2], [3]], ['a', 'a', 'b', 'b']);
  const good = (): Record<string, any> => JSON.parse(JSON.stringify(fitted.toJSON()));

  it('accepts its own output, unfitted models included', () => {
    expect(LogisticRegression.fromJSON(good()).predict([[3]])).toEqual(['b']);
    const unfitted = LogisticRegression.fromJSON(JSON.parse(JSON.stringify(new LogisticRegression({ C: 3 }).toJSON())));
    expect(unfitted.isFitted).toBe(false);
    expect(unfitted.params.C).toBe(3);
  });

  it('keeps −0 and every other double exactly', () => {
    const doc = good();
    doc.state.intercept = ['-0'];
    const m = LogisticRegression.fromJSON(doc);
    expect(Object.is(m.intercept[0], -0)).toBe(true);
    expect(JSON.parse(JSON.stringify(m.toJSON())).state.intercept).toEqual(['-0']);
  });

  const broken: [string, (d: Record<string, any>) => void, RegExp][] = [
    ['foreign format', (d) => (d.format = 'onnx'), /not a logit model document/],
    ['newer version', (d) => (d.version = 99), /newer logit \(document version 99\)/],
    ['other class', (d) => (d.class = 'LinearRegression'), /reads only "LogisticRegression"/],
    ['missing state field', (d) => delete d.state.coef, /doc\.state\.coef is missing/],
    ['coef rows versus classes', (d) => d.state.coef.push([1]), /must have 1 row for 2 classes/],
    ['coef columns versus features', (d) => (d.state.nFeatures = 2), /doc\.state\.coef\[0\] must have 2 values/],
    ['non-finite number', (d) => (d.state.intercept = [null]), /doc\.state\.intercept\[0\] must be a number/],
    ['wrong type', (d) => (d.state.converged = 'yes'), /converged must be true or false/],
    ['bad option', (d) => (d.params.C = -1), /option C must be a finite number > 0/],
    ['unsorted classes', (d) => (d.state.classes = ['b', 'a']), /sorted order/],
    ['unknown mode', (d) => (d.state.mode = 'svm'), /mode must be one of/],
  ];
  for (const [what, breakIt, message] of broken) {
    it(`rejects ${what}`, () => {
      const doc = good();
      breakIt(doc);
      expect(() => LogisticRegression.fromJSON(doc)).toThrow(message);
    });
  }

  it('prototype-pollution keys in a document stay inert', () => {
    const text = JSON.stringify(fitted.toJSON()).replace('"params":{', '"params":{"__proto__":{"polluted":true},');
    expect(() => LogisticRegression.fromJSON(JSON.parse(text))).toThrow(/no option "__proto__"/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => LogisticRegression.fromJSON('{"format":"logit"}')).toThrow(/JSON.parse it first/);
  });
});

describe('LogisticRegression: label kinds in predict output', () => {
  it('predict returns the same label objects as classes', () => {
    const labels: Label[] = ['cat', 'dog', 'cat', 'dog', 'eel', 'eel'];
    const m = new LogisticRegression().fit([[0], [1], [0.2], [1.1], [3], [3.2]], labels);
    expect(m.predict([[0], [1], [3]])).toEqual(['cat', 'dog', 'eel']);
  });
});
