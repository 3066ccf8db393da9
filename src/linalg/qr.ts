/**
 * Least squares by Householder QR with column pivoting (Businger and Golub, 1965; norm
 * downdating as in LAPACK's dlaqp2 with the recomputation safeguard of Drmač and Bujanović,
 * LAWN 176), followed for rank-deficient problems by a complete orthogonal decomposition so
 * the answer is the minimum-norm solution, the same one numpy/scipy `lstsq` return.
 * Never forms XᵀX or an inverse, so it does not fail on singular or collinear designs.
 */

const EPS = 2.220446049250313e-16;

export interface LstsqResult {
  /** The minimum-norm minimiser of ‖A·x − b‖₂. */
  readonly x: Float64Array;
  /** Numerical rank found by the pivoted QR. */
  readonly rank: number;
  /** |R₀₀| / |R_{r−1,r−1}|: a cheap estimate of the condition number of A restricted to its rank. */
  readonly conditionEstimate: number;
}

/**
 * Solves min ‖A·x − b‖₂ (A is m × n, row-major, not modified; b has m entries, not modified)
 * and among all minimisers returns the one with the smallest ‖x‖₂. Columns whose pivot
 * |R_kk| ≤ rcond·|R₀₀| are treated as dependent (default rcond = eps·max(m, n), numpy's).
 * Cost: 2mn² − 2n³/3 for the QR, plus O(n²·r) for the rank-deficient step; O(mn) memory.
 */
export function lstsq(
  m: number,
  n: number,
  A: Float64Array,
  b: Float64Array,
  rcond: number = EPS * Math.max(m, n),
): LstsqResult {
  // Column-major working copy: Householder reflections touch whole columns.
  const Q = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const ri = i * n;
    for (let j = 0; j < n; j++) Q[j * m + i] = A[ri + j];
  }
  const c = Float64Array.from(b);
  const perm = new Int32Array(n);
  const norms = new Float64Array(n);
  const norms0 = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    perm[j] = j;
    norms[j] = norms0[j] = colNorm(Q, j * m, 0, m);
  }
  const kmax = Math.min(m, n);
  const tau = new Float64Array(kmax);
  const tol3z = Math.sqrt(EPS);

  for (let k = 0; k < kmax; k++) {
    // Pivot: bring the remaining column of largest norm to position k.
    let p = k;
    for (let j = k + 1; j < n; j++) if (norms[j] > norms[p]) p = j;
    if (p !== k) {
      swapColumns(Q, m, k, p);
      [norms[k], norms[p]] = [norms[p], norms[k]];
      [norms0[k], norms0[p]] = [norms0[p], norms0[k]];
      [perm[k], perm[p]] = [perm[p], perm[k]];
    }
    const ck = k * m;
    tau[k] = householder(Q, ck + k, m - k);
    if (tau[k] !== 0) {
      for (let j = k + 1; j < n; j++) applyHouseholder(Q, ck + k, m - k, tau[k], Q, j * m + k);
      applyHouseholder(Q, ck + k, m - k, tau[k], c, k);
    }
    // Downdate the remaining column norms; recompute when cancellation makes them unreliable.
    for (let j = k + 1; j < n; j++) {
      if (norms[j] === 0) continue;
      const r = Math.abs(Q[j * m + k]) / norms[j];
      let t = 1 - r * r;
      t = t < 0 ? 0 : t;
      const ratio = norms[j] / norms0[j];
      if (t * ratio * ratio <= tol3z) {
        norms[j] = norms0[j] = colNorm(Q, j * m, k + 1, m);
      } else {
        norms[j] *= Math.sqrt(t);
      }
    }
  }

  // Numerical rank from the pivots, which the column pivoting makes non-increasing.
  const r00 = kmax > 0 ? Math.abs(Q[0]) : 0;
  let rank = 0;
  while (rank < kmax && Math.abs(Q[rank * m + rank]) > rcond * r00) rank++;
  const x = new Float64Array(n);
  if (rank === 0) return { x, rank, conditionEstimate: Infinity };
  const conditionEstimate = r00 / Math.abs(Q[(rank - 1) * m + rank - 1]);

  const y = new Float64Array(n);
  if (rank === n) {
    // Back substitution with the n × n upper-triangular R.
    for (let i = n - 1; i >= 0; i--) {
      let s = c[i];
      for (let j = i + 1; j < n; j++) s -= Q[j * m + i] * y[j];
      y[i] = s / Q[i * m + i];
    }
  } else {
    // Complete orthogonal decomposition: factor R₁ᵀ = Z·[S; 0] (R₁ = first `rank` rows of R,
    // upper trapezoidal, rank × n), then y = Z·[S⁻ᵀ·c₁; 0] is the minimum-norm solution.
    const T = new Float64Array(n * rank); // column-major n × rank, column i = row i of R₁
    for (let i = 0; i < rank; i++) for (let j = i; j < n; j++) T[i * n + j] = Q[j * m + i];
    const tz = new Float64Array(rank);
    for (let i = 0; i < rank; i++) {
      tz[i] = householder(T, i * n + i, n - i);
      if (tz[i] !== 0) for (let j = i + 1; j < rank; j++) applyHouseholder(T, i * n + i, n - i, tz[i], T, j * n + i);
    }
    // Sᵀ·u = c₁ with S upper triangular (S_ij = T[j·n + i] for i ≤ j): forward substitution.
    for (let i = 0; i < rank; i++) {
      let s = c[i];
      for (let j = 0; j < i; j++) s -= T[i * n + j] * y[j];
      y[i] = s / T[i * n + i];
    }
    // y ← Z·y = H₀·H₁ ⋯ H_{r−1}·y.
    for (let i = rank - 1; i >= 0; i--) if (tz[i] !== 0) applyHouseholder(T, i * n + i, n - i, tz[i], y, i);
  }
  for (let j = 0; j < n; j++) x[perm[j]] = y[j];
  return { x, rank, conditionEstimate };
}

