/**
 * Exact scalar pieces of the log-losses. No clipping anywhere: every branch is chosen so that
 * exp never overflows and log never sees 0. The splits follow scikit-learn's
 * `sklearn/_loss/_loss.pyx` (closs_half_binomial, cgradient_half_binomial) and Mächler,
 * "Accurately Computing log(1 − exp(−|a|))" (Rmpfr vignette, 2012) for log1p(exp(·)).
 */

/** σ(z) = 1 / (1 + e^(−z)), in [0, 1] for every z including ±Infinity; never NaN for non-NaN z. */
export function expit(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** log(1 + e^z) (softplus) without overflow: z + log1p(e^(−z)) for z > 0. */
export function log1pexp(z: number): number {
  if (z > 0) return z + Math.log1p(Math.exp(-z));
  return Math.log1p(Math.exp(z));
}

/** log σ(z) = −log(1 + e^(−z)), exact for large |z|. */
export function logExpit(z: number): number {
  return -log1pexp(-z);
}

/**
 * Binary log-loss of a score: ℓ(y, z) = log(1 + e^z) − y·z, which is −[y·log σ(z) + (1−y)·log(1−σ(z))]
 * for y ∈ [0, 1]. Uses one exp: e = e^(−|z|), ℓ = log1p(e) + (z > 0 ? (1−y)·z : −y·z).
 */
export function binaryLogLoss(y: number, z: number): number {
  const e = Math.exp(-Math.abs(z));
  return Math.log1p(e) + (z > 0 ? (1 - y) * z : -y * z);
}
