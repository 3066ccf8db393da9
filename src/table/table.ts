import { LogitRangeError, LogitTypeError, describe } from '../core/errors.js';
import * as check from '../core/options.js';
import {
  KINDS,
  MissingMarkers,
  asKindOverrides,
  asMissingOption,
  checkOverrideNames,
  coerceCell,
  locate,
  parseBooleanText,
  parseNumberText,
  type ColumnKind,
  type TableOrigin,
} from './cells.js';

/** A column of numbers; NaN marks a missing value. */
export interface NumberColumn {
  readonly name: string;
  readonly kind: 'number';
  readonly values: Float64Array;
}
/** A column of category labels (strings); null marks a missing value. */
export interface CategoryColumn {
  readonly name: string;
  readonly kind: 'category';
  readonly values: readonly (string | null)[];
}
/** A column of true/false; null marks a missing value. */
export interface BooleanColumn {
  readonly name: string;
  readonly kind: 'boolean';
  readonly values: readonly (boolean | null)[];
}
export type Column = NumberColumn | CategoryColumn | BooleanColumn;

/** One cell as read back from a table: NaN (numbers) or null (others) when missing. */
export type Cell = number | string | boolean | null;
/** One row as an object keyed by column name. */
export type Row = Record<string, Cell>;

/** How JavaScript values or text cells become typed columns. */
export interface TableOptions {
  /** Kind overrides by column name, e.g. `{ zip: 'category' }`; a name the table lacks is an error. */
  columns?: Record<string, ColumnKind>;
  /** Strings that mean "missing" besides the empty cell, e.g. `['n/a', 'NA']` (compared after trimming). */
  missing?: string[];
  /** The decimal separator of numbers written as text (default '.'). */
  decimal?: '.' | ',';
}

/** A column given to {@link Table.fromColumns} as an entry of an array. */
export interface ColumnSpec {
  name: string;
  values: ArrayLike<unknown>;
  kind?: ColumnKind;
}

interface Normalised {
  overrides: Map<string, ColumnKind>;
  missing: MissingMarkers;
  decimal: '.' | ',';
}

function normalise(options: unknown, owner: string): Normalised {
  const o = check.rejectUnknownOptions(options, ['columns', 'missing', 'decimal'], owner);
  return {
    overrides: asKindOverrides(o.columns, owner),
    missing: new MissingMarkers(asMissingOption(o.missing, owner)),
    decimal: check.oneOf(o, 'decimal', ['.', ','] as const, '.'),
  };
}

/** Sets an own, enumerable property even for the key `__proto__`. */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function isMissingJs(v: unknown, missing: MissingMarkers): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) || (typeof v === 'string' && missing.has(v));
}

/**
 * The kind of a column of JavaScript values: the type held by most non-missing values (numbers
 * → 'number', strings → 'category', booleans → 'boolean'; ties go to category, then number);
 * 'number' when every value is missing. A value of another type then fails in
 * {@link coerceCell}, naming its row, unless it converts exactly ("3" in a number column).
 */
function inferJsKind(values: ArrayLike<unknown>, missing: MissingMarkers, where: (i: number) => string, name: string): ColumnKind {
  let nNum = 0;
  let nStr = 0;
  let nBool = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissingJs(v, missing)) continue;
    if (typeof v === 'number') nNum++;
    else if (typeof v === 'string') nStr++;
    else if (typeof v === 'boolean') nBool++;
    else {
      throw new LogitTypeError(
        `${where(i)}: column ${JSON.stringify(name)} has ${describe(v)}; table cells must be numbers, strings, booleans or null`,
        { parameter: name, row: i, value: v },
      );
    }
  }
  if (nStr >= nNum && nStr >= nBool && nStr > 0) return 'category';
  if (nNum >= nBool) return 'number';
  return 'boolean';
}

/**
 * The kind of a column of text cells (CSV): 'number' when every non-missing cell is a number;
 * 'boolean' when every one is true/false; otherwise 'category' -- except that a column whose
 * non-missing cells are mostly numbers while the rest take at most 3 distinct values is taken
 * to be numeric with undeclared missing markers ("n/a", "?"), so reading it fails at the first
 * such cell instead of silently turning a numeric column into categories. A column with no
 * value at all is 'number' (all NaN). Cost: O(n).
 */
