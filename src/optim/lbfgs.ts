import type { Objective } from '../core/objective.js';
import { wolfeLineSearch } from './lineSearch.js';
import type { MinimizeResult, SolverOptions } from './result.js';

export interface LbfgsOptions extends SolverOptions {
  /** Number of correction pairs kept (scipy's `maxcor`, default 10). */
  memory?: number;
  /** Objective evaluations allowed per line search (default 20, as scipy's `maxls`). */
  maxLineSearch?: number;
  /**
   * Initial inverse Hessian H₀ of the two-loop recursion, applied in place (`v ← H₀·v`), in
   * place of the scalar γ = sᵀy / yᵀy; e.g. a Cholesky solve with the exact Hessian at the
   * start, which makes the first step Newton's and the corrections cheap (default: γ·I).
   */
  initialInverse?: (v: Float64Array) => void;
  /**
   * Asked after every iteration with the max |∇f| of the start and of every iteration so far;
   * true stops the run with reason `'handoff'` (another method is to continue from `x`).
   */
  handOff?: (gradMaxHistory: readonly number[]) => boolean;
}

/**
 * Limited-memory BFGS (Nocedal, "Updating quasi-Newton matrices with limited storage", Math.
 * Comp. 35, 1980; Liu and Nocedal, Math. Prog. 45, 1989): the two-loop recursion applies an
 * approximate inverse Hessian built from the last `memory` steps sₖ and gradient changes yₖ,
 * scaled by γ = sᵀy / yᵀy, and a strong-Wolfe line search picks the step.
 *
 * Stops with `converged = true` when max |∇f| ≤ tol; otherwise at `maxIter` iterations or when
 * no step decreases f (reported as reason `'line-search'`). Minimises in place: `x` holds the
 * best point on return. All work arrays are allocated once, before the first iteration.
 * Cost per iteration: one or a few objective evaluations plus O(memory · size).
 */
export function lbfgs(obj: Objective, x: Float64Array, options: LbfgsOptions): MinimizeResult {
  const n = obj.size;
  const m = Math.max(1, options.memory ?? 10);
  const maxIter = options.maxIter;
  const tol = options.tol;
  const S = new Float64Array(m * n);
  const Y = new Float64Array(m * n);
  const rho = new Float64Array(m);
  const alphaBuf = new Float64Array(m);
  const g = new Float64Array(n);
  const p = new Float64Array(n);
  const work = { xNew: new Float64Array(n), gNew: new Float64Array(n) };
  const history: number[] = [];

  let f = obj.valueAndGradient(x, g);
  let evaluations = 1;
  history.push(f);
  let gmax = maxAbs(g);
  const gmaxHistory = [gmax];
  options.onIteration?.(0, f, gmax);
  if (!Number.isFinite(f)) {
    return { value: f, gradMax: gmax, nIter: 0, converged: false, reason: 'non-finite', history, evaluations };
  }
  let count = 0; // stored pairs
  let head = 0; // slot of the next pair
  let iter = 0;
  let restarted = false;
  while (gmax > tol && iter < maxIter) {
    // Two-loop recursion: p = −H·g.
    for (let i = 0; i < n; i++) p[i] = -g[i];
    for (let k = 0; k < count; k++) {
      const slot = (head - 1 - k + m) % m;
      const a = rho[slot] * dotAt(S, slot * n, p, n);
      alphaBuf[slot] = a;
      axpyAt(-a, Y, slot * n, p, n);
    }
    if (options.initialInverse !== undefined) {
      options.initialInverse(p);
    } else if (count > 0) {
      const last = (head - 1 + m) % m;
      let yy = 0;
      for (let i = last * n, end = i + n; i < end; i++) yy += Y[i] * Y[i];
      const gamma = 1 / (rho[last] * yy);
      for (let i = 0; i < n; i++) p[i] *= gamma;
    }
    for (let k = count - 1; k >= 0; k--) {
      const slot = (head - 1 - k + m) % m;
      const b = rho[slot] * dotAt(Y, slot * n, p, n);
      axpyAt(alphaBuf[slot] - b, S, slot * n, p, n);
    }
    let dphi0 = 0;
    for (let i = 0; i < n; i++) dphi0 += g[i] * p[i];
    if (!(dphi0 < 0)) {
      // Not a descent direction (curvature information went stale): restart from −H₀·g.
      for (let i = 0; i < n; i++) p[i] = -g[i];
      options.initialInverse?.(p);
      dphi0 = 0;
      for (let i = 0; i < n; i++) dphi0 += g[i] * p[i];
      count = 0;
    }
    // First step of a fresh memory: scale so the first trial moves about one unit.
    const alpha0 = count === 0 && options.initialInverse === undefined ? Math.min(1, 1 / Math.sqrt(-dphi0)) : 1;
    const ls = wolfeLineSearch(obj, x, f, dphi0, p, alpha0, work, options.maxLineSearch ?? 20);
    evaluations += ls.evaluations;
    if (ls.step === 0) {
      if (count > 0 && !restarted) {
        // Retry once along steepest descent with the memory cleared before giving up.
        count = 0;
        restarted = true;
        continue;
      }
      return { value: f, gradMax: gmax, nIter: iter, converged: gmax <= tol, reason: 'line-search', history, evaluations };
    }
    restarted = false;
    // Store sₖ = x₊ − x and yₖ = g₊ − g; skip pairs with non-positive curvature.
    const so = head * n;
    let sy = 0;
    for (let i = 0; i < n; i++) {
      const s = work.xNew[i] - x[i];
      const yv = work.gNew[i] - g[i];
      S[so + i] = s;
      Y[so + i] = yv;
      sy += s * yv;
    }
    if (sy > 1e-300) {
      rho[head] = 1 / sy;
      head = (head + 1) % m;
      if (count < m) count++;
    }
    x.set(work.xNew);
    g.set(work.gNew);
    f = ls.value;
    gmax = maxAbs(g);
    iter++;
    history.push(f);
    gmaxHistory.push(gmax);
    options.onIteration?.(iter, f, gmax);
    if (gmax > tol && iter < maxIter && options.handOff?.(gmaxHistory)) {
      return { value: f, gradMax: gmax, nIter: iter, converged: false, reason: 'handoff', history, evaluations };
    }
  }
  const converged = gmax <= tol;
  return { value: f, gradMax: gmax, nIter: iter, converged, reason: converged ? 'gradient' : 'max-iter', history, evaluations };
}

/** max |vᵢ|, with NaN counted as +Infinity so a broken gradient never looks converged. */
export function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i]);
    if (!(a <= m)) m = a === a ? a : Infinity;
  }
  return m;
}

function dotAt(A: Float64Array, off: number, v: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += A[off + i] * v[i];
  return s;
}

function axpyAt(a: number, A: Float64Array, off: number, v: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) v[i] += a * A[off + i];
}
