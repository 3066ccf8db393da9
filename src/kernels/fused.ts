/**
 * Fused row passes: for each row the score is computed and the row's gradient contribution is
 * accumulated while the row is still in cache, so one loss-and-gradient evaluation reads X once
 * (numpy needs two BLAS passes, X·w then Xᵀ·r). No validation, no allocation.
 *
 * Parameter layout shared by every objective: the K·d coefficients row by row (class k's
 * weights at [k·d, (k+1)·d)), then the K intercepts when fitted. Binary and squared-error
 * models have K = 1.
 */

/**
 * Binary logistic loss and gradient in one pass.
 *
 *   value  = Σᵢ sᵢ·ℓ(yᵢ, zᵢ),   zᵢ = xᵢ·w + b,   ℓ(y, z) = log(1 + e^z) − y·z
 *   grad_w = Σᵢ sᵢ·(σ(zᵢ) − yᵢ)·xᵢ,   grad_b = Σᵢ sᵢ·(σ(zᵢ) − yᵢ)
 *
 * Writes grad[og … og+d) and, when `fitIntercept`, grad[og+d]. When `hw` is given, also stores
 * the Hessian weights hwᵢ = sᵢ·σ(zᵢ)(1 − σ(zᵢ)) for Newton steps. y holds 0/1 targets; `sw`
 * null means unit weights. One exp and one log1p per row, exact for every finite z (the
 * split of scikit-learn's closs_half_binomial). Cost: O(n·d), one pass over X.
 */
export function binaryLogisticPass(
  n: number,
  d: number,
  X: Float64Array,
  y: Float64Array,
  sw: Float64Array | null,
  params: Float64Array,
  grad: Float64Array,
  og: number,
  fitIntercept: boolean,
  hw: Float64Array | null,
): number {
  const b = fitIntercept ? params[d] : 0;
  grad.fill(0, og, og + d + (fitIntercept ? 1 : 0));
  let loss = 0;
  let gb = 0;
  for (let i = 0; i < n; i++) {
    const off = i * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let j = 0;
    for (; j + 3 < d; j += 4) {
      s0 += X[off + j] * params[j];
      s1 += X[off + j + 1] * params[j + 1];
      s2 += X[off + j + 2] * params[j + 2];
      s3 += X[off + j + 3] * params[j + 3];
    }
    for (; j < d; j++) s0 += X[off + j] * params[j];
    const z = s0 + s1 + (s2 + s3) + b;
    const yi = y[i];
    const si = sw === null ? 1 : sw[i];
    // e = e^(−|z|) ≤ 1: no overflow. σ(z) − y is formed without cancellation for y ∈ {0, 1}.
    const e = Math.exp(-Math.abs(z));
    const inv = 1 / (1 + e);
    let g: number;
    if (z > 0) {
      loss += si * (Math.log1p(e) + (1 - yi) * z);
      g = ((1 - yi) - yi * e) * inv;
    } else {
      loss += si * (Math.log1p(e) - yi * z);
      g = (e * (1 - yi) - yi) * inv;
    }
    if (hw !== null) hw[i] = si * e * inv * inv;
    g *= si;
    if (g === 0) continue;
    gb += g;
    j = 0;
    for (; j + 3 < d; j += 4) {
      grad[og + j] += g * X[off + j];
      grad[og + j + 1] += g * X[off + j + 1];
      grad[og + j + 2] += g * X[off + j + 2];
      grad[og + j + 3] += g * X[off + j + 3];
    }
    for (; j < d; j++) grad[og + j] += g * X[off + j];
  }
  if (fitIntercept) grad[og + d] = gb;
  return loss;
}

/**
 * Multinomial (softmax) loss and gradient in one pass, K classes.
 *
 *   value    = Σᵢ sᵢ·(logΣₖ e^{zᵢₖ} − zᵢ,yᵢ),   zᵢₖ = xᵢ·Wₖ + bₖ
 *   grad_Wₖ  = Σᵢ sᵢ·(pᵢₖ − [yᵢ = k])·xᵢ,   grad_bₖ = Σᵢ sᵢ·(pᵢₖ − [yᵢ = k])
 *
 * log-sum-exp subtracts the row maximum, so no exp overflows. `yIdx` holds class indices;
 * `scratch` needs K slots. Cost: O(n·d·K), X read once (each row K times from L1 cache).
 */
