import { LogitRangeError } from '../core/errors.js';
import * as check from '../core/options.js';
import { scaleLinear } from 'd3-scale';
import { curveStepAfter } from 'd3-shape';
import { COMMON_KEYS, commonOptions, frameFor, svgDocument, type PlotOptions } from './document.js';
import { fmt, numbers, record, sameLength, thresholdValues } from './inputs.js';
import { operatingPoint } from './roc.js';
import { areaUnder, axisBottom, axisLeft, el, inner, pathThrough, text, type LegendItem } from './svg.js';

/** A precision-recall curve as the metrics module's `precisionRecallCurve` returns it (scikit-learn's layout). */
export interface PrecisionRecallCurveInput {
  /** Precision of each operating point; scikit-learn appends a final 1 (recall 0). */
  precision: ArrayLike<number>;
  /** Recall of each operating point, falling along the array in scikit-learn's order. */
  recall: ArrayLike<number>;
  /** Threshold of each operating point: as long as precision, or one shorter (scikit-learn). */
  thresholds?: ArrayLike<number>;
}

export interface PrecisionRecallPlotOptions extends PlotOptions {
  /** Average precision for the legend; by default the area under the drawn step curve (see below). */
  averagePrecision?: number;
  /** Mark the operating point of this decision threshold (needs `thresholds`). */
  threshold?: number;
  /** Share of positives: draws the no-skill line precision = prevalence. */
  prevalence?: number;
  /** Legend label of the curve (default `'model'`). */
  label?: string;
}

/**
 * The precision-recall curve drawn as scikit-learn draws it (a step function, "steps-post" in
 * the curve's order), average precision in the legend, optionally the no-skill line at the
 * prevalence and a marker at the chosen threshold. Without `averagePrecision` the legend shows
 * the area under the drawn steps, AP = Σᵢ (Rᵢ − Rᵢ₊₁)·Pᵢ with recall falling along the array,
 * which is scikit-learn's `average_precision_score` for the same curve. A curve given in rising
 * recall order is reversed first. Cost: O(n).
 */
export function plotPrecisionRecallCurve(curve: PrecisionRecallCurveInput, options: PrecisionRecallPlotOptions = {}): string {
  const o = check.rejectUnknownOptions(options, [...COMMON_KEYS, 'averagePrecision', 'threshold', 'prevalence', 'label'], 'plotPrecisionRecallCurve');
  const c = record(curve, 'curve', ['precision', 'recall']);
  let precision = numbers(c.precision, 'curve.precision', { min: 0, max: 1, minLength: 2 });
  let recall = numbers(c.recall, 'curve.recall', { min: 0, max: 1 });
  sameLength(precision, 'curve.precision', recall, 'curve.recall');
  let thresholds: Float64Array | null = null;
  if (c.thresholds !== undefined) {
    thresholds = thresholdValues(c.thresholds, 'curve.thresholds');
    if (thresholds.length !== precision.length && thresholds.length !== precision.length - 1) {
      throw new LogitRangeError(`curve.thresholds has ${thresholds.length} values; it must have as many as curve.precision (${precision.length}) or one fewer`, {
        parameter: 'curve.thresholds',
        value: thresholds.length,
      });
    }
  }
  const n = precision.length;
  if (recall[0] < recall[n - 1]) {
    precision = precision.slice().reverse();
    recall = recall.slice().reverse();
    if (thresholds) {
      // Thresholds align with the first points; after reversing they align with the last ones.
      const t = thresholds.slice().reverse();
      thresholds = new Float64Array(n).fill(NaN);
      thresholds.set(t, n - t.length);
    }
  }
  let ap = 0;
  for (let i = 0; i + 1 < n; i++) ap += (recall[i] - recall[i + 1]) * precision[i];
  if (o.averagePrecision !== undefined) ap = check.inRange(o, 'averagePrecision', 0, 0, 1);
  const prevalence = o.prevalence === undefined ? undefined : check.inRange(o, 'prevalence', 0, 0, 1);
  const label = typeof o.label === 'string' ? o.label : 'model';
  let mark = -1;
  let t = NaN;
  if (o.threshold !== undefined) {
    t = check.finite(o, 'threshold', 0.5);
    if (!thresholds) throw new LogitRangeError('option threshold needs curve.thresholds to find the operating point', { parameter: 'threshold', value: t });
    const usable = Array.from(thresholds, (v) => (Number.isNaN(v) ? -Infinity : v));
    mark = operatingPoint(usable, t);
  }
  const com = commonOptions(o, 'precision-recall', 'Precision–recall curve', { width: 480, height: 460 });
  const items: LegendItem[] = [{ label: `${label} (AP = ${fmt(ap)})`, cls: 'curve', kind: 'line' }];
  if (prevalence !== undefined) items.push({ label: `no skill (prevalence ${fmt(prevalence, 2)})`, cls: 'ref', kind: 'line' });
  if (mark >= 0) items.push({ label: `threshold ${fmt(t, 2)}`, cls: 'marker', kind: 'point' });
  const f = frameFor(com, items);
  const { x0, x1, y0, y1 } = inner(f);
  const x = scaleLinear().domain([0, 1]).range([x0, x1]);
  const y = scaleLinear().domain([0, 1]).range([y1, y0]);
  const px = Array.from(recall, (v) => x(v));
  const py = Array.from(precision, (v) => y(v));
  const body = [
    axisBottom(x, f, { label: 'recall (TP / positives)', ticks: 5 }),
    axisLeft(y, f, { label: 'precision (TP / predicted positives)', ticks: 5 }),
    el('path', { class: 'area', d: areaUnder(px, py, y(0), curveStepAfter) }),
  ];
  if (prevalence !== undefined) body.push(el('line', { class: 'ref', x1: x(0), x2: x(1), y1: y(prevalence), y2: y(prevalence) }));
  body.push(el('path', { class: 'curve', d: pathThrough(px, py, curveStepAfter) }));
  if (mark >= 0) {
    body.push(el('circle', { class: 'marker', cx: px[mark], cy: py[mark], r: 5 }));
    const right = px[mark] > (x0 + x1) / 2;
    body.push(
      text(px[mark] + (right ? -8 : 8), py[mark] + 16, `t = ${fmt(t, 2)}: precision ${fmt(precision[mark], 2)}, recall ${fmt(recall[mark], 2)}`, 'annot', {
        'text-anchor': right ? 'end' : 'start',
      }),
    );
  }
  const desc =
    `Precision-recall curve with ${n} operating points; average precision ${fmt(ap)}` +
    (prevalence !== undefined ? `; a classifier without skill has precision ${fmt(prevalence, 3)}` : '') +
    (mark >= 0 ? `; at threshold ${fmt(t, 2)} precision is ${fmt(precision[mark], 3)} and recall ${fmt(recall[mark], 3)}.` : '.');
  return svgDocument('precision-recall', com, f, desc, body.join('\n'), items);
}
