import type { Objective } from '../core/objective.js';
import { emitWarning, type WarningHandler } from '../core/warnings.js';
import { gradientDescent } from '../optim/gradientDescent.js';
import { lbfgs } from '../optim/lbfgs.js';
import type { MinimizeResult } from '../optim/result.js';

export interface SolveSettings {
  /** The solver that ran (`'lbfgs'`, `'newton'`, `'owlqn'`, `'proxnewton'`, `'sgd'`, `'gd'`). */
  solver: string;
  /** The exact solver to suggest when gradient descent struggles (`'lbfgs'`, or `'lstsq'` for least squares). */
  alternative?: string;
  maxIter: number;
  tol: number;
  learningRate: number;
  /** Progress hook passed to the solver: (iteration, f). */
  onIteration?: (iteration: number, value: number) => void;
}

/** Runs `'gd'` or `'lbfgs'` on `objective`, starting from and writing into `params`. */
export function runSolver(objective: Objective, params: Float64Array, s: SolveSettings): MinimizeResult {
  if (s.solver === 'gd') {
    return gradientDescent(objective, params, { maxIter: s.maxIter, tol: s.tol, learningRate: s.learningRate, onIteration: s.onIteration });
  }
  return lbfgs(objective, params, { maxIter: s.maxIter, tol: s.tol, onIteration: s.onIteration });
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
        `${s.solver === 'gd' ? 'gradient descent' : s.solver} diverged${on} after ${result.nIter} iterations: the loss grew instead of falling. ` +
        `Lower learningRate (now ${fmt(s.learningRate)}; try ${fmt(s.learningRate / 10)}), standardise the features (StandardScaler), or use solver '${s.alternative ?? 'lbfgs'}'.`;
      return emitWarning(handler, { code: 'divergence', source, message });
    case 'line-search':
      message =
        `${s.solver} stopped${on} after ${result.nIter} iterations because no step reduced the objective further; ` +
        `the largest gradient component is ${fmt(result.gradMax)} > tol ${fmt(s.tol)}. The answer is as close to the optimum as ` +
        `double precision allows from here: loosen tol, or regularise more (smaller C).`;
      break;
    default:
      if (s.solver === 'gd') {
        message =
          `gradient descent did not converge${on} in maxIter=${s.maxIter} iterations (last loss change above tol ${fmt(s.tol)}). ` +
          `Increase maxIter or learningRate, standardise the features (StandardScaler), or use solver '${s.alternative ?? 'lbfgs'}'.`;
      } else if (s.solver === 'sgd') {
        message =
          `sgd did not converge${on} in maxIter=${s.maxIter} epochs (the loss still improved by more than tol ${fmt(s.tol)} per epoch). ` +
          `Increase maxIter, tune learningRate or batchSize, or use an exact solver ('auto').`;
      } else {
        message =
          `${s.solver} did not converge${on} in maxIter=${s.maxIter} iterations: the largest ${s.solver === 'owlqn' || s.solver === 'proxnewton' ? 'optimality violation' : 'gradient component'} is ` +
          `${fmt(result.gradMax)} > tol ${fmt(s.tol)}. Increase maxIter, loosen tol, or regularise more (smaller C).`;
      }
  }
  emitWarning(handler, { code: 'convergence', source, message });
}
