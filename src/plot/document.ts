import { LogitRangeError, LogitTypeError, describe } from '../core/errors.js';
import * as check from '../core/options.js';
import { PLOT_CSS } from './style.js';
import { el, esc, legend, legendRows, text, type Frame, type LegendItem } from './svg.js';

/** Options every chart accepts. */
export interface PlotOptions {
  /** Width of the SVG in px (default 640; the viewBox makes it scale to its container). */
  width?: number;
  /** Height of the SVG in px (default 420, or the chart's own default). */
  height?: number;
  /** The chart title: visible at the top (unless `showTitle` is false) and the SVG's `<title>`. */
  title?: string;
  /** Screen-reader description (`<desc>`); by default a sentence generated from the data. */
  description?: string;
  /** Prefix for the ids of `<title>` and `<desc>`; must be unique on a page holding several charts. */
  id?: string;
  /** Draw the title inside the SVG (default true; a report with its own headings turns it off). */
  showTitle?: boolean;
  /** Include the `<style>` element (default true; a page that includes {@link PLOT_CSS} once turns it off). */
  embedStyle?: boolean;
}

export const COMMON_KEYS = ['width', 'height', 'title', 'description', 'id', 'showTitle', 'embedStyle'] as const;

/** Fully defaulted common options. */
export interface Common {
  width: number;
  height: number;
  title: string;
  description: string | undefined;
  id: string;
  showTitle: boolean;
  embedStyle: boolean;
}

function optionalString(o: Record<string, unknown>, name: string): string | undefined {
  const v = o[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new LogitTypeError(`option ${name} must be a string; received ${describe(v)}`, { parameter: name, value: v });
  return v;
}

/** Reads the common options out of an already key-checked options object. */
export function commonOptions(o: Record<string, unknown>, kind: string, title: string, size: { width?: number; height?: number } = {}): Common {
  const width = check.positive(o, 'width', size.width ?? 640);
  const height = check.positive(o, 'height', size.height ?? 420);
  if (width < 160 || height < 120) {
    throw new LogitRangeError(`a chart needs at least 160 × 120 px; received width ${width}, height ${height}`, {
      parameter: width < 160 ? 'width' : 'height',
      value: width < 160 ? width : height,
    });
  }
  const id = optionalString(o, 'id') ?? `logit-${kind}`;
  if (!/^[A-Za-z][\w-]*$/.test(id)) {
    throw new LogitRangeError(`option id must start with a letter and hold only letters, digits, _ and -; received ${describe(id)}`, { parameter: 'id', value: id });
  }
  return {
    width,
    height,
    title: optionalString(o, 'title') ?? title,
    description: optionalString(o, 'description'),
    id,
    showTitle: check.bool(o, 'showTitle', true),
    embedStyle: check.bool(o, 'embedStyle', true),
  };
}

/**
 * Margins for a chart: room for the title and legend rows on top, axis labels bottom and left.
 * `left` grows for long y tick labels (coefficient names).
 */
export function frameFor(c: Common, legendItems: readonly LegendItem[], margins: { left?: number; right?: number; bottom?: number } = {}): Frame {
  const f: Frame = { width: c.width, height: c.height, top: 0, right: margins.right ?? 20, bottom: margins.bottom ?? 50, left: margins.left ?? 62 };
  const rows = legendRows(legendItems, f);
  f.top = (c.showTitle ? 30 : 8) + rows * 16 + (rows > 0 ? 10 : 4);
  return f;
}

/**
 * Wraps a chart's body in a complete, accessible SVG document: `role="img"`, `<title>` and
 * `<desc>` referenced by `aria-labelledby`, the stylesheet, a white background, the visible
 * title and the legend. Cost: O(size of body).
 */
export function svgDocument(kind: string, c: Common, f: Frame, description: string, body: string, legendItems: readonly LegendItem[] = []): string {
  const desc = c.description ?? description;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="logit-plot logit-${kind}" viewBox="0 0 ${c.width} ${c.height}" width="${c.width}" height="${c.height}" role="img" aria-labelledby="${c.id}-title ${c.id}-desc">`,
    el('title', { id: `${c.id}-title` }, esc(c.title)),
    el('desc', { id: `${c.id}-desc` }, esc(desc)),
  ];
  if (c.embedStyle) parts.push(`<style>${PLOT_CSS}</style>`);
  parts.push(el('rect', { class: 'bg', width: c.width, height: c.height }));
  if (c.showTitle) parts.push(text(f.left, 20, c.title, 'title'));
  if (legendItems.length > 0) parts.push(legend(legendItems, f, (c.showTitle ? 30 : 8) + 8));
  parts.push(body);
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
