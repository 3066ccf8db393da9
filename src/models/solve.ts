import type { Objective } from '../core/objective.js';
import { emitWarning, type WarningHandler } from '../core/warnings.js';
import { gradientDescent } from '../optim/gradientDescent.js';
import { lbfgs } from '../optim/lbfgs.js';
import type { MinimizeResult } from '../optim/result.js';

/** The iterative solvers a model can hand an objective to. */
export type IterativeSolver = 'lbfgs' | 'gd';

export interface SolveSettings {
  solver: IterativeSolver;
  /** The exact solver to suggest when gradient descent struggles (`'lbfgs'`, or `'lstsq'` for least squares). */
  alternative?: string;
  maxIter: number;
  tol: number;
  learningRate: number;
}

/** Runs the chosen solver on `objective`, starting from and writing into `params`. */
export function runSolver(objective: Objective, params: Float64Array, s: SolveSettings): MinimizeResult {
  if (s.solver === 'gd') {
    return gradientDescent(objective, params, { maxIter: s.maxIter, tol: s.tol, learningRate: s.learningRate });
  }
  return lbfgs(objective, params, { maxIter: s.maxIter, tol: s.tol });
}

/** Formats a number for a message: 3 significant digits. */
function fmt(v: number): string {
  return Number.isFinite(v) ? Number(v.toPrecision(3)).toString() : String(v);
}

/**
 * Emits the one warning a fit gets when its solver did not converge, saying what to try.
 * `what` names the sub-problem (for one-vs-rest, the class).
 */
export function warnIfNotConverged(
  source: string,
  result: MinimizeResult,
  s: SolveSettings,
  handler: WarningHandler | undefined,
  what = '',
): void {
  if (result.converged) return;
  const on = what ? ` (${what})` : '';
  let message: string;
  switch (result.reason) {
    case 'diverged':
    case 'non-finite':
      message =
        `gradient descent diverged${on} after ${result.nIter} iterations: the loss grew instead of falling. ` +
        `Lower learningRate (now ${fmt(s.learningRate)}; try ${fmt(s.learningRate / 10)}), standardise the features (StandardScaler), or use solver '${s.alternative ?? 'lbfgs'}'.`;
      return emitWarning(handler, { code: 'divergence', source, message });
    case 'line-search':
      message =
        `lbfgs stopped${on} after ${result.nIter} iterations because no step reduced the objective further; ` +
        `the largest gradient component is ${fmt(result.gradMax)} > tol ${fmt(s.tol)}. The answer is as close to the optimum as ` +
        `double precision allows from here: standardise the features (StandardScaler), or loosen tol.`;
      break;
    default:
      message =
        s.solver === 'gd'
          ? `gradient descent did not converge${on} in maxIter=${s.maxIter} iterations (last loss change above tol ${fmt(s.tol)}). ` +
            `Increase maxIter or learningRate, standardise the features (StandardScaler), or use solver '${s.alternative ?? 'lbfgs'}'.`
          : `lbfgs did not converge${on} in maxIter=${s.maxIter} iterations: the largest gradient component is ` +
            `${fmt(result.gradMax)} > tol ${fmt(s.tol)}. Increase maxIter, standardise the features (StandardScaler), ` +
            `or regularise more (smaller C).`;
  }
  emitWarning(handler, { code: 'convergence', source, message });
}
