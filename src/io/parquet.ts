import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema, type Compressors } from 'hyparquet';
import { LogitRangeError, LogitTypeError, describe } from '../core/errors.js';
import * as check from '../core/options.js';
import type { ColumnKind } from '../table/cells.js';
import { Table, type Column, type TableOptions } from '../table/table.js';

/** Options of {@link readParquet}. */
export type ReadParquetOptions = Omit<TableOptions, 'decimal'>;

// hyparquet decodes UNCOMPRESSED and SNAPPY itself; GZIP and BROTLI come from Node's zlib, so
// no compression package is needed. ZSTD, LZ4 and LZO are not supported (named in the error).
const compressors: Compressors = {
  GZIP: (input) => new Uint8Array(gunzipSync(input)),
  BROTLI: (input) => new Uint8Array(brotliDecompressSync(input)),
};

interface Element {
  name: string;
  type?: string;
  converted_type?: string;
  logical_type?: { type: string };
  num_children?: number;
}

/** The table kind of a top-level Parquet column, or why it has none. */
function kindOf(e: Element): ColumnKind | string {
  const logical = e.logical_type?.type;
  const converted = e.converted_type;
  if (e.num_children !== undefined && e.num_children > 0) return 'a nested group (struct, list or map)';
  switch (e.type) {
    case 'BOOLEAN':
      return 'boolean';
    case 'FLOAT':
    case 'DOUBLE':
      return 'number';
    case 'INT32':
    case 'INT64':
      if (converted === undefined || /^(U?INT_\d+|DECIMAL)$/.test(converted)) return logical === undefined || logical === 'INTEGER' || logical === 'DECIMAL' ? 'number' : `${e.type} (${logical})`;
      return `${e.type} (${converted})`;
    case 'BYTE_ARRAY':
      if (converted === 'UTF8' || converted === 'ENUM' || logical === 'STRING' || logical === 'ENUM') return 'category';
      if (converted === 'DECIMAL') return 'number';
      return `BYTE_ARRAY (${converted ?? logical ?? 'binary'})`;
    default:
      return `${e.type ?? 'unknown'}${converted ? ` (${converted})` : ''}`;
  }
}

/**
 * Reads a Parquet file into a {@link Table} with hyparquet, a pure-JavaScript reader (no
 * native code). Column kinds come from the file's schema: BOOLEAN → 'boolean'; INT32, INT64,
 * FLOAT, DOUBLE and DECIMAL → 'number' (64-bit integers beyond ±2^53 are rejected rather than
 * rounded); UTF8 strings and enums → 'category'; nulls are missing values. Dates, timestamps,
 * binary and nested columns are rejected naming the column (convert them to numbers or text
 * first). `columns` overrides kinds after reading (`{ zip: 'category' }`). Compression:
 * uncompressed, SNAPPY, GZIP and BROTLI.
 * Cost: O(file size) time and memory.
 */
export async function readParquet(path: string, options: ReadParquetOptions = {}): Promise<Table> {
  if (typeof path !== 'string' || path.length === 0) {
    throw new LogitTypeError(`readParquet needs a file path (a string); received ${describe(path)}`, { parameter: 'path', value: path });
  }
  const o = check.rejectUnknownOptions(options, ['columns', 'missing'], 'readParquet');
  const file = await asyncBufferFromFile(path);
  let metadata;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (e) {
    throw new LogitRangeError(`${path}: not a readable Parquet file: ${(e as Error).message}`, { parameter: 'path', value: path });
  }
  const schema = parquetSchema(metadata);
  const kinds: Record<string, ColumnKind> = Object.create(null);
  const names: string[] = [];
  for (const child of schema.children) {
    const e = child.element as Element;
    const k = kindOf(e);
    if (k !== 'number' && k !== 'category' && k !== 'boolean') {
      throw new LogitRangeError(`${path}: column ${JSON.stringify(e.name)} has Parquet type ${k}, which a logit Table cannot hold; convert it to numbers or text first`, {
        parameter: e.name,
        value: k,
      });
    }
    Object.defineProperty(kinds, e.name, { value: k, enumerable: true });
    names.push(e.name);
  }
  let rows: Record<string, unknown>[];
  try {
    rows = await parquetReadObjects({ file, metadata, compressors });
  } catch (e) {
    throw new LogitRangeError(`${path}: cannot decode: ${(e as Error).message}`, { parameter: 'path', value: path });
  }
  // INT64 arrives as BigInt: exact integers up to 2^53 become numbers, larger ones are an error.
  for (const name of names) {
    if (kinds[name] !== 'number') continue;
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i][name];
      if (typeof v === 'bigint') {
        if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) {
          throw new LogitRangeError(`${path}: row ${i}: column ${JSON.stringify(name)} has ${v}, beyond the integers a double holds exactly (±2^53)`, {
            parameter: name,
            row: i,
            value: v,
          });
        }
        rows[i][name] = Number(v);
      }
    }
  }
  const user = o.columns === undefined || o.columns === null ? {} : (o.columns as Record<string, ColumnKind>);
  for (const key of Object.keys(user)) {
    if (!names.includes(key)) {
      throw new LogitRangeError(`${path}: option columns names ${JSON.stringify(key)}, which is not a column; the columns are ${names.map((n) => JSON.stringify(n)).join(', ')}`, {
        parameter: `columns.${key}`,
        value: key,
      });
    }
  }
  // Read with the file's kinds, then convert the overridden columns from those kinds.
  const origin = { file: path, lines: null };
  const table =
    rows.length === 0
      ? Table.fromTypedColumns(
          names.map((n) => (kinds[n] === 'number' ? { name: n, kind: 'number', values: new Float64Array(0) } : { name: n, kind: kinds[n], values: [] }) as Column),
          origin,
        )
      : Table.fromRecords(rows, { columns: kinds, missing: o.missing as string[] | undefined }, origin, path);
  return Object.keys(user).length > 0 ? table.cast(user) : table;
}
