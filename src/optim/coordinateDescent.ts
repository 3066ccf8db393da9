/**
 * Cyclic coordinate descent for the elastic-net least-squares problem
 *
 *   minimise ½‖y − X·w‖² + λ₁‖w‖₁ + ½λ₂‖w‖²        (optionally w ≥ 0)
 *
 * (Friedman, Hastie and Tibshirani, "Regularization paths for generalized linear models via
 * coordinate descent", J. Stat. Softw. 33, 2010; the stopping rule is scikit-learn's
 * `cd_fast`: after a sweep whose largest coefficient change is small relative to the largest
 * coefficient, the duality gap is computed and the run stops when gap ≤ tol·‖y‖²). Without an
 * L1 term the lasso dual used for that gap degenerates (its feasible set shrinks to a point),
 * so ridge and non-negative least squares stop instead when the largest violation of the
 * optimality conditions is ≤ tol times its value at w = 0.
 *
 * Two data layouts, same iterations:
 * - `gram`: G = XᵀX (d × d) and q = Xᵀy, precomputed in one pass over X; a sweep costs O(d²)
 *   whatever n is (best when n ≫ d);
 * - `columns`: X column-major (column j at j·n) with the residual r = y − Xw kept up to date; a
 *   sweep costs O(n·d) (best for wide data, where G would be large).
 * Both need ‖y‖². Rows can carry weights by scaling them by √sᵢ beforehand; centring for an
 * intercept is done by the caller too.
 */

export interface GramProblem {
  readonly kind: 'gram';
  readonly d: number;
  /** d × d, row-major, full symmetric. */
  readonly G: Float64Array;
  readonly q: Float64Array;
  readonly yNorm2: number;
}

export interface ColumnProblem {
  readonly kind: 'columns';
  readonly n: number;
  readonly d: number;
  /** Column-major n × d. */
  readonly Xc: Float64Array;
  readonly y: Float64Array;
  readonly yNorm2: number;
}

export interface CoordinateDescentOptions {
  l1: number;
  l2: number;
  positive: boolean;
  maxIter: number;
  /** Relative duality-gap tolerance: stop when gap ≤ tol·‖y‖². */
  tol: number;
  /** Called at the start (sweep 0) and after every sweep with the objective recorded in `history`. */
  onIteration?: (sweep: number, value: number) => void;
}

export interface CoordinateDescentResult {
  /** Sweeps done. */
  nIter: number;
  converged: boolean;
  /** Duality gap at the returned w (≥ 0), in the units of the objective above; null without an L1 term. */
  gap: number | null;
  /** Largest violation of the optimality (KKT) conditions at the returned w. */
  kktViolation: number;
  /** The objective ½‖y − Xw‖² + λ₁‖w‖₁ + ½λ₂‖w‖² after each sweep (first entry: at the start). */
  history: number[];
}

/**
 * Minimises the elastic-net problem in place on `w` (a warm start). Allocates O(d) (and O(n)
 * for the column layout's residual) once. Cost per sweep: O(d²) (gram) or O(n·d) (columns).
 */
