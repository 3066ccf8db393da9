import { describe, expect, it } from 'vitest';
import { collectWarnings, expectClose, fixture } from '../../test/helpers.js';
import { Matrix } from '../core/matrix.js';
import { Random } from '../core/rng.js';
import { loadBreastCancer } from '../datasets/load.js';
import { StandardScaler } from '../preprocessing/standardScaler.js';
import { makeClassification } from '../datasets/generators.js';
import { chooseSolver, shouldHandOff } from './chooseSolver.js';
import { LogisticRegression } from './logisticRegression.js';
import { regularizationPath } from './regularizationPath.js';

const bc = loadBreastCancer();
const Xs = new StandardScaler().fitTransform(bc.X);
const quiet = (): void => {};

describe("solver 'auto'", () => {
  it('picks proxnewton for L1 (owlqn for softmax), newton for tiny Hessians, lbfgs with a newton fallback otherwise; the choice is readable', () => {
    expect(chooseSolver('l1', 1000, 10, 2, false).first).toBe('proxnewton');
    expect(chooseSolver('elasticnet', 1000, 10, 2, false).first).toBe('proxnewton');
    expect(chooseSolver('l1', 1000, 10, 3, true).first).toBe('owlqn');
    expect(chooseSolver('elasticnet', 1000, 10, 3, true).first).toBe('owlqn');
    expect(chooseSolver('l2', 569, 30, 2, false).first).toBe('newton');
    // L-BFGS with a Newton handoff: the Hessian sampled on every sampleStep-th row, costing a few passes.
    for (const [n, d, K, multi] of [
      [20_000, 50, 2, false],
      [100_000, 100, 2, false],
      [100_000, 500, 2, false],
      [50_000, 50, 10, true],
    ] as const) {
      const plan = chooseSolver('l2', n, d, K, multi);
      expect(plan.first).toBe('lbfgs');
      expect(plan.handoff?.sampleStep).toBeGreaterThan(1);
      expect(plan.handoff?.setupPasses).toBeGreaterThan(1);
      expect(plan.handoff?.setupPasses).toBeLessThan(4);
    }
    expect(chooseSolver('l2', 100_000, 1200, 2, false)).toEqual({ first: 'lbfgs', handoff: null });
    expect(chooseSolver('none', 100_000, 20, 2, false).handoff?.sampleStep).toBe(1);
    const m = new LogisticRegression().fit(Xs, bc.y);
    expect(m.params.solver).toBe('auto');
    expect(m.solver).toBe('newton');
    expect(new LogisticRegression({ penalty: 'l1' }).fit(Xs, bc.y).solver).toBe('proxnewton');
  });

  it('certificate: objective, optimality violation ≤ tol, iterations and solver', () => {
    for (const penalty of ['l2', 'l1'] as const) {
      const m = new LogisticRegression({ penalty, C: 0.3, tol: 1e-8, maxIter: 1000 }).fit(Xs, bc.y);
      const c = m.certificate;
      expect(c.converged).toBe(true);
      expect(c.gradMax).toBeLessThanOrEqual(1e-8);
      expect(c.objective).toBe(m.objective);
      expect(c.nIter).toBe(m.nIter);
      expect(c.solver).toBe(m.solver);
      expect(m.lossHistory.length).toBeGreaterThan(1);
      expect(m.lossHistory.at(-1)).toBeLessThan(m.lossHistory[0]);
    }
  });
});

