import type { SecondOrderObjective } from '../core/objective.js';
import { choleskyDamped, choleskySolve } from '../linalg/cholesky.js';
import { maxAbs } from './lbfgs.js';
import { wolfeLineSearch } from './lineSearch.js';
import type { MinimizeResult, SolverOptions } from './result.js';

/**
 * Newton's method with the exact Hessian: p = −(H + μI)⁻¹·g by Cholesky, then a strong-Wolfe
 * line search from the full step α = 1 (Nocedal and Wright, ch. 3.4). μ = 0 whenever H is
 * numerically positive definite; otherwise μ grows from 1e-10·max Hᵢᵢ by factors of 10 until
 * the factorisation succeeds (the unpenalised softmax Hessian is singular along "add the same
 * vector to every class", a direction the gradient never has a component in). Objectives that
 * know their flat directions lift them first (`liftFlatDirections`), so no retry is needed.
 * Converges quadratically near the optimum: a handful of iterations for logistic regression.
 * Stops when max |∇f| ≤ tol. Cost per iteration: one Hessian evaluation plus size³/3 for the
 * factorisation plus a line search (usually one gradient evaluation).
 */
export function newton(obj: SecondOrderObjective, x: Float64Array, options: SolverOptions): MinimizeResult {
  const n = obj.size;
  const { maxIter, tol } = options;
  const g = new Float64Array(n);
  const H = new Float64Array(n * n);
  const L = new Float64Array(n * n);
  const p = new Float64Array(n);
  const work = { xNew: new Float64Array(n), gNew: new Float64Array(n) };
  const history: number[] = [];
  let f = obj.valueGradientHessian(x, g, H);
  let evaluations = 1;
  let gmax = maxAbs(g);
  history.push(f);
  options.onIteration?.(0, f, gmax);
  if (!Number.isFinite(f)) return { value: f, gradMax: gmax, nIter: 0, converged: false, reason: 'non-finite', history, evaluations };
  let iter = 0;
  while (gmax > tol && iter < maxIter) {
    obj.liftFlatDirections?.(H);
    if (choleskyDamped(n, H, L) < 0) return { value: f, gradMax: gmax, nIter: iter, converged: false, reason: 'non-finite', history, evaluations };
    for (let i = 0; i < n; i++) p[i] = -g[i];
    choleskySolve(n, L, p);
    let dphi0 = 0;
    for (let i = 0; i < n; i++) dphi0 += g[i] * p[i];
    if (!(dphi0 < 0)) break; // rounding has made the step useless: we are at the optimum's noise floor
    const ls = wolfeLineSearch(obj, x, f, dphi0, p, 1, work, 20);
    evaluations += ls.evaluations;
    if (ls.step === 0) {
      return { value: f, gradMax: gmax, nIter: iter, converged: gmax <= tol, reason: 'line-search', history, evaluations };
    }
    x.set(work.xNew);
    iter++;
    f = obj.valueGradientHessian(x, g, H);
    evaluations++;
    gmax = maxAbs(g);
    history.push(f);
    options.onIteration?.(iter, f, gmax);
  }
  const converged = gmax <= tol;
  return { value: f, gradMax: gmax, nIter: iter, converged, reason: converged ? 'gradient' : iter >= maxIter ? 'max-iter' : 'line-search', history, evaluations };
}
