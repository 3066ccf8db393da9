import type { Objective } from '../core/objective.js';
import { maxAbs } from './lbfgs.js';
import type { MinimizeResult, SolverOptions } from './result.js';

export interface GradientDescentOptions extends SolverOptions {
  /** Fixed step size η in x ← x − η·∇f(x). */
  learningRate: number;
}

/** Consecutive increases of f taken as divergence: a too-large step makes f grow every step. */
const DIVERGENCE_RUN = 10;

/**
 * Batch gradient descent with a fixed learning rate, exactly the seeds' teaching loop:
 * evaluate f(x) and ∇f(x), stop when |f(x_k) − f(x_{k−1})| < tol, else x ← x − η·∇f(x).
 *
 * Unlike the seeds it notices divergence: when f becomes non-finite or rises for ten steps in
 * a row it stops, returns the best point seen and reports reason `'diverged'`.
 * Cost per iteration: one objective evaluation (one pass over X for linear models).
 */
export function gradientDescent(obj: Objective, x: Float64Array, options: GradientDescentOptions): MinimizeResult {
  const n = obj.size;
  const { learningRate: eta, maxIter, tol } = options;
  const g = new Float64Array(n);
  const best = Float64Array.from(x);
  let bestF = Infinity;
  let bestG = Infinity;
  const history: number[] = [];
  let prev = NaN;
  let rising = 0;
  let iter = 0;
  let f = NaN;
  let gmax = Infinity;
  for (;;) {
    f = obj.valueAndGradient(x, g);
    gmax = maxAbs(g);
    const finite = f - f === 0 && gmax !== Infinity;
    if (finite) {
      history.push(f);
      options.onIteration?.(iter, f, gmax);
      if (f < bestF) {
        bestF = f;
        bestG = gmax;
        best.set(x);
      }
    }
    if (!finite || (f > prev ? ++rising : (rising = 0)) >= DIVERGENCE_RUN) {
      x.set(best);
      return { value: bestF, gradMax: bestG, nIter: iter, converged: false, reason: 'diverged', history, evaluations: iter + 1 };
    }
    if (iter > 0 && Math.abs(prev - f) < tol) {
      return { value: f, gradMax: gmax, nIter: iter, converged: true, reason: 'loss-change', history, evaluations: iter + 1 };
    }
    if (iter >= maxIter) break;
    for (let i = 0; i < n; i++) x[i] -= eta * g[i];
    prev = f;
    iter++;
  }
  return { value: f, gradMax: gmax, nIter: iter, converged: false, reason: 'max-iter', history, evaluations: iter + 1 };
}
