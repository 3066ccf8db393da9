import { LogitTypeError, describe } from '../core/errors.js';
import { PLOT_CSS } from '../plot/style.js';
import { esc } from '../plot/svg.js';

/** One section of a report: a heading, an optional lead paragraph, charts and tables. */
export interface ReportSection {
  /** Anchor id (letters, digits, `-`), unique in the report. */
  id: string;
  /** Heading. */
  title: string;
  /** Plain-text paragraph under the heading (escaped). */
  lead?: string;
  /** SVG charts from the plot module (trusted markup, inserted as is). */
  charts?: readonly string[];
  /** Tables built with {@link htmlTable} or other trusted HTML, inserted as is. */
  html?: string;
  /** Plain-text note under the charts (escaped). */
  caption?: string;
  /** Lay the section out at full page width (default: half width on wide screens). */
  wide?: boolean;
}

export interface ReportOptions {
  /** Page title and top heading (default `'logit report'`). */
  title?: string;
  /** A line under the heading (escaped). */
  subtitle?: string;
  /** Key facts shown under the heading as a definition list: [name, value] pairs (escaped). */
  facts?: ReadonlyArray<readonly [string, string]>;
  /** Footer text (escaped). */
  footer?: string;
}

/** A cell of {@link htmlTable}: text (escaped) or a number shown as given by `format`. */
export type HtmlCell = string | number;

/**
 * An HTML table with escaped cells; numeric columns are right-aligned with tabular figures.
 * `highlight` marks rows (the chosen threshold). Cost: O(cells).
 */
