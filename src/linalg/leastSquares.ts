import { cholesky, choleskyConditionEstimate, choleskySolve, norm1 } from './cholesky.js';
import { scaledWeightedGram, squaredErrorPass } from '../kernels/fused.js';
import { lstsq } from './qr.js';

/**
 * Weighted, optionally centred least squares that picks its method:
 *
 *   minimise Σᵢ sᵢ·((aᵢ − μ)·x − bᵢ)² + α·‖x‖²
 *
 * Normal equations by Cholesky when they are safe (fast: one pass over A, no copy of A), pivoted
 * QR otherwise (never fails, minimum-norm answer on rank-deficient problems). The Gram matrix is
 * equilibrated (unit diagonal, near-optimal among diagonal scalings: van der Sluis, 1969) before
 * factoring, its condition is estimated, and the Cholesky answer gets one step of iterative
 * refinement against A itself (Björck's corrected semi-normal equations, 1987), so both paths
 * agree to many digits.
 */

/** Above this estimated κ₁ of the equilibrated Gram matrix (κ(A)² ≈ 1e8) the QR path is used. */
export const GRAM_CONDITION_LIMIT = 1e8;

/** Normal equations formed ahead of {@link leastSquares} (see {@link centredNormalEquations}). */
export interface NormalEquations {
  /** Σᵢ sᵢ(aᵢ − μ)(aᵢ − μ)ᵀ, full symmetric n × n. */
  readonly G: Float64Array;
  /** Σᵢ sᵢ·bᵢ·(aᵢ − μ). */
  readonly q: Float64Array;
  /** Σᵢ sᵢ·bᵢ². */
  readonly bb: number;
}

export interface LeastSquaresOptions {
  /** Column centres μ subtracted from every row of A on the fly (no copy), or null. */
  center?: Float64Array | null;
  /** Row weights sᵢ ≥ 0, or null for all ones. */
  weights?: Float64Array | null;
  /** `'auto'` (default) chooses; `'cholesky'` forces normal equations unless not positive definite; `'qr'` forces QR. */
  method?: 'auto' | 'cholesky' | 'qr';
  /** α ≥ 0 of a ridge term α·‖x‖² added to the objective (default 0). */
  ridge?: number;
  /** The normal equations for these A, b, center and weights, if already formed: the Cholesky path then skips its Gram pass. */
  normal?: NormalEquations | null;
}

export interface LeastSquaresResult {
  readonly x: Float64Array;
  readonly rank: number;
  /** Which path produced `x`. */
  readonly method: 'cholesky' | 'qr';
  /** Estimated condition number of the (weighted, centred) A. */
  readonly conditionEstimate: number;
  /** Σᵢ sᵢ·((aᵢ − μ)·x − bᵢ)² at the returned x (the ridge term not included). */
  readonly residualSumOfSquares: number;
}

/**
 * G = Σᵢ sᵢ·(aᵢ − μ)(aᵢ − μ)ᵀ over the m rows of A (m × n, row-major), full symmetric n × n.
 * `center` and `weights` may be null. Runs on the blocked syrk-style kernel
 * `scaledWeightedGram` (WebAssembly SIMD or its TypeScript twin, bit for bit), which centres
 * each row on the fly: no copy of A. Cost: m·n²/2 multiply-adds, one pass over A.
 */
export function gram(
  m: number,
  n: number,
  A: Float64Array,
  center: Float64Array | null = null,
  weights: Float64Array | null = null,
): Float64Array {
  const G = new Float64Array(n * n);
  scaledWeightedGram(m, n, A, weights, center, null, false, G, 0, n);
  for (let j = 0; j < n; j++) for (let k = j + 1; k < n; k++) G[k * n + j] = G[j * n + k];
  return G;
}

/**
 * {@link gram} and the right-hand side of the normal equations from the same pass: b rides as
 * an extra column of the Gram kernel, so G = Σᵢ sᵢ(aᵢ − μ)(aᵢ − μ)ᵀ (full symmetric, n × n),
 * q = Σᵢ sᵢ·bᵢ·(aᵢ − μ) and bb = Σᵢ sᵢ·bᵢ² — the residual product and sum of squares at x = 0
 * (see {@link residualProduct}) without a pass of their own. Cost: m·(n + 1)²/2 multiply-adds,
 * one pass over A.
 */
export function gramWithRhs(
  m: number,
  n: number,
  A: Float64Array,
  b: Float64Array,
  center: Float64Array | null,
  weights: Float64Array | null,
): { G: Float64Array; q: Float64Array; bb: number } {
  const N = n + 1;
  const W = new Float64Array(N * N);
  scaledWeightedGram(m, n, A, weights, center, null, false, W, 0, N, null, b);
  const G = new Float64Array(n * n);
  const q = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    for (let k = j; k < n; k++) G[j * n + k] = G[k * n + j] = W[j * N + k];
    q[j] = W[j * N + n];
  }
  return { G, q, bb: W[n * N + n] };
}