export function inferTextKind(cells: readonly string[], missing: MissingMarkers, decimal: '.' | ','): ColumnKind {
  let nNum = 0;
  let nBool = 0;
  let nPresent = 0;
  const strays = new Set<string>();
  for (const c of cells) {
    if (missing.has(c)) continue;
    nPresent++;
    if (!Number.isNaN(parseNumberText(c, decimal))) nNum++;
    else {
      if (parseBooleanText(c) !== null) nBool++;
      if (strays.size <= 3) strays.add(c.trim());
    }
  }
  if (nNum === nPresent) return 'number';
  if (nBool === nPresent) return 'boolean';
  if (2 * nNum > nPresent && strays.size <= 3) return 'number';
  return 'category';
}

function buildColumn(
  name: string,
  kind: ColumnKind,
  values: ArrayLike<unknown>,
  n: number,
  missing: MissingMarkers,
  decimal: '.' | ',',
  where: (i: number) => string,
  col: number,
): Column {
  if (kind === 'number') {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = coerceCell(values[i], 'number', missing, decimal, () => where(i), name, i, col) as number;
    return { name, kind, values: out };
  }
  const out = new Array<Cell>(n);
  for (let i = 0; i < n; i++) out[i] = coerceCell(values[i], kind, missing, decimal, () => where(i), name, i, col);
  return { name, kind, values: out } as Column;
}

function copyColumn(c: Column, index?: ArrayLike<number>): Column {
  if (index === undefined) {
    return c.kind === 'number' ? { name: c.name, kind: c.kind, values: c.values.slice() } : ({ name: c.name, kind: c.kind, values: [...c.values] } as Column);
  }
  const n = index.length;
  if (c.kind === 'number') {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = c.values[index[i]];
    return { name: c.name, kind: c.kind, values: out };
  }
  const out = new Array<Cell>(n);
  for (let i = 0; i < n; i++) out[i] = c.values[index[i]];
  return { name: c.name, kind: c.kind, values: out } as Column;
}

function checkNames(names: readonly unknown[], owner: string): void {
  const seen = new Set<string>();
  names.forEach((s, j) => {
    if (typeof s !== 'string') throw new LogitTypeError(`${owner}: column name ${j} is ${describe(s)}; names must be strings`, { parameter: 'columns', column: j, value: s });
    if (seen.has(s)) throw new LogitRangeError(`${owner}: column name ${JSON.stringify(s)} appears twice; names must be distinct`, { parameter: 'columns', column: j, value: s });
    seen.add(s);
  });
}

/**
 * A small immutable table of named, typed columns: numbers (Float64Array, NaN = missing),
 * categories (strings, null = missing) and booleans (null = missing). It is what the readers in
 * `logit/io` return and what {@link TableEncoder} turns into a design matrix. Every method
 * returns a new Table (or a copy of data) and never changes this one.
 *
 *   const t = Table.fromRows([{ age: 31, city: 'Oslo', member: true }, { age: null, city: 'Lima', member: false }]);
 *   t.columnNames; // ['age', 'city', 'member']
 *   t.column('age').values; // Float64Array [31, NaN]
 */
export class Table {
  /** Number of rows. */
  readonly numRows: number;
  /** The file and lines the rows came from (set by the readers), used in error messages; null otherwise. */
  readonly origin: TableOrigin | null;
  private readonly cols: readonly Column[];
  private readonly index: Map<string, number>;

  private constructor(cols: readonly Column[], numRows: number, origin: TableOrigin | null) {
    this.cols = cols;
    this.numRows = numRows;
    this.origin = origin;
    this.index = new Map(cols.map((c, j) => [c.name, j]));
  }

  /**
   * Builds a table from already typed columns without copying or checking the values: for the
   * readers and for methods of this class. Names must be distinct and lengths equal (checked).
   * @internal
   */
  static fromTypedColumns(cols: readonly Column[], origin: TableOrigin | null = null): Table {
    checkNames(
      cols.map((c) => c.name),
      'Table',
    );
    const n = cols.length === 0 ? (origin?.lines?.length ?? 0) : cols[0].values.length;
    for (const c of cols) {
      if (c.values.length !== n) {
        throw new LogitRangeError(`Table: column ${JSON.stringify(c.name)} has ${c.values.length} values but column ${JSON.stringify(cols[0].name)} has ${n}`, {
          parameter: c.name,
          value: c.values.length,
        });
      }
    }
    if (origin !== null && origin.lines !== null && origin.lines.length !== n) {
      throw new LogitRangeError(`Table: origin has ${origin.lines.length} lines for ${n} rows`, { parameter: 'origin' });
    }
    return new Table(cols, n, origin);
  }

