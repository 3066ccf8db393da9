import * as check from '../core/options.js';
import { r2 } from '../core/stats.js';
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
