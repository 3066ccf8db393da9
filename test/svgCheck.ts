// Structural checks for generated SVG/HTML: balanced tags, well-formed attributes, no NaN,
// coordinates rounded to 2 decimals. Problems are collected and asserted once (fast on big charts).
import { expect } from 'vitest';

const VOID_HTML = new Set(['meta', 'link', 'br', 'hr', 'img', 'input', '!DOCTYPE', '!doctype']);
const BAD_AMP = /&(?!amp;|lt;|gt;|quot;|#39;)/;

/** Fails unless every tag is closed in order and every attribute is name="value" without a raw < or stray &. */
export function expectWellFormed(markup: string, html = false): void {
  // Drop <style> bodies (CSS may contain '>' in selectors).
  const s = markup.replace(/<style>[\s\S]*?<\/style>/g, '<style></style>');
  const problems: string[] = [];
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z!][\w:-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*(\/?)>/g;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = tag.exec(s)) !== null) {
    const between = s.slice(last, m.index);
    if (between.includes('<')) problems.push(`stray < before ${m[0].slice(0, 60)}`);
    if (BAD_AMP.test(between)) problems.push(`unescaped & in ${JSON.stringify(between.slice(0, 80))}`);
    last = tag.lastIndex;
    const [, close, name, attrs, self] = m;
    for (const a of attrs.matchAll(/\s+([^\s=>/]+)(?:="([^"]*)")?/g)) {
      if (a[2] === undefined && !html) problems.push(`attribute ${a[1]} of <${name}> has no value`);
      if (a[2] !== undefined && BAD_AMP.test(a[2])) problems.push(`unescaped & in attribute ${a[1]}`);
    }
    if (self || (html && VOID_HTML.has(name))) continue;
    if (close) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open}>`);
    } else stack.push(name);
  }
  if (s.slice(last).includes('<')) problems.push('stray < at the end');
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(', ')}`);
  expect(problems).toEqual([]);
}

/** No NaN, Infinity, undefined or null leaked into the output; geometry attributes have ≤ 2 decimals and no -0. */
export function expectCleanNumbers(svg: string): void {
  const problems: string[] = [];
  const leak = svg.match(/NaN|Infinity|undefined|null/);
  if (leak) problems.push(`${leak[0]} near ${JSON.stringify(svg.slice(Math.max(0, leak.index! - 60), leak.index! + 20))}`);
  for (const a of svg.matchAll(/\s(d|x|y|x1|x2|y1|y2|cx|cy|r|width|height|transform|points)="([^"]*)"/g)) {
    if (/\d\.\d{3,}/.test(a[2])) problems.push(`${a[1]}="${a[2].slice(0, 60)}" has more than 2 decimals`);
    if (/(^|[^\d.e])-0(?![.\d])/.test(a[2])) problems.push(`${a[1]}="${a[2].slice(0, 60)}" has -0`);
  }
  expect(problems).toEqual([]);
}
