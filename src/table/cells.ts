import { LogitRangeError, LogitTypeError, describe } from '../core/errors.js';

/**
 * The three kinds of table column and how a single cell becomes a value of one of them.
 * Shared by `Table.fromRows` / `Table.fromColumns` (JavaScript values), the text inference
 * behind the CSV reader (strings) and the TableEncoder (casting a column to the kind it
 * learned). Everything here is O(1) per cell.
 */

/** `'number'`: Float64Array, NaN = missing. `'category'`: strings, null = missing. `'boolean'`: true/false, null = missing. */
export type ColumnKind = 'number' | 'category' | 'boolean';

export const KINDS: readonly ColumnKind[] = ['number', 'category', 'boolean'];

/** Where a table's rows came from, so errors can say `data.csv:1043` instead of `row 1041`. */
export interface TableOrigin {
  /** The file name as the user passed it. */
  readonly file: string;
  /** One-based line of the file on which each row starts, or null when lines mean nothing (Parquet). */
  readonly lines: Int32Array | null;
}

/** `data.csv:1043` when the line is known, `data.parquet: row 12` when only the file is, otherwise `row 12` (zero-based). */
export function locate(origin: TableOrigin | null, row: number): string {
  if (origin === null) return `row ${row}`;
  return origin.lines === null ? `${origin.file}: row ${row}` : `${origin.file}:${origin.lines[row]}`;
}

// A decimal number as written in data files: optional sign, digits with an optional point, or a
// point and digits, and an optional exponent. Deliberately narrower than Number(), which also
// takes '', '0x1f', '0b1', 'Infinity' and '1_000'.
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses a data-file number: the trimmed text must match a plain decimal literal and the value
 * must be finite (so `1e999` is not a number). With `decimal: ','` a single comma is read as the
 * decimal point (`3,25` → 3.25), as in files written with European locales. Returns NaN when the
 * text is not a number.
 */
export function parseNumberText(text: string, decimal: '.' | ',' = '.'): number {
  let t = text.trim();
  if (decimal === ',') {
    if (t.includes('.')) return NaN;
    t = t.replace(',', '.');
  }
  if (!NUMBER.test(t)) return NaN;
  const v = Number(t);
  return Number.isFinite(v) ? v : NaN;
}

/** `true` / `false` in any letter case (pandas writes `True`); null for anything else. */
export function parseBooleanText(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : null;
}

/** How missing values are spelled in text: always the empty (or all-blank) cell, plus these markers. */
export class MissingMarkers {
  private readonly markers: Set<string>;
  constructor(markers: readonly string[] = []) {
    this.markers = new Set(markers.map((m) => m.trim()));
  }
  /** True for a blank cell or one of the markers (compared after trimming). Cost O(|text|). */
  has(text: string): boolean {
    const t = text.trim();
    return t === '' || this.markers.has(t);
  }
}

/** Checks a `missing` option: an array of strings. */
export function asMissingOption(v: unknown, owner: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((m) => typeof m !== 'string')) {
    throw new LogitTypeError(`${owner} option missing must be an array of strings such as ['n/a', 'NA']; received ${describe(v)}`, {
      parameter: 'missing',
      value: v,
    });
  }
  return [...v];
}

/**
 * Checks a `columns` option (`{ zip: 'category' }`) into a Map (so a key such as `__proto__`
 * is just a column name).
 */
export function asKindOverrides(v: unknown, owner: string, parameter = 'columns'): Map<string, ColumnKind> {
  const out = new Map<string, ColumnKind>();
  if (v === undefined || v === null) return out;
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw new LogitTypeError(`${owner} option ${parameter} must be an object such as { zip: 'category' }; received ${describe(v)}`, {
      parameter,
      value: v,
    });
  }
  for (const key of Object.keys(v)) {
    const kind = (v as Record<string, unknown>)[key];
    if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
      throw new LogitRangeError(
        `${owner} option ${parameter}.${key} must be 'number', 'category' or 'boolean'; received ${describe(kind)}`,
        { parameter: `${parameter}.${key}`, value: kind },
      );
    }
    out.set(key, kind as ColumnKind);
  }
  return out;
}

