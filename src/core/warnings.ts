/**
 * The one warning mechanism every model uses. A model given an `onWarning(warning)` option
 * calls it; otherwise the warning goes to `console.warn`. Warnings never throw: a solver that
 * stops before converging still returns its best iterate.
 */

/** What kind of warning: lets callers filter without parsing the message. */
export type WarningCode =
  | 'convergence' // the solver stopped at maxIter or could not make progress
  | 'divergence' // the iterates blew up (learning rate too large)
  | 'separation' // the classes are (quasi-)completely separated, the MLE does not exist
  | 'rank-deficient' // least squares on a rank-deficient design: minimum-norm solution returned
  | 'ill-conditioned' // a solve lost many digits
  | 'small-class'; // a class has fewer members than the cross-validation folds

export interface LogitWarning {
  readonly code: WarningCode;
  /** A sentence that says what happened and what to try. */
  readonly message: string;
  /** Which estimator raised it, for example `'LogisticRegression'`. */
  readonly source: string;
}

export type WarningHandler = (warning: LogitWarning) => void;

// The core may not depend on Node or DOM typings; console exists in every runtime we target.
declare const console: { warn(...args: unknown[]): void };

/** Delivers a warning to `handler`, or to `console.warn` when none is given. */
export function emitWarning(handler: WarningHandler | undefined, warning: LogitWarning): void {
  if (handler) handler(warning);
  else console.warn(`[logit] ${warning.source}: ${warning.message}`);
}
