import { describe, expect, it } from 'vitest';
import { collectWarnings, expectClose } from '../../test/helpers.js';
import { Matrix } from '../core/matrix.js';
import { loadBreastCancer, loadIris } from '../datasets/load.js';
import { makeClassification } from '../datasets/generators.js';
import { LinearModelObjective, preconditioner } from '../loss/linearModelObjective.js';
import { owlqn } from '../optim/owlqn.js';
import { StandardScaler } from '../preprocessing/standardScaler.js';
import { LogisticRegression } from './logisticRegression.js';
import type { LogisticRegressionOptions } from './logisticOptions.js';
import { proxNewton, restrictColumns } from './proxNewton.js';

const bc = loadBreastCancer();
const Xs = new StandardScaler().fitTransform(bc.X);
const weights = bc.y.map((_, i) => 0.5 + ((i * 7) % 5) / 2);
// 300 × 120 with 8 informative features: a sparse optimum, more first-round violators than the working set takes.
const wide = makeClassification({ nSamples: 300, nFeatures: 120, nInformative: 8, nRedundant: 4, flipY: 0.05, seed: 3 });
// 200 × 300, weak penalty: more features than samples, a support of over a hundred; too many
// candidates for dense Newton steps, so OWL-QN on all of X finishes (at the reference's tol: d > n
// leaves the optimum flat, and tol 1e-9 pins the intercept only to 2e-5).
const dense = makeClassification({ nSamples: 200, nFeatures: 300, nInformative: 40, nRedundant: 0, flipY: 0.02, seed: 4 });

interface Problem {
  name: string;
  X: Matrix;
  y: readonly (number | string | boolean)[];
  options: LogisticRegressionOptions;
  sampleWeight?: number[];
  /**
   * Ill-conditioned: OWL-QN needs 2e4–1e5 iterations to reach tol 1e-9 here (too slow for the
   * suite), so the reference is 5000 OWL-QN iterations and only the objective is compared; the
   * certificate (max violation ≤ 1e-9 of a convex problem's optimality conditions) does the rest.
   */
  slowReference?: boolean;
  /** tol of the proxnewton fit (default 1e-9). */
  tol?: number;
}

const problems: Problem[] = [
  { name: 'breast cancer standardised, C = 0.1', X: Xs, y: bc.y, options: { penalty: 'l1', C: 0.1 } },
  { name: 'breast cancer unscaled, C = 1', X: bc.X, y: bc.y, options: { penalty: 'l1', C: 1 } },
  { name: 'breast cancer unscaled, C = 100 (weak penalty)', X: bc.X, y: bc.y, options: { penalty: 'l1', C: 100 }, slowReference: true },
  { name: 'breast cancer unscaled, no intercept (collinear columns)', X: bc.X, y: bc.y, options: { penalty: 'l1', C: 1, fitIntercept: false }, slowReference: true },
  { name: 'breast cancer standardised, no intercept', X: Xs, y: bc.y, options: { penalty: 'l1', C: 0.5, fitIntercept: false } },
  { name: 'breast cancer, sample weights', X: Xs, y: bc.y, options: { penalty: 'l1', C: 0.2 }, sampleWeight: weights },
  { name: 'breast cancer, balanced class weights', X: bc.X, y: bc.y, options: { penalty: 'l1', C: 0.3, classWeight: 'balanced' } },
  { name: 'breast cancer unscaled, elastic net ρ = 0.5', X: bc.X, y: bc.y, options: { penalty: 'elasticnet', l1Ratio: 0.5, C: 1 } },
  { name: '300 × 120 sparse optimum, several working-set rounds', X: wide.X, y: wide.y, options: { penalty: 'l1', C: 0.05 } },
  { name: '200 × 300 weak penalty (d > n, large support, handed to OWL-QN)', X: dense.X, y: dense.y, options: { penalty: 'l1', C: 5 }, tol: 1e-11 },
];

/** A very tight OWL-QN fit: the reference optimum. */
function reference(p: Problem): LogisticRegression {
  const { onWarning } = collectWarnings();
  const m = new LogisticRegression({ ...p.options, solver: 'owlqn', tol: 1e-11, maxIter: p.slowReference ? 5000 : 200_000, onWarning });
  return m.fit(p.X, p.y, p.sampleWeight ? { sampleWeight: p.sampleWeight } : {});
}

