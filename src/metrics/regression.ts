import * as check from '../core/options.js';
import { r2, weightedMean } from '../core/stats.js';
import { pairedValues, weights } from './inputs.js';

export interface RegressionMetricOptions {
  sampleWeight?: ArrayLike<number>;
}

/**
 * Coefficient of determination R² = 1 − Σ sᵢ(yᵢ − ŷᵢ)² / Σ sᵢ(yᵢ − ȳ)² (scikit-learn's
 * `r2_score`; a constant yTrue gives 1 for a perfect prediction, else 0). Cost: O(n).
 */
export function r2Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionMetricOptions = {}): number {
  const o = check.rejectUnknownOptions(options, ['sampleWeight'], 'r2Score');
  const [a, b] = pairedValues(yTrue, yPred);
  return r2(a, b, weights(o.sampleWeight, a.length));
}

/** Mean squared error Σ sᵢ(yᵢ − ŷᵢ)² / Σ sᵢ (scikit-learn's `mean_squared_error`). Cost: O(n). */
export function meanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionMetricOptions = {}): number {
  const o = check.rejectUnknownOptions(options, ['sampleWeight'], 'meanSquaredError');
  const [a, b] = pairedValues(yTrue, yPred);
  const sw = weights(o.sampleWeight, a.length);
  let s = 0;
  let t = 0;
  for (let i = 0; i < a.length; i++) {
    const w = sw === null ? 1 : sw[i];
    const r = a[i] - b[i];
    s += w * r * r;
    t += w;
  }
  return s / t;
}

/** Root mean squared error √(Σ sᵢ(yᵢ − ŷᵢ)² / Σ sᵢ), in the target's units (scikit-learn's `mean_squared_error(squared=False)`). Cost: O(n). */
export function rootMeanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionMetricOptions = {}): number {
  check.rejectUnknownOptions(options, ['sampleWeight'], 'rootMeanSquaredError');
  return Math.sqrt(meanSquaredError(yTrue, yPred, options));
}

/** Mean absolute error Σ sᵢ|yᵢ − ŷᵢ| / Σ sᵢ (scikit-learn's `mean_absolute_error`). Cost: O(n). */
export function meanAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionMetricOptions = {}): number {
  const o = check.rejectUnknownOptions(options, ['sampleWeight'], 'meanAbsoluteError');
  const [a, b] = pairedValues(yTrue, yPred);
  const sw = weights(o.sampleWeight, a.length);
  let s = 0;
  let t = 0;
  for (let i = 0; i < a.length; i++) {
    const w = sw === null ? 1 : sw[i];
    s += w * Math.abs(a[i] - b[i]);
    t += w;
  }
  return s / t;
}

/**
 * Explained variance 1 − Var_s(y − ŷ) / Var_s(y) (scikit-learn's `explained_variance_score`):
 * like R² but blind to a constant bias in ŷ. Weighted variances; a constant yTrue gives 1 when
 * the residual variance is 0, else 0. Cost: O(n).
 */
export function explainedVarianceScore(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionMetricOptions = {}): number {
  const o = check.rejectUnknownOptions(options, ['sampleWeight'], 'explainedVarianceScore');
  const [a, b] = pairedValues(yTrue, yPred);
  const sw = weights(o.sampleWeight, a.length);
  const diff = a.map((v, i) => v - b[i]);
  const dMean = weightedMean(diff, sw);
  const yMean = weightedMean(a, sw);
  let num = 0;
  let den = 0;
  let t = 0;
  for (let i = 0; i < a.length; i++) {
    const w = sw === null ? 1 : sw[i];
    const r = diff[i] - dMean;
    const c = a[i] - yMean;
    num += w * r * r;
    den += w * c * c;
    t += w;
  }
  num /= t;
  den /= t;
  if (num === 0) return 1;
  if (den === 0) return 0;
  return 1 - num / den;
}
