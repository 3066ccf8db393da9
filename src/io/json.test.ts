import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LogitRangeError } from '../core/errors.js';
import { Table } from '../table/table.js';
import { ROOT } from '../../test/helpers.js';
import { readJson } from './json.js';

const F = (name: string) => join(ROOT, 'fixtures', 'io', name);

describe('readJson', () => {
  it('a JSON array of objects, NDJSON and NDJSON with a BOM and CRLF give the same table', async () => {
    const array = await readJson(F('people.json'));
    const nd = await readJson(F('people.ndjson'));
    const crlf = await readJson(F('people_crlf.ndjson'));
    const reference = Table.fromRows(JSON.parse(readFileSync(F('people.json'), 'utf8')));
    for (const t of [array, nd, crlf]) {
      expect(t.toRows()).toEqual(reference.toRows());
      expect({ ...t.schema }).toEqual({ age: 'number', city: 'category', member: 'boolean', score: 'number' });
    }
    expect(Array.from(array.column('score').values as Float64Array)).toEqual([1.5, 2, NaN, -0.25]);
    // rows of the pretty-printed array start on lines 2, 8, 14 and 19; NDJSON rows on 1..4
    expect([0, 1, 2, 3].map((i) => array.where(i).split(':').pop())).toEqual(['2', '8', '14', '19']);
    expect([0, 1, 2, 3].map((i) => nd.where(i).split(':').pop())).toEqual(['1', '2', '3', '4']);
  });

  it('errors name the file and line', async () => {
    await expect(readJson(F('bad_row.json'))).rejects.toThrow(
      `${F('bad_row.json')}:8: column "age" has "n/a" where a number belongs; pass { missing: ['n/a'] } to read it as missing (then impute), or { columns: { age: 'category' } }`,
    );
    const ok = await readJson(F('bad_row.json'), { missing: ['n/a'] });
    expect(Array.from(ok.column('age').values as Float64Array)).toEqual([1, 2, NaN]);
    await expect(readJson(F('bad_line.ndjson'))).rejects.toThrow(new RegExp(`^${escape(F('bad_line.ndjson'))}:3: invalid JSON on this line`));
    await expect(readJson(F('object.json'))).rejects.toThrow(
      `${F('object.json')}:1: column "age" has an array of length 2; table cells must be numbers, strings, booleans or null`,
    );
    await expect(readJson(F('object.json'), { format: 'array' })).rejects.toThrow(`${F('object.json')}: expected a JSON array of objects (one per row); found an object`);
    await expect(readJson(F('empty.csv'))).rejects.toThrow(`${F('empty.csv')}: the file is empty`);
    await expect(readJson(F('people.json'), { columns: { agee: 'number' } })).rejects.toThrow(`${F('people.json')}: option columns names "agee", which is not a column`);
    await expect(readJson(F('people.json'), { format: 'csv' as never })).rejects.toBeInstanceOf(LogitRangeError);
  });

  it('__proto__ and constructor keys are plain columns', async () => {
    const t = await readJson(F('proto.json'));
    expect(t.columnNames).toEqual(['__proto__', 'constructor']);
    expect(Array.from(t.column('__proto__').values as Float64Array)).toEqual([1, 2]);
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
  });

  it('overrides apply', async () => {
    const t = await readJson(F('people.ndjson'), { columns: { age: 'category' } });
    expect(t.column('age').values).toEqual(['31', null, '47.5', '52']);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