  /**
   * A table from columns: `{ age: [31, null], city: ['Oslo', 'Lima'] }` or, to keep names that
   * look like integers in order, `[{ name: 'age', values: [31, null] }, ...]` (an entry may fix
   * its `kind`). Kinds are inferred from the values' types (see {@link Table.fromRows}).
   * Values are copied. Cost: O(rows · columns).
   */
  static fromColumns(columns: Record<string, ArrayLike<unknown>> | readonly ColumnSpec[], options: TableOptions = {}): Table {
    const o = normalise(options, 'Table.fromColumns');
    let specs: ColumnSpec[];
    if (Array.isArray(columns)) {
      specs = columns.map((s, j) => {
        if (s === null || typeof s !== 'object') {
          throw new LogitTypeError(`Table.fromColumns: columns[${j}] must be { name, values, kind? }; received ${describe(s)}`, { parameter: 'columns', column: j, value: s });
        }
        return { name: (s as ColumnSpec).name, values: (s as ColumnSpec).values, kind: (s as ColumnSpec).kind };
      });
    } else if (columns !== null && typeof columns === 'object') {
      specs = Object.keys(columns).map((name) => ({ name, values: (columns as Record<string, ArrayLike<unknown>>)[name] }));
    } else {
      throw new LogitTypeError(`Table.fromColumns needs an object of columns or an array of { name, values }; received ${describe(columns)}`, {
        parameter: 'columns',
        value: columns,
      });
    }
    checkNames(
      specs.map((s) => s.name),
      'Table.fromColumns',
    );
    checkOverrideNames(
      o.overrides,
      specs.map((s) => s.name),
      'Table.fromColumns',
    );
    const n = specs.length === 0 ? 0 : (specs[0].values?.length ?? -1);
    const cols = specs.map((s, j) => {
      const v = s.values;
      if (v === null || typeof v !== 'object' || typeof v.length !== 'number') {
        throw new LogitTypeError(`Table.fromColumns: column ${JSON.stringify(s.name)} must be an array; received ${describe(v)}`, { parameter: s.name, value: v });
      }
      if (v.length !== n) {
        throw new LogitRangeError(`Table.fromColumns: column ${JSON.stringify(s.name)} has ${v.length} values but column ${JSON.stringify(specs[0].name)} has ${n}`, {
          parameter: s.name,
          value: v.length,
        });
      }
      if (s.kind !== undefined && !(KINDS as readonly string[]).includes(s.kind)) {
        throw new LogitRangeError(`Table.fromColumns: column ${JSON.stringify(s.name)} kind must be 'number', 'category' or 'boolean'; received ${describe(s.kind)}`, {
          parameter: s.name,
          value: s.kind,
        });
      }
      const where = (i: number) => `row ${i}`;
      const kind = o.overrides.get(s.name) ?? s.kind ?? (v instanceof Float64Array ? 'number' : inferJsKind(v, o.missing, where, s.name));
      return buildColumn(s.name, kind, v, n, o.missing, o.decimal, where, j);
    });
    return new Table(cols, n, null);
  }

  /**
   * A table from an array of objects (the shape of JSON data): columns are the keys in order of
   * first appearance; a key absent from a row is a missing value, as are null, undefined and NaN.
   * A column's kind is the type most of its values have -- numbers → 'number', strings →
   * 'category', booleans → 'boolean' -- and a value of another type must convert exactly
   * (the string "3" in a number column) or the call throws naming row and column. Keys such as
   * `__proto__` are ordinary column names. Cost: O(rows · columns).
   */
  static fromRows(rows: readonly object[], options: TableOptions = {}): Table {
    if (!Array.isArray(rows)) {
      throw new LogitTypeError(`Table.fromRows needs an array of objects; received ${describe(rows)}`, { parameter: 'rows', value: rows });
    }
    return Table.fromRecords(rows, options, null, 'Table.fromRows');
  }

