import * as check from '../core/options.js';
import { accuracy } from '../core/stats.js';
import type { Label } from '../core/validate.js';
import { pairedLabels, weights } from './inputs.js';

export interface AccuracyOptions {
  sampleWeight?: ArrayLike<number>;
  /** Return the fraction (default) or, with false, the (weighted) count of correct predictions. */
  normalize?: boolean;
}

/**
 * Fraction of samples whose predicted label equals the true one, Σ sᵢ·[ŷᵢ = yᵢ] / Σ sᵢ
 * (scikit-learn's `accuracy_score`). Seed 004's warning applies: on imbalanced classes a
 * high accuracy can hide a useless classifier; look at the threshold table too. Cost: O(n).
 */
export function accuracyScore(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>, options: AccuracyOptions = {}): number {
  const o = check.rejectUnknownOptions(options, ['sampleWeight', 'normalize'], 'accuracyScore');
  const [a, b] = pairedLabels(yTrue, yPred);
  const sw = weights(o.sampleWeight, a.length);
  const frac = accuracy(a, b, sw);
  if (check.bool(o, 'normalize', true)) return frac;
  let total = a.length;
  if (sw !== null) total = sw.reduce((s, w) => s + w, 0);
  return frac * total;
}
