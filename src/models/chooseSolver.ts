import type { ConcreteSolver, LogisticPenalty } from './logisticOptions.js';

/** Largest parameter count for which a dense Hessian (size² doubles) is formed. */
export const NEWTON_MAX_SIZE = 400;
/** Below this many multiply-adds per Hessian, Newton is used outright: cost is negligible, robustness is not. */
const SMALL_HESSIAN = 2e6;

/** What `solver: 'auto'` runs: a first solver and when (if ever) Newton takes over from L-BFGS. */
export interface SolverPlan {
  readonly first: ConcreteSolver;
  /** L-BFGS iterations after which Newton finishes the job if L-BFGS has not converged; null: never. */
  readonly newtonAfter: number | null;
}

/**
 * `solver: 'auto'`: L1 and elastic net go to OWL-QN. Otherwise L-BFGS, whose iterations cost
 * one fused pass over X each, with Newton as the fallback for ill-conditioned problems
 * (collinear or unscaled features make L-BFGS crawl; Newton needs about six iterations whatever
 * the conditioning). A Hessian costs about D/4 gradient passes (n·D²/2 multiply-adds per block,
 * D = d + 1, K(K+1)/2 blocks for softmax), so six Newton iterations cost about as much as
 * 1.25·D·blocks + 12 L-BFGS iterations; if L-BFGS has not converged by then, Newton takes over.
 * Problems whose Hessian is tiny (≤ 2e6 multiply-adds) go straight to Newton; problems with more
 * than 400 parameters never form one.
 */
export function chooseSolver(penalty: LogisticPenalty, n: number, d: number, K: number, multinomial: boolean): SolverPlan {
  if (penalty === 'l1' || penalty === 'elasticnet') return { first: 'owlqn', newtonAfter: null };
  const rows = multinomial ? K : 1;
  const D = d + 1;
  const size = rows * D;
  if (size > NEWTON_MAX_SIZE) return { first: 'lbfgs', newtonAfter: null };
  const blocks = multinomial ? (K * (K + 1)) / 2 : 1;
  if ((n * D * D * blocks) / 2 <= SMALL_HESSIAN) return { first: 'newton', newtonAfter: null };
  return { first: 'lbfgs', newtonAfter: Math.ceil(1.25 * D * blocks + 12) };
}