  /**
   * {@link Table.fromRows} with the rows' origin (file and lines) for messages.
   * @internal
   */
  static fromRecords(rows: readonly unknown[], options: TableOptions, origin: TableOrigin | null, owner: string): Table {
    const o = normalise(options, owner);
    const n = rows.length;
    const names: string[] = [];
    const seen = new Map<string, number>();
    const hasOwn = Object.prototype.hasOwnProperty;
    for (let i = 0; i < n; i++) {
      const r = rows[i];
      if (r === null || typeof r !== 'object' || Array.isArray(r)) {
        throw new LogitTypeError(`${locate(origin, i)}: expected an object (one row) but found ${describe(r)}`, { parameter: 'rows', row: i, value: r });
      }
      for (const k of Object.keys(r)) {
        if (!seen.has(k)) {
          seen.set(k, names.length);
          names.push(k);
        }
      }
    }
    checkOverrideNames(o.overrides, names, owner);
    const where = (i: number) => locate(origin, i);
    const cols = names.map((name, j) => {
      const values = new Array<unknown>(n);
      for (let i = 0; i < n; i++) {
        const r = rows[i] as Record<string, unknown>;
        values[i] = hasOwn.call(r, name) ? r[name] : undefined;
      }
      const kind = o.overrides.get(name) ?? inferJsKind(values, o.missing, where, name);
      return buildColumn(name, kind, values, n, o.missing, o.decimal, where, j);
    });
    return new Table(cols, n, origin);
  }

  /**
   * A table from text cells, column by column (`cells[j][i]` is row i of column j), with the
   * inference the CSV reader uses: a column is 'number' when every non-missing cell is a
   * decimal number, 'boolean' when every one is true/false (any case), otherwise 'category';
   * a column of mostly numbers whose other cells take at most 3 distinct values is read as
   * numbers and throws at the first odd cell, naming it and how to declare it missing. Empty
   * cells and `missing` markers are missing. `columns` fixes kinds (no inference for those).
   * Cost: O(rows · columns).
   */
  static fromText(names: readonly string[], cells: readonly (readonly string[])[], options: TableOptions = {}, origin: TableOrigin | null = null): Table {
    const o = normalise(options, 'Table.fromText');
    checkNames(names, 'Table.fromText');
    if (cells.length !== names.length) {
      throw new LogitRangeError(`Table.fromText: ${names.length} names but ${cells.length} columns of cells`, { parameter: 'cells', value: cells.length });
    }
    checkOverrideNames(o.overrides, names, origin === null ? 'Table.fromText' : origin.file);
    const n = cells.length === 0 ? (origin?.lines?.length ?? 0) : cells[0].length;
    const where = (i: number) => locate(origin, i);
    const cols = names.map((name, j) => {
      const c = cells[j];
      if (c.length !== n) throw new LogitRangeError(`Table.fromText: column ${JSON.stringify(name)} has ${c.length} cells, expected ${n}`, { parameter: name });
      const kind = o.overrides.get(name) ?? inferTextKind(c, o.missing, o.decimal);
      return buildColumn(name, kind, c, n, o.missing, o.decimal, where, j);
    });
    return Table.fromTypedColumns(cols, origin);
  }

  /**
   * Stacks tables with the same column names and kinds (for example the chunks of
   * `readCsvChunks`) into one. Cost: O(total cells).
   */
  static concat(tables: readonly Table[]): Table {
    if (!Array.isArray(tables) || tables.length === 0) {
      throw new LogitRangeError('Table.concat needs a non-empty array of tables', { parameter: 'tables', value: tables });
    }
    const first = tables[0];
    tables.forEach((t, k) => {
      if (!(t instanceof Table)) throw new LogitTypeError(`Table.concat: tables[${k}] is ${describe(t)}, not a Table`, { parameter: 'tables', value: t });
      const a = first.cols.map((c: Column) => `${c.name}:${c.kind}`).join(',');
      const b = t.cols.map((c) => `${c.name}:${c.kind}`).join(',');
      if (a !== b) throw new LogitRangeError(`Table.concat: tables[${k}] has columns ${b} but tables[0] has ${a}`, { parameter: 'tables' });
    });
    const n = tables.reduce((s, t) => s + t.numRows, 0);
    const cols = first.cols.map((c: Column, j: number): Column => {
      if (c.kind === 'number') {
        const out = new Float64Array(n);
        let off = 0;
        for (const t of tables) {
          out.set(t.cols[j].values as Float64Array, off);
          off += t.numRows;
        }
        return { name: c.name, kind: c.kind, values: out } as Column;
      }
      const out: Cell[] = [];
      for (const t of tables) for (const v of t.cols[j].values) out.push(v);
      return { name: c.name, kind: c.kind, values: out } as Column;
    });
    let origin: TableOrigin | null = null;
    if (tables.every((t) => t.origin !== null && t.origin.file === first.origin?.file)) {
      let lines: Int32Array | null = new Int32Array(n);
      let off = 0;
      for (const t of tables) {
        const l = (t.origin as TableOrigin).lines;
        if (l === null) {
          lines = null;
          break;
        }
        lines.set(l, off);
        off += t.numRows;
      }
      origin = { file: (first.origin as TableOrigin).file, lines };
    }
    return new Table(cols, n, origin);
  }

