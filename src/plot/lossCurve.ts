import { LogitRangeError } from '../core/errors.js';
import * as check from '../core/options.js';
import { scaleLinear, scaleLog } from 'd3-scale';
import { COMMON_KEYS, commonOptions, frameFor, svgDocument, type PlotOptions } from './document.js';
import { fmt, numbers } from './inputs.js';
import { axisBottom, axisLeft, el, inner, pathThrough, type LegendItem } from './svg.js';

export interface LossCurvePlotOptions extends PlotOptions {
  /** Logarithmic y axis (default false); every value must then be > 0. */
  logScale?: boolean;
  /** y-axis label (default `'loss'`). */
  yLabel?: string;
  /** x-axis label (default `'iteration'`). */
  xLabel?: string;
  /** Longest polyline drawn (default 1000 points); longer histories are decimated. */
  maxPoints?: number;
}

/**
 * Indices that keep a long series' shape in at most ~`max` points: the series is cut into
 * max/2 buckets and each keeps its lowest and highest value (in order), plus the first and
 * last point, so spikes and the final value survive. Deterministic. Cost: O(n).
 */
export function decimate(v: Float64Array, max: number): number[] {
  const n = v.length;
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const buckets = Math.max(1, Math.floor(max / 2));
  const out: number[] = [0];
  for (let b = 0; b < buckets; b++) {
    const s = Math.floor((b * n) / buckets);
    const e = Math.floor(((b + 1) * n) / buckets);
    let lo = s;
    let hi = s;
    for (let i = s; i < e; i++) {
      if (v[i] < v[lo]) lo = i;
      if (v[i] > v[hi]) hi = i;
    }
    for (const i of lo < hi ? [lo, hi] : [hi, lo]) if (i > out[out.length - 1]) out.push(i);
  }
  if (out[out.length - 1] !== n - 1) out.push(n - 1);
  return out;
}

/**
 * The training loss against the iteration (a model's `lossHistory`, iteration 1 first), on a
 * linear or logarithmic axis. Long histories are decimated to `maxPoints` by per-bucket
 * minimum and maximum so the picture keeps its spikes. Cost: O(n).
 */
export function plotLossCurve(lossHistory: ArrayLike<number>, options: LossCurvePlotOptions = {}): string {
  const o = check.rejectUnknownOptions(options, [...COMMON_KEYS, 'logScale', 'yLabel', 'xLabel', 'maxPoints'], 'plotLossCurve');
  const v = numbers(lossHistory, 'lossHistory');
  const logScale = check.bool(o, 'logScale', false);
  const maxPoints = check.integer(o, 'maxPoints', 1000, 4);
  if (logScale) {
    for (let i = 0; i < v.length; i++) {
      if (!(v[i] > 0)) {
        throw new LogitRangeError(`lossHistory[${i}] is ${v[i]}; a logarithmic axis needs values > 0 (use logScale: false)`, { parameter: 'lossHistory', row: i, value: v[i] });
      }
    }
  }
  const yLabel = typeof o.yLabel === 'string' ? o.yLabel : 'loss';
  const xLabel = typeof o.xLabel === 'string' ? o.xLabel : 'iteration';
  const n = v.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of v) {
    lo = Math.min(lo, a);
    hi = Math.max(hi, a);
  }
  const com = commonOptions(o, 'loss', 'Training loss', { width: 640, height: 380 });
  const items: LegendItem[] = [{ label: `loss (final ${fmt(v[n - 1], 4)} after ${n} iteration${n === 1 ? '' : 's'})`, cls: 's0', kind: 'line' }];
  const f = frameFor(com, items, { left: 70 });
  const { x0, x1, y0, y1 } = inner(f);
  const x = scaleLinear().domain([1, Math.max(2, n)]).nice().range([x0, x1]);
  let y;
  if (logScale) {
    y = scaleLog().domain(lo === hi ? [lo / 2, hi * 2] : [lo, hi]).nice().range([y1, y0]);
  } else {
    const pad = lo === hi ? Math.max(Math.abs(lo) * 0.1, 0.5) : (hi - lo) * 0.05;
    y = scaleLinear().domain([lo - pad, hi + pad]).nice().range([y1, y0]);
  }
  const keep = decimate(v, maxPoints);
  const px = keep.map((i) => x(i + 1));
  const py = keep.map((i) => y(v[i]));
  const body = [
    axisBottom(x, f, { label: xLabel, format: ',~d' }),
    axisLeft(y, f, { label: logScale ? `${yLabel} (log scale)` : yLabel, format: logScale ? '~g' : undefined }),
    n === 1 ? el('circle', { class: 'marker', cx: px[0], cy: py[0], r: 3 }) : el('path', { class: 's0', d: pathThrough(px, py) }),
  ];
  const desc = `Training loss over ${n} iteration${n === 1 ? '' : 's'}${keep.length < n ? ` (${keep.length} points drawn)` : ''}: from ${fmt(v[0], 4)} to ${fmt(v[n - 1], 4)}, lowest ${fmt(lo, 4)}.`;
  return svgDocument('loss', com, f, desc, body.join('\n'), items);
}
