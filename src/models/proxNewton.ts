import { Matrix } from '../core/matrix.js';
import { LinearModelObjective, type LinearModelObjectiveInit } from '../loss/linearModelObjective.js';
import { choleskyDamped, choleskySolve } from '../linalg/cholesky.js';
import { minimumNormSubgradient, owlqn } from '../optim/owlqn.js';
import type { MinimizeResult, SolverOptions } from '../optim/result.js';

/** Builds the objective restricted to some feature columns (the same loss, weights and penalties). */
export type Restrict = (cols: Int32Array) => LinearModelObjective;

/** What {@link proxNewton} did, in units that do not depend on the machine. */
export interface ProxNewtonResult extends MinimizeResult {
  /** Element visits of X divided by n·d: full passes plus restricted passes (n·|W| each) plus gathers. */
  passes: number;
  /** Multiply-adds spent forming restricted Hessians (n·m²/2 each), divided by n·d. */
  hessianPasses: number;
  /** Working-set rounds (each ends with one full pass: the optimality check on every coordinate). */
  rounds: number;
  /** Whether the working set outgrew dense Newton steps and OWL-QN on all of X finished the fit. */
  handedOver: boolean;
}

/** Forcing term of the inner coordinate descent: the quadratic model is solved until its violation is ≤ this × F's. */
const INNER_FORCING = 0.01;
/**
 * Coordinate-descent sweeps allowed on one quadratic model: each is O(m²), 1/n of the Hessian's
 * cost. Collinear columns (unscaled data without an intercept) need hundreds with the pattern
 * solves; 200 left such fits at 70 Newton steps instead of 9.
 */
const MAX_SWEEPS = 1000;
/** Armijo constant and backtracking factor of the line search (newGLMNET's σ and β). */
const ARMIJO = 0.01;
/** Coordinate-descent sweeps between exact solves on the nonzero pattern, at least. */
const MIN_SWEEPS_PER_JUMP = 2;

interface ModelWork {
  active: Int32Array;
  HA: Float64Array;
  L: Float64Array;
  rhs: Float64Array;
  p: Float64Array;
  Hp: Float64Array;
  trialD: Float64Array;
  trialHd: Float64Array;
}

function modelWork(m: number): ModelWork {
  return {
    active: new Int32Array(m),
    HA: new Float64Array(m * m),
    L: new Float64Array(m * m),
    rhs: new Float64Array(m),
    p: new Float64Array(m),
    Hp: new Float64Array(m),
    trialD: new Float64Array(m),
    trialHd: new Float64Array(m),
  };
}

/** Q(d) − Q(0) for the model Q(d) = gᵀd + ½dᵀHd + Σ ωⱼ|tⱼ + dⱼ|, given Hd. Cost O(m). */
function modelChange(m: number, g: Float64Array, omega: Float64Array, t: Float64Array, d: Float64Array, Hd: Float64Array): number {
  let q = 0;
  for (let j = 0; j < m; j++) q += d[j] * (g[j] + 0.5 * Hd[j]) + omega[j] * (Math.abs(t[j] + d[j]) - Math.abs(t[j]));
  return q;
}

/** The model's own optimality violation at t + d (its gradient there is g + Hd). Cost O(m). */
function modelViolation(m: number, g: Float64Array, omega: Float64Array, t: Float64Array, d: Float64Array, Hd: Float64Array): number {
  let worst = 0;
  for (let j = 0; j < m; j++) {
    const u = t[j] + d[j];
    const q = g[j] + Hd[j];
    const w = omega[j];
    const r = u > 0 ? Math.abs(q + w) : u < 0 ? Math.abs(q - w) : Math.max(0, Math.abs(q) - w);
    if (r > worst) worst = r;
  }
  return worst;
}

/**
 * Minimises the quadratic model Q(d) = gᵀd + ½dᵀHd + Σ ωⱼ|tⱼ + dⱼ| until its optimality
 * violation is ≤ `target`, writing d into `dir` and H·d into `Hd` (both zero on entry).
 * Cyclic coordinate descent (soft-thresholding, newGLMNET's inner solver) finds the sign
 * pattern; it converges slowly when columns are nearly collinear (unscaled data without an
 * intercept), so every few sweeps the model is also solved exactly on the current nonzero
 * pattern — on it ‖·‖₁ is linear, so Hₐₐ·uₐ = −(gₐ + ωₐ·sign) is one Cholesky solve (the
 * active-set Newton step) — with coordinates that would change sign stopped at zero. The jump is
 * kept only if it lowers Q, so Q decreases monotonically. Cost: O(m²) per sweep, |A|³/3 per jump.
 */
