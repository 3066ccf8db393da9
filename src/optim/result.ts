/** Options every solver understands. */
export interface SolverOptions {
  /** Iteration limit (≥ 0). */
  maxIter: number;
  /** Stopping tolerance; its meaning is the solver's (gradient size for L-BFGS, change in f for GD). */
  tol: number;
  /** Called after every iteration with the iteration number (0 = start), f and max |∇f|. */
  onIteration?: (iteration: number, value: number, gradMax: number) => void;
}

/** Why a solver stopped. */
export type StopReason =
  | 'gradient' // max |∇f| ≤ tol
  | 'loss-change' // |f_k − f_{k−1}| < tol (gradient descent)
  | 'max-iter' // iteration limit reached
  | 'line-search' // no step along the search direction decreased f
  | 'diverged' // f grew without bound (gradient descent with too large a step)
  | 'non-finite' // f or ∇f became NaN or infinite
  | 'handoff'; // stopped so that another method continues from here (never a final result)

/** What every solver returns; the minimiser itself is written into the `x` it was given. */
export interface MinimizeResult {
  /** f at the returned point. */
  value: number;
  /** max |∇f| at the returned point. */
  gradMax: number;
  /** Iterations performed. */
  nIter: number;
  converged: boolean;
  reason: StopReason;
  /** f at the start and after every iteration (length nIter + 1). */
  history: number[];
  /** Objective evaluations, line-search trials included. */
  evaluations: number;
}
