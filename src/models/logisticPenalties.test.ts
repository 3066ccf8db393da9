import { describe, expect, it } from 'vitest';
import { collectWarnings, expectClose, fixture } from '../../test/helpers.js';
import { loadBreastCancer } from '../datasets/load.js';
import { LogisticRegression } from './logisticRegression.js';
import type { ConcreteSolver, LogisticRegressionOptions } from './logisticOptions.js';

interface PenaltyCase {
  name: string;
  X: number[][];
  y: number[];
  sampleWeight: number[] | null;
  options: LogisticRegressionOptions;
  reference: 'saga' | 'newton-cg';
  classes: number[];
  coef: number[][];
  intercept: number[];
  objective: number;
  zeros: number;
  sklearnDefault?: { objective: number; nIter: number; convergenceWarning: boolean };
}

const { cases } = fixture<PenaltyCase>('logistic-penalties.json');

/** Every exact solver that handles the case's penalty. */
function solversFor(c: PenaltyCase): ConcreteSolver[] {
  return c.options.penalty === 'l1' || c.options.penalty === 'elasticnet' ? ['owlqn', 'proxnewton'] : ['lbfgs', 'newton', 'owlqn'];
}

describe('LogisticRegression penalties, class weights and solvers against scikit-learn (fixtures/logistic-penalties.json)', () => {
  for (const c of cases) {
    for (const solver of ['auto' as const, ...solversFor(c)]) {
      it(`${c.name} with solver '${solver}': objective ≤ scikit-learn's × (1 + 1e-8), coefficients within ${c.reference === 'saga' ? '1e-3' : '1e-4'}`, () => {
        const { warnings, onWarning } = collectWarnings();
        const model = new LogisticRegression({ ...c.options, solver, tol: 1e-10, maxIter: 10_000, onWarning });
        model.fit(c.X, c.y, c.sampleWeight ? { sampleWeight: c.sampleWeight } : {});
        expect(warnings).toEqual([]);
        expect(model.converged).toBe(true);
        expect(model.objective).toBeLessThanOrEqual(c.objective * (1 + 1e-8));
        const rtol = c.reference === 'saga' ? 1e-3 : 1e-4;
        expectClose(model.coef.data, c.coef.flat(), rtol, `${c.name} coef`);
        expectClose(model.intercept, c.intercept, rtol, `${c.name} intercept`);
        if (c.options.penalty === 'l1') {
          // The lasso's exact zeros: the same coefficients vanish.
          expect(Array.from(model.coef.data).filter((v) => v === 0).length).toBe(c.zeros);
        }
      });
    }
  }
});

describe('internal scaling: no convergence failures on unscaled data', () => {
  const c = cases.find((x) => x.name === 'breast-cancer-unscaled') as PenaltyCase;

  it('scikit-learn’s default lbfgs stops far above the optimum on raw breast cancer (the recorded failure)', () => {
    const d = c.sklearnDefault as NonNullable<PenaltyCase['sklearnDefault']>;
    expect(d.convergenceWarning).toBe(true);
    expect(d.nIter).toBe(100);
    expect(d.objective).toBeGreaterThan(c.objective * 1.2);
  });

  for (const solver of ['auto', 'newton'] as const) {
    it(`logit's '${solver}' reaches scikit-learn newton-cg's optimum well within the default maxIter`, () => {
      const bc = loadBreastCancer();
      const { warnings, onWarning } = collectWarnings();
      const m = new LogisticRegression({ solver, onWarning }).fit(bc.X, bc.y);
      expect(warnings).toEqual([]);
      expect(m.converged).toBe(true);
      expect(m.nIter).toBeLessThan(25);
      // tol 1e-4 on the scaled gradient bounds the objective gap by about 1e-4 relative here.
      expect((m.objective - c.objective) / c.objective).toBeLessThan(1e-4);
      const tight = new LogisticRegression({ solver, tol: 1e-10, maxIter: 1000, onWarning }).fit(bc.X, bc.y);
      expect(tight.nIter).toBeLessThan(25);
      expect(tight.objective).toBeLessThanOrEqual(c.objective * (1 + 1e-10));
      expectClose(tight.coef.data, c.coef.flat(), 1e-6, 'unscaled coef');
    });
  }

  it("plain 'lbfgs' gets there too on preconditioned coordinates, with more iterations (collinear features)", () => {
    const bc = loadBreastCancer();
    const { warnings, onWarning } = collectWarnings();
    const m = new LogisticRegression({ solver: 'lbfgs', tol: 1e-10, maxIter: 2000, onWarning }).fit(bc.X, bc.y);
    expect(warnings).toEqual([]);
    expect(m.objective).toBeLessThanOrEqual(c.objective * (1 + 1e-10));
  });
});
