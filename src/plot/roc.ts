import { LogitRangeError } from '../core/errors.js';
import * as check from '../core/options.js';
import { scaleLinear } from 'd3-scale';
import { COMMON_KEYS, commonOptions, frameFor, svgDocument, type PlotOptions } from './document.js';
import { fmt, numbers, record, sameLength, thresholdValues } from './inputs.js';
import { areaUnder, axisBottom, axisLeft, el, inner, pathThrough, text, type LegendItem } from './svg.js';

/** A ROC curve as the metrics module's `rocCurve` returns it. */
export interface RocCurveInput {
  /** False-positive rates FP / N, one per operating point. */
  fpr: ArrayLike<number>;
  /** True-positive rates TP / P. */
  tpr: ArrayLike<number>;
  /** Score thresholds of the operating points (needed only to mark `threshold`). */
  thresholds?: ArrayLike<number>;
}

export interface RocPlotOptions extends PlotOptions {
  /** Area under the curve for the legend; by default the trapezoidal area of the drawn polyline. */
  auc?: number;
  /** Mark the operating point of this decision threshold (needs `thresholds`). */
  threshold?: number;
  /** Legend label of the curve (default `'model'`). */
  label?: string;
}

/**
 * Index of the operating point a decision threshold t selects: predicting positive when p ≥ t
 * gives the same predictions as the smallest curve threshold ≥ t (ties: the later point).
 * -1 when no threshold is ≥ t. Works for increasing and decreasing threshold orders. Cost: O(n).
 */
export function operatingPoint(thresholds: ArrayLike<number>, t: number): number {
  let best = -1;
  for (let i = 0; i < thresholds.length; i++) {
    if (thresholds[i] >= t && (best < 0 || thresholds[i] <= thresholds[best])) best = i;
  }
  return best;
}

/** Σ (x[i+1] − x[i]) · (y[i+1] + y[i]) / 2 in absolute value: the trapezoidal area under a polyline. */
function trapezoid(x: Float64Array, y: Float64Array): number {
  let a = 0;
  for (let i = 1; i < x.length; i++) a += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2;
  return Math.abs(a);
}

/**
 * The ROC curve: true-positive rate against false-positive rate as the threshold falls, with
 * the chance diagonal (AUC 0.5) and the AUC in the legend; optionally the operating point of the
 * chosen threshold. The curve is drawn as given (the metrics module's `rocCurve` output).
 * Cost: O(n) for n points.
 */
export function plotRocCurve(curve: RocCurveInput, options: RocPlotOptions = {}): string {
  const o = check.rejectUnknownOptions(options, [...COMMON_KEYS, 'auc', 'threshold', 'label'], 'plotRocCurve');
  const c = record(curve, 'curve', ['fpr', 'tpr']);
  const fpr = numbers(c.fpr, 'curve.fpr', { min: 0, max: 1, minLength: 2 });
  const tpr = numbers(c.tpr, 'curve.tpr', { min: 0, max: 1 });
  sameLength(fpr, 'curve.fpr', tpr, 'curve.tpr');
  const auc = o.auc === undefined ? trapezoid(fpr, tpr) : check.inRange(o, 'auc', 0, 0, 1);
  const label = typeof o.label === 'string' ? o.label : 'model';
  let mark = -1;
  let t = NaN;
  if (o.threshold !== undefined) {
    t = check.finite(o, 'threshold', 0.5);
    if (c.thresholds === undefined) {
      throw new LogitRangeError('option threshold needs curve.thresholds to find the operating point', { parameter: 'threshold', value: t });
    }
    const thr = thresholdValues(c.thresholds, 'curve.thresholds');
    sameLength(fpr, 'curve.fpr', thr, 'curve.thresholds');
    mark = operatingPoint(thr, t);
  }
  const com = commonOptions(o, 'roc', 'ROC curve', { width: 480, height: 460 });
  const items: LegendItem[] = [
    { label: `${label} (AUC = ${fmt(auc)})`, cls: 'curve', kind: 'line' },
    { label: 'chance (AUC = 0.5)', cls: 'ref', kind: 'line' },
  ];
  if (mark >= 0) items.push({ label: `threshold ${fmt(t, 2)}`, cls: 'marker', kind: 'point' });
  const f = frameFor(com, items);
  const { x0, x1, y0, y1 } = inner(f);
  const x = scaleLinear().domain([0, 1]).range([x0, x1]);
  const y = scaleLinear().domain([0, 1]).range([y1, y0]);
  const px = Array.from(fpr, (v) => x(v));
  const py = Array.from(tpr, (v) => y(v));
  const body = [
    axisBottom(x, f, { label: 'false-positive rate (FP / negatives)', ticks: 5 }),
    axisLeft(y, f, { label: 'true-positive rate (recall)', ticks: 5 }),
    el('path', { class: 'area', d: areaUnder(px, py, y(0)) }),
    el('line', { class: 'ref', x1: x(0), y1: y(0), x2: x(1), y2: y(1) }),
    el('path', { class: 'curve', d: pathThrough(px, py) }),
  ];
  if (mark >= 0) {
    body.push(el('circle', { class: 'marker', cx: px[mark], cy: py[mark], r: 5 }));
    body.push(text(px[mark] + 8, py[mark] + 14, `t = ${fmt(t, 2)}: FPR ${fmt(fpr[mark], 2)}, TPR ${fmt(tpr[mark], 2)}`, 'annot'));
  }
  const desc =
    `ROC curve with ${fpr.length} operating points; area under the curve ${fmt(auc)} (0.5 is chance, 1 is perfect)` +
    (mark >= 0 ? `; at threshold ${fmt(t, 2)} the false-positive rate is ${fmt(fpr[mark], 3)} and the true-positive rate ${fmt(tpr[mark], 3)}.` : '.');
  return svgDocument('roc', com, f, desc, body.join('\n'), items);
}
