import { expNonPositive, log1pUnit, logAtLeast1 } from './elementary.js';

/**
 * The pure TypeScript fused row passes: the fallback where WebAssembly is unavailable and the
 * reference the WebAssembly kernels (assembly/kernels.ts) are tested against. Each performs the
 * same floating-point operations in the same order as its WebAssembly twin, with the same
 * exp/log1p/log (elementary.ts), so the two agree bit for bit. No validation, no allocation
 * (scratch for the blocked Gram kernels is grown once and kept).
 *
 * Parameter layout shared by every objective: the K·d coefficients row by row (class k's
 * weights at [k·d, (k+1)·d)), then the K intercepts when fitted.
 */

/**
 * x·w over d entries with eight independent accumulators (four f64x2 lanes in the WebAssembly
 * twin), combined as ((s0+s4)+(s2+s6)) + ((s1+s5)+(s3+s7)), then the tail. Eight chains keep
 * the adder pipeline full; the fixed order makes TS and WebAssembly agree exactly. Cost: O(d).
 */
export function dot8(d: number, X: Float64Array, ox: number, w: Float64Array, ow: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;
  let s6 = 0;
  let s7 = 0;
  let j = 0;
  for (; j + 7 < d; j += 8) {
    const p = ox + j;
    const q = ow + j;
    s0 += X[p] * w[q];
    s1 += X[p + 1] * w[q + 1];
    s2 += X[p + 2] * w[q + 2];
    s3 += X[p + 3] * w[q + 3];
    s4 += X[p + 4] * w[q + 4];
    s5 += X[p + 5] * w[q + 5];
    s6 += X[p + 6] * w[q + 6];
    s7 += X[p + 7] * w[q + 7];
  }
  let r = 0;
  for (; j < d; j++) r += X[ox + j] * w[ow + j];
  return ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7)) + r;
}

/** g[og + j] += a·X[ox + j], j < d. Cost: O(d). */
function axpyRow(d: number, a: number, X: Float64Array, ox: number, g: Float64Array, og: number): void {
  let j = 0;
  for (; j + 3 < d; j += 4) {
    g[og + j] += a * X[ox + j];
    g[og + j + 1] += a * X[ox + j + 1];
    g[og + j + 2] += a * X[ox + j + 2];
    g[og + j + 3] += a * X[ox + j + 3];
  }
  for (; j < d; j++) g[og + j] += a * X[ox + j];
}

/** TypeScript twin of `binaryLogisticPass` (see fused.ts for the formula). */
export function binaryLogisticPassTs(
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
    const z = dot8(d, X, off, params, 0) + b;
    const yi = y[i];
    const si = sw === null ? 1 : sw[i];
    // e = e^(−|z|) ≤ 1: no overflow. σ(z) − y is formed without cancellation for y ∈ {0, 1}
    // (the split of scikit-learn's closs_half_binomial / cgradient_half_binomial).
    const e = expNonPositive(-Math.abs(z));
    const inv = 1 / (1 + e);
    let g: number;
    if (z > 0) {
      loss += si * (log1pUnit(e) + (1 - yi) * z);
      g = ((1 - yi) - yi * e) * inv;
    } else {
      loss += si * (log1pUnit(e) - yi * z);
      g = (e * (1 - yi) - yi) * inv;
    }
    if (hw !== null) hw[i] = si * e * inv * inv;
    g *= si;
    if (g === 0) continue;
    gb += g;
    axpyRow(d, g, X, off, grad, og);
  }
  if (fitIntercept) grad[og + d] = gb;
  return loss;
}

/** TypeScript twin of `squaredErrorPass`. */
export function squaredErrorPassTs(
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
    const r = dot8(d, X, off, params, 0) + b - y[i];
    const si = sw === null ? 1 : sw[i];
    loss += 0.5 * si * r * r;
    const g = si * r;
    if (g === 0) continue;
    gb += g;
    axpyRow(d, g, X, off, grad, og);
  }
  if (fitIntercept) grad[og + d] = gb;
  return loss;
}

/** TypeScript twin of `multinomialPass`. `scratch` needs K slots. */
export function multinomialPassTs(
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
      const z = dot8(d, X, off, params, k * d) + (fitIntercept ? params[Kd + k] : 0);
      scratch[k] = z;
      if (z > m) m = z;
    }
    let sum = 0;
    const yi = yIdx[i];
    const zy = scratch[yi];
    // log-sum-exp with the row maximum subtracted: no exp overflows.
    for (let k = 0; k < K; k++) {
      const e = expNonPositive(scratch[k] - m);
      scratch[k] = e;
      sum += e;
    }
    const si = sw === null ? 1 : sw[i];
    loss += si * (m + logAtLeast1(sum) - zy);
    const inv = si / sum;
    for (let k = 0; k < K; k++) {
      const g = scratch[k] * inv - (k === yi ? si : 0);
      if (g === 0) continue;
      if (fitIntercept) grad[Kd + k] += g;
      axpyRow(d, g, X, off, grad, k * d);
    }
  }
  return loss;
}