export function multinomialPass(
  n: number,
  d: number,
  K: number,
  X: Float64Array,
  yIdx: Int32Array,
  sw: Float64Array | null,
  params: Float64Array,
  grad: Float64Array,
  fitIntercept: boolean,
  scratch: Float64Array,
): number {
  const Kd = K * d;
  grad.fill(0, 0, Kd + (fitIntercept ? K : 0));
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const off = i * d;
    let m = -Infinity;
    for (let k = 0; k < K; k++) {
      const wk = k * d;
      let s0 = 0;
      let s1 = 0;
      let j = 0;
      for (; j + 1 < d; j += 2) {
        s0 += X[off + j] * params[wk + j];
        s1 += X[off + j + 1] * params[wk + j + 1];
      }
      if (j < d) s0 += X[off + j] * params[wk + j];
      const z = s0 + s1 + (fitIntercept ? params[Kd + k] : 0);
      scratch[k] = z;
      if (z > m) m = z;
    }
    let sum = 0;
    const yi = yIdx[i];
    const zy = scratch[yi];
    for (let k = 0; k < K; k++) {
      const e = Math.exp(scratch[k] - m);
      scratch[k] = e;
      sum += e;
    }
    const si = sw === null ? 1 : sw[i];
    loss += si * (m + Math.log(sum) - zy);
    const inv = si / sum;
    for (let k = 0; k < K; k++) {
      const g = scratch[k] * inv - (k === yi ? si : 0);
      if (g === 0) continue;
      if (fitIntercept) grad[Kd + k] += g;
      const wk = k * d;
      let j = 0;
      for (; j + 1 < d; j += 2) {
        grad[wk + j] += g * X[off + j];
        grad[wk + j + 1] += g * X[off + j + 1];
      }
      if (j < d) grad[wk + j] += g * X[off + j];
    }
  }
  return loss;
}

/**
 * Squared error and gradient in one pass.
 *
 *   value  = Σᵢ sᵢ·½(zᵢ − yᵢ)²,   zᵢ = xᵢ·w + b
 *   grad_w = Σᵢ sᵢ·(zᵢ − yᵢ)·xᵢ,   grad_b = Σᵢ sᵢ·(zᵢ − yᵢ)
 *
 * Cost: O(n·d), one pass over X.
 */
export function squaredErrorPass(
  n: number,
  d: number,
  X: Float64Array,
  y: Float64Array,
  sw: Float64Array | null,
  params: Float64Array,
  grad: Float64Array,
  og: number,
  fitIntercept: boolean,
): number {
  const b = fitIntercept ? params[d] : 0;
  grad.fill(0, og, og + d + (fitIntercept ? 1 : 0));
  let loss = 0;
  let gb = 0;
  for (let i = 0; i < n; i++) {
    const off = i * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let j = 0;
    for (; j + 3 < d; j += 4) {
      s0 += X[off + j] * params[j];
      s1 += X[off + j + 1] * params[j + 1];
      s2 += X[off + j + 2] * params[j + 2];
      s3 += X[off + j + 3] * params[j + 3];
    }
    for (; j < d; j++) s0 += X[off + j] * params[j];
    const r = s0 + s1 + (s2 + s3) + b - y[i];
    const si = sw === null ? 1 : sw[i];
    loss += 0.5 * si * r * r;
    const g = si * r;
    if (g === 0) continue;
    gb += g;
    j = 0;
    for (; j + 3 < d; j += 4) {
      grad[og + j] += g * X[off + j];
      grad[og + j + 1] += g * X[off + j + 1];
      grad[og + j + 2] += g * X[off + j + 2];
      grad[og + j + 3] += g * X[off + j + 3];
    }
    for (; j < d; j++) grad[og + j] += g * X[off + j];
  }
  if (fitIntercept) grad[og + d] = gb;
  return loss;
}

/**
 * Accumulates the upper triangle of Σᵢ hᵢ·x̃ᵢx̃ᵢᵀ into H (D × D, row-major, leading dimension
 * `ldH`, starting at H[oH]), where x̃ᵢ = ((xᵢ − μ)/σ, 1): each row centred by `center` and
 * divided by `scale` on the fly (either may be null), with a trailing 1 when `ones`
 * (D = d + 1) for an intercept. `buf` needs D slots. Rows with hᵢ = 0 are skipped.
 * Cost: n·D²/2 multiply-adds, one pass over X.
 */
