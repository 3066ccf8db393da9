import type { Objective } from '../core/objective.js';

/**
 * Line search along x + α·p satisfying the strong Wolfe conditions
 *
 *   f(x + αp) ≤ f(x) + c₁·α·∇f(x)ᵀp      (sufficient decrease)
 *   |∇f(x + αp)ᵀp| ≤ c₂·|∇f(x)ᵀp|        (curvature)
 *
 * by bracketing and zooming with safeguarded cubic interpolation (Nocedal and Wright,
 * Numerical Optimization, 2nd ed., Algorithms 3.5 and 3.6). Near the optimum f stops
 * changing in floating point long before ∇f does, so a step is also accepted under the
 * approximate Wolfe conditions of Hager and Zhang (SIAM J. Optim. 16, 2005): curvature as
 * above and f(x + αp) ≤ f(x) + ε·|f(x)|, with ε well above the rounding noise of f. This lets
 * L-BFGS drive the gradient to 1e-10 and below instead of stalling at the noise floor of f.
 */

export interface LineSearchWork {
  /** Trial point, written by the search. */
  xNew: Float64Array;
  /** Gradient at the trial point, written by the search. */
  gNew: Float64Array;
}

export interface LineSearchResult {
  /** Accepted step, or 0 when the search failed. */
  step: number;
  /** f at the accepted point (`work.xNew`, gradient in `work.gNew`). */
  value: number;
  /** Number of objective evaluations spent. */
  evaluations: number;
}

const C1 = 1e-4;
const C2 = 0.9;
/** Relative slack on f for the approximate Wolfe test: far above rounding noise (~1e-15). */
const APPROX_EPS = 1e-12;

/**
 * Searches along direction `p` (a descent direction: g0ᵀp < 0) from `x` with value `f0`,
 * starting at step `alpha0`. At most `maxEvaluations` objective calls. Allocation-free.
 */
export function wolfeLineSearch(
  obj: Objective,
  x: Float64Array,
  f0: number,
  dphi0: number,
  p: Float64Array,
  alpha0: number,
  work: LineSearchWork,
  maxEvaluations = 20,
): LineSearchResult {
  const n = x.length;
  const { xNew, gNew } = work;
  let evaluations = 0;
  const fAllowed = f0 + APPROX_EPS * Math.abs(f0);

  // φ(α) = f(x + αp), returned; φ′(α) is left in `lastDphi` (no tuple allocated per evaluation).
  let lastDphi = 0;
  const phi = (alpha: number): number => {
    for (let i = 0; i < n; i++) xNew[i] = x[i] + alpha * p[i];
    const f = obj.valueAndGradient(xNew, gNew);
    evaluations++;
    let dphi = 0;
    for (let i = 0; i < n; i++) dphi += gNew[i] * p[i];
    // A non-finite value is treated as "far too big", never as a number to compare.
    lastDphi = dphi - dphi === 0 ? dphi : Infinity;
    return f - f === 0 ? f : Infinity;
  };
  const sufficient = (alpha: number, f: number): boolean => f <= f0 + C1 * alpha * dphi0 || f <= fAllowed;
  const curvature = (dphi: number): boolean => Math.abs(dphi) <= -C2 * dphi0;

  let aPrev = 0;
  let fPrev = f0;
  let dPrev = dphi0;
  let alpha = alpha0;
  while (evaluations < maxEvaluations) {
    const f = phi(alpha);
    const dphi = lastDphi;
    // Comparisons of f mean nothing once f is within rounding of f(0); derivatives still do.
    if (!sufficient(alpha, f) || (aPrev > 0 && f >= fPrev && f > fAllowed)) return zoom(aPrev, fPrev, dPrev, alpha, f, dphi);
    if (curvature(dphi)) return { step: alpha, value: f, evaluations };
    if (dphi >= 0) return zoom(alpha, f, dphi, aPrev, fPrev, dPrev);
    // Sufficient decrease but still steeply downhill: extrapolate (cubic, kept in [1.1α, 4α]).
    const next = cubicMinimizer(aPrev, fPrev, dPrev, alpha, f, dphi);
    const lo = alpha * 1.1;
    const hi = alpha * 4;
    aPrev = alpha;
    fPrev = f;
    dPrev = dphi;
    alpha = Number.isFinite(next) && next > lo && next < hi ? next : hi;
  }
  return { step: 0, value: f0, evaluations };

  function zoom(aLo: number, fLo: number, dLo: number, aHi: number, fHi: number, dHi: number): LineSearchResult {
    // Invariant: aLo satisfies sufficient decrease and has the lowest f seen; the interval
    // between aLo and aHi contains a step satisfying the strong Wolfe conditions.
    while (evaluations < maxEvaluations) {
      const width = aHi - aLo;
      let a = Number.isFinite(fHi) && Number.isFinite(dHi) ? cubicMinimizer(aLo, fLo, dLo, aHi, fHi, dHi) : NaN;
      const lo = Math.min(aLo, aHi) + 0.1 * Math.abs(width);
      const hi = Math.max(aLo, aHi) - 0.1 * Math.abs(width);
      if (!(a >= lo && a <= hi)) a = aLo + 0.5 * width; // bisect when the cubic is unreliable
      if (a === aLo || a === aHi) break; // the interval has collapsed to rounding level
      const f = phi(a);
      const dphi = lastDphi;
      if (!sufficient(a, f) || (f >= fLo && f > fAllowed)) {
        aHi = a;
        fHi = f;
        dHi = dphi;
      } else {
        if (curvature(dphi)) return { step: a, value: f, evaluations };
        if (dphi * (aHi - aLo) >= 0) {
          aHi = aLo;
          fHi = fLo;
          dHi = dLo;
        }
        aLo = a;
        fLo = f;
        dLo = dphi;
      }
    }
    // Out of evaluations: settle for the best point with sufficient decrease, if it moved.
    if (aLo > 0 && fLo < f0) {
      const f = phi(aLo);
      return { step: aLo, value: f, evaluations };
    }
    return { step: 0, value: f0, evaluations };
  }
}

/** Minimiser of the cubic interpolating f and f′ at a and b (Nocedal and Wright, eq. 3.59). */
function cubicMinimizer(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - da * db;
  if (!(disc >= 0)) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - ((b - a) * (db + d2 - d1)) / (db - da + 2 * d2);
}
