import { LogitRangeError, LogitTypeError, describe } from '../core/errors.js';
import * as check from '../core/options.js';
import { scaleBand, scaleLinear } from 'd3-scale';
import { COMMON_KEYS, commonOptions, frameFor, svgDocument, type PlotOptions } from './document.js';
import { fmt, numbers, sameLength } from './inputs.js';
import { axisBottom, el, esc, inner, num, text, textWidth, type LegendItem } from './svg.js';

export interface CoefficientsInput {
  /** Feature names, one per coefficient. */
  names: ArrayLike<string>;
  /** The coefficients (a binary model's `coef.row(0)`, a linear model's `coef`). */
  values: ArrayLike<number>;
  /** Lower ends of the 95 % intervals (optional; with `hi`). */
  lo?: ArrayLike<number>;
  /** Upper ends of the 95 % intervals. */
  hi?: ArrayLike<number>;
}

export interface CoefficientsPlotOptions extends PlotOptions {
  /** Show the largest `maxBars` by magnitude (default 20); the note says how many were left out. */
  maxBars?: number;
  /** x-axis label (default `'coefficient'`). */
  xLabel?: string;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/**
 * Horizontal bars of the coefficients sorted by magnitude |wⱼ| (largest on top, ties by name),
 * coloured by sign, with optional 95 % interval whiskers [lo, hi] and the value at each bar.
 * At most `maxBars` bars; the height grows with their number. Cost: O(d log d).
 */
export function plotCoefficients(input: CoefficientsInput, options: CoefficientsPlotOptions = {}): string {
  const o = check.rejectUnknownOptions(options, [...COMMON_KEYS, 'maxBars', 'xLabel'], 'plotCoefficients');
  if (input === null || typeof input !== 'object') throw new LogitTypeError(`input must be { names, values }; received ${describe(input)}`, { parameter: 'input', value: input });
  const values = numbers(input.values, 'values');
  const rawNames = input.names;
  if (rawNames === null || typeof rawNames !== 'object' || typeof rawNames.length !== 'number') {
    throw new LogitTypeError(`names must be an array of strings; received ${describe(rawNames)}`, { parameter: 'names', value: rawNames });
  }
  sameLength(values, 'values', rawNames, 'names');
  const names = Array.from(rawNames, (s, i) => {
    if (typeof s !== 'string') throw new LogitTypeError(`names[${i}] is ${describe(s)}; names must be strings`, { parameter: 'names', row: i, value: s });
    return s;
  });
  let lo: Float64Array | null = null;
  let hi: Float64Array | null = null;
  if ((input.lo === undefined) !== (input.hi === undefined)) {
    throw new LogitRangeError('intervals need both lo and hi', { parameter: input.lo === undefined ? 'lo' : 'hi' });
  }
  if (input.lo !== undefined && input.hi !== undefined) {
    lo = numbers(input.lo, 'lo');
    hi = numbers(input.hi, 'hi');
    sameLength(values, 'values', lo, 'lo');
    sameLength(values, 'values', hi, 'hi');
    for (let j = 0; j < values.length; j++) {
      if (!(lo[j] <= values[j] && values[j] <= hi[j])) {
        throw new LogitRangeError(`interval ${j} (${names[j]}) is [${lo[j]}, ${hi[j]}] but the coefficient is ${values[j]}; need lo ≤ value ≤ hi`, {
          parameter: 'lo',
          row: j,
          value: lo[j],
        });
      }
    }
  }
  const maxBars = check.integer(o, 'maxBars', 20, 1);
  const xLabel = typeof o.xLabel === 'string' ? o.xLabel : 'coefficient';
  const order = Array.from(values.keys())
    .sort((a, b) => Math.abs(values[b]) - Math.abs(values[a]) || (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : a - b))
    .slice(0, maxBars);
  const k = order.length;
  const labelLen = Math.min(28, Math.max(...order.map((j) => names[j].length)));
  const items: LegendItem[] = [
    { label: 'raises the prediction', cls: 'bar-pos', kind: 'swatch' },
    { label: 'lowers it', cls: 'bar-neg', kind: 'swatch' },
  ];
  if (lo) items.push({ label: '95 % interval', cls: 'whisker', kind: 'line' });
  const com = commonOptions(o, 'coefficients', 'Coefficients', { width: 640, height: 126 + 24 * k });
  const f = frameFor(com, items, { left: Math.max(60, textWidth('x'.repeat(labelLen), 12) + 18), right: 24, bottom: k < values.length ? 66 : 50 });
  const { x0, x1, y0, y1 } = inner(f);
  let a = 0;
  let b = 0;
  for (const j of order) {
    a = Math.min(a, lo ? lo[j] : values[j]);
    b = Math.max(b, hi ? hi[j] : values[j]);
  }
  if (a === b) b = 1;
  // Room for the value labels beside the bars' ends.
  const room = (b - a) * 0.1;
  const x = scaleLinear()
    .domain([a < 0 ? a - room : a, b > 0 ? b + room : b])
    .nice()
    .range([x0, x1]);
  const y = scaleBand<number>().domain(order).range([y0, y1]).padding(0.25);
  const bars: string[] = [];
  for (const j of order) {
    const top = y(j) ?? 0;
    const h = y.bandwidth();
    const v = values[j];
    bars.push(el('rect', { class: v >= 0 ? 'bar-pos' : 'bar-neg', x: Math.min(x(0), x(v)), y: top, width: Math.abs(x(v) - x(0)), height: h }));
    if (lo && hi) {
      const cy = top + h / 2;
      const [l, r] = [num(x(lo[j])), num(x(hi[j]))];
      bars.push(el('path', { class: 'whisker', d: `M${l},${num(cy - 4)}v8M${l},${num(cy)}H${r}M${r},${num(cy - 4)}v8` }));
    }
    const end = lo && hi ? (v >= 0 ? x(hi[j]) : x(lo[j])) : x(v);
    bars.push(text(end + (v >= 0 ? 4 : -4), top + h / 2 + 4, fmt(v, 3), 'tick', { 'text-anchor': v >= 0 ? 'start' : 'end' }));
    bars.push(el('text', { x: x0 - 8, y: top + h / 2 + 4, class: 'tick', 'text-anchor': 'end' }, `<title>${esc(names[j])}</title>${esc(truncate(names[j], 28))}`));
  }
  const body = [axisBottom(x, f, { label: xLabel }), el('line', { class: 'zero', x1: x(0), x2: x(0), y1: y0, y2: y1 }), el('g', { class: 'bars' }, bars.join(''))];
  if (k < values.length) body.push(text(x1, y1 + 58, `largest ${k} of ${values.length} by |coefficient|`, 'note', { 'text-anchor': 'end' }));
  const desc =
    `${k === values.length ? 'All' : `The ${k} largest of`} ${values.length} coefficients by magnitude${lo ? ' with 95 % intervals' : ''}: ` +
    order
      .slice(0, 10)
      .map((j) => `${names[j]} ${fmt(values[j], 3)}${lo && hi ? ` [${fmt(lo[j], 3)}, ${fmt(hi[j], 3)}]` : ''}`)
      .join(', ') +
    (k > 10 ? ', …' : '') +
    '.';
  return svgDocument('coefficients', com, f, desc, body.join('\n'), items);
}
