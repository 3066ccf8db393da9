import { LogitRangeError } from '../core/errors.js';
import { asFeatureNames } from '../core/training.js';

/** Options of an unsupervised transformer's `fit`. */
export interface TransformerFitOptions {
  /** One name per input column, kept in the document and used by getFeatureNamesOut (default none). */
  featureNames?: readonly string[];
}

/** scikit-learn's default input names: `x0`, `x1`, …, `x{d−1}`. Cost: O(d). */
export function defaultFeatureNames(d: number): string[] {
  return Array.from({ length: d }, (_, j) => `x${j}`);
}

/**
 * The input names a transformer's `getFeatureNamesOut(inputNames)` works from, by scikit-learn's
 * rule (`_check_feature_names_in`): the names given, which must be d distinct strings and equal
 * the names seen by fit when fit saw names; else the names seen by fit; else x0 … x{d−1}.
 * Cost: O(d).
 */
export function resolveInputNames(inputNames: unknown, fitted: readonly string[] | null, d: number, owner: string): string[] {
  if (inputNames === undefined || inputNames === null) return fitted === null ? defaultFeatureNames(d) : [...fitted];
  const names = asFeatureNames(inputNames, d, 'inputNames') as string[];
  if (fitted !== null) {
    const j = names.findIndex((s, k) => s !== fitted[k]);
    if (j >= 0) {
      throw new LogitRangeError(`${owner}.getFeatureNamesOut: inputNames[${j}] is ${JSON.stringify(names[j])} but fit saw ${JSON.stringify(fitted[j])}`, {
        parameter: 'inputNames',
        column: j,
        value: names[j],
      });
    }
  }
  return names;
}