/** Softmax probabilities of `rows` rows starting at row i0: P[r·K + k] = pᵢₖ. Same order as multinomialPassTs. */
export function softmaxProbsTs(rows: number, i0: number, d: number, K: number, X: Float64Array, w: Float64Array, fitIntercept: boolean, P: Float64Array): void {
  const Kd = K * d;
  for (let r = 0; r < rows; r++) {
    const off = (i0 + r) * d;
    const o = r * K;
    let m = -Infinity;
    for (let k = 0; k < K; k++) {
      const z = dot8(d, X, off, w, k * d) + (fitIntercept ? w[Kd + k] : 0);
      P[o + k] = z;
      if (z > m) m = z;
    }
    let sum = 0;
    for (let k = 0; k < K; k++) {
      const e = expNonPositive(P[o + k] - m);
      P[o + k] = e;
      sum += e;
    }
    for (let k = 0; k < K; k++) P[o + k] = P[o + k] / sum;
  }
}

/** B[r·D + a] = (X[i0 + r, a] − μₐ)/σₐ, B[r·D + d] = 1 when `ones`, B[r·D + D − 1] = y[i0 + r] when y is given. */
export function scaleRowsTs(rows: number, i0: number, d: number, X: Float64Array, center: Float64Array | null, scale: Float64Array | null, ones: boolean, B: Float64Array, D: number, y: Float64Array | null = null): void {
  for (let r = 0; r < rows; r++) {
    const x = (i0 + r) * d;
    const o = r * D;
    for (let j = 0; j < d; j++) {
      let v = X[x + j];
      if (center !== null) v -= center[j];
      if (scale !== null) v /= scale[j];
      B[o + j] = v;
    }
    if (ones) B[o + d] = 1;
    if (y !== null) B[o + D - 1] = y[i0 + r];
  }
}

/**
 * Upper triangle of H (D × D at H[oH], leading dimension ldH) += Σ_r (h[oh + r]·B[r,a])·B[r,b]
 * over a block of `rows` scaled rows (h null: ones). Each entry is kept in a register across
 * the block and sees its rows in order, as a row-at-a-time loop would. `ca` needs `rows` slots.
 * A row a of H is skipped when the whole block's hᵢ·B[i,a] are 0.
 */
export function gramRowsTs(rows: number, D: number, B: Float64Array, h: Float64Array | null, oh: number, H: Float64Array, oH: number, ldH: number, ca: Float64Array): void {
  for (let a = 0; a < D; a++) {
    let any = false;
    for (let r = 0; r < rows; r++) {
      const c = (h === null ? 1 : h[oh + r]) * B[r * D + a];
      ca[r] = c;
      if (c !== 0) any = true;
    }
    if (!any) continue;
    const row = oH + a * ldH;
    let b = a;
    for (; b + 3 < D; b += 4) {
      let s0 = H[row + b];
      let s1 = H[row + b + 1];
      let s2 = H[row + b + 2];
      let s3 = H[row + b + 3];
      for (let r = 0, p = b; r < rows; r++, p += D) {
        const c = ca[r];
        s0 += c * B[p];
        s1 += c * B[p + 1];
        s2 += c * B[p + 2];
        s3 += c * B[p + 3];
      }
      H[row + b] = s0;
      H[row + b + 1] = s1;
      H[row + b + 2] = s2;
      H[row + b + 3] = s3;
    }
    for (; b < D; b++) {
      let s = H[row + b];
      for (let r = 0; r < rows; r++) s += ca[r] * B[r * D + b];
      H[row + b] = s;
    }
  }
}

/** Columns of the scaled rows x̃ᵢ = ((xᵢ − μ)/σ, 1 when `ones`, yᵢ when y is given). */
export function gramWidth(d: number, ones: boolean, y: Float64Array | null): number {
  return d + (ones ? 1 : 0) + (y === null ? 0 : 1);
}

/** Rows per block for the Gram kernels: about 32 KB of scaled rows, between 8 and 256. */
export function gramBlockRows(D: number): number {
  return Math.max(8, Math.min(256, Math.floor(4096 / Math.max(1, D))));
}

let scratchTs = new Float64Array(0);
function tsScratch(len: number): Float64Array {
  if (scratchTs.length < len) scratchTs = new Float64Array(len);
  return scratchTs;
}

/** TypeScript twin of `scaledWeightedGram`. */
export function scaledWeightedGramTs(
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
  y: Float64Array | null = null,
): void {
  const D = gramWidth(d, ones, y);
  const R = gramBlockRows(D);
  const s = tsScratch(R * D + R);
  const B = s.subarray(0, R * D);
  const ca = s.subarray(R * D, R * D + R);
  for (let i0 = 0; i0 < n; i0 += R) {
    const rows = Math.min(R, n - i0);
    scaleRowsTs(rows, i0, d, X, center, scale, ones, B, D, y);
    gramRowsTs(rows, D, B, h, i0, H, oH, ldH, ca);
  }
}

