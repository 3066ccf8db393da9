import type { Matrix } from '../core/matrix.js';
import type { CompositeObjective, SecondOrderObjective } from '../core/objective.js';
import { pinForPasses, rowsOfStore, type PassStore } from '../kernels/backend.js';
import { binaryLogisticPass, columnMoments, multinomialHessianPass, multinomialPass, scaledWeightedGram, squaredErrorPass } from '../kernels/fused.js';

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
  /** λ₂ in the unscaled objective Σ sᵢℓᵢ + ½λ₂‖W‖² + λ₁‖W‖₁ (1/C for logistic L2, 0 for none). */
  l2: number;
  /** λ₁, handled by the solver through `l1Weights` (default 0). */
  l1?: number;
  /**
   * Internal preconditioning: the solver works on θ with wₖⱼ = θₖⱼ/σⱼ and
   * bₖ = θ_bₖ − Σⱼ μⱼ·θₖⱼ/σⱼ, i.e. on standardised features x̃ = (x − μ)/σ, without copying X.
   * The objective value is unchanged: this is a change of variables, not of problem.
   * `center` requires an intercept (it only moves the intercept). Null: identity.
   */
  center?: Float64Array | null;
  scale?: Float64Array | null;
  /**
   * Copy X into WebAssembly memory (split across worker threads when they run) for the
   * objective's lifetime, so passes read it in place (default true). False for short-lived
   * objectives on a small gathered block, whose passes stream it: no second copy of it in memory.
   */
  pin?: boolean;
}

/**
 * A linear model's penalised empirical risk, scaled by the total sample weight S = Σ sᵢ:
 *
 *   F(W, b) = (1/S)·Σᵢ sᵢ·ℓ(yᵢ, W·xᵢ + b) + (λ₂ / 2S)·‖W‖²      (+ (λ₁/S)·‖W‖₁ via l1Weights)
 *
 * For logistic regression λ₂ + λ₁ = 1/C, so S·C·F is scikit-learn's objective
 * C·Σᵢ sᵢℓᵢ + r(W) (same minimiser; the 1/S scaling makes `tol` independent of the number of
 * rows, as in scikit-learn ≥ 1.4), and it is exactly the seeds' loss "mean log-loss +
 * (reg_lambda/2n)·‖w‖²" with reg_lambda = 1/C. For squared error with λ = 0 it is ½·MSE.
 * The intercept is never penalised.
 *
 * Parameters θ are laid out as the fused kernels expect: K·d weights row by row, then K
 * intercepts when fitted (K = 1 for binary and squared error), in the preconditioned
 * coordinates described at `center`/`scale`; `toModel` / `fromModel` convert.
 * Cost: value and gradient one pass over X, O(n·d·K); Hessian-vector product one pass;
 * dense Hessian O(n·D²·K²) with D = d + 1.
 */
