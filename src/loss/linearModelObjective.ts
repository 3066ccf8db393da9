import type { Matrix } from '../core/matrix.js';
import { binaryLogisticPass, multinomialPass, squaredErrorPass } from '../kernels/fused.js';
import type { Objective } from '../core/objective.js';

/** Which per-sample loss: binary log-loss (sigmoid), multinomial log-loss (softmax), or ½ squared error. */
export type LossKind = 'binary' | 'multinomial' | 'squared';

export interface LinearModelObjectiveInit {
  kind: LossKind;
  X: Matrix;
  /** 0/1 targets for `'binary'`, real targets for `'squared'`; ignored for `'multinomial'`. */
  y?: Float64Array;
  /** Class indices 0 … K−1 for `'multinomial'`. */
  yIdx?: Int32Array;
  /** Number of classes for `'multinomial'` (≥ 2). */
  nClasses?: number;
  /** Per-sample weights sᵢ ≥ 0, or null for all ones. */
  sampleWeight: Float64Array | null;
  fitIntercept: boolean;
  /** Strength λ of the L2 term ½·λ·‖W‖² in the *unscaled* objective (1/C for logistic, 0 for none). */
  l2: number;
}

/**
 * A linear model's penalised empirical risk, scaled by the total sample weight:
 *
 *   F(W, b) = (1/S)·Σᵢ sᵢ·ℓ(yᵢ, W·xᵢ + b) + (λ / 2S)·‖W‖²,   S = Σᵢ sᵢ
 *
 * For logistic regression λ = 1/C, so F is scikit-learn's objective C·Σᵢ sᵢℓᵢ + ½‖W‖² divided
 * by C·S (same minimiser; the scaling makes `tol` independent of the number of rows, as in
 * scikit-learn ≥ 1.4), and it is exactly the seeds' loss "mean log-loss + (reg_lambda/2n)·‖w‖²"
 * with reg_lambda = 1/C. For squared error with λ = 0 it is the seeds' ½·MSE.
 * The intercept b is never penalised.
 *
 * Parameters are laid out as the fused kernels expect: K·d weights row by row, then K
 * intercepts when fitted (K = 1 for binary and squared error).
 * Cost per evaluation: one pass over X, O(n·d·K).
 */
export class LinearModelObjective implements Objective {
  readonly size: number;
  readonly kind: LossKind;
  readonly n: number;
  readonly d: number;
  /** Rows of W: 1 for binary and squared error, K for multinomial. */
  readonly k: number;
  readonly fitIntercept: boolean;
  /** S = Σᵢ sᵢ. */
  readonly weightSum: number;
  readonly l2: number;
  private readonly X: Float64Array;
  private readonly y: Float64Array;
  private readonly yIdx: Int32Array;
  private readonly sw: Float64Array | null;
  private readonly scratch: Float64Array;

  constructor(init: LinearModelObjectiveInit) {
    this.kind = init.kind;
    this.n = init.X.rows;
    this.d = init.X.cols;
    this.X = init.X.data;
    this.k = init.kind === 'multinomial' ? (init.nClasses ?? 0) : 1;
    this.fitIntercept = init.fitIntercept;
    this.size = this.k * this.d + (init.fitIntercept ? this.k : 0);
    this.y = init.y ?? new Float64Array(0);
    this.yIdx = init.yIdx ?? new Int32Array(0);
    this.sw = init.sampleWeight;
    this.l2 = init.l2;
    let S = this.n;
    if (this.sw !== null) {
      S = 0;
      for (let i = 0; i < this.n; i++) S += this.sw[i];
    }
    this.weightSum = S;
    this.scratch = new Float64Array(Math.max(1, this.k));
  }

  /** Σᵢ sᵢ·ℓᵢ (unscaled data term) and its gradient, written into `grad`. One pass over X. */
  dataTerm(params: Float64Array, grad: Float64Array): number {
    const { n, d, X, sw, fitIntercept } = this;
    switch (this.kind) {
      case 'binary':
        return binaryLogisticPass(n, d, X, this.y, sw, params, grad, 0, fitIntercept, null);
      case 'multinomial':
        return multinomialPass(n, d, this.k, X, this.yIdx, sw, params, grad, fitIntercept, this.scratch);
      case 'squared':
        return squaredErrorPass(n, d, X, this.y, sw, params, grad, 0, fitIntercept);
    }
  }

  valueAndGradient(params: Float64Array, grad: Float64Array): number {
    const data = this.dataTerm(params, grad);
    const inv = 1 / this.weightSum;
    const lam = this.l2 * inv;
    const kd = this.k * this.d;
    let pen = 0;
    for (let j = 0; j < kd; j++) {
      const w = params[j];
      pen += w * w;
      grad[j] = grad[j] * inv + lam * w;
    }
    for (let j = kd; j < this.size; j++) grad[j] *= inv;
    return data * inv + 0.5 * lam * pen;
  }

  /**
   * The objective in scikit-learn's scaling for logistic regression, C·Σᵢ sᵢℓᵢ + ½‖W‖², from a
   * value of F: F·S/λ (λ = 1/C). Only meaningful when λ > 0 or for reporting Σ sᵢℓᵢ (λ = 0 gives
   * the data term Σ sᵢℓᵢ).
   */
  unscaled(value: number): number {
    return this.l2 > 0 ? (value * this.weightSum) / this.l2 : value * this.weightSum;
  }
}
