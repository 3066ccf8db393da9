import { cholesky, choleskyConditionEstimate, choleskySolve, norm1 } from './cholesky.js';
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

export interface LeastSquaresOptions {
  /** Column centres μ subtracted from every row of A on the fly (no copy), or null. */
  center?: Float64Array | null;
  /** Row weights sᵢ ≥ 0, or null for all ones. */
  weights?: Float64Array | null;
  /** `'auto'` (default) chooses; `'cholesky'` forces normal equations unless not positive definite; `'qr'` forces QR. */
  method?: 'auto' | 'cholesky' | 'qr';
  /** α ≥ 0 of a ridge term α·‖x‖² added to the objective (default 0). */
  ridge?: number;
}

export interface LeastSquaresResult {
  readonly x: Float64Array;
  readonly rank: number;
  /** Which path produced `x`. */
  readonly method: 'cholesky' | 'qr';
  /** Estimated condition number of the (weighted, centred) A. */
  readonly conditionEstimate: number;
}

/**
 * G = Σᵢ sᵢ·(aᵢ − μ)(aᵢ − μ)ᵀ over the m rows of A (m × n, row-major), full symmetric n × n.
 * `center` and `weights` may be null. Cost: m·n²/2 multiply-adds, one pass over A.
 */
export function gram(
  m: number,
  n: number,
  A: Float64Array,
  center: Float64Array | null = null,
  weights: Float64Array | null = null,
): Float64Array {
  const G = new Float64Array(n * n);
  const row = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    const off = i * n;
    const s = weights === null ? 1 : weights[i];
    if (s === 0) continue;
    for (let j = 0; j < n; j++) row[j] = center === null ? A[off + j] : A[off + j] - center[j];
    for (let j = 0; j < n; j++) {
      const a = s * row[j];
      if (a === 0) continue;
      const gj = j * n;
      for (let k = j; k < n; k++) G[gj + k] += a * row[k];
    }
  }
  for (let j = 0; j < n; j++) for (let k = j + 1; k < n; k++) G[k * n + j] = G[j * n + k];
  return G;
}

/**
 * Solves the weighted, centred least-squares problem above (A and b are not modified).
 * Cost: Cholesky path m·n²/2 + n³/3 plus two passes for the right-hand side and refinement,
 * O(n²) extra memory; QR path 2m·n² and one m × n copy.
 */
export function leastSquares(m: number, n: number, A: Float64Array, b: Float64Array, options: LeastSquaresOptions = {}): LeastSquaresResult {
  const center = options.center ?? null;
  const weights = options.weights ?? null;
  const method = options.method ?? 'auto';
  const ridge = options.ridge ?? 0;
  if (method !== 'qr' && (m >= n || ridge > 0) && n > 0) {
    const G = gram(m, n, A, center, weights);
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
          const x = new Float64Array(n);
          const rhs = new Float64Array(n);
          const row = new Float64Array(n);
          // Round 0 solves G·x = Aᵀb; round 1 refines with the residual b − A·x.
          for (let round = 0; round < 2; round++) {
            residualTimesA(m, n, A, b, x, center, weights, rhs, row);
            for (let j = 0; j < n; j++) rhs[j] = (rhs[j] - ridge * x[j]) * scale[j];
            choleskySolve(n, G, rhs);
            for (let j = 0; j < n; j++) x[j] += rhs[j] * scale[j];
          }
          return { x, rank: n, method: 'cholesky', conditionEstimate: Math.sqrt(cond) };
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
  return { x: res.x, rank: res.rank, method: 'qr', conditionEstimate: res.conditionEstimate };
}

/** out = Σᵢ sᵢ·(bᵢ − (aᵢ − μ)·x)·(aᵢ − μ), one pass over A. */
function residualTimesA(
  m: number,
  n: number,
  A: Float64Array,
  b: Float64Array,
  x: Float64Array,
  center: Float64Array | null,
  weights: Float64Array | null,
  out: Float64Array,
  row: Float64Array,
): void {
  out.fill(0);
  for (let i = 0; i < m; i++) {
    const s = weights === null ? 1 : weights[i];
    if (s === 0) continue;
    const off = i * n;
    let z = 0;
    for (let j = 0; j < n; j++) {
      const a = center === null ? A[off + j] : A[off + j] - center[j];
      row[j] = a;
      z += a * x[j];
    }
    const r = s * (b[i] - z);
    if (r === 0) continue;
    for (let j = 0; j < n; j++) out[j] += r * row[j];
  }
}