export class LinearModelObjective implements SecondOrderObjective, CompositeObjective {
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
  readonly l1: number;
  /** Per-coordinate L1 weights of F in θ coordinates: λ₁/(S·σⱼ) on weights, 0 on intercepts. */
  readonly l1Weights: Float64Array;
  private readonly X: Float64Array;
  private readonly y: Float64Array;
  private readonly yIdx: Int32Array;
  private readonly sw: Float64Array | null;
  private readonly center: Float64Array | null;
  private readonly scale: Float64Array | null;
  /** Model-space work vectors (allocated once, reused by every evaluation). */
  private readonly w: Float64Array;
  private readonly gw: Float64Array;
  private readonly v: Float64Array;
  private readonly scratch: Float64Array;
  private readonly rowWeights: Float64Array;
  private readonly buf: Float64Array;
  /** X copied into WebAssembly memory for the lifetime of this objective (one fit), or null (TypeScript kernels, small X, or streaming). */
  private readonly store: PassStore | null;
  /** Gradient buffer for `totalValue`. */
  private readonly gTotal: Float64Array;
  /** Multinomial Hessian work (θ positions of (class, scaled feature) and the class-pair Gram blocks), allocated on the first Hessian. */
  private hessWork: { index: Int32Array; G: Float64Array } | null = null;
  /** Mini-batch buffers, allocated on the first batch call. */
  private batch: { X: Float64Array; y: Float64Array; yIdx: Int32Array; sw: Float64Array } | null = null;

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
    this.l1 = init.l1 ?? 0;
    this.center = init.fitIntercept ? (init.center ?? null) : null;
    this.scale = init.scale ?? null;
    let S = this.n;
    if (this.sw !== null) {
      S = 0;
      for (let i = 0; i < this.n; i++) S += this.sw[i];
    }
    this.weightSum = S;
    this.w = new Float64Array(this.size);
    this.gw = new Float64Array(this.size);
    this.v = new Float64Array(this.size);
    this.scratch = new Float64Array(Math.max(1, this.k));
    this.rowWeights = new Float64Array(this.n);
    this.buf = new Float64Array(this.d + 1);
    this.gTotal = new Float64Array(this.size);
    this.store = init.pin === false ? null : pinForPasses(this.X, this.n, this.d, this.kind === 'multinomial' ? this.k : 1);
    this.l1Weights = new Float64Array(this.size);
    if (this.l1 > 0) {
      for (let k = 0; k < this.k; k++) {
        for (let j = 0; j < this.d; j++) this.l1Weights[k * this.d + j] = this.l1 / (S * (this.scale === null ? 1 : this.scale[j]));
      }
    }
  }

  /** Writes the model (original units: K·d weights, then K intercepts) for θ into `out`. Cost O(K·d). */
  toModel(theta: Float64Array, out: Float64Array): void {
    const { k: K, d, center, scale, fitIntercept } = this;
    const Kd = K * d;
    for (let c = 0; c < K; c++) {
      let shift = 0;
      for (let j = 0; j < d; j++) {
        const wj = scale === null ? theta[c * d + j] : theta[c * d + j] / scale[j];
        out[c * d + j] = wj;
        if (center !== null) shift += center[j] * wj;
      }
      if (fitIntercept) out[Kd + c] = theta[Kd + c] - shift;
    }
  }

  /** The inverse of {@link toModel}: θ for a model given in original units. Cost O(K·d). */
  fromModel(model: Float64Array, out: Float64Array): void {
    const { k: K, d, center, scale, fitIntercept } = this;
    const Kd = K * d;
    for (let c = 0; c < K; c++) {
      let shift = 0;
      for (let j = 0; j < d; j++) {
        const wj = model[c * d + j];
        out[c * d + j] = scale === null ? wj : wj * scale[j];
        if (center !== null) shift += center[j] * wj;
      }
      if (fitIntercept) out[Kd + c] = model[Kd + c] + shift;
    }
  }

  /** Model-space gradient (∂/∂w, ∂/∂b) → θ-space gradient, in place on `g`. */
  private pullBack(gModel: Float64Array, g: Float64Array): void {
    const { k: K, d, center, scale, fitIntercept } = this;
    const Kd = K * d;
    for (let c = 0; c < K; c++) {
      const gb = fitIntercept ? gModel[Kd + c] : 0;
      for (let j = 0; j < d; j++) {
        let v = gModel[c * d + j];
        if (center !== null) v -= center[j] * gb;
        g[c * d + j] = scale === null ? v : v / scale[j];
      }
      if (fitIntercept) g[Kd + c] = gb;
    }
  }

  /** Σᵢ sᵢ·ℓᵢ at model-space parameters `w` (original units), gradient in model space. One pass. */
  private dataTerm(w: Float64Array, grad: Float64Array, hw: Float64Array | null): number {
    const { n, d, X, sw, fitIntercept } = this;
    switch (this.kind) {
      case 'binary':
        return binaryLogisticPass(n, d, X, this.y, sw, w, grad, 0, fitIntercept, hw, this.store);
      case 'multinomial':
        return multinomialPass(n, d, this.k, X, this.yIdx, sw, w, grad, fitIntercept, this.scratch, this.store);
      case 'squared':
        if (hw !== null) {
          if (sw === null) hw.fill(1);
          else hw.set(sw);
        }
        return squaredErrorPass(n, d, X, this.y, sw, w, grad, 0, fitIntercept, this.store);
    }
  }

  /** (λ₂/S)·Σ θⱼ²/σⱼ² over weights (the L2 term's contribution before halving). */
  private penaltyTerm(theta: Float64Array, g: Float64Array | null): number {
    const { k: K, d, scale } = this;
    const lam = this.l2 / this.weightSum;
    if (lam === 0) return 0;
    let pen = 0;
    for (let c = 0; c < K; c++) {
      for (let j = 0; j < d; j++) {
        const s = scale === null ? 1 : scale[j];
        const t = theta[c * d + j] / (s * s);
        pen += theta[c * d + j] * t;
        if (g !== null) g[c * d + j] += lam * t;
      }
    }
    return 0.5 * lam * pen;
  }

  valueAndGradient(theta: Float64Array, grad: Float64Array): number {
    this.toModel(theta, this.w);
    const data = this.dataTerm(this.w, this.gw, null);
    this.pullBack(this.gw, grad);
    const inv = 1 / this.weightSum;
    for (let j = 0; j < this.size; j++) grad[j] *= inv;
    return data * inv + this.penaltyTerm(theta, grad);
  }

  /**
   * An unbiased estimate of F's smooth part and its gradient from the rows `rows[from …
   * from+count)`: (1/S)·(n/count)·Σ_{i∈B} sᵢℓᵢ plus the exact L2 term. The rows are gathered into
   * a buffer first (so batches may be any subset). Cost: O(count·d·K).
   */
  batchValueAndGradient(theta: Float64Array, grad: Float64Array, rows: Int32Array, from: number, count: number): number {
    const { d, sw } = this;
    if (this.batch === null || this.batch.y.length < count) {
      this.batch = { X: new Float64Array(count * d), y: new Float64Array(count), yIdx: new Int32Array(count), sw: new Float64Array(count) };
    }
    const B = this.batch;
    for (let r = 0; r < count; r++) {
      const i = rows[from + r];
      B.X.set(this.X.subarray(i * d, (i + 1) * d), r * d);
      if (this.kind === 'multinomial') B.yIdx[r] = this.yIdx[i];
      else B.y[r] = this.y[i];
      B.sw[r] = sw === null ? 1 : sw[i];
    }
    this.toModel(theta, this.w);
    let data: number;
    switch (this.kind) {
      case 'binary':
        data = binaryLogisticPass(count, d, B.X, B.y, B.sw, this.w, this.gw, 0, this.fitIntercept, null);
        break;
      case 'multinomial':
        data = multinomialPass(count, d, this.k, B.X, B.yIdx, B.sw, this.w, this.gw, this.fitIntercept, this.scratch);
        break;
      case 'squared':
        data = squaredErrorPass(count, d, B.X, B.y, B.sw, this.w, this.gw, 0, this.fitIntercept);
        break;
    }
    this.pullBack(this.gw, grad);
    const inv = this.n / (count * this.weightSum);
    for (let j = 0; j < this.size; j++) grad[j] *= inv;
    return data * inv + this.penaltyTerm(theta, grad);
  }

  /** F without the L1 term plus the L1 term: the full scaled objective at θ. Cost: one pass. */
  totalValue(theta: Float64Array): number {
    let l1 = 0;
    for (let j = 0; j < this.size; j++) l1 += this.l1Weights[j] * Math.abs(theta[j]);
    return this.valueAndGradient(theta, this.gTotal) + l1;
  }

  hessianVectorProduct(theta: Float64Array, v: Float64Array, out: Float64Array): void {
    const { n, d, k: K, X, sw, fitIntercept } = this;
    const inv = 1 / this.weightSum;
    this.toModel(theta, this.w);
    // A direction transforms like a model with the same preconditioning: v in θ → u in model space.
    this.toModel(v, this.v);
    const u = this.v;
    const Kd = K * d;
    this.gw.fill(0);
    if (this.kind !== 'multinomial') {
      // Binary and squared error: H = X̃ᵀ·diag(h)·X̃ (+ L2), h from the current scores.
      this.dataTerm(this.w, out, this.rowWeights); // out used as scratch for the gradient
      const h = this.rowWeights;
      let sb = 0;
      for (let i = 0; i < n; i++) {
        const off = i * d;
        let t = fitIntercept ? u[d] : 0;
        for (let j = 0; j < d; j++) t += X[off + j] * u[j];
        const c = h[i] * t;
        if (c === 0) continue;
        sb += c;
        for (let j = 0; j < d; j++) this.gw[j] += c * X[off + j];
      }
      if (fitIntercept) this.gw[d] = sb;
    } else {
      const p = this.scratch;
      for (let i = 0; i < n; i++) {
        const si = sw === null ? 1 : sw[i];
        if (si === 0) continue;
        const off = i * d;
        let m = -Infinity;
        for (let c = 0; c < K; c++) {
          let z = fitIntercept ? this.w[Kd + c] : 0;
          for (let j = 0; j < d; j++) z += X[off + j] * this.w[c * d + j];
          p[c] = z;
          if (z > m) m = z;
        }
        let sum = 0;
        for (let c = 0; c < K; c++) {
          p[c] = Math.exp(p[c] - m);
          sum += p[c];
        }
        // (H·u)ₖ for this row: sᵢ·pₖ·(tₖ − Σₗ pₗtₗ)·x̃ᵢ with tₖ = x̃ᵢ·uₖ.
        let mean = 0;
        for (let c = 0; c < K; c++) {
          p[c] /= sum;
          let t = fitIntercept ? u[Kd + c] : 0;
          for (let j = 0; j < d; j++) t += X[off + j] * u[c * d + j];
          this.buf[c] = t;
          mean += p[c] * t;
        }
        for (let c = 0; c < K; c++) {
          const coef = si * p[c] * (this.buf[c] - mean);
          if (coef === 0) continue;
          if (fitIntercept) this.gw[Kd + c] += coef;
          for (let j = 0; j < d; j++) this.gw[c * d + j] += coef * X[off + j];
        }
      }
    }
    this.pullBack(this.gw, out);
    for (let j = 0; j < this.size; j++) out[j] *= inv;
    const lam = this.l2 * inv;
    if (lam > 0) {
      for (let c = 0; c < K; c++) {
        for (let j = 0; j < d; j++) {
          const s = this.scale === null ? 1 : this.scale[j];
          out[c * d + j] += (lam * v[c * d + j]) / (s * s);
        }
      }
    }
  }

  valueGradientHessian(theta: Float64Array, grad: Float64Array, hessian: Float64Array): number {
    const { n, d, k: K, X, sw, fitIntercept, size } = this;
    const inv = 1 / this.weightSum;
    this.toModel(theta, this.w);
    const data = this.dataTerm(this.w, this.gw, this.kind === 'multinomial' ? null : this.rowWeights);
    this.pullBack(this.gw, grad);
    for (let j = 0; j < size; j++) grad[j] *= inv;
    const value = data * inv + this.penaltyTerm(theta, grad);
    hessian.fill(0, 0, size * size);
    if (this.kind === 'multinomial') {
      const D = fitIntercept ? d + 1 : d;
      if (this.hessWork === null) this.hessWork = multinomialHessianWork(K, d, D);
      multinomialHessianPass(n, d, K, X, sw, this.w, fitIntercept, this.center, this.scale, this.hessWork.index, hessian, size, this.hessWork.G, this.store);
    } else {
      // θ layout for one row of W: d weights then the intercept, matching x̃ = (…, 1).
      scaledWeightedGram(n, d, X, this.rowWeights, this.center, this.scale, fitIntercept, hessian, 0, size, this.store);
      for (let a = 0; a < size; a++) for (let b = a + 1; b < size; b++) hessian[b * size + a] = hessian[a * size + b];
    }
    for (let j = 0; j < size * size; j++) hessian[j] *= inv;
    this.addPenaltyCurvature(hessian);
    return value;
  }

  /**
   * The softmax loss is unchanged when the same number is added to every class's intercept, or,
   * without any penalty, to every class's weight on one feature: the scores all move together.
   * Along each such direction u (ones at that coefficient of every class), the Hessian is
   * singular and the gradient has no component (Σₖ (pᵢₖ − yᵢₖ) = 0). This adds c·uuᵀ with
   * c = Σₖ Hₖₖ/K² (the mean of those K diagonal entries as u's eigenvalue), so the Newton
   * factorisation succeeds at the first attempt and solves are the minimum-norm ones. On
   * digits (650 parameters) that saves a second 650³/3 factorisation per Hessian. Nothing
   * for binary or squared-error objectives. Cost: O(K²·D).
   */
  liftFlatDirections(hessian: Float64Array): void {
    if (this.kind !== 'multinomial') return;
    const { k: K, d, size, fitIntercept } = this;
    const unpenalised = this.l2 === 0 && this.l1 === 0;
    for (let a = unpenalised ? 0 : d; a < (fitIntercept ? d + 1 : d); a++) {
      const at = (c: number): number => (a === d ? K * d + c : c * d + a);
      let diag = 0;
      for (let c = 0; c < K; c++) diag += hessian[at(c) * (size + 1)];
      const lift = diag / (K * K);
      if (!(lift > 0) || !Number.isFinite(lift)) continue;
      for (let c = 0; c < K; c++) for (let e = 0; e < K; e++) hessian[at(c) * size + at(e)] += lift;
    }
  }

  /** Adds the L2 term's curvature (λ₂/S)/σⱼ² to the weights' diagonal entries of `hessian`. */
  private addPenaltyCurvature(hessian: Float64Array): void {
    const { k: K, d, size } = this;
    const lam = this.l2 / this.weightSum;
    if (lam > 0) {
      for (let c = 0; c < K; c++) {
        for (let j = 0; j < d; j++) {
          const s = this.scale === null ? 1 : this.scale[j];
          hessian[(c * d + j) * (size + 1)] += lam / (s * s);
        }
      }
    }
  }

  /**
   * The Hessian of F at θ estimated on a row sample of about n/`step` rows (all rows when
   * step ≤ 1), as in subsampled Newton methods (Byrd, Chin, Neveitt and Nocedal, SIAM J. Optim.
   * 21, 2011): (1/S_B)·Σ_{i∈B} sᵢ·∇²ℓᵢ plus F's own penalty curvature. The sample is 64 blocks of
   * consecutive rows spread evenly over X (sorted rows are still covered end to end), read in
   * place for binary and squared-error objectives and gathered into one matrix of about n/step
   * rows for the softmax. Writes `hessian` (size × size, full symmetric); false when the sample
   * carries no weight or the result is not finite. Cost: the dense Hessian's on n/step rows.
   */
  sampledHessian(theta: Float64Array, step: number, hessian: Float64Array): boolean {
    const { n, d, k: K, X, sw, fitIntercept, size } = this;
    if (step <= 1) return Number.isFinite(this.valueGradientHessian(theta, this.gTotal, hessian));
    const m = Math.ceil(n / step);
    const blocks = Math.min(64, m);
    const per = Math.max(1, Math.floor(m / blocks));
    this.toModel(theta, this.w);
    hessian.fill(0, 0, size * size);
    const multinomial = this.kind === 'multinomial';
    // The softmax Hessian is formed once over the sample gathered into one matrix (about n/step
    // rows, a small fraction of X): one pass of the class-pair Grams (split across threads when
    // they run) and one scatter, instead of a full size² scatter and sum per block of rows.
    const picked = multinomial ? blocks * per : 0;
    const Xs = multinomial ? new Float64Array(picked * d) : null;
    const sws = multinomial && sw !== null ? new Float64Array(picked) : null;
    let rowsIn = 0;
    let S = 0;
    for (let c = 0; c < blocks; c++) {
      const i0 = Math.floor((c * n) / blocks);
      const i1 = Math.min(n, i0 + per);
      const r = i1 - i0;
      const Xc = X.subarray(i0 * d, i1 * d);
      const swc = sw === null ? null : sw.subarray(i0, i1);
      if (swc === null) S += r;
      else for (let i = 0; i < r; i++) S += swc[i];
      if (Xs !== null) {
        Xs.set(Xc, rowsIn * d);
        if (sws !== null && swc !== null) sws.set(swc, rowsIn);
        rowsIn += r;
        continue;
      }
      // The block's rows inside the pinned copy of X (xAt counts doubles): read in place, no streaming buffers.
      const st = rowsOfStore(this.store, Xc, i0, i1);
      const hw = this.rowWeights.subarray(i0, i1);
      if (this.kind === 'binary') binaryLogisticPass(r, d, Xc, this.y.subarray(i0, i1), swc, this.w, this.gw, 0, fitIntercept, hw, st);
      else if (swc === null) hw.fill(1);
      else hw.set(swc);
      scaledWeightedGram(r, d, Xc, hw, this.center, this.scale, fitIntercept, hessian, 0, size, st);
    }
    if (!(S > 0)) return false;
    if (Xs !== null) {
      const D = fitIntercept ? d + 1 : d;
      if (this.hessWork === null) this.hessWork = multinomialHessianWork(K, d, D);
      multinomialHessianPass(rowsIn, d, K, Xs.subarray(0, rowsIn * d), sws === null ? null : sws.subarray(0, rowsIn), this.w, fitIntercept, this.center, this.scale, this.hessWork.index, hessian, size, this.hessWork.G);
    } else {
      for (let a = 0; a < size; a++) for (let b = a + 1; b < size; b++) hessian[b * size + a] = hessian[a * size + b];
    }
    let finite = true;
    for (let j = 0; j < size * size; j++) {
      hessian[j] /= S;
      if (!Number.isFinite(hessian[j])) finite = false;
    }
    this.addPenaltyCurvature(hessian);
    return finite;
  }

  /**
   * The objective in scikit-learn's scaling for logistic regression, C·Σᵢ sᵢℓᵢ + r(W), from a
   * value of F (L1 included): F·S·C with 1/C = λ₁ + λ₂; without penalty, Σ sᵢℓᵢ = F·S.
   */
  unscaled(value: number): number {
    const lam = this.l1 + this.l2;
    return lam > 0 ? (value * this.weightSum) / lam : value * this.weightSum;
  }
}