  /** Column names in order (a copy). */
  get columnNames(): string[] {
    return this.cols.map((c) => c.name);
  }

  /** Number of columns. */
  get numColumns(): number {
    return this.cols.length;
  }

  /** `{ name: kind }` for every column, in order (a null-prototype object: any name is safe). */
  get schema(): Record<string, ColumnKind> {
    const out: Record<string, ColumnKind> = Object.create(null);
    for (const c of this.cols) setOwn(out, c.name, c.kind);
    return out;
  }

  /** True when the table has a column of this name. */
  has(name: string): boolean {
    return this.index.has(name);
  }

  private find(name: string, method: string): Column {
    const j = this.index.get(name);
    if (j === undefined) {
      throw new LogitRangeError(
        `Table.${method}: no column ${describe(name)}; the columns are ${this.cols.map((c) => JSON.stringify(c.name)).join(', ')}`,
        { parameter: 'name', value: name },
      );
    }
    return this.cols[j];
  }

  /** The kind of a column. */
  kind(name: string): ColumnKind {
    return this.find(name, 'kind').kind;
  }

  /** A column with a copy of its values (the table stays unchanged whatever you do with it). Cost: O(rows). */
  column(name: string): Column {
    return copyColumn(this.find(name, 'column'));
  }

  /**
   * The column's values without copying: do not modify them.
   * @internal
   */
  columnView(name: string): Column {
    return this.find(name, 'column');
  }

  /** One row as `{ name: value }` (NaN / null for missing). Cost: O(columns). */
  row(i: number): Row {
    this.checkRow(i, 'row');
    const out: Row = {};
    for (const c of this.cols) setOwn(out, c.name, c.values[i]);
    return out;
  }

  /** Every row as an object. Cost: O(rows · columns). */
  toRows(): Row[] {
    const out: Row[] = new Array(this.numRows);
    for (let i = 0; i < this.numRows; i++) out[i] = this.row(i);
    return out;
  }

  private checkRow(i: number, method: string): void {
    if (!Number.isInteger(i) || i < 0 || i >= this.numRows) {
      throw new LogitRangeError(`Table.${method}: row index ${describe(i)} is outside [0, ${this.numRows - 1}]`, { parameter: 'index', row: i, value: i });
    }
  }

  /** `data.csv:1043` (or `row 12` for tables not read from a file): where row i came from. */
  where(i: number): string {
    return locate(this.origin, i);
  }

  /** A table with only these columns, in this order. Cost: O(rows · |names|) (columns are copied). */
  select(names: readonly string[]): Table {
    if (!Array.isArray(names)) throw new LogitTypeError(`Table.select needs an array of column names; received ${describe(names)}`, { parameter: 'names', value: names });
    checkNames(names, 'Table.select');
    return new Table(
      names.map((n) => copyColumn(this.find(n, 'select'))),
      this.numRows,
      this.origin,
    );
  }

  /** A table without these columns. Cost: O(rows · columns). */
  drop(names: readonly string[]): Table {
    if (!Array.isArray(names)) throw new LogitTypeError(`Table.drop needs an array of column names; received ${describe(names)}`, { parameter: 'names', value: names });
    for (const n of names) this.find(n, 'drop');
    const gone = new Set(names);
    return this.select(this.columnNames.filter((n) => !gone.has(n)));
  }