function colNorm(Q: Float64Array, off: number, from: number, to: number): number {
  // Scaled two-norm (as LAPACK's dnrm2) so that huge or tiny columns neither overflow nor underflow.
  let scale = 0;
  let ssq = 1;
  for (let i = from; i < to; i++) {
    const v = Q[off + i];
    if (v !== 0) {
      const a = Math.abs(v);
      if (scale < a) {
        ssq = 1 + ssq * (scale / a) * (scale / a);
        scale = a;
      } else {
        ssq += (a / scale) * (a / scale);
      }
    }
  }
  return scale * Math.sqrt(ssq);
}

function swapColumns(Q: Float64Array, m: number, a: number, b: number): void {
  const oa = a * m;
  const ob = b * m;
  for (let i = 0; i < m; i++) {
    const t = Q[oa + i];
    Q[oa + i] = Q[ob + i];
    Q[ob + i] = t;
  }
}

/**
 * Turns v = Q[off … off+len) into a Householder reflector H = I − τ·u·uᵀ with u₀ = 1 implicit,
 * such that H·v = (β, 0, …, 0). Stores β at Q[off] and u₁… in place; returns τ (0 when v is
 * already a multiple of e₀ with the right sign).
 */
function householder(Q: Float64Array, off: number, len: number): number {
  if (len <= 1) {
    return 0;
  }
  const alpha = Q[off];
  const xnorm = colNorm(Q, off, 1, len);
  if (xnorm === 0) return 0;
  const beta = -Math.sign(alpha || 1) * Math.hypot(alpha, xnorm);
  const tau = (beta - alpha) / beta;
  const scale = 1 / (alpha - beta);
  for (let i = 1; i < len; i++) Q[off + i] *= scale;
  Q[off] = beta;
  return tau;
}

/** target[to … to+len) ← (I − τ·u·uᵀ)·target, u read from Q[off …] with u₀ = 1. */
function applyHouseholder(Q: Float64Array, off: number, len: number, tau: number, target: Float64Array, to: number): void {
  let s = target[to];
  for (let i = 1; i < len; i++) s += Q[off + i] * target[to + i];
  s *= tau;
  if (s === 0) return;
  target[to] -= s;
  for (let i = 1; i < len; i++) target[to + i] -= s * Q[off + i];
}