describe("solver 'auto': the Newton handoff of L-BFGS", () => {
  const plan = { sampleStep: 4, setupPasses: 2 };
  it('shouldHandOff: not before a window of iterations, not when L-BFGS will soon reach tol, yes when it stalls or tol is tight', () => {
    expect(shouldHandOff([1, 0.99, 0.98], 1e-9, plan)).toBe(false);
    expect(shouldHandOff([1, 0.3, 0.1, 0.03, 0.01], 1e-3, plan)).toBe(false);
    expect(shouldHandOff([1, 0.5, 0.25, 0.125, 0.0625], 1e-3, plan)).toBe(false);
    expect(shouldHandOff([1, 0.5, 0.25, 0.125, 0.0625], 1e-12, plan)).toBe(true);
    expect(shouldHandOff([1, 0.9, 0.85, 0.8, 0.78], 1e-6, plan)).toBe(true);
    expect(shouldHandOff([1, 0.5, 0.5, 0.6, 0.7], 1e-6, plan)).toBe(true);
    expect(shouldHandOff([1, 0.9, 0.85, 0.8, 1e-7], 1e-6, plan)).toBe(false);
    expect(shouldHandOff([1, 0.9, 0.85, 0.8, NaN], 1e-6, plan)).toBe(false);
    // A costlier handoff needs a worse outlook.
    expect(shouldHandOff([1, 0.5, 0.25, 0.125, 0.0625], 1e-12, { sampleStep: 1, setupPasses: 40 })).toBe(false);
  });

  // Redundant features (exact linear combinations) leave only the penalty's curvature in some
  // directions: L-BFGS crawls there, as on the benchmark's 100k × 100 problem. 4000 × 41 is above
  // the size where 'auto' uses Newton outright.
  const bin = makeClassification({ nSamples: 4000, nFeatures: 40, nInformative: 10, nRedundant: 10, flipY: 0.05, seed: 3 });
  const multi = makeClassification({ nSamples: 3000, nFeatures: 12, nInformative: 6, nRedundant: 3, nClasses: 4, flipY: 0.05, seed: 4 });

  it('at a tight tol: reaches the Newton optimum in far fewer iterations than plain L-BFGS, converged, certificate honest', () => {
    for (const [name, data] of [['binary', bin], ['multinomial', multi]] as const) {
      const tol = 1e-10;
      expect(chooseSolver('l2', data.X.rows, data.X.cols, name === 'binary' ? 2 : 4, name === 'multinomial').first).toBe('lbfgs');
      const seen: number[] = [];
      const auto = new LogisticRegression({ tol, onIteration: (k) => void seen.push(k) }).fit(data.X, data.y);
      const newton = new LogisticRegression({ tol, solver: 'newton' }).fit(data.X, data.y);
      const plain = new LogisticRegression({ tol, solver: 'lbfgs', maxIter: 1000, onWarning: quiet }).fit(data.X, data.y);
      expect(auto.solver).toBe('lbfgs');
      expect(auto.converged).toBe(true);
      expect(auto.gradMax).toBeLessThanOrEqual(tol);
      expect(auto.certificate).toMatchObject({ converged: true, solver: 'lbfgs', nIter: auto.nIter });
      expect(Math.abs(auto.objective - newton.objective) / newton.objective).toBeLessThan(1e-12);
      expectClose(auto.coef.data, newton.coef.data, 1e-5, name);
      expect(auto.nIter).toBeLessThan(plain.nIter / 2);
      // Every iteration is reported once, in order, across the handoff.
      expect(seen).toEqual(Array.from({ length: auto.nIter + 1 }, (_, k) => k));
      expect(auto.lossHistory.length).toBe(auto.nIter + 1);
    }
  });

  it('at the default tol on a well-conditioned problem: no handoff, the same fit as plain L-BFGS', () => {
    const rng = new Random(5);
    const n = 5000;
    const d = 30;
    const X = new Matrix(n, d, Float64Array.from({ length: n * d }, () => rng.normal()));
    const y = Array.from({ length: n }, (_, i) => (X.get(i, 0) - X.get(i, 1) + 0.5 * rng.normal() > 0 ? 1 : 0));
    expect(chooseSolver('l2', n, d, 2, false).first).toBe('lbfgs');
    const auto = new LogisticRegression().fit(X, y);
    const plain = new LogisticRegression({ solver: 'lbfgs' }).fit(X, y);
    expect(auto.nIter).toBe(plain.nIter);
    expect(Array.from(auto.coef.data)).toEqual(Array.from(plain.coef.data));
  });

  it('when maxIter runs out after the handoff: converged false, one warning, nIter = maxIter', () => {
    const { warnings, onWarning } = collectWarnings();
    const m = new LogisticRegression({ tol: 1e-14, maxIter: 6, onWarning }).fit(bin.X, bin.y);
    expect(m.nIter).toBe(6);
    expect(m.converged).toBe(false);
    expect(m.gradMax).toBeGreaterThan(1e-14);
    expect(warnings.map((w) => w.code)).toEqual(['convergence']);
    expect(m.lossHistory.length).toBe(7);
  });
});

