import { describe, expect, it } from 'vitest';
import { LogitRangeError, LogitTypeError } from '../core/errors.js';
import { Table, inferTextKind } from './table.js';
import { MissingMarkers, parseNumberText } from './cells.js';

const rows = [
  { age: 31, city: 'Oslo', member: true },
  { age: null, city: 'Lima', member: false },
  { age: 47.5, city: null, member: null },
];

describe('Table.fromRows', () => {
  it('infers kinds from value types and marks missing cells as NaN / null', () => {
    const t = Table.fromRows(rows);
    expect(t.columnNames).toEqual(['age', 'city', 'member']);
    expect(t.numRows).toBe(3);
    expect({ ...t.schema }).toEqual({ age: 'number', city: 'category', member: 'boolean' });
    expect(Array.from(t.column('age').values as Float64Array)).toEqual([31, NaN, 47.5]);
    expect(t.column('city').values).toEqual(['Oslo', 'Lima', null]);
    expect(t.column('member').values).toEqual([true, false, null]);
    expect({ ...t.countMissing() }).toEqual({ age: 1, city: 1, member: 1 });
  });

  it('keys absent from a row are missing; column order is first appearance', () => {
    const t = Table.fromRows([{ a: 1 }, { b: 'x', a: 2 }]);
    expect(t.columnNames).toEqual(['a', 'b']);
    expect(t.column('b').values).toEqual([null, 'x']);
  });

  it('a string among numbers names row and column and both ways out', () => {
    let err: unknown;
    try {
      Table.fromRows([{ age: 1 }, { age: 2 }, { age: 'n/a' }]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LogitRangeError);
    expect((err as Error).message).toBe(
      `row 2: column "age" has "n/a" where a number belongs; pass { missing: ['n/a'] } to read it as missing (then impute), or { columns: { age: 'category' } }`,
    );
    expect(err).toMatchObject({ parameter: 'age', row: 2, column: 0, value: 'n/a' });
    const t = Table.fromRows([{ age: 1 }, { age: 2 }, { age: 'n/a' }], { missing: ['n/a'] });
    expect(Array.from(t.column('age').values as Float64Array)).toEqual([1, 2, NaN]);
    const c = Table.fromRows([{ age: 1 }, { age: 2 }, { age: 'n/a' }], { columns: { age: 'category' } });
    expect(c.column('age').values).toEqual(['1', '2', 'n/a']);
  });

  it('numeric strings in a number column convert exactly', () => {
    const t = Table.fromRows([{ x: 1 }, { x: 2 }, { x: '3.5' }]);
    expect(Array.from(t.column('x').values as Float64Array)).toEqual([1, 2, 3.5]);
  });

  it('rejects Infinity, objects and unknown override columns', () => {
    expect(() => Table.fromRows([{ x: Infinity }])).toThrow(/row 0: column "x" has Infinity; tables hold finite numbers/);
    expect(() => Table.fromRows([{ x: { y: 1 } }])).toThrow(LogitTypeError);
    expect(() => Table.fromRows([{ x: 1 }], { columns: { zip: 'category' } })).toThrow(
      'Table.fromRows: option columns names "zip", which is not a column; the columns are "x"',
    );
    expect(() => Table.fromRows([{ x: 1 }], { columns: { x: 'text' as never } })).toThrow(/must be 'number', 'category' or 'boolean'/);
  });

  it('a __proto__ key is an ordinary column and pollutes nothing', () => {
    const parsed = JSON.parse('[{"__proto__": 5, "constructor": "a"}, {"__proto__": 6, "constructor": "b"}]');
    const t = Table.fromRows(parsed);
    expect(t.columnNames).toEqual(['__proto__', 'constructor']);
    expect(Array.from(t.column('__proto__').values as Float64Array)).toEqual([5, 6]);
    const r = t.row(0);
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(r, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
    expect(t.schema.__proto__).toBe('number');
  });
});

describe('Table.fromColumns', () => {
  it('takes a record or an array of specs, copies the input, and honours kind', () => {
    const age = [1, 2, 3];
    const t = Table.fromColumns({ age, flag: [true, false, true] });
    age[0] = 99;
    expect(t.column('age').values[0]).toBe(1);
    const u = Table.fromColumns([
      { name: '2', values: [1, 2, 3], kind: 'category' },
      { name: '1', values: new Float64Array([4, 5, 6]) },
    ]);
    expect(u.columnNames).toEqual(['2', '1']);
    expect(u.column('2').values).toEqual(['1', '2', '3']);
  });

  it('rejects unequal lengths and repeated names', () => {
    expect(() => Table.fromColumns({ a: [1, 2], b: [1] })).toThrow('Table.fromColumns: column "b" has 1 values but column "a" has 2');
    expect(() => Table.fromColumns([{ name: 'a', values: [1] }, { name: 'a', values: [2] }])).toThrow(/appears twice/);
  });
});

describe('Table methods', () => {
  const t = Table.fromRows(rows);

  it('select, drop, take, filterRows and head return new tables and leave this one alone', () => {
    expect(t.select(['member', 'age']).columnNames).toEqual(['member', 'age']);
    expect(t.drop(['city']).columnNames).toEqual(['age', 'member']);
    const k = t.take([2, 0, 0]);
    expect(k.numRows).toBe(3);
    expect(k.column('city').values).toEqual([null, 'Oslo', 'Oslo']);
    const f = t.filterRows((r) => r.member === true);
    expect(f.toRows()).toEqual([{ age: 31, city: 'Oslo', member: true }]);
    expect(t.head(2).numRows).toBe(2);
    expect(t.head(10).numRows).toBe(3);
    expect(t.numRows).toBe(3);
  });

  it('column() returns a copy', () => {
    const c = t.column('age');
    (c.values as Float64Array)[0] = -1;
    expect(t.column('age').values[0]).toBe(31);
  });

  it('names a missing column and an out-of-range row', () => {
    expect(() => t.column('agee')).toThrow('Table.column: no column "agee"; the columns are "age", "city", "member"');
    expect(() => t.take([3])).toThrow('Table.take: row index 3 is outside [0, 2]');
    expect(() => t.row(-1)).toThrow(LogitRangeError);
  });

  it('cast converts between kinds and names a cell that does not convert', () => {
    const c = t.cast({ age: 'category', member: 'number' });
    expect(c.column('age').values).toEqual(['31', null, '47.5']);
    expect(Array.from(c.column('member').values as Float64Array)).toEqual([1, 0, NaN]);
    expect(c.cast({ age: 'number' }).column('age').values).toEqual(t.column('age').values);
    expect(() => t.cast({ city: 'number' })).toThrow(`row 0: column "city" has "Oslo" where a number belongs`);
  });

  it('concat stacks tables with the same schema', () => {
    const c = Table.concat([t.head(1), t.take([1, 2])]);
    expect(c.toRows()).toEqual(t.toRows());
    expect(() => Table.concat([t, t.drop(['age'])])).toThrow(/Table.concat: tables\[1\] has columns/);
  });
});

describe('text inference', () => {
  const none = new MissingMarkers();
  it('parseNumberText accepts plain decimals only', () => {
    expect(parseNumberText(' 3.5 ')).toBe(3.5);
    expect(parseNumberText('-1e-3')).toBe(-0.001);
    expect(parseNumberText('.5')).toBe(0.5);
    expect(parseNumberText('3,25', ',')).toBe(3.25);
    for (const bad of ['', '0x1f', 'Infinity', '1e999', '1_000', '1,5', 'NaN', '--1']) expect(parseNumberText(bad)).toBeNaN();
  });

  it('inferTextKind: numbers, booleans, categories, and mostly-numbers with strays', () => {
    expect(inferTextKind(['1', '2.5', '', '-3'], none, '.')).toBe('number');
    expect(inferTextKind(['true', 'False', ''], none, '.')).toBe('boolean');
    expect(inferTextKind(['a', '1', '2'], none, '.')).toBe('number');
    expect(inferTextKind(['a', 'b', '2'], none, '.')).toBe('category');
    expect(inferTextKind(['1', '2', '3', '4', '5', 'a', 'b', 'c', 'd'], none, '.')).toBe('category');
    expect(inferTextKind(['', ''], none, '.')).toBe('number');
  });

  it('fromText names the offending line when an origin is given', () => {
    const origin = { file: 'data.csv', lines: new Int32Array([2, 3, 1043]) };
    expect(() => Table.fromText(['age'], [['31', '40', 'n/a']], {}, origin)).toThrow(
      `data.csv:1043: column "age" has "n/a" where a number belongs; pass { missing: ['n/a'] } to read it as missing (then impute), or { columns: { age: 'category' } }`,
    );
    const t = Table.fromText(['age'], [['31', '40', 'n/a']], { missing: ['n/a'] }, origin);
    expect(t.where(2)).toBe('data.csv:1043');
    expect(t.take([2]).where(0)).toBe('data.csv:1043');
  });
});