/**
 * TypeScript twin of `multinomialHessianPass`: per block of rows, softmax probabilities P and
 * scaled rows B, then for each class pair k ≤ l the weighted Gram of B with weights
 * cᵢ = sᵢ·pᵢₖ·(δₖₗ − pᵢₗ) into the compact block G[(k,l)] (D × D). `G` needs K(K+1)/2·D² slots
 * and is zeroed here; the caller scatters it into the Hessian.
 */
export function multinomialGramTs(
  n: number,
  d: number,
  K: number,
  X: Float64Array,
  sw: Float64Array | null,
  w: Float64Array,
  fitIntercept: boolean,
  center: Float64Array | null,
  scale: Float64Array | null,
  G: Float64Array,
): void {
  const D = fitIntercept ? d + 1 : d;
  const R = gramBlockRows(D);
  const s = tsScratch(R * D + 2 * R + R * K);
  const B = s.subarray(0, R * D);
  const ca = s.subarray(R * D, R * D + R);
  const c = s.subarray(R * D + R, R * D + 2 * R);
  const P = s.subarray(R * D + 2 * R, R * D + 2 * R + R * K);
  G.fill(0, 0, ((K * (K + 1)) / 2) * D * D);
  for (let i0 = 0; i0 < n; i0 += R) {
    const rows = Math.min(R, n - i0);
    softmaxProbsTs(rows, i0, d, K, X, w, fitIntercept, P);
    scaleRowsTs(rows, i0, d, X, center, scale, fitIntercept, B, D);
    for (let k = 0; k < K - 1; k++) {
      for (let l = k; l < K - 1; l++) {
        for (let r = 0; r < rows; r++) {
          const si = sw === null ? 1 : sw[i0 + r];
          c[r] = si * P[r * K + k] * ((k === l ? 1 : 0) - P[r * K + l]);
        }
        gramRowsTs(rows, D, B, c, 0, G, classPair(K, k, l) * D * D, D, ca);
      }
    }
  }
}

/** Index of the class pair (k, l), k ≤ l < K, in the compact blocks: row by row of the upper triangle. */
export function classPair(K: number, k: number, l: number): number {
  return k * K - (k * (k - 1)) / 2 + (l - k);
}

/**
 * The blocks of the last class from the others: each row of Aᵢ = diag(pᵢ) − pᵢpᵢᵀ sums to
 * pᵢₖ(1 − Σₗ pᵢₗ) = 0, so the Hessian's class blocks (each symmetric, H₍ₖₗ₎ = H₍ₗₖ₎) satisfy
 * H₍ₖ,K−1₎ = −Σ_{l<K−1} H₍ₖₗ₎ and H₍K−1,K−1₎ = −Σ_{k<K−1} H₍ₖ,K−1₎. The Gram passes form only the
 * (K−1)K/2 pairs below the last class (for K = 10, 45 of 55 blocks: 18 % less work); this
 * fills in the other K, upper triangles (a ≤ b) only. The sums cancel where the last class is
 * rare, to an absolute error of about K·ε·‖H₍ₖₖ₎‖, the size of the rounding the Cholesky
 * factorisation makes anyway. Cost: O(K²·D²).
 */
export function lastClassPairs(K: number, D: number, G: Float64Array): void {
  const DD = D * D;
  const last = K - 1;
  for (let k = 0; k <= last; k++) {
    const o = classPair(K, k, last) * DD;
    for (let a = 0; a < D; a++) G.fill(0, o + a * D + a, o + a * D + D);
    for (let l = 0; l < last; l++) {
      const src = (k === last ? classPair(K, l, last) : classPair(K, Math.min(k, l), Math.max(k, l))) * DD;
      for (let a = 0; a < D; a++) for (let b = a; b < D; b++) G[o + a * D + b] += G[src + a * D + b];
    }
    for (let a = 0; a < D; a++) for (let b = a; b < D; b++) G[o + a * D + b] = -G[o + a * D + b];
  }
}

/**
 * Writes the full symmetric multinomial Hessian from the compact blocks of
 * {@link multinomialGramTs}: H[index[k·D+a], index[l·D+b]] = G[(k,l)][min(a,b), max(a,b)] and its
 * mirror. Cost: O(K²·D²).
 */
export function scatterPairs(K: number, D: number, G: Float64Array, index: Int32Array, H: Float64Array, size: number): void {
  let pair = 0;
  for (let k = 0; k < K; k++) {
    for (let l = k; l < K; l++, pair++) {
      const o = pair * D * D;
      for (let a = 0; a < D; a++) {
        const ra = index[k * D + a];
        for (let b = 0; b < D; b++) {
          const v = a <= b ? G[o + a * D + b] : G[o + b * D + a];
          const cb = index[l * D + b];
          H[ra * size + cb] = v;
          H[cb * size + ra] = v;
        }
      }
    }
  }
}