function solveModel(
  m: number,
  H: Float64Array,
  g: Float64Array,
  omega: Float64Array,
  t: Float64Array,
  dir: Float64Array,
  Hd: Float64Array,
  target: number,
  work: ModelWork,
): void {
  // A pattern solve costs up to m³/3, a sweep m²: one every max(2, m/16) sweeps keeps them under ~5 sweeps' worth each.
  const jumpEvery = Math.max(MIN_SWEEPS_PER_JUMP, Math.ceil(m / 16));
  for (let sweep = 1; sweep <= MAX_SWEEPS; sweep++) {
    for (let j = 0; j < m; j++) {
      const a = H[j * m + j];
      if (!(a > 0)) continue;
      const u0 = t[j] + dir[j];
      const z = u0 - (g[j] + Hd[j]) / a;
      const w = omega[j] / a;
      const u = z > w ? z - w : z < -w ? z + w : 0;
      const delta = u - u0;
      if (delta === 0) continue;
      dir[j] += delta;
      const row = j * m;
      for (let k = 0; k < m; k++) Hd[k] += delta * H[row + k];
    }
    if (modelViolation(m, g, omega, t, dir, Hd) <= target) return;
    if (sweep % jumpEvery !== 0) continue;
    const q = modelChange(m, g, omega, t, dir, Hd);
    if (!patternJump(m, H, g, omega, t, dir, work)) continue;
    const { p, Hp, trialD, trialHd } = work;
    Hp.fill(0);
    for (let j = 0; j < m; j++) {
      const pj = p[j];
      if (pj === 0) continue;
      const row = j * m;
      for (let k = 0; k < m; k++) Hp[k] += pj * H[row + k];
    }
    // Q is convex along the segment from dir to the (projected) jump: backtrack on it. H·d is
    // linear in d, so every trial costs O(m).
    for (let alpha = 1; alpha > 1e-3; alpha *= 0.5) {
      for (let j = 0; j < m; j++) {
        trialD[j] = dir[j] + alpha * (p[j] - dir[j]);
        trialHd[j] = Hd[j] + alpha * (Hp[j] - Hd[j]);
      }
      if (modelChange(m, g, omega, t, trialD, trialHd) < q) {
        dir.set(trialD);
        Hd.set(trialHd);
        if (modelViolation(m, g, omega, t, dir, Hd) <= target) return;
        break;
      }
    }
  }
}

/**
 * The exact minimiser of the model on the nonzero pattern of u = t + dir (unpenalised
 * coordinates always free), projected so no coordinate changes sign: into work.p as a
 * direction from t. False when the pattern's Hessian cannot be factored.
 */
function patternJump(m: number, H: Float64Array, g: Float64Array, omega: Float64Array, t: Float64Array, dir: Float64Array, work: ModelWork): boolean {
  const { active, HA, L, rhs, p } = work;
  let k = 0;
  for (let j = 0; j < m; j++) if (omega[j] === 0 || t[j] + dir[j] !== 0) active[k++] = j;
  if (k === 0) return false;
  for (let a = 0; a < k; a++) {
    const ja = active[a];
    for (let b = 0; b < k; b++) HA[a * k + b] = H[ja * m + active[b]];
  }
  if (choleskyDamped(k, HA, L) < 0) return false;
  // Q on the pattern, in u = t + d: ½(u − t)ᵀH(u − t) + gᵀ(u − t) + Σ ωⱼ·sⱼ·uⱼ, so
  // Hₐₐ·(uₐ − tₐ) = −(gₐ + ωₐsₐ) − Hₐ,₋ₐ·(u₋ₐ − t₋ₐ) with u₋ₐ = 0 off the pattern.
  for (let a = 0; a < k; a++) {
    const ja = active[a];
    let r = -g[ja];
    const u = t[ja] + dir[ja];
    if (omega[ja] > 0) r -= omega[ja] * Math.sign(u);
    const row = ja * m;
    for (let j = 0; j < m; j++) if (!(omega[j] === 0 || t[j] + dir[j] !== 0)) r += H[row + j] * t[j];
    rhs[a] = r;
  }
  choleskySolve(k, L, rhs);
  for (let j = 0; j < m; j++) p[j] = -t[j];
  for (let a = 0; a < k; a++) {
    const ja = active[a];
    const s = Math.sign(t[ja] + dir[ja]);
    const u = t[ja] + rhs[a];
    p[ja] = omega[ja] > 0 && u * s <= 0 ? -t[ja] : rhs[a];
  }
  return true;
}

