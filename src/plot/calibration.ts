import * as check from '../core/options.js';
import { scaleLinear } from 'd3-scale';
import { COMMON_KEYS, commonOptions, frameFor, svgDocument, type PlotOptions } from './document.js';
import { fmt, numbers, record, sameLength } from './inputs.js';
import { axisBottom, axisLeft, el, inner, pathThrough, type LegendItem } from './svg.js';

/** A reliability curve as the metrics module's `calibrationCurve` returns it (scikit-learn's `calibration_curve`). */
export interface CalibrationCurveInput {
  /** Fraction of positives in each probability bin. */
  probTrue: ArrayLike<number>;
  /** Mean predicted probability in each bin. */
  probPred: ArrayLike<number>;
  /** Samples in each bin (optional): markers are drawn with area proportional to it. */
  counts?: ArrayLike<number>;
}

export interface CalibrationPlotOptions extends PlotOptions {
  /** Legend label of the curve (default `'model'`). */
  label?: string;
}

/**
 * The calibration (reliability) curve: observed fraction of positives against mean predicted
 * probability per bin, with the diagonal of perfect calibration. Points below the diagonal mean
 * the model is over-confident there. Cost: O(bins).
 */
export function plotCalibrationCurve(curve: CalibrationCurveInput, options: CalibrationPlotOptions = {}): string {
  const o = check.rejectUnknownOptions(options, [...COMMON_KEYS, 'label'], 'plotCalibrationCurve');
  const c = record(curve, 'curve', ['probTrue', 'probPred']);
  const probTrue = numbers(c.probTrue, 'curve.probTrue', { min: 0, max: 1 });
  const probPred = numbers(c.probPred, 'curve.probPred', { min: 0, max: 1 });
  sameLength(probTrue, 'curve.probTrue', probPred, 'curve.probPred');
  let counts: Float64Array | null = null;
  if (c.counts !== undefined) {
    counts = numbers(c.counts, 'curve.counts', { min: 0 });
    sameLength(probTrue, 'curve.probTrue', counts, 'curve.counts');
  }
  let maxCount = 0;
  if (counts) for (const v of counts) maxCount = Math.max(maxCount, v);
  const radius = (i: number): number => (counts && maxCount > 0 ? 2.5 + 5.5 * Math.sqrt(counts[i] / maxCount) : 4);
  const label = typeof o.label === 'string' ? o.label : 'model';
  const com = commonOptions(o, 'calibration', 'Calibration curve', { width: 480, height: 460 });
  const items: LegendItem[] = [
    { label: counts ? `${label} (marker area ∝ samples in the bin)` : label, cls: 'curve', kind: 'line' },
    { label: 'perfectly calibrated', cls: 'ref', kind: 'line' },
  ];
  const f = frameFor(com, items);
  const { x0, x1, y0, y1 } = inner(f);
  const x = scaleLinear().domain([0, 1]).range([x0, x1]);
  const y = scaleLinear().domain([0, 1]).range([y1, y0]);
  const px = Array.from(probPred, (v) => x(v));
  const py = Array.from(probTrue, (v) => y(v));
  let gap = 0;
  for (let i = 0; i < probTrue.length; i++) gap = Math.max(gap, Math.abs(probTrue[i] - probPred[i]));
  const body = [
    axisBottom(x, f, { label: 'mean predicted probability (per bin)', ticks: 5 }),
    axisLeft(y, f, { label: 'observed fraction of positives', ticks: 5 }),
    el('line', { class: 'ref', x1: x(0), y1: y(0), x2: x(1), y2: y(1) }),
    el('path', { class: 'curve', d: pathThrough(px, py) }),
    el('g', { class: 'points' }, px.map((v, i) => el('circle', { class: 'marker', cx: v, cy: py[i], r: radius(i) })).join('')),
  ];
  const desc =
    `Calibration curve over ${probTrue.length} probability bins; the largest gap between predicted probability and observed frequency is ${fmt(gap, 3)}` +
    (counts ? `; samples per bin: ${Array.from(counts, (v) => fmt(v, 0)).join(', ')} (marker area ∝ count).` : '.');
  return svgDocument('calibration', com, f, desc, body.join('\n'), items);
}