describe('warmStart', () => {
  it('refitting from the solution takes no iterations; a nearby C takes fewer than a cold start', () => {
    const m = new LogisticRegression({ solver: 'lbfgs', warmStart: true, tol: 1e-8, maxIter: 500 }).fit(Xs, bc.y);
    const cold = m.nIter;
    m.fit(Xs, bc.y);
    expect(m.nIter).toBe(0);
    const warmNear = new LogisticRegression({ solver: 'lbfgs', warmStart: true, tol: 1e-8, maxIter: 500, C: 1 }).fit(Xs, bc.y);
    const coldNear = new LogisticRegression({ solver: 'lbfgs', tol: 1e-8, maxIter: 500, C: 1.2 }).fit(Xs, bc.y);
    // C is a frozen option, so a warm start at another C goes through JSON-free state transfer:
    const doc = warmNear.toJSON();
    doc.params = { ...doc.params, C: 1.2 };
    const warmed = LogisticRegression.fromJSON(doc);
    warmed.fit(Xs, bc.y);
    expect(warmed.nIter).toBeLessThan(coldNear.nIter);
    expect(warmed.objective).toBeCloseTo(coldNear.objective, 6);
    expect(cold).toBeGreaterThan(5);
  });

  it('is ignored when the classes or features changed', () => {
    const m = new LogisticRegression({ warmStart: true }).fit(Xs, bc.y);
    const y3 = bc.y.map((v, i) => (i % 7 === 0 ? 2 : v));
    m.fit(Xs, y3);
    expect(m.classes).toEqual([0, 1, 2]);
    expect(m.converged).toBe(true);
  });
});

describe('regularizationPath', () => {
  it('fits a grid from strong to weak penalty with warm starts; each model is the optimum at its C', () => {
    const Cs = [10, 0.01, 1, 0.1];
    const path = regularizationPath(Xs, bc.y, { Cs, tol: 1e-8, maxIter: 1000 });
    expect(Array.from(path.Cs)).toEqual([0.01, 0.1, 1, 10]);
    const norms = path.coefs.map((c) => Math.hypot(...c.data));
    for (let k = 1; k < norms.length; k++) expect(norms[k]).toBeGreaterThan(norms[k - 1]);
    path.models.forEach((m, k) => {
      expect(m.params.C).toBe(path.Cs[k]);
      const cold = new LogisticRegression({ C: path.Cs[k], tol: 1e-8, maxIter: 1000 }).fit(Xs, bc.y);
      expect(Math.abs(m.objective - cold.objective) / cold.objective).toBeLessThan(1e-9);
      expect(m.predict(Xs)).toEqual(cold.predict(Xs));
    });
  });

  it('an L1 path grows its support as C rises; an integer Cs is scikit-learn’s logspace(-4, 4)', () => {
    const path = regularizationPath(Xs, bc.y, { Cs: [0.005, 0.05, 0.5, 5], penalty: 'l1', tol: 1e-6, maxIter: 2000 });
    const support = path.coefs.map((c) => Array.from(c.data).filter((v) => v !== 0).length);
    for (let k = 1; k < support.length; k++) expect(support[k]).toBeGreaterThanOrEqual(support[k - 1]);
    expect(support[0]).toBeLessThan(support[3]);
    const grid = regularizationPath(Xs.selectRows(Int32Array.from({ length: 100 }, (_, i) => i)), bc.y.slice(0, 100), { Cs: 3, onWarning: quiet });
    expect(Array.from(grid.Cs)).toEqual([1e-4, 1, 1e4]);
    expect(() => regularizationPath(Xs, bc.y, { Cs: [1, -1] })).toThrow('Cs[1] is -1; every C must be a finite number > 0');
  });
});