/** Multiply-adds of a dense restricted Hessian below which Newton is used whatever its size (as chooseSolver's SMALL_HESSIAN). */
const SMALL_HESSIAN = 2e6;
/** A Hessian multiply-add in units of one element visit of a pass (chooseSolver's measured HESSIAN_MADD). */
const HESSIAN_MADD = 0.3;
/**
 * Newton steps on the working set are taken while one restricted Hessian costs at most this many
 * passes over X (n·m²/2 multiply-adds against n·d visits). Proximal Newton needs a handful of
 * steps, OWL-QN tens to hundreds of passes; a working set beyond this (a dense solution, weak
 * penalty) is where OWL-QN on all of X is cheaper, and where a gathered block would approach
 * the size of X itself. 8 passes: m ≤ 163 at d = 500 (l1-20k's elastic net keeps Newton, its
 * L1 at C = 1, 483 nonzeros, hands over).
 */
const NEWTON_PASSES = 8;
/** Largest working set given dense Newton steps in any case (chooseSolver's NEWTON_MAX_SIZE). */
const MAX_DENSE = 1200;

/** Whether a working set of `size` parameters gets dense Newton steps (else OWL-QN finishes on all of X). */
function denseNewtonPays(n: number, d: number, size: number, maxDense: number | undefined): boolean {
  if (maxDense !== undefined) return size <= maxDense;
  if ((n * size * size) / 2 <= SMALL_HESSIAN) return true;
  return size <= MAX_DENSE && ((size * size) / 2) * HESSIAN_MADD <= NEWTON_PASSES * d;
}

export interface ProxNewtonOptions extends SolverOptions {
  /** Largest working set (parameters) given dense Newton steps (default: by cost, see NEWTON_PASSES). */
  maxDense?: number;
}

/**
 * Working-set proximal Newton for binary logistic regression with an L1 (or elastic-net) term:
 * min F(θ) = f(θ) + Σⱼ ωⱼ|θⱼ| with f the smooth part of a {@link LinearModelObjective}.
 *
 * The solution of an L1 problem is sparse, so the method works on a working set W of columns:
 * every nonzero coefficient plus the coordinates at zero that violate the optimality condition
 * |∇ⱼf| ≤ ωⱼ most (at most max(16, |nonzeros|) new ones per round). The columns of W are
 * gathered into an n × |W| matrix once per round, and the problem restricted to them (the other
 * coefficients held at zero, where F's value is unchanged) is solved by proximal Newton steps as
 * in newGLMNET (Yuan, Ho and Lin, "An improved GLMNET for L1-regularized logistic regression",
 * JMLR 13, 2012; what liblinear runs for L1): at θ the quadratic model
 * gᵀd + ½dᵀHd + Σ ωⱼ|θⱼ + dⱼ| with the exact restricted Hessian H is minimised by cyclic
 * coordinate descent (soft-thresholding per coordinate; exact zeros appear and disappear
 * freely) with exact solves on its nonzero pattern for collinear columns (see solveModel),
 * then a backtracking line search on F with newGLMNET's sufficient decrease
 * F(θ + td) ≤ F(θ) + σt·Δ, Δ = gᵀd + Σ ωⱼ(|θⱼ + dⱼ| − |θⱼ|). Each round ends with one pass over
 * all of X: the optimality check of every coordinate; coordinates still violating it join W.
 *
 * Stops with `converged = true` only when the minimum-norm subgradient of the full F, from that
 * full pass, is ≤ tol in every coordinate (the same certificate OWL-QN uses). When the working
 * set grows past what dense Newton steps pay for (a dense solution: see NEWTON_PASSES), OWL-QN
 * on all of X finishes from the current point. Iterations count Newton steps and those OWL-QN
 * iterations against `maxIter`. `value` and `history` include the L1 term.
 *
 * Cost per Newton step: one or two passes over the n × |W| columns plus n·m²/2 multiply-adds
 * for the Hessian (m = |W| + intercept) and an O(m²) coordinate-descent sweep per inner pass;
 * per round: one pass over X and a gather of |W| columns. On a sparse solution this is a few
 * full passes in all, against one per iteration (and often hundreds) for OWL-QN or saga.
 */
