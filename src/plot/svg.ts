import { area, line } from 'd3-shape';

/**
 * The few SVG building blocks every chart shares: number formatting (two decimals, no `-0`),
 * XML escaping, element strings, the frame (outer size and margins), axes and grid lines from
 * d3-scale's ticks, and legends. Everything is a pure function returning a string, so charts
 * render without a DOM and the same input always gives the same bytes.
 */

/**
 * A coordinate or length rounded to 2 decimals (1/100 px is below what any screen shows), as the
 * shortest decimal string: `1.5`, `-3`, never `-0`. Throws on a non-finite value: a chart that
 * reaches one has a bug upstream, and `NaN` in an SVG attribute silently breaks the picture.
 * Cost: O(1).
 */
export function num(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`logit plot: non-finite coordinate ${v} (a bug in the chart code)`);
  const r = Math.round(v * 100) / 100;
  return r === 0 ? '0' : String(r);
}

/** Escapes text for use in XML content and attribute values. Cost: O(length). */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

type AttrValue = string | number | undefined | null | false;

/**
 * `<tag a="1" b="x">children</tag>`, or self-closing when `children` is undefined. Numbers go
 * through {@link num}; strings are escaped; `undefined`, `null` and `false` drop the attribute.
 */
export function el(tag: string, attrs: Record<string, AttrValue>, children?: string): string {
  let s = `<${tag}`;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    s += ` ${k}="${typeof v === 'number' ? num(v) : esc(v)}"`;
  }
  return children === undefined ? `${s}/>` : `${s}>${children}</${tag}>`;
}

/** A text element; the content is escaped. */
export function text(x: number, y: number, content: string, cls: string, attrs: Record<string, AttrValue> = {}): string {
  return el('text', { x, y, class: cls, ...attrs }, esc(content));
}

