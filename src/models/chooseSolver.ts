import type { ConcreteSolver, LogisticPenalty } from './logisticOptions.js';

/**
 * Typical iteration counts, used to compare costs. L-BFGS needs ~30 iterations on standardised,
 * well-conditioned data but far more when features are collinear (raw breast cancer: ~135 at
 * tol 1e-4), so the model assumes 60; Newton needs ~8 whatever the conditioning.
 */
const LBFGS_ITERATIONS = 60;
const NEWTON_ITERATIONS = 8;
/** Largest parameter count for which a dense Hessian (size² doubles) is formed. */
export const NEWTON_MAX_SIZE = 400;
/** auto's L-BFGS hands over to Newton after this many iterations without converging. */
export const LBFGS_BEFORE_NEWTON = 50;

/** What `solver: 'auto'` runs: a first solver and, for L-BFGS, whether Newton may finish the job. */
export interface SolverPlan {
  readonly first: ConcreteSolver;
  /** Switch to Newton after {@link LBFGS_BEFORE_NEWTON} iterations when not yet converged. */
  readonly newtonFallback: boolean;
}

/**
 * `solver: 'auto'`: L1 and elastic net go to OWL-QN. Otherwise the cheaper of L-BFGS and Newton
 * by a flop model: L-BFGS ≈ 60 iterations × 2 passes of 2·n·size; Newton ≈ 8 iterations of
 * (n·D²/2 per Hessian block, K(K+1)/2 blocks for softmax) + size³/3, D = d + 1. Newton wins for
 * narrow data (d ≲ 60 binary, fewer for softmax). When L-BFGS is chosen and the Hessian is small
 * enough to form (≤ 400 parameters), Newton takes over if L-BFGS has not converged after 50
 * iterations: ill-conditioned (collinear, unscaled) problems then still finish in a few steps.
 */
export function chooseSolver(penalty: LogisticPenalty, n: number, d: number, K: number, multinomial: boolean): SolverPlan {
  if (penalty === 'l1' || penalty === 'elasticnet') return { first: 'owlqn', newtonFallback: false };
  const rows = multinomial ? K : 1;
  const D = d + 1;
  const size = rows * D;
  if (size > NEWTON_MAX_SIZE) return { first: 'lbfgs', newtonFallback: false };
  const blocks = multinomial ? (K * (K + 1)) / 2 : 1;
  const lbfgsCost = LBFGS_ITERATIONS * 2 * (2 * n * size);
  const newtonCost = NEWTON_ITERATIONS * ((n * D * D * blocks) / 2 + size ** 3 / 3 + 2 * (2 * n * size));
  return newtonCost < lbfgsCost ? { first: 'newton', newtonFallback: false } : { first: 'lbfgs', newtonFallback: true };
}