export function proxNewton(full: LinearModelObjective, theta: Float64Array, restrict: Restrict, options: ProxNewtonOptions): ProxNewtonResult {
  const { maxIter, tol } = options;
  const size = full.size;
  const d = full.d;
  const n = full.n;
  const fi = full.fitIntercept;
  const omega = full.l1Weights;
  const g = new Float64Array(size);
  const pg = new Float64Array(size);
  const history: number[] = [];
  let evaluations = 0;
  let passes = 0;
  let hessianPasses = 0;
  let rounds = 0;
  const held = new Uint8Array(d);
  const fullPass = (): number => {
    evaluations++;
    passes++;
    let v = full.valueAndGradient(theta, g);
    for (let j = 0; j < size; j++) v += omega[j] * Math.abs(theta[j]);
    return v;
  };
  let f = fullPass();
  let gmax = minimumNormSubgradient(theta, g, omega, pg);
  history.push(f);
  options.onIteration?.(0, f, gmax);
  if (!Number.isFinite(f)) return done('non-finite');
  let iter = 0;
  let stalled = false;
  let handedOver = false;
  // F at a point whose other coefficients are zero is the restricted problem's value there.
  const record = (fv: number, gv: number): void => {
    history.push(fv);
    options.onIteration?.(history.length - 1, fv, gv);
  };
  while (gmax > tol && iter < maxIter && !stalled) {
    rounds++;
    // The working set: nonzeros, then the worst violators at zero.
    const nonzero: number[] = [];
    const violators: number[] = [];
    for (let j = 0; j < d; j++) {
      if (theta[j] !== 0) nonzero.push(j);
      else if (pg[j] !== 0) violators.push(j);
    }
    violators.sort((a, b) => Math.abs(pg[b]) - Math.abs(pg[a]));
    const add = Math.min(violators.length, Math.max(16, nonzero.length));
    // The coarsest violation left outside W: no point solving the restricted problem much finer.
    const outside = add < violators.length ? Math.abs(pg[violators[add]]) : 0;
    const cols = Int32Array.from([...nonzero, ...violators.slice(0, add)]).sort();
    const m = cols.length;
    // Half of all candidates (nonzeros and violators) is a lower guess at the final support
    // (l1-20k: 102 violators at the start, 39 nonzeros at the end; at C = 1, 494 and 483).
    const likely = Math.ceil((nonzero.length + violators.length) / 2);
    if (!denseNewtonPays(n, d, m + (fi ? 1 : 0), options.maxDense) || !denseNewtonPays(n, d, likely + (fi ? 1 : 0), options.maxDense)) {
      // A dense solution: OWL-QN on all of X finishes from here (no gathered block).
      handedOver = true;
      const res = owlqn(full, theta, { maxIter: maxIter - iter, tol, onIteration: (k, fv, gv) => (k > 0 ? record(fv, gv) : undefined) });
      iter += res.nIter;
      evaluations += res.evaluations;
      passes += res.evaluations;
      f = res.value;
      gmax = res.gradMax;
      return done(res.converged ? 'gradient' : res.reason);
    }
    const sub = restrict(cols);
    // The gather reads the columns new to W from X (the others are copied from the last round's matrix).
    let fresh = 0;
    for (let a = 0; a < m; a++) if (!held[cols[a]]) fresh++;
    held.fill(0);
    for (let a = 0; a < m; a++) held[cols[a]] = 1;
    passes += fresh / d;
    const t = new Float64Array(sub.size);
    for (let a = 0; a < m; a++) t[a] = theta[cols[a]];
    if (fi) t[m] = theta[d];
    const innerTol = Math.max(0.1 * tol, 0.1 * outside);
    const inner = newtonSteps(sub, t, innerTol, maxIter - iter, record);
    iter += inner.steps;
    passes += (inner.passes * m) / d;
    hessianPasses += (inner.hessians * sub.size * sub.size) / 2 / d;
    for (let a = 0; a < m; a++) theta[cols[a]] = t[a];
    if (fi) theta[d] = t[m];
    const before = gmax;
    f = fullPass();
    gmax = minimumNormSubgradient(theta, g, omega, pg);
    if (!Number.isFinite(f)) return done('non-finite');
    // No step was accepted (θ unchanged): the next round would be this one again, so report.
    stalled = inner.steps === 0 && !(gmax < before);
  }
  return done(gmax <= tol ? 'gradient' : stalled ? 'line-search' : 'max-iter');

  function done(reason: MinimizeResult['reason']): ProxNewtonResult {
    const converged = gmax <= tol;
    return { value: f, gradMax: gmax, nIter: iter, converged, reason, history, evaluations, passes, hessianPasses, rounds, handedOver };
  }
}

interface InnerResult {
  steps: number;
  /** Passes over the restricted columns (value/gradient, value/gradient/Hessian). */
  passes: number;
  /** Dense restricted Hessians formed. */
  hessians: number;
}

