import { LogitRangeError } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import * as check from '../core/options.js';
import { asLabels, type Label } from '../core/validate.js';
import { binaryTargets, positiveProbabilities, weights } from './inputs.js';

export interface CalibrationCurveOptions {
  /** Number of bins (default 5, as scikit-learn). */
  nBins?: number;
  /** 'uniform' (default): equal-width bins on [0, 1]; 'quantile': bins holding equal numbers of samples. */
  strategy?: 'uniform' | 'quantile';
  /** The positive label (default 1 for 0/1 labels, true for booleans; required for other labels). */
  posLabel?: Label;
  /** Weights of the bin averages (scikit-learn has none). Quantile edges stay those of the unweighted probabilities. */
  sampleWeight?: ArrayLike<number>;
}

export interface CalibrationCurve {
  /** Per non-empty bin, the (weighted) fraction of positives. */
  probTrue: Float64Array;
  /** Per non-empty bin, the (weighted) mean predicted probability. */
  probPred: Float64Array;
  /** The nBins + 1 bin edges (for 'quantile', the probabilities' percentiles). */
  edges: Float64Array;
  /** Per non-empty bin, the (weighted) number of samples. */
  counts: Float64Array;
}

/**
 * Reliability diagram data, scikit-learn's `calibration_curve`: bin the predicted positive
 * probabilities and compare, per non-empty bin, the observed fraction of positives (probTrue)
 * with the mean prediction (probPred); a calibrated model lies on the diagonal. Edges are
 * numpy's linspace(0, 1, nBins + 1) or its linear-interpolation percentiles of the
 * probabilities; a probability equal to an inner edge falls in the lower bin (searchsorted
 * 'left'). Cost: O(n log n) for 'quantile', O(n log nBins) for 'uniform'.
 */
export function calibrationCurve(
  yTrue: ArrayLike<Label>,
  probabilities: ArrayLike<number> | ArrayLike<ArrayLike<number>> | Matrix,
  options: CalibrationCurveOptions = {},
): CalibrationCurve {
  const o = check.rejectUnknownOptions(options, ['nBins', 'strategy', 'posLabel', 'sampleWeight'], 'calibrationCurve');
  const labels = asLabels(yTrue, 'yTrue');
  const n = labels.length;
  if (n === 0) throw new LogitRangeError('yTrue is empty; calibrationCurve needs at least one sample', { parameter: 'yTrue' });
  const { y } = binaryTargets(labels, o.posLabel as Label | undefined);
  const p = positiveProbabilities(probabilities, n);
  const sw = weights(o.sampleWeight, n);
  const nBins = check.integer(o, 'nBins', 5, 1);
  const strategy = check.oneOf(o, 'strategy', ['uniform', 'quantile'] as const, 'uniform');
  const lin = linspace01(nBins);
  let edges: Float64Array;
  if (strategy === 'uniform') edges = lin;
  else {
    const sorted = Float64Array.from(p).sort();
    // numpy.percentile(p, q·100): q is divided by 100 again, so round-trip it the same way.
    edges = Float64Array.from(lin, (q) => quantileLinear(sorted, (q * 100) / 100));
  }
  const sums = new Float64Array(nBins + 1);
  const trues = new Float64Array(nBins + 1);
  const totals = new Float64Array(nBins + 1);
  const inner = edges.subarray(1, nBins);
  for (let i = 0; i < n; i++) {
    // searchsorted(side='left'): the number of inner edges strictly below p.
    let lo = 0;
    let hi = inner.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (inner[mid] < p[i]) lo = mid + 1;
      else hi = mid;
    }
    const w = sw === null ? 1 : sw[i];
    sums[lo] += w * p[i];
    trues[lo] += w * y[i];
    totals[lo] += w;
  }
  const probTrue: number[] = [];
  const probPred: number[] = [];
  const counts: number[] = [];
  for (let b = 0; b <= nBins; b++) {
    if (totals[b] === 0) continue;
    probTrue.push(trues[b] / totals[b]);
    probPred.push(sums[b] / totals[b]);
    counts.push(totals[b]);
  }
  return { probTrue: Float64Array.from(probTrue), probPred: Float64Array.from(probPred), edges, counts: Float64Array.from(counts) };
}

/** numpy.linspace(0, 1, k + 1): k·(1/k) steps, the last point exactly 1. */
function linspace01(k: number): Float64Array {
  const out = new Float64Array(k + 1);
  const step = 1 / k;
  for (let i = 0; i < k; i++) out[i] = i * step;
  out[k] = 1;
  return out;
}

/** numpy's default ('linear') quantile of sorted data, with its two-sided lerp. */
function quantileLinear(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  const virtual = (n - 1) * q;
  if (virtual >= n - 1) return sorted[n - 1];
  if (virtual < 0) return sorted[0];
  const prev = Math.floor(virtual);
  const a = sorted[prev];
  const b = sorted[prev + 1];
  const t = virtual - prev;
  const diff = b - a;
  // numpy._lerp: a + (b − a)·t, but b − (b − a)(1 − t) for t ≥ 0.5 (exact at t = 1).
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}