describe("solver 'sgd' and partialFit", () => {
  const optimum = new LogisticRegression({ tol: 1e-10, maxIter: 1000 }).fit(Xs, bc.y);

  it('fit reaches the optimum’s objective to within 1 % and its accuracy', () => {
    const { warnings, onWarning } = collectWarnings();
    const m = new LogisticRegression({ solver: 'sgd', maxIter: 200, tol: 1e-6, batchSize: 16, seed: 3, onWarning }).fit(Xs, bc.y);
    expect(warnings).toEqual([]);
    expect(m.solver).toBe('sgd');
    expect((m.objective - optimum.objective) / optimum.objective).toBeLessThan(0.01);
    expect(Math.abs(m.score(Xs, bc.y) - optimum.score(Xs, bc.y))).toBeLessThan(0.02);
  });

  it('partialFit on chunks learns the same model as a stream: close to the optimum after a few passes', () => {
    const m = new LogisticRegression({ solver: 'sgd', learningRate: 0.5, batchSize: 16 });
    const n = Xs.rows;
    const chunk = 100;
    for (let pass = 0; pass < 8; pass++) {
      for (let start = 0; start < n; start += chunk) {
        const rows = Int32Array.from({ length: Math.min(chunk, n - start) }, (_, i) => start + i);
        m.partialFit(Xs.selectRows(rows), Array.from(rows, (i) => bc.y[i]), pass === 0 && start === 0 ? { classes: [0, 1] } : {});
      }
    }
    expect(m.nIter).toBe(8 * Math.ceil(n / chunk));
    expect(m.converged).toBe(false);
    expect(Math.abs(m.score(Xs, bc.y) - optimum.score(Xs, bc.y))).toBeLessThan(0.03);
    const full = new LogisticRegression({ ...m.params }).fit(Xs, bc.y);
    expect(full.isFitted).toBe(true);
  });

  it('partialFit refuses: no classes on the first call, a new class, a non-sgd solver, balanced weights', () => {
    const X = [[0], [1], [2], [3]];
    expect(() => new LogisticRegression({ solver: 'sgd' }).partialFit(X, [0, 0, 1, 1])).toThrow(/first call needs \{ classes: \[\.\.\.\] \}/);
    const m = new LogisticRegression({ solver: 'sgd' }).partialFit(X, [0, 0, 1, 1], { classes: [0, 1] });
    expect(() => m.partialFit(X, [0, 2, 1, 1])).toThrow('y[1] is 2, which is not one of the classes [0, 1]');
    expect(() => new LogisticRegression().partialFit(X, [0, 0, 1, 1], { classes: [0, 1] })).toThrow("partialFit needs solver 'sgd'; this model has solver 'auto'");
    expect(() => new LogisticRegression({ solver: 'sgd', classWeight: 'balanced' }).partialFit(X, [0, 0, 1, 1], { classes: [0, 1] })).toThrow(/balanced/);
    expect(() => m.partialFit([[1, 2]], [0])).toThrow('X has 2 features (columns) but the model was fitted with 1');
  });

  it('sgd handles L1 by soft-thresholding: exact zeros appear', () => {
    const m = new LogisticRegression({ solver: 'sgd', penalty: 'l1', C: 0.02, maxIter: 100, learningRate: 0.2, onWarning: quiet }).fit(Xs, bc.y);
    expect(Array.from(m.coef.data).filter((v) => v === 0).length).toBeGreaterThan(10);
  });
});

