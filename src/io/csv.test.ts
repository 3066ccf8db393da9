import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LogitRangeError } from '../core/errors.js';
import { Table } from '../table/table.js';
import { TableEncoder } from '../table/encoder.js';
import { ROOT } from '../../test/helpers.js';
import { readCsv, readCsvChunks } from './csv.js';

const F = (name: string) => join(ROOT, 'fixtures', 'io', name);
const tmp = mkdtempSync(join(tmpdir(), 'logit-csv-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
function temp(name: string, content: string): string {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

const nums = (t: Table, name: string) => Array.from(t.column(name).values as Float64Array);

describe('readCsv: parsing', () => {
  it('quoted delimiters, doubled quotes and embedded line breaks', async () => {
    const t = await readCsv(F('quoting.csv'));
    expect(t.columnNames).toEqual(['id', 'name', 'note']);
    expect(t.numRows).toBe(5);
    expect(t.column('name').values).toEqual(['Smith, Jane', 'plain', null, 'x "y" z', 'last']);
    expect(t.column('note').values).toEqual(['said "hi"', 'two\nlines', 'a, b, c', 'three\nwhole\nlines', 'end']);
    // rows start on lines 2, 3, 5, 6 and 9 of the file
    expect([0, 1, 2, 3, 4].map((i) => t.where(i))).toEqual([2, 3, 5, 6, 9].map((l) => `${F('quoting.csv')}:${l}`));
  });

  it('a byte-order mark, CRLF line ends, a quoted CRLF and a blank line', async () => {
    const t = await readCsv(F('bom_crlf.csv'));
    expect(t.columnNames).toEqual(['x', 'label', 'text']);
    expect(t.schema.x).toBe('number');
    expect(nums(t, 'x')).toEqual([1.5, -2, 300]);
    expect(t.column('text').values).toEqual(['first\r\nsecond', 'plain', 'é ü ø']);
    expect([0, 1, 2].map((i) => t.where(i).split(':').pop())).toEqual(['2', '5', '6']);
  });

  it('missing values: empty and blank cells always, markers when declared', async () => {
    const err = await rejection(readCsv(F('missing.csv')));
    expect(err).toBeInstanceOf(LogitRangeError);
    expect(err.message).toBe(
      `${F('missing.csv')}:4: column "age" has "n/a" where a number belongs; pass { missing: ['n/a'] } to read it as missing (then impute), or { columns: { age: 'category' } }`,
    );
    const t = await readCsv(F('missing.csv'), { missing: ['n/a'] });
    expect({ ...t.schema }).toEqual({ age: 'number', city: 'category', member: 'boolean', score: 'number' });
    expect(nums(t, 'age')).toEqual([31, NaN, NaN, 47, 52]);
    expect(t.column('city').values).toEqual(['Oslo', 'Lima', null, null, 'Oslo']);
    expect(t.column('member').values).toEqual([true, false, null, true, null]);
    expect(nums(t, 'score')).toEqual([1.5, NaN, 2.5, NaN, 3]);
    expect({ ...t.countMissing() }).toEqual({ age: 2, city: 2, member: 2, score: 2 });
  });

  it('mixed types, leading zeros kept by an override, an all-empty column', async () => {
    const t = await readCsv(F('mixed.csv'));
    expect({ ...t.schema }).toEqual({ num: 'number', flag: 'boolean', city: 'category', zip: 'number', int: 'number', empty: 'number' });
    expect(nums(t, 'num')).toEqual([1, 2.5, -0.03, 0.5]);
    expect(t.column('flag').values).toEqual([true, false, true, false]);
    const z = await readCsv(F('mixed.csv'), { columns: { zip: 'category', int: 'category', flag: 'category' } });
    expect(z.column('zip').values).toEqual(['01234', '98765', '00501', '10001']);
    expect(z.column('flag').values).toEqual(['true', 'False', 'TRUE', 'false']);
    expect(z.column('int').values).toEqual(['1', '2', '3', '4']);
  });

  it("delimiter ';' with decimal commas, and tabs, give the same table", async () => {
    const semi = await readCsv(F('semicolon.csv'), { delimiter: ';', decimal: ',' });
    const tab = await readCsv(F('tab.tsv'), { delimiter: '\t' });
    expect(semi.toRows()).toEqual(tab.toRows());
    expect(nums(semi, 'num')).toEqual([1.5, -2, 3.25]);
    expect(semi.column('city').values).toEqual(['Oslo', 'Lima; Peru', 'Cairo']);
  });

  it("header 'auto' sees a numeric first row as data; false names columns column1...", async () => {
    const auto = await readCsv(F('noheader.csv'));
    expect(auto.columnNames).toEqual(['column1', 'column2', 'column3']);
    expect(auto.numRows).toBe(3);
    expect(auto.where(0).endsWith(':1')).toBe(true);
    const forced = await readCsv(F('noheader.csv'), { header: true });
    expect(forced.columnNames).toEqual(['5.1', '3.5', 'setosa']);
    // without a header the ids column holds "id" among numbers: declared a category, it reads
    const none = await readCsv(F('quoting.csv'), { header: false, columns: { column1: 'category' } });
    expect(none.column('column1').values).toEqual(['id', '1', '2', '3', '4', '5']);
    await expect(readCsv(F('quoting.csv'), { header: false })).rejects.toThrow(`quoting.csv:1: column "column1" has "id" where a number belongs`);
    // a first row with a repeated name is data under 'auto'
    expect((await readCsv(F('dup_header.csv'))).numRows).toBe(2);
    // a text-only file where a first-row value recurs in its column is data
    const p = temp('letters.csv', 'yes,red\nno,blue\nyes,green\n');
    expect((await readCsv(p)).numRows).toBe(3);
    expect((await readCsv(temp('named.csv', 'answer,colour\nno,blue\nyes,green\n'))).columnNames).toEqual(['answer', 'colour']);
  });

  it('a CRLF file spanning many read buffers: values and line numbers survive every buffer boundary', async () => {
    const lines = ['\ufeffid,text,x'];
    const want: { text: string; line: number }[] = [];
    let physical = 1; // lines written so far
    for (let i = 0; i < 6000; i++) {
      const line = physical + 1;
      physical += i % 7 === 3 ? 2 : 1;
      if (i % 7 === 3) {
        want.push({ text: `a "q", b\r\nc${i}`, line });
        lines.push(`${i},"a ""q"", b\r\nc${i}",${i / 4}`);
      } else {
        want.push({ text: `t${i}`, line });
        lines.push(`${i},t${i},${i / 4}`);
      }
      if (i % 500 === 499) {
        lines.push('');
        physical++;
      }
    }
    const p = temp('big_crlf.csv', lines.join('\r\n') + '\r\n');
    const t = await readCsv(p);
    expect(t.numRows).toBe(6000);
    expect(t.column('text').values).toEqual(want.map((w) => w.text));
    expect(Array.from(t.origin?.lines ?? [])).toEqual(want.map((w) => w.line));
    expect(nums(t, 'x')).toEqual(want.map((_, i) => i / 4));
  });

  it('latin1 encoding, and UTF-16LE recognised by its byte-order mark', async () => {
    const p = join(tmp, 'latin1.csv');
    writeFileSync(p, Buffer.from('name,n\ncaf\xe9,1\n', 'latin1'));
    expect((await readCsv(p, { encoding: 'latin1' })).column('name').values).toEqual(['café']);
    const q = join(tmp, 'utf16.csv');
    writeFileSync(q, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name,n\r\ncafé,1\r\n', 'utf16le')]));
    expect((await readCsv(q)).toRows()).toEqual([{ name: 'café', n: 1 }]);
  });
});

describe('readCsv: errors name file, line and column', () => {
  const cases: [string, string, object, string][] = [
    ['ragged.csv', 'a ragged row', {}, `${F('ragged.csv')}:4: this row has 2 fields but the header has 3; check the delimiter or quoting`],
    ['empty.csv', 'an empty file', {}, `${F('empty.csv')}: the file is empty; a CSV needs a header or at least one row`],
    ['blank.csv', 'a file of a BOM and blank lines', {}, `${F('blank.csv')}: the file is empty; a CSV needs a header or at least one row`],
    ['dup_header.csv', 'a repeated header name', { header: true }, `${F('dup_header.csv')}:1: the header names column "a" twice (fields 1 and 3); names must be distinct`],
    ['mixed.csv', 'an unknown override column', { columns: { zipp: 'category' } }, `${F('mixed.csv')}: option columns names "zipp", which is not a column; the columns are "num", "flag", "city", "zip", "int", "empty"`],
    ['mixed.csv', 'a cell that does not fit a declared kind', { columns: { city: 'number' } }, `${F('mixed.csv')}:2: column "city" has "Oslo" where a number belongs; pass { missing: ['Oslo'] } to read it as missing (then impute), or { columns: { city: 'category' } }`],
  ];
  for (const [file, what, options, message] of cases) {
    it(what, async () => {
      const err = await rejection(readCsv(F(file), options));
      expect(err).toBeInstanceOf(LogitRangeError);
      expect(err.message).toBe(message);
    });
  }

  it("the issue's example: data.csv:1043", async () => {
    const err = await rejection(readCsv(F('data.csv')));
    expect(err.message).toBe(
      `${F('data.csv')}:1043: column "age" has "n/a" where a number belongs; pass { missing: ['n/a'] } to read it as missing (then impute), or { columns: { age: 'category' } }`,
    );
    expect(err).toMatchObject({ row: 1041, column: 0, parameter: 'age', value: 'n/a' });
    const t = await readCsv(F('data.csv'), { missing: ['n/a'] });
    expect(t.numRows).toBe(1100);
    // ... and the encoder then imputes it (the median), reporting one imputed cell
    const enc = new TableEncoder({ target: 'churned' }).fit(t);
    expect(enc.imputed.age).toBe(1);
  });

  it('an unclosed quote and a malformed closing quote', async () => {
    const err = await rejection(readCsv(F('unclosed.csv')));
    expect(err).toBeInstanceOf(LogitRangeError);
    expect(err.message).toBe(`${F('unclosed.csv')}:2: malformed CSV (MissingQuotes): Quoted field unterminated`);
    const p = temp('badquote.csv', 'a,b\n1,2\n3,"x"y\n4,5\n');
    await expect(readCsv(p)).rejects.toThrow(`${p}:3: malformed CSV (InvalidQuotes): Trailing quote on quoted field is malformed`);
  });

  it('bad options are named', async () => {
    await expect(readCsv(F('mixed.csv'), { delimiter: '' })).rejects.toThrow(/option delimiter must be a non-empty string/);
    await expect(readCsv(F('mixed.csv'), { header: 'yes' as never })).rejects.toThrow("readCsv option header must be true, false or 'auto'");
    await expect(readCsv(F('mixed.csv'), { encoding: 'klingon' as never })).rejects.toThrow(/option encoding must be an encoding Node knows/);
    await expect(readCsv(F('mixed.csv'), { delimeter: ';' } as never)).rejects.toThrow(/did you mean "delimiter"/);
    await expect(readCsv(F('mixed.csv'), { decimal: ',' })).rejects.toThrow(/decimal ',' needs another delimiter/);
    // file errors reach the caller instead of leaving the parser waiting (this once hung)
    await expect(readCsv(join(tmp, 'nope.csv'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(readCsv(tmp)).rejects.toMatchObject({ code: 'EISDIR' });
  });
});

describe('readCsvChunks', () => {
  it('chunks concatenate to the whole-file table, for chunk sizes that split quoted records', async () => {
    const whole = await readCsv(F('chunks.csv'));
    expect(whole.numRows).toBe(2503);
    for (const chunkRows of [1, 7, 500, 2503, 10_000]) {
      const chunks: Table[] = [];
      for await (const c of readCsvChunks(F('chunks.csv'), { chunkRows, columns: whole.schema })) chunks.push(c);
      expect(chunks.length).toBe(Math.ceil(2503 / chunkRows));
      expect(chunks.slice(0, -1).every((c) => c.numRows === chunkRows)).toBe(true);
      const joined = Table.concat(chunks);
      expect(joined.toRows()).toEqual(whole.toRows());
      expect(Array.from(joined.origin?.lines ?? [])).toEqual(Array.from(whole.origin?.lines ?? []));
    }
  });

  it('a slow consumer (the parser runs ahead, is paused and resumed) still gets every row in order', async () => {
    const lines = ['id,x,note'];
    for (let i = 0; i < 60_000; i++) lines.push(`${i},${i / 8},${i % 100 === 0 ? '"a\r\nb"' : 'n'}`);
    const p = temp('slow.csv', lines.join('\n') + '\n');
    const whole = await readCsv(p);
    const chunks: Table[] = [];
    for await (const c of readCsvChunks(p, { chunkRows: 1000 })) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      chunks.push(c);
    }
    expect(chunks.length).toBe(60);
    expect(Table.concat(chunks).toRows()).toEqual(whole.toRows());
  });

  it('infers the schema from the first chunk and holds later chunks to it', async () => {
    const chunks: Table[] = [];
    for await (const c of readCsvChunks(F('chunks.csv'), { chunkRows: 1000 })) chunks.push(c);
    expect({ ...chunks[0].schema }).toEqual({ id: 'number', x: 'number', group: 'category', flag: 'boolean', text: 'category' });
    expect(chunks.every((c) => JSON.stringify({ ...c.schema }) === JSON.stringify({ ...chunks[0].schema }))).toBe(true);
    const err = await rejection(
      (async () => {
        for await (const c of readCsvChunks(F('data.csv'), { chunkRows: 100 })) void c;
      })(),
    );
    expect(err.message).toBe(
      `${F('data.csv')}:1043: column "age" has "n/a" where a number belongs; pass { missing: ['n/a'] } to read it as missing (then impute), or { columns: { age: 'category' } }`,
    );
  });

  it('a header-only file yields no chunk; an empty file throws', async () => {
    const chunks: Table[] = [];
    for await (const c of readCsvChunks(F('header_only.csv'))) chunks.push(c);
    expect(chunks).toEqual([]);
    const whole = await readCsv(F('header_only.csv'));
    expect(whole.columnNames).toEqual(['a', 'b', 'c']);
    expect(whole.numRows).toBe(0);
    await expect(
      (async () => {
        for await (const c of readCsvChunks(F('empty.csv'))) void c;
      })(),
    ).rejects.toThrow('the file is empty');
    await expect(
      (async () => {
        for await (const c of readCsvChunks(F('chunks.csv'), { chunkRows: 0 })) void c;
      })(),
    ).rejects.toThrow('option chunkRows must be an integer ≥ 1');
  });

  it('stopping early releases the file', async () => {
    let n = 0;
    for await (const c of readCsvChunks(F('chunks.csv'), { chunkRows: 10 })) {
      n += c.numRows;
      if (n >= 20) break;
    }
    expect(n).toBe(20);
  });
});