/**
 * Whether {@link leastSquares} tries the normal equations (Cholesky) first: not when QR is
 * forced, and only when A has at least as many rows as columns or a ridge term makes them
 * positive definite. Callers forming the normal equations ahead (the `normal` option) ask this
 * first, so a wide problem headed for QR never gets an n × n Gram matrix. Cost: O(1).
 */
export function usesNormalEquations(m: number, n: number, ridge: number, method: LeastSquaresOptions['method'] = 'auto'): boolean {
  return method !== 'qr' && (m >= n || ridge > 0) && n > 0;
}

/**
 * The weighted column means μ = Σᵢ sᵢaᵢ / Σᵢ sᵢ and the centred normal equations in one pass
 * over A (no separate pass for the means). The Gram kernel runs on rows shifted by a provisional
 * centre c, the weighted mean of at most 1024 rows spread evenly over A, with a ones column and
 * b as extra columns: W = Σᵢ sᵢ·(aᵢ − c, 1, bᵢ)(aᵢ − c, 1, bᵢ)ᵀ. Then with S = Σ sᵢ and
 * δ = Σᵢ sᵢ(aᵢ − c)/S (so μ = c + δ):
 *
 *   G = Σ sᵢ(aᵢ − c)(aᵢ − c)ᵀ − S·δδᵀ,   q = Σ sᵢbᵢ(aᵢ − c) − δ·Σ sᵢbᵢ,   bb = Σ sᵢbᵢ²
 *
 * (the shifted-data formulas, exact in real arithmetic). The correction S·δⱼ² is a fraction
 * (δⱼ/σⱼ)² of Gⱼⱼ, about 1/1024 for a centre from 1024 rows, so next to no digits are lost to
 * the subtraction, whatever the column's mean. `finite` is false when a NaN or ±∞ reached the
 * sums (a non-finite entry of A always does: no row is skipped) or a sum overflowed; null when
 * Σ sᵢ is not positive. Cost: m·(n + 2)²/2 multiply-adds, one pass over A, plus O(n²).
 */
export function centredNormalEquations(
  m: number,
  n: number,
  A: Float64Array,
  b: Float64Array,
  weights: Float64Array | null,
): (NormalEquations & { center: Float64Array; finite: boolean }) | null {
  // Provisional centre: weighted mean of an even sample of rows (unweighted if they weigh 0).
  const step = Math.max(1, Math.floor(m / 1024));
  const c = new Float64Array(n);
  let sw = 0;
  for (let pass = 0; pass < 2 && sw === 0; pass++) {
    c.fill(0);
    for (let i = 0; i < m; i += step) {
      const s = pass === 0 && weights !== null ? weights[i] : 1;
      if (s === 0) continue;
      sw += s;
      for (let j = 0; j < n; j++) c[j] += s * A[i * n + j];
    }
  }
  for (let j = 0; j < n; j++) c[j] /= sw;
  const N = n + 2;
  const W = new Float64Array(N * N);
  scaledWeightedGram(m, n, A, weights, c, null, true, W, 0, N, null, b);
  const S = W[n * N + n];
  if (!(S > 0)) return null;
  const center = new Float64Array(n);
  const delta = new Float64Array(n);
  let finite = Number.isFinite(S);
  for (let j = 0; j < n; j++) {
    delta[j] = W[j * N + n] / S;
    center[j] = c[j] + delta[j];
    if (!Number.isFinite(center[j]) || !Number.isFinite(W[j * N + j])) finite = false;
  }
  const sb = W[n * N + n + 1];
  const G = new Float64Array(n * n);
  const q = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    for (let k = j; k < n; k++) G[j * n + k] = G[k * n + j] = W[j * N + k] - S * delta[j] * delta[k];
    q[j] = W[j * N + n + 1] - delta[j] * sb;
  }
  return { G, q, bb: W[(n + 1) * N + n + 1], center, finite };
}

/**
 * Solves the weighted, centred least-squares problem above (A and b are not modified).
 * Cost: Cholesky path m·(n + 1)²/2 (the Gram kernel, which also forms the right-hand side) +
 * n³/3, plus one fused pass over A (the refinement residual, which also gives the residual sum
 * of squares), O(n²) extra memory and no copy of A; QR path 2m·n² and one m × n copy.
 */
