/**
 * Unvalidated summary formulas shared by models' `score` methods and the metrics module
 * (which validates and then calls these). Weights `sw` may be null for all ones.
 */

/** Σ sᵢ·xᵢ / Σ sᵢ. Cost: O(n). */
export function weightedMean(x: ArrayLike<number>, sw: ArrayLike<number> | null): number {
  let s = 0;
  let t = 0;
  for (let i = 0; i < x.length; i++) {
    const w = sw === null ? 1 : sw[i];
    s += w * x[i];
    t += w;
  }
  return s / t;
}

/**
 * Coefficient of determination R² = 1 − Σ sᵢ(yᵢ − ŷᵢ)² / Σ sᵢ(yᵢ − ȳ)², as scikit-learn's
 * `r2_score` with `force_finite=True`: a constant y gives 1 for a perfect prediction, else 0.
 * Cost: O(n).
 */
export function r2(y: ArrayLike<number>, pred: ArrayLike<number>, sw: ArrayLike<number> | null): number {
  const mean = weightedMean(y, sw);
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < y.length; i++) {
    const w = sw === null ? 1 : sw[i];
    const r = y[i] - pred[i];
    const c = y[i] - mean;
    ssRes += w * r * r;
    ssTot += w * c * c;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

/** Weighted fraction of positions where a[i] === b[i]. Cost: O(n). */
export function accuracy<T>(a: ArrayLike<T>, b: ArrayLike<T>, sw: ArrayLike<number> | null): number {
  let hit = 0;
  let total = 0;
  for (let i = 0; i < a.length; i++) {
    const w = sw === null ? 1 : sw[i];
    total += w;
    if (a[i] === b[i]) hit += w;
  }
  return hit / total;
}
