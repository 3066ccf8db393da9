import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Table } from '../table/table.js';
import { readCsv, readCsvChunks } from './csv.js';

const tmp = mkdtempSync(join(tmpdir(), 'logit-csv-rt-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** RFC 4180 quoting: quote a field holding the delimiter, a quote or a line break; double quotes. */
function field(v: number | string | boolean | null, delimiter: string): string {
  if (v === null || (typeof v === 'number' && Number.isNaN(v))) return '';
  const s = String(v);
  return /["\r\n]/.test(s) || s.includes(delimiter) ? `"${s.replace(/"/g, '""')}"` : s;
}

// Category text: anything printable plus delimiters, quotes and line breaks, but not blank
// (a blank cell is missing) and not numeric/boolean-looking (the kind is fixed anyway).
const text = fc.string({ unit: fc.constantFrom('a', 'b', 'é', ' ', ',', ';', '"', '\n', '\r\n', '\t', 'x'), minLength: 1, maxLength: 8 }).filter((s) => s.trim() !== '');

describe('readCsv round trip (property)', () => {
  it('a table written as CSV (any delimiter, LF or CRLF, with or without BOM) reads back equal, whole and in chunks', async () => {
    let k = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            n: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(NaN)),
            c: fc.option(text, { nil: null }),
            b: fc.option(fc.boolean(), { nil: null }),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        fc.constantFrom(',', ';', '\t', '|'),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.integer({ min: 1, max: 15 }),
        async (rows, delimiter, eol, bom, chunkRows) => {
          const expected = Table.fromColumns([
            { name: 'n', kind: 'number', values: rows.map((r) => r.n) },
            { name: 'c', kind: 'category', values: rows.map((r) => r.c) },
            { name: 'b', kind: 'boolean', values: rows.map((r) => r.b) },
          ]);
          // a row whose every cell is empty would be a blank line, which CSV readers skip
          const keep = rows.map((r) => !(Number.isNaN(r.n) && r.c === null && r.b === null));
          const lines = ['n,c,b'.replace(/,/g, delimiter)];
          rows.forEach((r, i) => {
            if (keep[i]) lines.push([r.n, r.c, r.b].map((v) => field(Object.is(v, -0) ? 0 : v, delimiter)).join(delimiter));
          });
          const p = join(tmp, `rt${k++}.csv`);
          writeFileSync(p, (bom ? '\ufeff' : '') + lines.join(eol) + eol);
          const want = expected.take(keep.flatMap((ok, i) => (ok ? [i] : []))).toRows();
          for (const row of want) if (Object.is(row.n, -0)) row.n = 0;
          const schema = { n: 'number', c: 'category', b: 'boolean' } as const;
          const t = await readCsv(p, { delimiter, header: true, columns: { ...schema } });
          expect(t.toRows()).toEqual(want);
          const chunks: Table[] = [];
          for await (const c of readCsvChunks(p, { delimiter, header: true, columns: { ...schema }, chunkRows })) chunks.push(c);
          expect(chunks.length === 0 ? [] : Table.concat(chunks).toRows()).toEqual(want);
        },
      ),
      { numRuns: 60, seed: 20261123 },
    );
  });
});