export function leastSquares(m: number, n: number, A: Float64Array, b: Float64Array, options: LeastSquaresOptions = {}): LeastSquaresResult {
  const center = options.center ?? null;
  const weights = options.weights ?? null;
  const method = options.method ?? 'auto';
  const ridge = options.ridge ?? 0;
  if (usesNormalEquations(m, n, ridge, method)) {
    // G0 is kept for the final residual and the centring choice (n² doubles); q and bb are the
    // residual product and sum of squares at x = 0, the first round below.
    const { G: G0, q, bb } = options.normal ?? gramWithRhs(m, n, A, b, center, weights);
    const G = Float64Array.from(G0);
    for (let j = 0; j < n; j++) G[j * n + j] += ridge;
    const scale = new Float64Array(n);
    let positive = true;
    for (let j = 0; j < n; j++) {
      const g = G[j * n + j];
      if (!(g > 0)) {
        positive = false; // a zero column: rank-deficient, QR gives the minimum-norm answer
        break;
      }
      scale[j] = 1 / Math.sqrt(g);
    }
    if (positive) {
      for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) G[j * n + k] *= scale[j] * scale[k];
      const anorm = norm1(n, G);
      if (cholesky(n, G) === -1) {
        const cond = choleskyConditionEstimate(n, G, anorm);
        if (cond <= GRAM_CONDITION_LIMIT || method === 'cholesky') {
          // Round 0 may shift (its error is what round 1 corrects); round 1's residual must be accurate.
          const byBlocks = needsExplicitCentring(n, center, G0, weights === null ? m : sum(weights));
          const work = residualWork(m, n, byBlocks);
          const x = new Float64Array(n);
          const rhs = new Float64Array(n);
          const g = new Float64Array(n);
          const delta = new Float64Array(n);
          // Round 0 solves G·x = Aᵀb; round 1 refines with the residual b − A·x.
          let rss = 0;
          for (let round = 0; round < 2; round++) {
            if (round === 0) {
              g.set(q);
              rss = bb;
            } else {
              rss = residualProduct(m, n, A, b, x, center, weights, byBlocks, g, work);
            }
            for (let j = 0; j < n; j++) rhs[j] = (g[j] - ridge * x[j]) * scale[j];
            choleskySolve(n, G, rhs);
            for (let j = 0; j < n; j++) {
              delta[j] = rhs[j] * scale[j];
              x[j] += delta[j];
            }
          }
          // rss is ‖r₀‖² at x₀ = x − δ (weighted); r = r₀ − Ãδ gives ‖r‖² = ‖r₀‖² − 2δᵀÃᵀr₀ + δᵀG₀δ,
          // with Ãᵀr₀ = g from the last pass: no pass over A for the final residual. δ is tiny
          // (one refinement step), so the correction does not cancel.
          let dg = 0;
          let dGd = 0;
          for (let j = 0; j < n; j++) {
            dg += delta[j] * g[j];
            let t = 0;
            for (let k = 0; k < n; k++) t += G0[j * n + k] * delta[k];
            dGd += delta[j] * t;
          }
          const residualSumOfSquares = Math.max(0, rss - 2 * dg + dGd);
          return { x, rank: n, method: 'cholesky', conditionEstimate: Math.sqrt(cond), residualSumOfSquares };
        }
      }
    }
  }
  // QR on an explicit copy of √sᵢ·(aᵢ − μ) and √sᵢ·bᵢ, with √α·I appended for a ridge term.
  let Aq = A;
  let bq = b;
  let rows = m;
  if (center !== null || weights !== null || ridge > 0) {
    rows = ridge > 0 ? m + n : m;
    Aq = new Float64Array(rows * n);
    bq = new Float64Array(rows);
    for (let i = 0; i < m; i++) {
      const r = weights === null ? 1 : Math.sqrt(weights[i]);
      const off = i * n;
      for (let j = 0; j < n; j++) Aq[off + j] = r * (center === null ? A[off + j] : A[off + j] - center[j]);
      bq[i] = r * b[i];
    }
    if (ridge > 0) for (let j = 0; j < n; j++) Aq[(m + j) * n + j] = Math.sqrt(ridge);
  }
  const res = lstsq(rows, n, Aq, bq);
  const byBlocks = center !== null; // no Gram diagonal here to judge the centring by
  const residualSumOfSquares = residualProduct(m, n, A, b, res.x, center, weights, byBlocks, new Float64Array(n), residualWork(m, n, byBlocks));
  return { x: res.x, rank: res.rank, method: 'qr', conditionEstimate: res.conditionEstimate, residualSumOfSquares };
}

function sum(v: Float64Array): number {
  let s = 0;
  for (const t of v) s += t;
  return s;
}

