import type { LinearModelObjective } from '../loss/linearModelObjective.js';
import { choleskyDamped, choleskySolveMirrored, mirrorLower } from '../linalg/cholesky.js';
import { lbfgs } from '../optim/lbfgs.js';
import type { MinimizeResult, SolverOptions } from '../optim/result.js';
import { shouldHandOff, type HandoffPlan } from './chooseSolver.js';

/**
 * L-BFGS with a Newton handoff (`solver: 'auto'`): plain L-BFGS until {@link shouldHandOff}
 * predicts that it would need more passes over X than the alternative; then the Hessian is
 * formed at the current point on every `sampleStep`-th row (a subsampled Newton Hessian) and
 * factored, and L-BFGS continues from the same point with that Hessian as its initial matrix H₀
 * (its first step is the sampled Newton step; the corrections sᵢ, yᵢ come from the full
 * objective and make up for the sample). If the rule fires again (the sample was too coarse or
 * the Hessian has gone stale), a new Hessian is formed there on twice as many rows.
 *
 * Iterations count every L-BFGS iteration of every stage against `maxIter`; the result is the
 * last stage's, with the histories joined. Convergence is judged on the full objective only.
 * Cost: one pass per iteration (plus line-search trials), plus each handoff's sampled Hessian
 * (about two passes by the plan's cost model) and a size³/3 factorisation.
 */
export function lbfgsWithHandoff(obj: LinearModelObjective, theta: Float64Array, plan: HandoffPlan, options: SolverOptions): MinimizeResult {
  const { maxIter, tol } = options;
  const report = options.onIteration;
  let current: HandoffPlan | null = plan;
  let initialInverse: ((v: Float64Array) => void) | undefined;
  let total: MinimizeResult | null = null;
  for (;;) {
    const offset = total === null ? 0 : total.nIter;
    const stage: HandoffPlan | null = current;
    const res = lbfgs(obj, theta, {
      maxIter: maxIter - offset,
      tol,
      initialInverse,
      // A later stage's iteration 0 is the previous stage's last point, already reported.
      onIteration: report && ((k: number, f: number, g: number): void => (k > 0 || offset === 0 ? report(offset + k, f, g) : undefined)),
      handOff: stage === null ? undefined : (history) => shouldHandOff(history, tol, stage),
    });
    total =
      total === null
        ? res
        : { ...res, nIter: total.nIter + res.nIter, history: [...total.history, ...res.history.slice(1)], evaluations: total.evaluations + res.evaluations };
    if (res.reason !== 'handoff' || stage === null) return total;
    const factor = sampledNewtonFactor(obj, theta, stage.sampleStep);
    if (factor === null) {
      current = null; // nothing to sample (zero weights) or a non-finite Hessian: plain L-BFGS from here
      continue;
    }
    const size = obj.size;
    initialInverse = (v) => choleskySolveMirrored(size, factor, v);
    const step = Math.max(1, Math.floor(stage.sampleStep / 2));
    current = { sampleStep: step, setupPasses: (stage.setupPasses * stage.sampleStep) / step };
  }
}

/**
 * Cholesky factor of the Hessian of F at θ on every `step`-th row (all rows when step = 1),
 * damped if singular, or null when the sample has no weight or the Hessian is not finite.
 * Mirrored (L and Lᵀ in one array) for the solve of every later L-BFGS iteration.
 */
function sampledNewtonFactor(obj: LinearModelObjective, theta: Float64Array, step: number): Float64Array | null {
  const size = obj.size;
  const H = new Float64Array(size * size);
  if (!obj.sampledHessian(theta, step, H)) return null;
  obj.liftFlatDirections(H);
  const L = new Float64Array(size * size);
  if (choleskyDamped(size, H, L) < 0) return null;
  mirrorLower(size, L);
  return L;
}
