import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../test/helpers.js';
import { readCsv } from './csv.js';
import { readParquet } from './parquet.js';

const F = (name: string) => join(ROOT, 'fixtures', 'io', name);
const reference: { name: string; data: (number | string | boolean | null)[] }[] = JSON.parse(readFileSync(F('table.json'), 'utf8'));

describe('readParquet', () => {
  for (const [file, codec] of [
    ['table_snappy.parquet', 'SNAPPY'],
    ['table_gzip.parquet', 'GZIP'],
    ['table_plain.parquet', 'UNCOMPRESSED'],
  ] as const) {
    it(`reads ${codec} pages back to the values written`, async () => {
      const md = await parquetMetadataAsync(await asyncBufferFromFile(F(file)));
      const chunks = md.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data));
      expect(chunks.every((m) => m?.codec === codec)).toBe(true);
      if (codec !== 'UNCOMPRESSED') {
        // the numeric columns really are compressed, so decompression (incl. back-references) runs
        expect(chunks.some((m) => m !== undefined && m.total_compressed_size < m.total_uncompressed_size)).toBe(true);
      }
      const t = await readParquet(F(file));
      expect(t.columnNames).toEqual(['x', 'count', 'big', 'city', 'flag']);
      expect({ ...t.schema }).toEqual({ x: 'number', count: 'number', big: 'number', city: 'category', flag: 'boolean' });
      expect(t.numRows).toBe(300);
      for (const col of reference) {
        const got = Array.from(t.column(col.name).values as ArrayLike<unknown>);
        const want = col.data.map((v) => (v === null && (col.name === 'x' || col.name === 'count' || col.name === 'big') ? NaN : v));
        expect(got, col.name).toEqual(want);
      }
    });
  }

  it('overrides convert after reading, and unknown names are errors', async () => {
    const t = await readParquet(F('table_snappy.parquet'), { columns: { count: 'category' } });
    expect(t.column('count').values.slice(0, 3)).toEqual([null, '31', '62']);
    await expect(readParquet(F('table_snappy.parquet'), { columns: { cnt: 'category' } })).rejects.toThrow(
      `${F('table_snappy.parquet')}: option columns names "cnt", which is not a column; the columns are "x", "count", "big", "city", "flag"`,
    );
  });

  it('rejects types a Table cannot hold, integers beyond 2^53 and non-Parquet files', async () => {
    await expect(readParquet(F('timestamp.parquet'))).rejects.toThrow(
      `${F('timestamp.parquet')}: column "when" has Parquet type INT64 (TIMESTAMP_MILLIS), which a logit Table cannot hold; convert it to numbers or text first`,
    );
    await expect(readParquet(F('huge_int.parquet'))).rejects.toThrow(
      `${F('huge_int.parquet')}: row 1: column "id" has 1152921504606846976, beyond the integers a double holds exactly (±2^53)`,
    );
    await expect(readParquet(F('mixed.csv'))).rejects.toThrow(`${F('mixed.csv')}: not a readable Parquet file`);
    await expect(readParquet(F('zstd.parquet'))).rejects.toThrow(`${F('zstd.parquet')}: cannot decode: parquet unsupported compression codec: ZSTD`);
  });

  it('a Parquet table equals the same data read from CSV', async () => {
    const pq = await readParquet(F('table_snappy.parquet'));
    const lines = ['x,count,big,city,flag'];
    for (let i = 0; i < pq.numRows; i++) {
      const r = pq.row(i);
      lines.push(
        [r.x, r.count, r.big, r.city, r.flag].map((v) => (v === null || (typeof v === 'number' && Number.isNaN(v)) ? '' : String(v))).join(','),
      );
    }
    const { writeFileSync, mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'logit-pq-'));
    try {
      writeFileSync(join(dir, 't.csv'), lines.join('\n'));
      const csv = await readCsv(join(dir, 't.csv'));
      expect(csv.toRows()).toEqual(pq.toRows());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