  /** The rows at these indices, in this order (repeats allowed). Cost: O(|indices| · columns). */
  take(indices: ArrayLike<number>): Table {
    if (indices === null || typeof indices !== 'object' || typeof indices.length !== 'number') {
      throw new LogitTypeError(`Table.take needs an array of row indices; received ${describe(indices)}`, { parameter: 'indices', value: indices });
    }
    for (let k = 0; k < indices.length; k++) this.checkRow(indices[k], 'take');
    let origin: TableOrigin | null = null;
    if (this.origin !== null && this.origin.lines !== null) {
      const lines = new Int32Array(indices.length);
      for (let k = 0; k < indices.length; k++) lines[k] = this.origin.lines[indices[k]];
      origin = { file: this.origin.file, lines };
    } else if (this.origin !== null) {
      // Row numbers change under take; keep only lines, which do not.
      origin = null;
    }
    return new Table(
      this.cols.map((c) => copyColumn(c, indices)),
      indices.length,
      origin,
    );
  }

  /** The rows for which `keep(row, i)` is true. Cost: O(rows · columns). */
  filterRows(keep: (row: Row, i: number) => boolean): Table {
    if (typeof keep !== 'function') throw new LogitTypeError(`Table.filterRows needs a function (row, i) => boolean; received ${describe(keep)}`, { parameter: 'keep', value: keep });
    const idx: number[] = [];
    for (let i = 0; i < this.numRows; i++) if (keep(this.row(i), i)) idx.push(i);
    return this.take(idx);
  }

  /** The first n rows (default 5; fewer if the table is shorter). Cost: O(n · columns). */
  head(n = 5): Table {
    if (!Number.isInteger(n) || n < 0) throw new LogitRangeError(`Table.head: n must be an integer ≥ 0; received ${describe(n)}`, { parameter: 'n', value: n });
    const m = Math.min(n, this.numRows);
    return this.take(Array.from({ length: m }, (_, i) => i));
  }

  /**
   * The table with some columns converted to other kinds: numbers and booleans to categories
   * (their text: "3", "true"), categories to numbers or booleans (parsed exactly; a cell that
   * does not parse throws naming row and column), booleans to 0/1 and 0/1 to booleans.
   * Cost: O(rows) per converted column.
   */
  cast(kinds: Record<string, ColumnKind>, options: Pick<TableOptions, 'missing' | 'decimal'> = {}): Table {
    const overrides = asKindOverrides(kinds, 'Table.cast', 'kinds');
    const o = normalise(options, 'Table.cast');
    checkOverrideNames(overrides, this.columnNames, 'Table.cast', 'kinds');
    const where = (i: number) => locate(this.origin, i);
    const cols = this.cols.map((c, j) => {
      const kind = overrides.get(c.name);
      if (kind === undefined || kind === c.kind) return c;
      return buildColumn(c.name, kind, c.values, this.numRows, o.missing, o.decimal, where, j);
    });
    return new Table(cols, this.numRows, this.origin);
  }

  /** `{ name: number of missing cells }` for every column. Cost: O(rows · columns). */
  countMissing(): Record<string, number> {
    const out: Record<string, number> = Object.create(null);
    for (const c of this.cols) {
      let k = 0;
      if (c.kind === 'number') {
        for (let i = 0; i < c.values.length; i++) if (Number.isNaN(c.values[i])) k++;
      } else {
        for (const v of c.values) if (v === null) k++;
      }
      setOwn(out, c.name, k);
    }
    return out;
  }

  /** A short text preview: the header, up to `rows` rows (default 10) and the shape. */
  toString(rows = 10): string {
    const shown = Math.min(rows, this.numRows);
    const show = (v: Cell) => (v === null || (typeof v === 'number' && Number.isNaN(v)) ? '' : String(v));
    const lines = [this.cols.map((c) => c.name).join('\t')];
    for (let i = 0; i < shown; i++) lines.push(this.cols.map((c) => show(c.values[i])).join('\t'));
    if (shown < this.numRows) lines.push('…');
    lines.push(`(${this.numRows} rows × ${this.cols.length} columns: ${this.cols.map((c) => `${c.name} ${c.kind}`).join(', ')})`);
    return lines.join('\n');
  }
}
