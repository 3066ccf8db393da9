/** Text layout for the command line's summaries: aligned tables and compact numbers. */

/** A number in at most `digits` significant digits, without trailing zeros; NaN and ±∞ spelled out. */
export function num(v: number, digits = 4): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e6 || a < 1e-4) return v.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(digits)));
}

/** A fraction as a percentage with one decimal: 0.9561 → "95.6 %". */
export const pct = (v: number): string => (Number.isFinite(v) ? `${(100 * v).toFixed(1)} %` : 'n/a');

/** A signed number with a real minus sign and fixed decimals: "+0.123", "−1.500". */
export const signed = (v: number, decimals = 3): string => `${v < 0 ? '−' : '+'}${Math.abs(v).toFixed(decimals)}`;

/**
 * Lays out rows as an aligned text table: the first row is the header, columns whose cells all
 * look numeric are right-aligned, the others left-aligned; `indent` spaces before every line.
 * Cost: O(total characters).
 */
export function table(rows: readonly (readonly string[])[], indent = 2): string[] {
  if (rows.length === 0) return [];
  const cols = Math.max(...rows.map((r) => r.length));
  const width = Array.from({ length: cols }, (_, j) => Math.max(...rows.map((r) => [...(r[j] ?? '')].length)));
  const numeric = Array.from({ length: cols }, (_, j) => rows.slice(1).every((r) => /^[\s+\-−]?[\d.,∞%e+\-−×]*\s*%?$/.test(r[j] ?? '')));
  return rows.map((r) =>
    (
      ' '.repeat(indent) +
      Array.from({ length: cols }, (_, j) => {
        const cell = r[j] ?? '';
        const pad = width[j] - [...cell].length;
        return numeric[j] ? ' '.repeat(pad) + cell : cell + ' '.repeat(pad);
      }).join('  ')
    ).trimEnd(),
  );
}