describe('separation (penalty none)', () => {
  it('complete separation is detected, named and warned about; coefficients stay finite', () => {
    const rng = new Random(5);
    const X = Array.from({ length: 60 }, (_, i) => [i < 30 ? rng.uniform(-3, -0.5) : rng.uniform(0.5, 3), rng.normal()]);
    const y = X.map((_, i) => (i < 30 ? 0 : 1));
    const { warnings, onWarning } = collectWarnings();
    const m = new LogisticRegression({ penalty: 'none', onWarning }).fit(X, y, { featureNames: ['dose', 'noise'] });
    expect(m.separation).toHaveLength(1);
    expect(m.separation[0].kind).toBe('complete');
    expect(m.separation[0].features[0]).toBe(0);
    const w = warnings.find((x) => x.code === 'separation');
    expect(w?.message).toMatch(/completely separated \(by "dose"/);
    expect(w?.message).toMatch(/maximum-likelihood estimate does not exist/);
    expect(Array.from(m.coef.data).every(Number.isFinite)).toBe(true);
  });

  it('quasi-complete separation is detected: x > 0 always 1, x < 0 always 0, x = 0 mixed', () => {
    const X: number[][] = [];
    const y: number[] = [];
    const rng = new Random(8);
    for (let i = 0; i < 20; i++) {
      X.push([-1 - rng.random(), rng.normal()]);
      y.push(0);
      X.push([1 + rng.random(), rng.normal()]);
      y.push(1);
      X.push([0, rng.normal()]);
      y.push(i % 2);
    }
    const { warnings, onWarning } = collectWarnings();
    const m = new LogisticRegression({ penalty: 'none', onWarning }).fit(X, y);
    expect(m.separation.map((r) => r.kind)).toEqual(['quasi-complete']);
    expect(m.separation[0].features).toContain(0);
    expect(warnings.some((w) => w.code === 'separation' && /quasi-completely separated \(by x0/.test(w.message))).toBe(true);
  });

  it('is not reported for overlapping classes, nor with a penalty', () => {
    const { cases } = fixture<{ name: string; X: number[][]; y: number[] }>('logistic.json');
    const c = cases.find((x) => x.name === 'binary-none') as { X: number[][]; y: number[] };
    const { warnings, onWarning } = collectWarnings();
    const m = new LogisticRegression({ penalty: 'none', onWarning }).fit(c.X, c.y);
    expect(m.separation).toEqual([]);
    expect(warnings).toEqual([]);
    const sep = [[-2], [-1], [1], [2]];
    expect(new LogisticRegression({ onWarning }).fit(sep, [0, 0, 1, 1]).separation).toEqual([]);
  });

  it('multinomial: every sample classified with a margin means no finite MLE', () => {
    const X = [
      [0, 0],
      [0.2, 0.1],
      [5, 0],
      [5.1, 0.3],
      [0, 5],
      [0.3, 5.2],
    ];
    const m = new LogisticRegression({ penalty: 'none', onWarning: quiet }).fit(X, [0, 0, 1, 1, 2, 2]);
    expect(m.separation[0]?.kind).toBe('complete');
  });
});

describe('bad option combinations say which are valid', () => {
  it('solver and penalty', () => {
    expect(() => new LogisticRegression({ solver: 'lbfgs', penalty: 'l1' })).toThrow(
      "solver 'lbfgs' does not support penalty 'l1'; 'lbfgs' handles 'none', 'l2', and penalty 'l1' works with 'owlqn', 'proxnewton', 'sgd' or 'auto'",
    );
    expect(() => new LogisticRegression({ solver: 'newton', penalty: 'elasticnet', l1Ratio: 0.5 })).toThrow(/works with 'owlqn', 'proxnewton', 'sgd' or 'auto'/);
    expect(() => new LogisticRegression({ solver: 'gd', penalty: 'l1' })).toThrow(/solver 'gd' does not support penalty 'l1'/);
  });

  it('l1Ratio', () => {
    expect(() => new LogisticRegression({ penalty: 'elasticnet' })).toThrow("penalty 'elasticnet' needs l1Ratio in [0, 1]");
    expect(() => new LogisticRegression({ penalty: 'elasticnet', l1Ratio: 1.5 })).toThrow('option l1Ratio must be in [0, 1]; received 1.5');
    expect(() => new LogisticRegression({ penalty: 'l2', l1Ratio: 0.5 })).toThrow("l1Ratio applies only to penalty 'elasticnet'; penalty is 'l2'");
  });

  it('class weights', () => {
    const X = [[0], [1], [2], [3]];
    expect(() => new LogisticRegression({ classWeight: { 0: 1, 7: 2 } }).fit(X, [0, 0, 1, 1])).toThrow(
      'classWeight names the label "7", which is not one of the classes [0, 1]',
    );
    expect(() => new LogisticRegression({ classWeight: { 0: -1 } })).toThrow('classWeight["0"] is -1; class weights must be finite numbers ≥ 0');
    expect(() => new LogisticRegression({ classWeight: 'even' as 'balanced' })).toThrow(/must be 'balanced' or an object/);
    const m = new LogisticRegression({ classWeight: { no: 1, yes: 3 } }).fit(X, ['no', 'no', 'yes', 'yes']);
    expect(JSON.parse(JSON.stringify(m.toJSON())).params.classWeight).toEqual({ no: 1, yes: 3 });
  });

  it('negative or non-finite sample weights', () => {
    const X = [[0], [1], [2], [3]];
    expect(() => new LogisticRegression().fit(X, [0, 0, 1, 1], { sampleWeight: [1, 1, -1, 1] })).toThrow('sampleWeight[2] is -1; weights must be ≥ 0');
    expect(() => new LogisticRegression().fit(X, [0, 0, 1, 1], { sampleWeight: [1, Infinity, 1, 1] })).toThrow('sampleWeight[1] is Infinity');
  });
});

describe('every solver reaches the same optimum (binary and multinomial, L2)', () => {
  const y3 = bc.y.map((v, i) => (v === 1 && Xs.get(i, 0) > 0.5 ? 2 : v));
  for (const [name, y] of [
    ['binary', bc.y],
    ['multinomial', y3],
  ] as const) {
    it(`${name}: lbfgs, newton and owlqn agree to 1e-6; gd and sgd approach it`, () => {
      const exact = (['lbfgs', 'newton', 'owlqn'] as const).map((solver) => new LogisticRegression({ solver, C: 0.5, tol: 1e-10, maxIter: 5000 }).fit(Xs, y));
      for (const m of exact.slice(1)) {
        expectClose(m.coef.data, exact[0].coef.data, 1e-6, `${m.solver} coef`);
        expect(m.objective).toBeCloseTo(exact[0].objective, 8);
      }
      const gd = new LogisticRegression({ solver: 'gd', C: 0.5, learningRate: 1, maxIter: 3000, tol: 1e-12, onWarning: quiet }).fit(Xs, y);
      expect((gd.objective - exact[0].objective) / exact[0].objective).toBeLessThan(1e-3);
      const sg = new LogisticRegression({ solver: 'sgd', C: 0.5, maxIter: 100, tol: 1e-7, onWarning: quiet }).fit(Xs, y);
      expect((sg.objective - exact[0].objective) / exact[0].objective).toBeLessThan(0.02);
    });
  }

  it('a Matrix with an unusual layout (sample weights of zero) is handled like dropped rows', () => {
    const keep = Int32Array.from({ length: 300 }, (_, i) => i);
    const w = Array.from({ length: Xs.rows }, (_, i) => (i < 300 ? 1 : 0));
    const a = new LogisticRegression({ tol: 1e-10 }).fit(Xs, bc.y, { sampleWeight: w });
    const b = new LogisticRegression({ tol: 1e-10 }).fit(Xs.selectRows(keep), bc.y.slice(0, 300));
    expectClose(a.coef.data, b.coef.data, 1e-8);
    expect(a.coef).toBeInstanceOf(Matrix);
  });
});