/** θ positions of (class, scaled feature) and room for the K(K+1)/2 class-pair Gram blocks of the softmax Hessian. */
function multinomialHessianWork(K: number, d: number, D: number): { index: Int32Array; G: Float64Array } {
  const index = new Int32Array(K * D);
  for (let c = 0; c < K; c++) for (let a = 0; a < D; a++) index[c * D + a] = a < d ? c * d + a : K * d + c;
  return { index, G: new Float64Array(((K * (K + 1)) / 2) * D * D) };
}

/**
 * Column scalings for internal preconditioning: weighted means μ (only with an intercept, else
 * null) and scales σ chosen so the objective's curvature is about the same in every coordinate
 * at the start (a Jacobi preconditioner): σⱼ = √(varⱼ + ridge), where varⱼ is the column's
 * variance around μ (its mean square when not centring) and `ridge` = λ₂/(S·h̄) converts the L2
 * term's curvature to data units (h̄ = ¼ for the log-loss, 1 for squared error). Without a
 * penalty this is plain standardisation; with one, a column of tiny spread whose curvature is
 * dominated by the penalty is not blown up. A constant column gets σ = 1 (or √ridge).
 * `finite` says whether every column's sums came out finite: a NaN or ±∞ anywhere in X makes
 * its column's sums non-finite (zero weights included, 0·∞ being NaN), so when it is true X has
 * no such entry and needs no separate scan (when false, X may still be finite with sums that
 * overflowed). Cost: two passes over X, O(n·d).
 */
