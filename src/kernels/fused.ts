/**
 * Fused row passes: for each row the score is computed and the row's gradient contribution is
 * accumulated while the row is still in cache, so one loss-and-gradient evaluation reads X once
 * (numpy needs two BLAS passes, X·w then Xᵀ·r). No validation, no allocation.
 *
 * Each function runs on the WebAssembly SIMD kernels when available (see `setKernelBackend`)
 * and on the TypeScript twins in fusedTs.ts otherwise; both perform the same operations in the
 * same order with the same exp/log1p/log (elementary.ts), so results agree bit for bit. The optional last argument
 * `store` (from `pinForPasses`) lets the WebAssembly kernels read a copy of X already in their
 * memory instead of streaming X through it.
 *
 * Passes over n·d ≥ 2¹⁸ entries add their rows in eight fixed slices (slices.ts), so that a pass
 * split across worker threads (see `setThreads`) performs exactly the operations of the same
 * pass on one thread: results never depend on the thread count.
 *
 * Parameter layout shared by every objective: the K·d coefficients row by row (class k's
 * weights at [k·d, (k+1)·d)), then the K intercepts when fitted. Binary and squared-error
 * models have K = 1.
 */
import { threadedSource, wasmSource, type PassStore } from './backend.js';
import { columnMomentThreaded, linearPassThreaded, multinomialGramThreaded, multinomialPassThreaded, scaledWeightedGramStreamed, scaledWeightedGramThreaded } from './threads.js';
import { lastClassPairs, multinomialGramTs, scatterPairs } from './fusedTs.js';
import { columnMomentSlices, gramSlices, linearSlices, multinomialSlices } from './sliced.js';
import { sliceCount } from './slices.js';
import { multinomialGramWasm, type RowSource } from './wasm.js';

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
  store: PassStore | null = null,
): number {
  const th = threadedSource(X, n, d, store);
  if (th !== null) return linearPassThreaded(th, false, y, sw, params, grad, og, fitIntercept, hw);
  const S = sliceCount(n, d);
  return linearSlices(wasmSource(X, store), false, n, S, 0, S, d, X, y, sw, params, grad, og, fitIntercept, hw);
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
  store: PassStore | null = null,
): number {
  const th = threadedSource(X, n, d, store, K);
  if (th !== null) return multinomialPassThreaded(th, K, yIdx, sw, params, grad, fitIntercept, scratch);
  const S = sliceCount(n, d, K);
  return multinomialSlices(wasmSource(X, store), n, S, 0, S, d, K, X, yIdx, sw, params, grad, fitIntercept, scratch);
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
  store: PassStore | null = null,
): number {
  const th = threadedSource(X, n, d, store);
  if (th !== null) return linearPassThreaded(th, true, y, sw, params, grad, og, fitIntercept, null);
  const S = sliceCount(n, d);
  return linearSlices(wasmSource(X, store), true, n, S, 0, S, d, X, y, sw, params, grad, og, fitIntercept, null);
}

/**
 * Accumulates the upper triangle of Σᵢ hᵢ·x̃ᵢx̃ᵢᵀ into H (D × D, row-major, leading dimension
 * `ldH`, starting at H[oH]), where x̃ᵢ = ((xᵢ − μ)/σ, 1, yᵢ): each row centred by `center` and
 * divided by `scale` on the fly (either may be null), then a 1 when `ones` (for an intercept)
 * and yᵢ when `y` is given (so the last column of H holds Σᵢ hᵢ·x̃ᵢ·yᵢ, a least-squares
 * right-hand side, and its corner Σᵢ hᵢ·yᵢ²): D = d + [ones] + [y]. `h` null means unit
 * weights. Blocked syrk-style: rows are scaled a block at a time and each entry of H stays in
 * a register across the block, rows added in order. The strict lower triangle of H is not
 * touched. Cost: n·D²/2 multiply-adds, one pass over X.
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
  store: PassStore | null = null,
  y: Float64Array | null = null,
): void {
  const th = threadedSource(X, n, d, store);
  if (th !== null) {
    scaledWeightedGramThreaded(th, h, center, scale, ones, H, oH, ldH, y);
    return;
  }
  const S = sliceCount(n, d);
  const src = wasmSource(X, store);
  // An X that is not pinned: the workers (if any) get their slices copied to them a chunk at a time.
  if (src !== null && src.xAt < 0 && S > 1 && scaledWeightedGramStreamed(src, n, d, X, h, center, scale, ones, H, oH, ldH, y)) return;
  gramSlices(src, n, S, 0, S, d, X, h, center, scale, ones, H, oH, ldH, y);
}

/**
 * Dense Hessian of the multinomial loss in one pass, in the coordinates θ of a linear model on
 * scaled features x̃ᵢ = ((xᵢ − μ)/σ, 1):
 *
 *   H[(k,a), (l,b)] = Σᵢ sᵢ·pᵢₖ(δₖₗ − pᵢₗ)·x̃ᵢₐ·x̃ᵢᵦ
 *
 * `w` holds the model in original units (K·d weights then K intercepts), used for the
 * scores; `index[k·D + a]` maps class k, scaled feature a (a = d: intercept) to the position
 * in θ and in H (size × size, row-major, full symmetric on return). `G` is work space of
 * K(K+1)/2·D² doubles: each class pair's block is a weighted Gram (as `scaledWeightedGram`)
 * of the same scaled rows. Only the pairs of the first K − 1 classes are summed over the rows;
 * the last class's blocks follow from the zero row sums of diag(p) − ppᵀ (`lastClassPairs`).
 * Cost: n·((K−1)K/2)·(D(D+1)/2) multiply-adds plus O(n·d·K) for the probabilities, one pass
 * over X, and O(K²·D²).
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
  G: Float64Array,
  store: PassStore | null = null,
): void {
  const ex = wasmSource(X, store);
  if (ex === null) multinomialGramTs(n, d, K, X, sw, w, fitIntercept, center, scale, G);
  else if (!multinomialGramThreaded(wasmSource(X, null) as RowSource, n, d, K, X, sw, w, fitIntercept, center, scale, G)) {
    multinomialGramWasm(ex, n, d, K, X, sw, w, fitIntercept, center, scale, G);
  }
  lastClassPairs(K, fitIntercept ? d + 1 : d, G);
  scatterPairs(K, fitIntercept ? d + 1 : d, G, index, H, size);
}

/**
 * Weighted column moments for the preconditioner, added into `out` (d slots): Σᵢ sᵢ·xᵢⱼ when
 * `mean` is null, else Σᵢ (sᵢ·(xᵢⱼ − μⱼ))·(xᵢⱼ − μⱼ). `sw` null means unit weights. Cost: O(n·d).
 */
export function columnMoments(n: number, d: number, X: Float64Array, sw: Float64Array | null, mean: Float64Array | null, out: Float64Array, store: PassStore | null = null): void {
  const th = threadedSource(X, n, d, store);
  if (th !== null) {
    columnMomentThreaded(th, sw, mean, out);
    return;
  }
  const S = sliceCount(n, d);
  columnMomentSlices(wasmSource(X, store), n, S, 0, S, d, X, sw, mean, out);
}