export function elasticNetCD(problem: GramProblem | ColumnProblem, w: Float64Array, options: CoordinateDescentOptions): CoordinateDescentResult {
  const { l1, l2, positive, maxIter, tol } = options;
  const d = problem.d;
  const yNorm2 = problem.yNorm2;
  // Gram layout: c = q − G·w; column layout: residual r = y − X·w and column norms.
  let c: Float64Array;
  let r: Float64Array | null = null;
  const colNorm2 = new Float64Array(d);
  if (problem.kind === 'gram') {
    c = Float64Array.from(problem.q);
    for (let j = 0; j < d; j++) {
      colNorm2[j] = problem.G[j * d + j];
      const wj = w[j];
      if (wj !== 0) for (let k = 0; k < d; k++) c[k] -= problem.G[k * d + j] * wj;
    }
  } else {
    const { n, Xc, y } = problem;
    r = Float64Array.from(y);
    c = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += Xc[j * n + i] * Xc[j * n + i];
      colNorm2[j] = s;
      const wj = w[j];
      if (wj !== 0) for (let i = 0; i < n; i++) r[i] -= Xc[j * n + i] * wj;
    }
  }
  const history = [objective()];
  options.onIteration?.(0, history[0]);
  const scaledTol = tol * yNorm2;
  const thr = l1 * (1 + 1e-13);
  // Without L1: stop on the KKT violation relative to its value at w = 0 (max |Xᵀy|).
  const kktTol = tol * kktAtZero();
  const done = (): { ok: boolean; gap: number | null } => {
    if (l1 > 0) {
      const g = dualityGap();
      return { ok: g <= scaledTol, gap: g };
    }
    return { ok: kkt() <= kktTol, gap: null };
  };
  let last: { ok: boolean; gap: number | null } | null = null;
  let sweep = 0;
  while (sweep < maxIter) {
    let wMax = 0;
    let dwMax = 0;
    for (let j = 0; j < d; j++) {
      const h = colNorm2[j] + l2;
      if (h === 0) continue;
      const old = w[j];
      const cj = problem.kind === 'gram' ? c[j] : columnDot(problem, j, r as Float64Array);
      const tmp = cj + colNorm2[j] * old;
      // A correlation within rounding of the threshold counts as on it: exactly zero, as at α = αmax.
      let next: number;
      if (positive) next = tmp > thr ? (tmp - l1) / h : 0;
      else next = tmp > thr ? (tmp - l1) / h : tmp < -thr ? (tmp + l1) / h : 0;
      if (next !== old) {
        const delta = next - old;
        w[j] = next;
        if (problem.kind === 'gram') {
          const G = problem.G;
          for (let k = 0; k < d; k++) c[k] -= G[k * d + j] * delta;
        } else {
          const { n, Xc } = problem;
          const rr = r as Float64Array;
          for (let i = 0; i < n; i++) rr[i] -= Xc[j * n + i] * delta;
        }
      }
      dwMax = Math.max(dwMax, Math.abs(next - old));
      wMax = Math.max(wMax, Math.abs(next));
    }
    sweep++;
    history.push(objective());
    options.onIteration?.(sweep, history[sweep]);
    if (wMax === 0 || dwMax / wMax < tol || sweep === maxIter) {
      last = done();
      if (last.ok) return { nIter: sweep, converged: true, gap: last.gap, kktViolation: kkt(), history };
    }
  }
  last ??= done();
  return { nIter: sweep, converged: last.ok, gap: last.gap, kktViolation: kkt(), history };

  /** Xⱼᵀ·r for the column layout. */
  function columnDot(p: ColumnProblem, j: number, res: Float64Array): number {
    let s = 0;
    for (let i = 0; i < p.n; i++) s += p.Xc[j * p.n + i] * res[i];
    return s;
  }

  /** Xᵀ(y − Xw) as a fresh vector (gram: c is kept current; columns: computed from r). */
  function correlations(): Float64Array {
    if (problem.kind === 'gram') return c;
    const out = new Float64Array(d);
    for (let j = 0; j < d; j++) out[j] = columnDot(problem, j, r as Float64Array);
    return out;
  }

  /** ‖y − Xw‖² and yᵀ(y − Xw). */
  function residualNorms(): { rNorm2: number; yR: number } {
    if (problem.kind === 'columns') {
      let rr = 0;
      let yr = 0;
      const res = r as Float64Array;
      for (let i = 0; i < problem.n; i++) {
        rr += res[i] * res[i];
        yr += problem.y[i] * res[i];
      }
      return { rNorm2: rr, yR: yr };
    }
    // ‖y − Xw‖² = ‖y‖² − 2qᵀw + wᵀGw, with G·w = q − c.
    let qw = 0;
    let wGw = 0;
    for (let j = 0; j < d; j++) {
      qw += problem.q[j] * w[j];
      wGw += w[j] * (problem.q[j] - c[j]);
    }
    return { rNorm2: Math.max(0, yNorm2 - 2 * qw + wGw), yR: yNorm2 - qw };
  }

  /** max |∂/∂wⱼ| at w = 0, i.e. max |Xᵀy| (positive part only when w ≥ 0). */
  function kktAtZero(): number {
    let m = 0;
    if (problem.kind === 'gram') for (const v of problem.q) m = Math.max(m, positive ? v : Math.abs(v));
    else for (let j = 0; j < d; j++) {
      let s2 = 0;
      for (let i = 0; i < problem.n; i++) s2 += problem.Xc[j * problem.n + i] * problem.y[i];
      m = Math.max(m, positive ? s2 : Math.abs(s2));
    }
    return m;
  }

  /**
   * Largest KKT violation: with a = Xᵀr − λ₂w (minus the smooth gradient), |a − λ₁·sign wⱼ| where
   * wⱼ ≠ 0; where wⱼ = 0, the part of |aⱼ| above λ₁ (only aⱼ − λ₁ > 0 counts when w ≥ 0).
   */
  function kkt(): number {
    const corr = correlations();
    let m = 0;
    for (let j = 0; j < d; j++) {
      const a = corr[j] - l2 * w[j];
      const v = w[j] !== 0 ? Math.abs(a - l1 * Math.sign(w[j])) : positive ? Math.max(0, a - l1) : Math.max(0, Math.abs(a) - l1);
      m = Math.max(m, v);
    }
    return m;
  }

  function objective(): number {
    const { rNorm2 } = residualNorms();
    let a = 0;
    let b = 0;
    for (let j = 0; j < d; j++) {
      a += Math.abs(w[j]);
      b += w[j] * w[j];
    }
    return 0.5 * rNorm2 + l1 * a + 0.5 * l2 * b;
  }

  /**
   * The duality gap of scikit-learn's cd_fast: with XtA = Xᵀr − λ₂w and the dual point scaled
   * by s = min(1, λ₁ / ‖XtA‖∞) (‖·‖ over the positive part when w ≥ 0),
   * gap = ½‖r‖²(1 + s²) + λ₁‖w‖₁ − s·yᵀr + ½λ₂(1 + s²)‖w‖².
   */
  function dualityGap(): number {
    const corr = correlations();
    let dual = 0;
    let w1 = 0;
    let w2 = 0;
    for (let j = 0; j < d; j++) {
      const a = corr[j] - l2 * w[j];
      dual = Math.max(dual, positive ? a : Math.abs(a));
      w1 += Math.abs(w[j]);
      w2 += w[j] * w[j];
    }
    const { rNorm2, yR } = residualNorms();
    const s = dual > l1 ? l1 / dual : 1;
    const g = 0.5 * rNorm2 * (1 + s * s) + l1 * w1 - s * yR + 0.5 * l2 * (1 + s * s) * w2;
    return Math.max(0, g);
  }
}