export function preconditioner(
  X: Matrix,
  sw: Float64Array | null,
  fitIntercept: boolean,
  ridge = 0,
): { center: Float64Array | null; scale: Float64Array; finite: boolean } {
  const { rows: n, cols: d, data } = X;
  const mean = new Float64Array(d);
  let total = 0;
  for (let i = 0; i < n; i++) total += sw === null ? 1 : sw[i];
  let finite = true;
  if (fitIntercept) {
    columnMoments(n, d, data, sw, null, mean);
    for (let j = 0; j < d; j++) {
      mean[j] /= total;
      if (!Number.isFinite(mean[j])) finite = false;
    }
  }
  const scale = new Float64Array(d);
  columnMoments(n, d, data, sw, mean, scale);
  for (let j = 0; j < d; j++) {
    let v = scale[j] / total;
    if (!Number.isFinite(v)) finite = false;
    // Relative test so a column of 1e6 ± 1e-12 (numerically constant) counts as constant.
    if (!(Math.sqrt(v) > 1e-12 * Math.max(1, Math.abs(mean[j]))) || !Number.isFinite(v)) v = 0;
    const s = Math.sqrt(v + ridge);
    scale[j] = s > 0 ? s : 1;
  }
  return { center: fitIntercept ? mean : null, scale, finite };
}