/** The outer size of a chart and the margins around its plotting area. */
export interface Frame {
  width: number;
  height: number;
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Left, right, top and bottom pixel edges of the plotting area. */
export function inner(f: Frame): { x0: number; x1: number; y0: number; y1: number } {
  return { x0: f.left, x1: f.width - f.right, y0: f.top, y1: f.height - f.bottom };
}

/** What an axis needs from a d3 continuous scale (linear or log). */
export interface TickScale {
  (v: number): number;
  ticks(count?: number): number[];
  tickFormat(count?: number, specifier?: string): (d: number) => string;
}

export interface AxisOptions {
  label: string;
  /** Approximate tick count handed to d3's `ticks` (default 6). */
  ticks?: number;
  /** d3-format specifier for tick labels (default: d3's choice for the tick step). */
  format?: string;
  /** Draw grid lines across the plotting area (default true). */
  grid?: boolean;
}

/**
 * A bottom axis with tick marks, labels, optional grid lines and the axis title; ticks and their
 * formatting are d3-scale's (`scale.ticks`, `scale.tickFormat`). Cost: O(ticks).
 */
export function axisBottom(scale: TickScale, f: Frame, o: AxisOptions): string {
  const { x0, x1, y0, y1 } = inner(f);
  const n = o.ticks ?? 6;
  const ticks = scale.ticks(n);
  const fmt = scale.tickFormat(n, o.format);
  let grid = '';
  let marks = '';
  for (const t of ticks) {
    const x = scale(t);
    if (o.grid ?? true) grid += el('line', { x1: x, x2: x, y1: y0, y2: y1 });
    marks += el('line', { x1: x, x2: x, y1, y2: y1 + 5 }) + text(x, y1 + 17, fmt(t), 'tick', { 'text-anchor': 'middle' });
  }
  return (
    (grid ? `${el('g', { class: 'grid' }, grid)}\n` : '') +
    el(
      'g',
      { class: 'axis axis-x' },
      el('line', { x1: x0, x2: x1, y1, y2: y1 }) + marks + text((x0 + x1) / 2, y1 + 36, o.label, 'label', { 'text-anchor': 'middle' }),
    )
  );
}

/** A left axis, as {@link axisBottom}. Cost: O(ticks). */
export function axisLeft(scale: TickScale, f: Frame, o: AxisOptions): string {
  const { x0, x1, y0, y1 } = inner(f);
  const n = o.ticks ?? 6;
  const ticks = scale.ticks(n);
  const fmt = scale.tickFormat(n, o.format);
  let grid = '';
  let marks = '';
  for (const t of ticks) {
    const y = scale(t);
    if (o.grid ?? true) grid += el('line', { x1: x0, x2: x1, y1: y, y2: y });
    marks += el('line', { x1: x0 - 5, x2: x0, y1: y, y2: y }) + text(x0 - 8, y + 4, fmt(t), 'tick', { 'text-anchor': 'end' });
  }
  const cy = (y0 + y1) / 2;
  const lx = x0 - f.left + 14;
  return (
    (grid ? `${el('g', { class: 'grid' }, grid)}\n` : '') +
    el(
      'g',
      { class: 'axis axis-y' },
      el('line', { x1: x0, x2: x0, y1: y0, y2: y1 }) +
        marks +
        text(lx, cy, o.label, 'label', { 'text-anchor': 'middle', transform: `rotate(-90 ${num(lx)} ${num(cy)})` }),
    )
  );
}

/** One legend entry: a swatch drawn in CSS class `cls` and its label. */
export interface LegendItem {
  label: string;
  cls: string;
  kind: 'line' | 'point' | 'swatch';
}

/** Rough width of a label at the legend's 11.5 px font; enough to lay out entries without a DOM. */
export function textWidth(s: string, px = 11.5): number {
  return s.length * px * 0.56;
}

/**
 * A legend laid out left to right just above the plotting area, wrapping onto a second row
 * when it runs out of width. Returns the markup and the number of rows used. Cost: O(items).
 */
export function legend(items: readonly LegendItem[], f: Frame, y: number): string {
  const { x0, x1 } = inner(f);
  let x = x0;
  let row = 0;
  let body = '';
  for (const it of items) {
    const w = 22 + textWidth(it.label) + 16;
    if (x > x0 && x + w > x1) {
      row++;
      x = x0;
    }
    const cy = y + row * 16;
    const swatch =
      it.kind === 'line'
        ? el('line', { x1: x, x2: x + 16, y1: cy, y2: cy, class: it.cls })
        : it.kind === 'point'
          ? el('circle', { cx: x + 8, cy, r: 4, class: it.cls })
          : el('rect', { x, y: cy - 5, width: 16, height: 10, class: it.cls });
    body += swatch + text(x + 22, cy + 4, it.label, 'legend-label');
    x += w;
  }
  return el('g', { class: 'legend' }, body);
}

/** Rows a legend needs at the frame's width (see {@link legend}). */
export function legendRows(items: readonly LegendItem[], f: Frame): number {
  const { x0, x1 } = inner(f);
  let x = x0;
  let rows = items.length > 0 ? 1 : 0;
  for (const it of items) {
    const w = 22 + textWidth(it.label) + 16;
    if (x > x0 && x + w > x1) {
      rows++;
      x = x0;
    }
    x += w;
  }
  return rows;
}

/**
 * An SVG path through the points (x[i], y[i]) in pixel space, drawn by d3-shape's `line` with
 * coordinates rounded to 2 decimals. `curve` is a d3 curve factory (linear by default).
 * Cost: O(n).
 */
export function pathThrough(px: ArrayLike<number>, py: ArrayLike<number>, curve?: Parameters<ReturnType<typeof line>['curve']>[0]): string {
  const idx = Array.from({ length: px.length }, (_, i) => i);
  const gen = line<number>()
    .x((i) => px[i])
    .y((i) => py[i])
    .digits(2);
  if (curve) gen.curve(curve);
  return gen(idx) ?? '';
}

/**
 * The region between the polyline (x[i], y[i]) and the horizontal pixel line `base`, drawn by
 * d3-shape's `area` with coordinates rounded to 2 decimals. Cost: O(n).
 */
export function areaUnder(px: ArrayLike<number>, py: ArrayLike<number>, base: number, curve?: Parameters<ReturnType<typeof area>['curve']>[0]): string {
  const idx = Array.from({ length: px.length }, (_, i) => i);
  const gen = area<number>()
    .x((i) => px[i])
    .y0(base)
    .y1((i) => py[i])
    .digits(2);
  if (curve) gen.curve(curve);
  return gen(idx) ?? '';
}
