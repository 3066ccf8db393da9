import { LogitTypeError, describe } from '../core/errors.js';
import * as check from '../core/options.js';
import { scaleLinear } from 'd3-scale';
import { COMMON_KEYS, commonOptions, frameFor, svgDocument, type PlotOptions } from './document.js';
import { fmt, numbers } from './inputs.js';
import { axisBottom, axisLeft, el, inner, pathThrough, text, type LegendItem } from './svg.js';

/** One row of the metrics module's `thresholdSweep` (only these fields are read). */
export interface TradeoffRow {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  falsePositive: number;
  trueNegative: number;
}

export interface ThresholdTradeoffPlotOptions extends PlotOptions {
  /** The chosen decision threshold, drawn as a vertical line with its values. */
  threshold?: number;
}

/**
 * Seed 004's trade-off as a chart: precision, recall, F1 and the false-positive rate
 * FP / (FP + TN) against the decision threshold, from `thresholdSweep` rows (sorted by
 * threshold here, so any order works). Lowering the threshold raises recall and the
 * false-positive rate together; the chosen threshold is a vertical line. Cost: O(T log T).
 */
export function plotThresholdTradeoff(rows: ArrayLike<TradeoffRow>, options: ThresholdTradeoffPlotOptions = {}): string {
  const o = check.rejectUnknownOptions(options, [...COMMON_KEYS, 'threshold'], 'plotThresholdTradeoff');
  if (rows === null || typeof rows !== 'object' || typeof rows.length !== 'number') {
    throw new LogitTypeError(`rows must be an array of thresholdSweep rows; received ${describe(rows)}`, { parameter: 'rows', value: rows });
  }
  const n = rows.length;
  const field = (name: keyof TradeoffRow, bounds: { min?: number; max?: number }): Float64Array => {
    const v = new Array<unknown>(n);
    for (let i = 0; i < n; i++) {
      const r = rows[i];
      if (r === null || typeof r !== 'object') throw new LogitTypeError(`rows[${i}] is ${describe(r)}; each row must be a thresholdSweep row`, { parameter: 'rows', row: i, value: r });
      v[i] = r[name];
    }
    return numbers(v, `rows[].${name}`, { ...bounds, minLength: 2 });
  };
  const thr = field('threshold', {});
  const precision = field('precision', { min: 0, max: 1 });
  const recall = field('recall', { min: 0, max: 1 });
  const f1 = field('f1', { min: 0, max: 1 });
  const fp = field('falsePositive', { min: 0 });
  const tn = field('trueNegative', { min: 0 });
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => thr[a] - thr[b]);
  const fpr = order.map((i) => (fp[i] + tn[i] === 0 ? 0 : fp[i] / (fp[i] + tn[i])));
  const t = o.threshold === undefined ? undefined : check.finite(o, 'threshold', 0.5);
  const com = commonOptions(o, 'threshold-tradeoff', 'Threshold trade-off', { width: 640, height: 400 });
  const items: LegendItem[] = [
    { label: 'precision', cls: 's0', kind: 'line' },
    { label: 'recall', cls: 's1', kind: 'line' },
    { label: 'F1', cls: 's2', kind: 'line' },
    { label: 'false-positive rate', cls: 's3', kind: 'line' },
  ];
  if (t !== undefined) items.push({ label: `chosen threshold ${fmt(t, 2)}`, cls: 'thr', kind: 'line' });
  const f = frameFor(com, items);
  const { x0, x1, y0, y1 } = inner(f);
  const lo = Math.min(0, thr[order[0]]);
  const hi = Math.max(1, thr[order[n - 1]]);
  const x = scaleLinear().domain([lo, hi]).range([x0, x1]);
  const y = scaleLinear().domain([0, 1]).range([y1, y0]);
  const px = order.map((i) => x(thr[i]));
  const series = (v: ArrayLike<number>, cls: string): string => el('path', { class: cls, d: pathThrough(px, Array.from(v, (a) => y(a))) });
  const body = [
    axisBottom(x, f, { label: 'decision threshold t (predict positive when P ≥ t)', ticks: 10 }),
    axisLeft(y, f, { label: 'rate', ticks: 5 }),
    series(order.map((i) => precision[i]), 's0'),
    series(order.map((i) => recall[i]), 's1'),
    series(order.map((i) => f1[i]), 's2'),
    series(fpr, 's3'),
  ];
  let best = order[0];
  for (const i of order) if (f1[i] > f1[best]) best = i;
  if (t !== undefined && t >= lo && t <= hi) {
    body.push(el('line', { class: 'thr', x1: x(t), x2: x(t), y1: y0, y2: y1 }));
    body.push(text(x(t) + (x(t) > (x0 + x1) / 2 ? -6 : 6), y0 + 12, `t = ${fmt(t, 2)}`, 'annot', { 'text-anchor': x(t) > (x0 + x1) / 2 ? 'end' : 'start' }));
  }
  const desc =
    `Precision, recall, F1 and false-positive rate at ${n} thresholds from ${fmt(thr[order[0]], 2)} to ${fmt(thr[order[n - 1]], 2)}; ` +
    `F1 peaks at ${fmt(f1[best], 3)} at threshold ${fmt(thr[best], 2)}${t !== undefined ? `; the chosen threshold is ${fmt(t, 2)}` : ''}.`;
  return svgDocument('threshold-tradeoff', com, f, desc, body.join('\n'), items);
}
