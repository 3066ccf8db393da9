import { LogitRangeError, LogitTypeError, describe } from './errors.js';
import { own, required } from './serial.js';
import { VERSION } from './version.js';

/**
 * What a fitted model remembers about its training run, written into its document:
 * feature names (when given), the number of rows, when it was fitted and by which logit.
 */
export interface TrainingInfo {
  /** One name per feature, or null when fit was not told them. */
  readonly featureNames: readonly string[] | null;
  /** Rows seen by fit. */
  readonly nSamples: number;
  /** ISO 8601 time of the fit. */
  readonly fittedAt: string;
  /** The logit version that fitted the model. */
  readonly logitVersion: string;
}

/** Checks `featureNames`: d distinct strings, or undefined. */
export function asFeatureNames(v: unknown, d: number, name = 'featureNames'): string[] | null {
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v)) throw new LogitTypeError(`${name} must be an array of strings; received ${describe(v)}`, { parameter: name, value: v });
  if (v.length !== d) {
    throw new LogitRangeError(`${name} has ${v.length} names but X has ${d} features`, { parameter: name, value: v.length });
  }
  const seen = new Set<string>();
  v.forEach((s, j) => {
    if (typeof s !== 'string') throw new LogitTypeError(`${name}[${j}] is ${describe(s)}; names must be strings`, { parameter: name, column: j, value: s });
    if (seen.has(s)) throw new LogitRangeError(`${name}[${j}] repeats the name ${describe(s)}; names must be distinct`, { parameter: name, column: j, value: s });
    seen.add(s);
  });
  return [...v];
}

/** The record of a fit that is happening now. */
export function trainingInfo(nSamples: number, featureNames: string[] | null): TrainingInfo {
  return { featureNames, nSamples, fittedAt: new Date().toISOString(), logitVersion: VERSION };
}

/** The JSON form of {@link TrainingInfo}. */
export function encodeTraining(t: TrainingInfo): Record<string, unknown> {
  return { featureNames: t.featureNames === null ? null : [...t.featureNames], nSamples: t.nSamples, fittedAt: t.fittedAt, logitVersion: t.logitVersion };
}

/** Reads `state.training`, checking feature names against the model's feature count. */
export function decodeTraining(v: unknown, path: string, nFeatures: number): TrainingInfo {
  const featureNames = asFeatureNames(own(v, 'featureNames', path), nFeatures, `${path}.featureNames`);
  const nSamples = required(v, 'nSamples', path);
  if (typeof nSamples !== 'number' || !Number.isInteger(nSamples) || nSamples < 1) {
    throw new LogitRangeError(`${path}.nSamples must be a positive integer; found ${describe(nSamples)}`, { parameter: `${path}.nSamples` });
  }
  const fittedAt = required(v, 'fittedAt', path);
  if (typeof fittedAt !== 'string' || Number.isNaN(Date.parse(fittedAt))) {
    throw new LogitRangeError(`${path}.fittedAt must be an ISO date string; found ${describe(fittedAt)}`, { parameter: `${path}.fittedAt` });
  }
  const logitVersion = required(v, 'logitVersion', path);
  if (typeof logitVersion !== 'string') {
    throw new LogitTypeError(`${path}.logitVersion must be a string; found ${describe(logitVersion)}`, { parameter: `${path}.logitVersion` });
  }
  return { featureNames, nSamples, fittedAt, logitVersion };
}