describe("solver 'proxnewton' (working-set proximal Newton for L1 and elastic net)", () => {
  for (const p of problems) {
    it(`${p.name}: reaches the tight OWL-QN optimum (objective, coefficients, zeros), converged honestly`, () => {
      const ref = reference(p);
      const { warnings, onWarning } = collectWarnings();
      const tol = p.tol ?? 1e-9;
      const m = new LogisticRegression({ ...p.options, solver: 'proxnewton', tol, maxIter: 100_000, onWarning });
      m.fit(p.X, p.y, p.sampleWeight ? { sampleWeight: p.sampleWeight } : {});
      expect(warnings).toEqual([]);
      expect(m.solver).toBe('proxnewton');
      expect(m.converged).toBe(true);
      expect(m.certificate.gradMax).toBeLessThanOrEqual(tol);
      expect(m.objective).toBeLessThanOrEqual(ref.objective * (1 + 1e-9) + 1e-12);
      if (p.slowReference) return;
      expectClose(m.coef.data, ref.coef.data, 1e-5, `${p.name} coef`);
      expectClose(m.intercept, ref.intercept, 1e-5, `${p.name} intercept`);
      if (p.options.penalty === 'l1') {
        const zeros = (v: Float64Array): boolean[] => Array.from(v, (x) => x === 0);
        expect(zeros(m.coef.data)).toEqual(zeros(ref.coef.data));
      }
    });
  }

  it('at the default tol: converged in few Newton steps where OWL-QN runs out of iterations (unscaled data)', () => {
    for (const options of [
      { penalty: 'l1', C: 1 },
      { penalty: 'l1', C: 100 },
      { penalty: 'l1', C: 1, fitIntercept: false },
      { penalty: 'elasticnet', l1Ratio: 0.5, C: 1 },
    ] as LogisticRegressionOptions[]) {
      const { warnings, onWarning } = collectWarnings();
      const m = new LogisticRegression({ ...options, onWarning }).fit(bc.X, bc.y);
      expect(warnings).toEqual([]);
      expect(m.solver).toBe('proxnewton');
      expect(m.converged).toBe(true);
      expect(m.nIter).toBeLessThan(20);
      expect(m.certificate.gradMax).toBeLessThanOrEqual(1e-4);
    }
  });

  it('a penalty strong enough to zero every weight: all coefficients exactly 0, the intercept the log-odds of the labels', () => {
    const m = new LogisticRegression({ penalty: 'l1', C: 1e-6, tol: 1e-10 }).fit(bc.X, bc.y);
    expect(m.solver).toBe('proxnewton');
    expect(m.converged).toBe(true);
    expect(Array.from(m.coef.data).every((v) => v === 0)).toBe(true);
    const p = bc.y.filter((v) => v === 1).length / bc.y.length;
    expect(m.intercept[0]).toBeCloseTo(Math.log(p / (1 - p)), 8);
    // No intercept either: the zero model is optimal and no step is taken.
    const z = new LogisticRegression({ penalty: 'l1', C: 1e-6, fitIntercept: false }).fit(bc.X, bc.y);
    expect(z.converged).toBe(true);
    expect(z.nIter).toBe(0);
    expect(Array.from(z.coef.data).every((v) => v === 0)).toBe(true);
  });

  it('converged is false, with a warning and an honest certificate, when maxIter runs out', () => {
    const { warnings, onWarning } = collectWarnings();
    const m = new LogisticRegression({ penalty: 'l1', C: 1, maxIter: 2, onWarning }).fit(bc.X, bc.y);
    expect(m.converged).toBe(false);
    expect(m.nIter).toBe(2);
    expect(m.certificate.gradMax).toBeGreaterThan(1e-4);
    expect(warnings.map((w) => w.code)).toEqual(['convergence']);
    expect(warnings[0].message).toMatch(/proxnewton did not converge in maxIter=2 iterations: the largest optimality violation/);
  });

  it("is what 'auto' runs for binary and one-vs-rest L1; softmax L1 keeps owlqn", () => {
    expect(new LogisticRegression({ penalty: 'l1', C: 0.5 }).fit(Xs, bc.y).solver).toBe('proxnewton');
    expect(new LogisticRegression({ penalty: 'elasticnet', l1Ratio: 0.3 }).fit(Xs, bc.y).solver).toBe('proxnewton');
    const iris = loadIris();
    const ovr = new LogisticRegression({ penalty: 'l1', C: 0.5, multiClass: 'ovr', tol: 1e-9, maxIter: 1000 }).fit(iris.X, iris.y);
    expect(ovr.solver).toBe('proxnewton');
    expect(ovr.converged).toBe(true);
    const ref = new LogisticRegression({ penalty: 'l1', C: 0.5, multiClass: 'ovr', solver: 'owlqn', tol: 1e-11, maxIter: 100_000 }).fit(iris.X, iris.y);
    expect(ovr.objective).toBeLessThanOrEqual(ref.objective * (1 + 1e-9));
    expectClose(ovr.coef.data, ref.coef.data, 1e-5, 'ovr coef');
    expect(new LogisticRegression({ penalty: 'l1', C: 0.5 }).fit(iris.X, iris.y).solver).toBe('owlqn');
    // Asked for by name on a softmax fit, owlqn runs (and is reported).
    expect(new LogisticRegression({ penalty: 'l1', C: 0.5, solver: 'proxnewton', maxIter: 500 }).fit(iris.X, iris.y).solver).toBe('owlqn');
  });

  it('warm start from the solution takes no Newton step; from a nearby C, fewer than cold', () => {
    const m = new LogisticRegression({ penalty: 'l1', C: 0.2, warmStart: true, tol: 1e-8 }).fit(bc.X, bc.y);
    const cold = m.nIter;
    m.fit(bc.X, bc.y);
    expect(m.nIter).toBe(0);
    // C is a frozen option: a warm start at another C goes through the JSON state.
    const doc = m.toJSON();
    doc.params = { ...doc.params, C: 0.25 };
    const warmed = LogisticRegression.fromJSON(doc);
    warmed.fit(bc.X, bc.y);
    expect(warmed.solver).toBe('proxnewton');
    expect(warmed.converged).toBe(true);
    const coldNear = new LogisticRegression({ penalty: 'l1', C: 0.25, tol: 1e-8 }).fit(bc.X, bc.y);
    expect(warmed.nIter).toBeLessThan(coldNear.nIter);
    expect(warmed.objective).toBeCloseTo(coldNear.objective, 6);
    expect(cold).toBeGreaterThan(3);
  });

  it('the solver alone: one full pass per working-set round, history of F per Newton step; OWL-QN finishes dense solutions', () => {
    const M = wide.X;
    const y = Float64Array.from(wide.y);
    const pc = preconditioner(M, null, true, 0);
    const init = { kind: 'binary' as const, X: M, y, sampleWeight: null, fitIntercept: true, l2: 0, l1: 1 / 0.5, center: pc.center, scale: pc.scale };
    const obj = new LinearModelObjective(init);
    const theta = new Float64Array(obj.size);
    const res = proxNewton(obj, theta, restrictColumns(init), { maxIter: 100, tol: 1e-8 });
    expect(res.converged).toBe(true);
    expect(res.rounds).toBeGreaterThan(1);
    expect(res.evaluations).toBe(res.rounds + 1);
    expect(res.history.length).toBe(res.nIter + 1);
    for (let k = 1; k < res.history.length; k++) expect(res.history[k]).toBeLessThanOrEqual(res.history[k - 1] * (1 + 1e-12));
    // Fewer element visits of X than one OWL-QN iteration per pass would need.
    const ref = new LinearModelObjective(init);
    const t2 = new Float64Array(ref.size);
    const o = owlqn(ref, t2, { maxIter: 10_000, tol: 1e-8 });
    expect(res.passes).toBeLessThan(o.evaluations);
    expect(res.value).toBeLessThanOrEqual(o.value * (1 + 1e-10));
    expect(res.handedOver).toBe(false);
    // A working set above maxDense hands over to OWL-QN on all of X: the same optimum.
    const t3 = new Float64Array(obj.size);
    const small = proxNewton(new LinearModelObjective(init), t3, restrictColumns(init), { maxIter: 5000, tol: 1e-8, maxDense: 0 });
    expect(small.converged).toBe(true);
    expect(small.handedOver).toBe(true);
    expect(small.hessianPasses).toBe(0);
    expect(small.value).toBeLessThanOrEqual(o.value * (1 + 1e-10));
    expectClose(t3, theta, 1e-5, 'owlqn route');
    // A weak penalty: most of the 120 features are candidates, beyond what dense Newton steps pay for.
    const weak = { ...init, l1: 1 / 100 };
    const t4 = new Float64Array(obj.size);
    const w = proxNewton(new LinearModelObjective(weak), t4, restrictColumns(weak), { maxIter: 5000, tol: 1e-8 });
    expect(w.handedOver).toBe(true);
    expect(w.converged).toBe(true);
    const t5 = new Float64Array(obj.size);
    const wo = owlqn(new LinearModelObjective(weak), t5, { maxIter: 100_000, tol: 1e-10 });
    expect(w.value).toBeLessThanOrEqual(wo.value * (1 + 1e-9));
  });
});
