/**
 * The interfaces every solver consumes (as scikit-learn's `LinearModelLoss`): a smooth function
 * of a flat parameter vector that returns its value and writes its gradient, optionally with
 * second-order information and a separable L1 term. Solvers never see X, labels or penalties.
 */
export interface Objective {
  /** Length of the parameter vector. */
  readonly size: number;
  /** Returns f(params) and writes ∇f(params) into `grad` (length `size`). Must not allocate. */
  valueAndGradient(params: Float64Array, grad: Float64Array): number;
}

/** An objective that can also multiply by its Hessian and form it densely. */
export interface SecondOrderObjective extends Objective {
  /** out = ∇²f(params)·v, one pass over the data. */
  hessianVectorProduct(params: Float64Array, v: Float64Array, out: Float64Array): void;
  /**
   * Returns f(params), writes ∇f into `grad` and the dense Hessian (size × size, row-major,
   * full symmetric) into `hessian`, in one pass over the data.
   */
  valueGradientHessian(params: Float64Array, grad: Float64Array, hessian: Float64Array): number;
  /**
   * Optional. Adds c·uuᵀ to a Hessian of this objective for each direction u along which f is
   * exactly flat (f(x + t·u) = f(x) for every t), with c > 0 a curvature of the Hessian's own
   * scale, so that a Hessian singular only for that reason factors at once. Gradients have no
   * component along such u, so (H + c·uuᵀ)⁻¹g is H's minimum-norm solve: a Newton step or an
   * L-BFGS start unchanged, without the retries of a damped factorisation.
   */
  liftFlatDirections?(hessian: Float64Array): void;
}

/**
 * A smooth objective plus a weighted L1 term Σⱼ ωⱼ·|xⱼ| that solvers such as OWL-QN or
 * coordinate descent handle themselves (ωⱼ = 0 for unpenalised coordinates such as intercepts).
 */
export interface CompositeObjective extends Objective {
  /** ωⱼ ≥ 0 per coordinate; all zeros when there is no L1 term. */
  readonly l1Weights: Float64Array;
}
