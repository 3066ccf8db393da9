/**
 * The one interface every solver consumes (as scikit-learn's `LinearModelLoss.loss_gradient`):
 * a smooth function of a flat parameter vector that returns its value and writes its gradient.
 * Solvers never see X, labels or penalties, only this.
 */
export interface Objective {
  /** Length of the parameter vector. */
  readonly size: number;
  /** Returns f(params) and writes ∇f(params) into `grad` (length `size`). Must not allocate. */
  valueAndGradient(params: Float64Array, grad: Float64Array): number;
}
