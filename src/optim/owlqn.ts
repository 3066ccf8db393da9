import type { CompositeObjective } from '../core/objective.js';
import type { MinimizeResult, SolverOptions } from './result.js';

export interface OwlqnOptions extends SolverOptions {
  /** Correction pairs kept (default 10). */
  memory?: number;
  /** Backtracking steps allowed per iteration (default 30). */
  maxLineSearch?: number;
}

/**
 * Orthant-wise limited-memory quasi-Newton (OWL-QN; Andrew and Gao, "Scalable training of
 * L1-regularized log-linear models", ICML 2007) for min f(x) + Σⱼ ωⱼ|xⱼ| with f smooth.
 *
 * Each iteration uses the pseudo-gradient ◇ (the minimum-norm subgradient), an L-BFGS direction
 * built from changes of ∇f only, constrained to the orthant the pseudo-gradient points into,
 * and a backtracking line search whose trial points are projected onto that orthant (a
 * coordinate that would cross zero stops at zero). This is what makes exact zeros appear.
 *
 * Stops with `converged = true` when max |◇ⱼ| ≤ tol, i.e. when the largest violation of the
 * optimality conditions (|∇ⱼf| ≤ ωⱼ at xⱼ = 0, ∇ⱼf = −ωⱼ·sign xⱼ elsewhere) is ≤ tol.
 * `value` and `history` include the L1 term. Work arrays are allocated once.
 * Cost per iteration: one or a few objective evaluations plus O(memory · size).
 */