export function scaledWeightedGram(
  n: number,
  d: number,
  X: Float64Array,
  h: Float64Array | null,
  center: Float64Array | null,
  scale: Float64Array | null,
  ones: boolean,
  H: Float64Array,
  oH: number,
  ldH: number,
  buf: Float64Array,
): void {
  const D = ones ? d + 1 : d;
  for (let i = 0; i < n; i++) {
    const hi = h === null ? 1 : h[i];
    if (hi === 0) continue;
    const off = i * d;
    for (let j = 0; j < d; j++) {
      let v = X[off + j];
      if (center !== null) v -= center[j];
      if (scale !== null) v /= scale[j];
      buf[j] = v;
    }
    if (ones) buf[d] = 1;
    for (let a = 0; a < D; a++) {
      const ca = hi * buf[a];
      if (ca === 0) continue;
      const row = oH + a * ldH;
      let b = a;
      for (; b + 1 < D; b += 2) {
        H[row + b] += ca * buf[b];
        H[row + b + 1] += ca * buf[b + 1];
      }
      if (b < D) H[row + b] += ca * buf[b];
    }
  }
}

/**
 * Value, gradient data term and dense Hessian of the multinomial loss in one pass, in the
 * coordinates θ of a linear model on scaled features x̃ᵢ = ((xᵢ − μ)/σ, 1):
 *
 *   H[(k,a), (l,b)] = Σᵢ sᵢ·pᵢₖ(δₖₗ − pᵢₗ)·x̃ᵢₐ·x̃ᵢᵦ
 *
 * `w` holds the model in original units (K·d weights then K intercepts), used for the
 * scores; `index[k·D + a]` maps class k, scaled feature a (a = d: intercept) to the position
 * in θ and in H (size × size, row-major, full symmetric on return). Only the Hessian is
 * written; scores use `scratch` (K) and `buf` (D). Cost: n·(K(K+1)/2)·(D(D+1)/2) multiply-adds.
 */
export function multinomialHessianPass(
  n: number,
  d: number,
  K: number,
  X: Float64Array,
  sw: Float64Array | null,
  w: Float64Array,
  fitIntercept: boolean,
  center: Float64Array | null,
  scale: Float64Array | null,
  index: Int32Array,
  H: Float64Array,
  size: number,
  scratch: Float64Array,
  buf: Float64Array,
): void {
  const D = fitIntercept ? d + 1 : d;
  const Kd = K * d;
  H.fill(0, 0, size * size);
  for (let i = 0; i < n; i++) {
    const si = sw === null ? 1 : sw[i];
    if (si === 0) continue;
    const off = i * d;
    let m = -Infinity;
    for (let k = 0; k < K; k++) {
      let z = fitIntercept ? w[Kd + k] : 0;
      for (let j = 0; j < d; j++) z += X[off + j] * w[k * d + j];
      scratch[k] = z;
      if (z > m) m = z;
    }
    let sum = 0;
    for (let k = 0; k < K; k++) {
      scratch[k] = Math.exp(scratch[k] - m);
      sum += scratch[k];
    }
    for (let k = 0; k < K; k++) scratch[k] /= sum;
    for (let j = 0; j < d; j++) {
      let v = X[off + j];
      if (center !== null) v -= center[j];
      if (scale !== null) v /= scale[j];
      buf[j] = v;
    }
    if (fitIntercept) buf[d] = 1;
    for (let k = 0; k < K; k++) {
      const pk = scratch[k];
      for (let l = k; l < K; l++) {
        const c = si * pk * ((k === l ? 1 : 0) - scratch[l]);
        if (c === 0) continue;
        for (let a = 0; a < D; a++) {
          const ca = c * buf[a];
          const row = index[k * D + a] * size;
          for (let b = a; b < D; b++) H[row + index[l * D + b]] += ca * buf[b];
        }
      }
    }
  }
  // Each block (k, l) is symmetric in (a, b): copy its upper triangle down, then mirror the
  // blocks below the diagonal from those above.
  for (let k = 0; k < K; k++) {
    for (let l = k; l < K; l++) {
      for (let a = 0; a < D; a++) {
        for (let b = a + 1; b < D; b++) H[index[k * D + b] * size + index[l * D + a]] = H[index[k * D + a] * size + index[l * D + b]];
      }
    }
  }
  for (let k = 0; k < K; k++) {
    for (let l = k + 1; l < K; l++) {
      for (let a = 0; a < D; a++) {
        for (let b = 0; b < D; b++) H[index[l * D + b] * size + index[k * D + a]] = H[index[k * D + a] * size + index[l * D + b]];
      }
    }
  }
}