/**
 * Whether {@link residualProduct} must centre rows explicitly rather than shift: true when some
 * column's |μⱼ| exceeds its spread σⱼ = √(Gⱼⱼ/S) (G the centred Gram matrix without ridge, S the
 * weight sum), where the shifted form would lose more than a factor 2 (log10(1 + |μⱼ|/σⱼ) digits).
 * Cost: O(n).
 */
export function needsExplicitCentring(n: number, center: Float64Array | null, G: Float64Array, S: number): boolean {
  if (center === null) return false;
  for (let j = 0; j < n; j++) {
    if (!(Math.abs(center[j]) <= Math.sqrt(G[j * n + j] / S))) return true;
  }
  return false;
}

/** Scratch for {@link residualProduct}: allocate once per solve with {@link residualWork}. */
export interface ResidualWork {
  readonly params: Float64Array;
  readonly grad: Float64Array;
  /** Centred rows, one block at a time (empty when not centring by blocks). */
  readonly rows: Float64Array;
}

/** Rows per centred block: about 64 KB, what the streamed WebAssembly passes copy per call. */
function centredBlockRows(n: number): number {
  return Math.max(1, Math.floor(8192 / n));
}

/** Scratch for residualProduct on m × n data (`byBlocks`: room for one centred block, 64 KB). */
export function residualWork(m: number, n: number, byBlocks: boolean): ResidualWork {
  return {
    params: new Float64Array(n + 1),
    grad: new Float64Array(n + 1),
    rows: new Float64Array(byBlocks ? Math.min(m, centredBlockRows(n)) * n : 0),
  };
}

/**
 * out = Σᵢ sᵢ·rᵢ·(aᵢ − μ) with rᵢ = bᵢ − (aᵢ − μ)·x; returns Σᵢ sᵢ·rᵢ². One pass over A on the
 * fused squared-error kernel (WebAssembly SIMD or its TypeScript twin), which gives
 * g = Σᵢ sᵢ(aᵢ·x + c − bᵢ)·(aᵢ, 1) for an intercept c.
 *
 * Centring, when `center` is given, is done one of two ways:
 * - shift: the kernel runs on A itself with c = −μ·x, using (aᵢ − μ)·x = aᵢ·x − μ·x and
 *   Σ sᵢrᵢ(aᵢ − μ) = Σ sᵢrᵢaᵢ − μ·Σ sᵢrᵢ. Free, but both identities cancel: about
 *   log10(1 + |μⱼ|/σⱼ) digits are lost on a column with mean μⱼ and spread σⱼ.
 * - blocks (`byBlocks`): each block of rows is centred into `work.rows` (64 KB) first and the
 *   kernel runs on that, so every product is formed from centred numbers as in the plain centred
 *   formula. The centring runs in TypeScript (about 3–4 ns per entry, three to four times the
 *   kernel's own time); a fused pass taking μ, as scaledWeightedGram does, would make it free.
 * Cost: m·n multiply-adds, one pass over A (`out` and the returned sum in row order per block).
 */
export function residualProduct(
  m: number,
  n: number,
  A: Float64Array,
  b: Float64Array,
  x: Float64Array,
  center: Float64Array | null,
  weights: Float64Array | null,
  byBlocks: boolean,
  out: Float64Array,
  work: ResidualWork,
): number {
  const { params, grad } = work;
  params.set(x);
  if (center === null || !byBlocks) {
    const shift = center !== null;
    let c = 0;
    if (shift) for (let j = 0; j < n; j++) c -= center[j] * x[j];
    params[n] = c;
    const half = squaredErrorPass(m, n, A, b, weights, params, grad, 0, shift);
    const gb = shift ? grad[n] : 0;
    for (let j = 0; j < n; j++) out[j] = shift ? -(grad[j] - center[j] * gb) : -grad[j];
    return 2 * half;
  }
  const C = work.rows;
  const R = centredBlockRows(n);
  out.fill(0);
  let rss = 0;
  for (let i0 = 0; i0 < m; i0 += R) {
    const rows = Math.min(R, m - i0);
    for (let r = 0; r < rows; r++) {
      const src = (i0 + r) * n;
      const dst = r * n;
      let j = 0;
      for (; j + 3 < n; j += 4) {
        C[dst + j] = A[src + j] - center[j];
        C[dst + j + 1] = A[src + j + 1] - center[j + 1];
        C[dst + j + 2] = A[src + j + 2] - center[j + 2];
        C[dst + j + 3] = A[src + j + 3] - center[j + 3];
      }
      for (; j < n; j++) C[dst + j] = A[src + j] - center[j];
    }
    const half = squaredErrorPass(rows, n, C, b.subarray(i0, i0 + rows), weights === null ? null : weights.subarray(i0, i0 + rows), params, grad, 0, false);
    for (let j = 0; j < n; j++) out[j] -= grad[j];
    rss += 2 * half;
  }
  return rss;
}