/** Proximal Newton steps on the restricted problem until its violation is ≤ tol (see {@link proxNewton}). */
function newtonSteps(sub: LinearModelObjective, t: Float64Array, tol: number, budget: number, record: (f: number, g: number) => void): InnerResult {
  const m = sub.size;
  const omega = sub.l1Weights;
  const g = new Float64Array(m);
  const pg = new Float64Array(m);
  const H = new Float64Array(m * m);
  const dir = new Float64Array(m);
  const Hd = new Float64Array(m);
  const trial = new Float64Array(m);
  const gTrial = new Float64Array(m);
  const work = modelWork(m);
  const l1 = (v: Float64Array): number => {
    let s = 0;
    for (let j = 0; j < m; j++) s += omega[j] * Math.abs(v[j]);
    return s;
  };
  let f = sub.valueAndGradient(t, g) + l1(t);
  let passes = 1;
  let hessians = 0;
  let steps = 0;
  while (steps < budget) {
    const vio = minimumNormSubgradient(t, g, omega, pg);
    if (!(vio > tol)) break;
    // The Hessian only where a step follows (the last point's gradient came with its line search).
    sub.valueGradientHessian(t, g, H);
    passes++;
    hessians++;
    // Minimise the quadratic model from dir = 0: see solveModel.
    dir.fill(0);
    Hd.fill(0);
    solveModel(m, H, g, omega, t, dir, Hd, INNER_FORCING * vio, work);
    // Δ = gᵀd + Σ ωⱼ(|tⱼ + dⱼ| − |tⱼ|): the model's predicted decrease without the quadratic term.
    let delta = 0;
    for (let j = 0; j < m; j++) delta += g[j] * dir[j] + omega[j] * (Math.abs(t[j] + dir[j]) - Math.abs(t[j]));
    if (!(delta < 0)) break;
    let step = 1;
    let accepted = false;
    let fNew = f;
    for (let ls = 0; ls < 40; ls++) {
      for (let j = 0; j < m; j++) trial[j] = t[j] + step * dir[j];
      fNew = sub.valueAndGradient(trial, gTrial) + l1(trial);
      passes++;
      // Relative slack: near the optimum F changes below its own rounding noise.
      if (fNew <= f + ARMIJO * step * delta || (fNew <= f + 1e-12 * Math.abs(f) && ls > 0)) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) break;
    t.set(trial);
    g.set(gTrial);
    f = fNew;
    steps++;
    record(fNew, vio);
  }
  return { steps, passes, hessians };
}

/**
 * The {@link Restrict} for a binary problem: gathers the chosen columns of X into a new
 * n × |cols| matrix and builds the same objective on it, with the matching slices of the
 * preconditioner. θ on the restricted problem is the chosen weights, then the intercept.
 * Columns gathered by the previous call are copied from its matrix (read in order) and only
 * the new ones are read from X: a strided read of X touches one cache line per row and column,
 * so a full gather costs about as much memory traffic as a pass. Cost O(n·|cols|) per call.
 */
export function restrictColumns(init: LinearModelObjectiveInit): Restrict {
  const X = init.X;
  const n = X.rows;
  const d = X.cols;
  const data = X.data;
  let prevCols = new Int32Array(0);
  // Two buffers used in turn (this round's block is built from the last round's), grown to fit
  // exactly: at most two blocks of n·|W| doubles live (no slack, memory is the scarcer resource).
  const buffers = [new Float64Array(0), new Float64Array(0)];
  let turn = 0;
  const where = new Int32Array(d).fill(-1);
  return (cols) => {
    const m = cols.length;
    const mPrev = prevCols.length;
    const prev = buffers[turn];
    turn ^= 1;
    if (buffers[turn].length < n * m) buffers[turn] = new Float64Array(n * m);
    const out = buffers[turn].subarray(0, n * m);
    const from = new Int32Array(m);
    for (let a = 0; a < m; a++) from[a] = where[cols[a]];
    for (let i = 0; i < n; i++) {
      const src = i * d;
      const old = i * mPrev;
      const dst = i * m;
      for (let a = 0; a < m; a++) {
        const k = from[a];
        out[dst + a] = k >= 0 ? prev[old + k] : data[src + cols[a]];
      }
    }
    for (let a = 0; a < mPrev; a++) where[prevCols[a]] = -1;
    for (let a = 0; a < m; a++) where[cols[a]] = a;
    prevCols = cols.slice();
    const pick = (v: Float64Array | null | undefined): Float64Array | null => (v == null ? null : Float64Array.from(cols, (j) => v[j]));
    // Not pinned: the block is read a few times per round and a pinned copy would double it.
    return new LinearModelObjective({ ...init, X: new Matrix(n, m, out), center: pick(init.center), scale: pick(init.scale), pin: false });
  };
}