export function owlqn(obj: CompositeObjective, x: Float64Array, options: OwlqnOptions): MinimizeResult {
  const n = obj.size;
  const m = Math.max(1, options.memory ?? 10);
  const maxLs = options.maxLineSearch ?? 30;
  const { maxIter, tol } = options;
  const omega = obj.l1Weights;
  const S = new Float64Array(m * n);
  const Y = new Float64Array(m * n);
  const rho = new Float64Array(m);
  const alpha = new Float64Array(m);
  const g = new Float64Array(n);
  const pg = new Float64Array(n);
  const dir = new Float64Array(n);
  const orthant = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const history: number[] = [];

  const l1 = (v: Float64Array): number => {
    let s = 0;
    for (let j = 0; j < n; j++) s += omega[j] * Math.abs(v[j]);
    return s;
  };
  const pseudoGradient = (v: Float64Array, gv: Float64Array, out: Float64Array): number => minimumNormSubgradient(v, gv, omega, out);

  let smooth = obj.valueAndGradient(x, g);
  let f = smooth + l1(x);
  let evaluations = 1;
  let gmax = pseudoGradient(x, g, pg);
  history.push(f);
  options.onIteration?.(0, f, gmax);
  if (!Number.isFinite(f)) return { value: f, gradMax: gmax, nIter: 0, converged: false, reason: 'non-finite', history, evaluations };
  let count = 0;
  let head = 0;
  let iter = 0;
  while (gmax > tol && iter < maxIter) {
    // Two-loop recursion on the pseudo-gradient: dir = −H·◇.
    for (let j = 0; j < n; j++) dir[j] = -pg[j];
    for (let k = 0; k < count; k++) {
      const slot = (head - 1 - k + m) % m;
      let a = 0;
      for (let j = 0; j < n; j++) a += S[slot * n + j] * dir[j];
      a *= rho[slot];
      alpha[slot] = a;
      for (let j = 0; j < n; j++) dir[j] -= a * Y[slot * n + j];
    }
    if (count > 0) {
      const last = (head - 1 + m) % m;
      let yy = 0;
      for (let j = 0; j < n; j++) yy += Y[last * n + j] * Y[last * n + j];
      const gamma = 1 / (rho[last] * yy);
      for (let j = 0; j < n; j++) dir[j] *= gamma;
    }
    for (let k = count - 1; k >= 0; k--) {
      const slot = (head - 1 - k + m) % m;
      let b = 0;
      for (let j = 0; j < n; j++) b += Y[slot * n + j] * dir[j];
      b *= rho[slot];
      const c = alpha[slot] - b;
      for (let j = 0; j < n; j++) dir[j] += c * S[slot * n + j];
    }
    // Keep only components that agree in sign with −◇; fix the orthant to search in.
    let descent = 0;
    for (let j = 0; j < n; j++) {
      if (dir[j] * pg[j] >= 0) dir[j] = 0;
      descent += dir[j] * pg[j];
      orthant[j] = x[j] !== 0 ? Math.sign(x[j]) : -Math.sign(pg[j]);
    }
    if (!(descent < 0)) {
      // Stale curvature: fall back to steepest descent on the pseudo-gradient.
      count = 0;
      descent = 0;
      for (let j = 0; j < n; j++) {
        dir[j] = -pg[j];
        descent -= pg[j] * pg[j];
      }
    }
    // Backtracking on the projected path, Armijo condition with the pseudo-gradient.
    let step = count === 0 ? Math.min(1, 1 / Math.sqrt(-descent)) : 1;
    let accepted = false;
    let fNew = f;
    let smoothNew = smooth;
    for (let t = 0; t < maxLs; t++) {
      for (let j = 0; j < n; j++) {
        const v = x[j] + step * dir[j];
        xNew[j] = v * orthant[j] <= 0 && omega[j] > 0 ? 0 : v;
      }
      smoothNew = obj.valueAndGradient(xNew, gNew);
      evaluations++;
      fNew = smoothNew + l1(xNew);
      let decrease = 0;
      for (let j = 0; j < n; j++) decrease += pg[j] * (xNew[j] - x[j]);
      // Relative slack: near the optimum f changes below its own rounding noise.
      if (fNew <= f + 1e-4 * decrease || (fNew <= f + 1e-12 * Math.abs(f) && decrease < 0 && t > 0)) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) {
      if (count > 0) {
        count = 0;
        continue;
      }
      return { value: f, gradMax: gmax, nIter: iter, converged: gmax <= tol, reason: 'line-search', history, evaluations };
    }
    const so = head * n;
    let sy = 0;
    for (let j = 0; j < n; j++) {
      const s = xNew[j] - x[j];
      const yv = gNew[j] - g[j];
      S[so + j] = s;
      Y[so + j] = yv;
      sy += s * yv;
    }
    if (sy > 1e-300) {
      rho[head] = 1 / sy;
      head = (head + 1) % m;
      if (count < m) count++;
    }
    x.set(xNew);
    g.set(gNew);
    f = fNew;
    smooth = smoothNew;
    gmax = pseudoGradient(x, g, pg);
    iter++;
    history.push(f);
    options.onIteration?.(iter, f, gmax);
  }
  const converged = gmax <= tol;
  return { value: f, gradMax: gmax, nIter: iter, converged, reason: converged ? 'gradient' : 'max-iter', history, evaluations };
}

/**
 * The minimum-norm subgradient ("pseudo-gradient") of f + Σⱼ ωⱼ|xⱼ| at x, given ∇f(x) = g:
 * gⱼ + ωⱼ·sign(xⱼ) where xⱼ ≠ 0; at xⱼ = 0 the shrunk value sign(gⱼ)·max(0, |gⱼ| − ωⱼ). It is 0
 * exactly at an optimum, so max |outⱼ| is the largest violation of the optimality conditions.
 * Returns that maximum (NaN counts as +Infinity). Cost O(size).
 */
export function minimumNormSubgradient(x: Float64Array, g: Float64Array, omega: Float64Array, out: Float64Array): number {
  let worst = 0;
  for (let j = 0; j < x.length; j++) {
    const w = omega[j];
    let q: number;
    if (x[j] > 0) q = g[j] + w;
    else if (x[j] < 0) q = g[j] - w;
    else if (g[j] + w < 0) q = g[j] + w;
    else if (g[j] - w > 0) q = g[j] - w;
    else q = 0;
    out[j] = q;
    const a = Math.abs(q);
    if (!(a <= worst)) worst = a === a ? a : Infinity;
  }
  return worst;
}