/** Throws when an override names a column the table does not have. */
export function checkOverrideNames(overrides: Map<string, ColumnKind>, names: readonly string[], where: string, parameter = 'columns'): void {
  const have = new Set(names);
  for (const key of overrides.keys()) {
    if (!have.has(key)) {
      throw new LogitRangeError(
        `${where}: option ${parameter} names ${JSON.stringify(key)}, which is not a column; the columns are ${names.map((n) => JSON.stringify(n)).join(', ')}`,
        { parameter: `${parameter}.${key}`, value: key },
      );
    }
  }
}

/** A string as a single-quoted JavaScript literal, for hints the user can paste. */
function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

const EXPECTED: Record<ColumnKind, string> = { number: 'a number', boolean: 'true or false', category: 'a category' };

/**
 * The error for a cell that is not of its column's kind, telling the user both ways out:
 * `data.csv:1043: column "age" has "n/a" where a number belongs; pass { missing: ['n/a'] } to
 * read it as missing (then impute), or { columns: { age: 'category' } }`.
 */
export function cellError(where: string, column: string, kind: ColumnKind, value: unknown, row: number, col: number): LogitRangeError {
  const shown = describe(value);
  const key = /^[A-Za-z_$][\w$]*$/.test(column) ? column : quote(column);
  const hint =
    typeof value === 'string'
      ? `pass { missing: [${quote(value.trim())}] } to read it as missing (then impute), or { columns: { ${key}: 'category' } }`
      : `pass { columns: { ${key}: 'category' } } or make it null (missing)`;
  return new LogitRangeError(`${where}: column ${JSON.stringify(column)} has ${shown} where ${EXPECTED[kind]} belongs; ${hint}`, {
    parameter: column,
    row,
    column: col,
    value,
  });
}

/**
 * One JavaScript value as a `kind` cell. Missing (null, undefined, NaN, a blank string or a
 * marker) gives NaN for numbers and null otherwise. Numbers must be finite; strings are parsed
 * as numbers / booleans when the kind asks for them; numbers and booleans become their text for
 * categories; 0/1 are accepted as booleans and booleans as 0/1. Anything else throws
 * {@link cellError}.
 */
export function coerceCell(
  v: unknown,
  kind: ColumnKind,
  missing: MissingMarkers,
  decimal: '.' | ',',
  where: () => string,
  column: string,
  row: number,
  col: number,
): number | string | boolean | null {
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) || (typeof v === 'string' && missing.has(v))) {
    return kind === 'number' ? NaN : null;
  }
  switch (kind) {
    case 'number':
      if (typeof v === 'number') {
        if (Number.isFinite(v)) return v;
        throw new LogitRangeError(`${where()}: column ${JSON.stringify(column)} has ${describe(v)}; tables hold finite numbers (NaN or null marks a missing value)`, {
          parameter: column,
          row,
          column: col,
          value: v,
        });
      }
      if (typeof v === 'boolean') return v ? 1 : 0;
      if (typeof v === 'string') {
        const x = parseNumberText(v, decimal);
        if (!Number.isNaN(x)) return x;
      }
      break;
    case 'boolean':
      if (typeof v === 'boolean') return v;
      if (v === 0 || v === 1) return v === 1;
      if (typeof v === 'string') {
        const b = parseBooleanText(v);
        if (b !== null) return b;
      }
      break;
    case 'category':
      if (typeof v === 'string') return v;
      if (typeof v === 'boolean') return String(v);
      if (typeof v === 'number' && Number.isFinite(v)) return String(v);
      break;
  }
  throw cellError(where(), column, kind, v, row, col);
}
