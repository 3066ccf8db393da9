import type { ConcreteSolver, LogisticPenalty } from './logisticOptions.js';

/** Largest parameter count for which a dense Hessian (size² doubles, twice) is formed. */
export const NEWTON_MAX_SIZE = 1200;
/** Below this many multiply-adds per Hessian, Newton is used outright: cost is negligible, robustness is not. */
const SMALL_HESSIAN = 2e6;

/*
 * Cost model, in units of one pass over X (one loss-and-gradient evaluation, n·D·K element
 * visits), measured on 100k × 101 binary and 50k × 51 × 10 softmax with the WebAssembly kernels:
 * a Hessian multiply-add costs about 0.3 of a pass's element visit (the syrk-style kernel keeps
 * its entries in registers; 100k × 101 binary: Hessian ≈ 12 passes, not D/2 = 50), a Cholesky
 * flop about 0.7 (plain JavaScript).
 */
const HESSIAN_MADD = 0.3;
const CHOLESKY_FLOP = 0.7;
/** Rows sampled for the Hessian: enough that it costs about this many passes (at least 4 per parameter). */
const HESSIAN_BUDGET = 2;
/**
 * Observed reduction of max |∇F| per iteration of L-BFGS started from a sampled Newton Hessian
 * (measured 0.1–0.35 on the bench problems for samples of 2–20 rows per parameter).
 */
const PRECONDITIONED_RATE = 0.3;
/** Hand over only when the predicted saving is clear: L-BFGS's predicted passes exceed this × the other route's. */
const HANDOFF_MARGIN = 1.25;
/** Iterations (since the start or the last handoff) before the rule is consulted: the rate needs a window. */
const HANDOFF_WINDOW = 4;

/**
 * When L-BFGS hands over to L-BFGS preconditioned by a Newton Hessian formed on every
 * `sampleStep`-th row, and what that costs (in passes over X).
 */
export interface HandoffPlan {
  /** Row stride of the Hessian sample (1: every row). */
  readonly sampleStep: number;
  /** Predicted cost of forming and factoring the sampled Hessian, in passes over X. */
  readonly setupPasses: number;
}

/** What `solver: 'auto'` runs: a first solver and, for L-BFGS, the plan for a Newton handoff (null: never). */
export interface SolverPlan {
  readonly first: ConcreteSolver;
  readonly handoff: HandoffPlan | null;
}

/**
 * `solver: 'auto'`: L1 and elastic net go to working-set proximal Newton (binary and
 * one-vs-rest; see `proxNewton`), or to OWL-QN for softmax, whose coupled classes it does not
 * handle. Problems whose Hessian is tiny (≤ 2e6
 * multiply-adds) go straight to Newton. Otherwise L-BFGS, one fused pass over X per iteration,
 * watched by {@link shouldHandOff}: when its observed rate predicts more passes to reach tol
 * than forming a Hessian on a row sample and continuing L-BFGS with that Hessian as its initial
 * matrix (about two passes to form, then a few iterations), it hands over. Sampling makes the
 * Hessian cheap (its cost is set to about {@link HESSIAN_BUDGET} passes) and L-BFGS's
 * corrections make up for the sample: the iteration still converges to the full objective's
 * optimum, and the certificate is computed on the full objective. More than 1200 parameters:
 * plain L-BFGS.
 */
export function chooseSolver(penalty: LogisticPenalty, n: number, d: number, K: number, multinomial: boolean): SolverPlan {
  if (penalty === 'l1' || penalty === 'elasticnet') return { first: multinomial ? 'owlqn' : 'proxnewton', handoff: null };
  const rows = multinomial ? K : 1;
  const D = d + 1;
  const size = rows * D;
  if (size > NEWTON_MAX_SIZE) return { first: 'lbfgs', handoff: null };
  const blocks = multinomial ? (K * (K + 1)) / 2 : 1;
  if ((n * D * D * blocks) / 2 <= SMALL_HESSIAN) return { first: 'newton', handoff: null };
  const pass = n * D * rows;
  const perRow = ((D * D * blocks) / 2) * HESSIAN_MADD;
  const sampleRows = Math.min(n, Math.max(4 * size, Math.ceil((HESSIAN_BUDGET * pass) / perRow)));
  const sampleStep = Math.max(1, Math.floor(n / sampleRows));
  const setupPasses = (Math.ceil(n / sampleStep) * perRow + ((size * size * size) / 3) * CHOLESKY_FLOP) / pass;
  return { first: 'lbfgs', handoff: { sampleStep, setupPasses } };
}

/**
 * The handoff rule, asked after every L-BFGS iteration with max |∇F| at the start and after
 * each iteration since (the last handoff). L-BFGS converges linearly near the optimum; its rate
 * ρ is estimated over the last (up to 5) iterations, so it needs about log(g/tol)/log(1/ρ) more
 * passes. The other route costs the Hessian setup plus log(g/tol)/log(1/0.3) iterations. True
 * when L-BFGS's prediction exceeds 1.25 × the other route's: never at a loose tol reached in a
 * few iterations, early when L-BFGS stalls or tol is tight. Pure: depends only on its inputs.
 */
export function shouldHandOff(gradMax: readonly number[], tol: number, plan: HandoffPlan): boolean {
  const k = gradMax.length - 1;
  if (k < HANDOFF_WINDOW) return false;
  const g = gradMax[k];
  if (!(g > tol)) return false;
  const w = Math.min(k, 5);
  const rate = Math.pow(g / gradMax[k - w], 1 / w);
  const decades = Math.log(g / tol);
  const lbfgsLeft = rate < 1 ? decades / -Math.log(rate) : Infinity;
  const handoffLeft = plan.setupPasses + 1 + decades / -Math.log(PRECONDITIONED_RATE);
  return lbfgsLeft > HANDOFF_MARGIN * handoffLeft;
}