export function htmlTable(headers: readonly string[], rows: readonly (readonly HtmlCell[])[], o: { caption?: string; highlight?: (i: number) => boolean; className?: string } = {}): string {
  const numeric = headers.map((_, j) => rows.length > 0 && rows.every((r) => typeof r[j] === 'number' || /^[−\-+]?[\d.,]+\s?%?$/.test(String(r[j]))));
  const head = `<tr>${headers.map((h, j) => `<th scope="col"${numeric[j] ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr>`;
  const body = rows
    .map(
      (r, i) =>
        `<tr${o.highlight?.(i) ? ' class="hl"' : ''}>${r.map((c, j) => (j === 0 ? `<th scope="row"${numeric[j] ? ' class="num"' : ''}>` : `<td${numeric[j] ? ' class="num"' : ''}>`) + esc(String(c)) + (j === 0 ? '</th>' : '</td>')).join('')}</tr>`,
    )
    .join('\n');
  return `<table${o.className ? ` class="${esc(o.className)}"` : ''}>${o.caption ? `<caption>${esc(o.caption)}</caption>` : ''}\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody></table>`;
}

const PAGE_CSS = `
:root{color-scheme:light;--ink:#111827;--muted:#4b5563;--line:#e5e7eb;--card:#fff;--page:#f3f4f6;--accent:#0072B2}
*{box-sizing:border-box}
html{background:var(--page)}
body{margin:0 auto;max-width:1240px;padding:28px 24px 40px;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink)}
header{margin-bottom:18px}
h1{font-size:26px;margin:0 0 4px;letter-spacing:-.01em}
.subtitle{color:var(--muted);margin:0 0 14px}
dl.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:8px 12px;margin:0;padding:0}
dl.facts div{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:8px 12px}
dl.facts dt{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
dl.facts dd{margin:0;font-size:17px;font-weight:600;font-variant-numeric:tabular-nums}
nav.toc{margin:16px 0 6px;font-size:13.5px}
nav.toc a{color:var(--accent);text-decoration:none;margin-right:14px;white-space:nowrap}
nav.toc a:hover{text-decoration:underline}
main{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:18px}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 18px 14px;min-width:0}
section.wide{grid-column:1/-1}
h2{font-size:18px;margin:0 0 6px}
p.lead{color:var(--muted);margin:0 0 10px;font-size:14px}
figure{margin:0}
figure svg{display:block;max-width:100%;height:auto;margin:0 auto}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(300px,100%),1fr));gap:12px;align-items:start}
.charts>figure{min-width:0}
figcaption,p.caption{color:var(--muted);font-size:13px;margin:8px 0 0}
table{border-collapse:collapse;width:100%;font-size:13.5px;margin:10px 0 0}
caption{text-align:left;color:var(--muted);font-size:13px;padding-bottom:4px}
th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left}
thead th{border-bottom:2px solid #d1d5db;font-weight:600;white-space:nowrap}
tbody th{font-weight:500}
.num{text-align:right;font-variant-numeric:tabular-nums}
tr.hl th,tr.hl td{background:#fff4e5;font-weight:600}
footer{color:var(--muted);font-size:12.5px;margin-top:22px;text-align:center}
@media (max-width:600px){main{grid-template-columns:1fr}body{padding:16px 10px}}
@media print{
  @page{margin:14mm}
  html,body{background:#fff}
  body{max-width:none;padding:0;font-size:11pt}
  nav.toc{display:none}
  main{display:block}
  section{border:none;border-top:1px solid #d1d5db;border-radius:0;padding:10px 0;break-inside:avoid;page-break-inside:avoid}
  figure svg{max-width:min(100%,150mm)}
  dl.facts div{border-color:#d1d5db}
}
`.trim();

const ID = /^[A-Za-z][\w-]*$/;

/**
 * One self-contained HTML page from report sections: inline CSS (the page's and the charts'
 * {@link PLOT_CSS}, once), inline SVG, no scripts, no external resources, and a
 * Content-Security-Policy that forbids loading any, so it opens from disk, offline, and prints
 * (one section per block, no page breaks inside a chart). Cost: O(total size).
 */
export function renderReport(sections: readonly ReportSection[], options: ReportOptions = {}): string {
  if (!Array.isArray(sections)) throw new LogitTypeError(`sections must be an array of report sections; received ${describe(sections)}`, { parameter: 'sections', value: sections });
  const seen = new Set<string>();
  sections.forEach((s, i) => {
    if (s === null || typeof s !== 'object' || typeof s.title !== 'string' || typeof s.id !== 'string') {
      throw new LogitTypeError(`sections[${i}] must have a string id and title; received ${describe(s)}`, { parameter: 'sections', row: i, value: s });
    }
    if (!ID.test(s.id) || seen.has(s.id)) {
      throw new LogitTypeError(`sections[${i}].id ${describe(s.id)} must be unique and start with a letter (letters, digits, _ and - only)`, { parameter: 'sections', row: i, value: s.id });
    }
    seen.add(s.id);
  });
  const title = options.title ?? 'logit report';
  const facts = options.facts ?? [];
  const parts: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="generator" content="logit">',
    `<title>${esc(title)}</title>`,
    `<style>\n${PAGE_CSS}\n${PLOT_CSS}\n</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${esc(title)}</h1>`,
  ];
  if (options.subtitle) parts.push(`<p class="subtitle">${esc(options.subtitle)}</p>`);
  if (facts.length > 0) parts.push(`<dl class="facts">${facts.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>`);
  if (sections.length > 1) parts.push(`<nav class="toc" aria-label="Sections">${sections.map((s) => `<a href="#${s.id}">${esc(s.title)}</a>`).join(' ')}</nav>`);
  parts.push('</header>', '<main>');
  for (const s of sections) {
    parts.push(`<section id="${s.id}"${s.wide ? ' class="wide"' : ''} aria-labelledby="${s.id}-h">`);
    parts.push(`<h2 id="${s.id}-h">${esc(s.title)}</h2>`);
    if (s.lead) parts.push(`<p class="lead">${esc(s.lead)}</p>`);
    const charts = s.charts ?? [];
    if (charts.length === 1) parts.push(`<figure>\n${charts[0].trim()}\n</figure>`);
    else if (charts.length > 1) parts.push(`<div class="charts">\n${charts.map((c: string) => `<figure>\n${c.trim()}\n</figure>`).join('\n')}\n</div>`);
    if (s.html) parts.push(s.html);
    if (s.caption) parts.push(`<p class="caption">${esc(s.caption)}</p>`);
    parts.push('</section>');
  }
  parts.push('</main>');
  parts.push(`<footer>${esc(options.footer ?? 'Made by logit. Self-contained: no scripts, no network.')}</footer>`);
  parts.push('</body>', '</html>');
  return parts.join('\n') + '\n';
}
