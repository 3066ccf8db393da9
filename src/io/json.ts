import { readFile } from 'node:fs/promises';
import { LogitRangeError, LogitTypeError, describe } from '../core/errors.js';
import * as check from '../core/options.js';
import { Table, type TableOptions } from '../table/table.js';

/** Options of {@link readJson}. */
export interface ReadJsonOptions extends Omit<TableOptions, 'decimal'> {
  /** 'auto' (default): a file whose first non-blank character is '[' is a JSON array, anything else NDJSON. */
  format?: 'auto' | 'array' | 'ndjson';
}

/**
 * The line on which each top-level element of a JSON array starts, by one pass over the text
 * that tracks strings and nesting depth. Cost: O(text length).
 */
function elementLines(text: string): number[] {
  const out: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expecting = false;
  for (let k = 0; k < text.length; k++) {
    const ch = text.charCodeAt(k);
    if (ch === 10) line++;
    if (inString) {
      if (ch === 92) k++; // backslash: skip the escaped character (an escaped newline cannot occur in valid JSON)
      else if (ch === 34) inString = false;
      continue;
    }
    if (ch === 32 || ch === 9 || ch === 10 || ch === 13) continue;
    if (depth === 1 && expecting && ch !== 93) {
      out.push(line);
      expecting = false;
    }
    if (ch === 34) inString = true;
    else if (ch === 91 || ch === 123) {
      depth++;
      if (depth === 1) expecting = true;
    } else if (ch === 93 || ch === 125) depth--;
    else if (ch === 44 && depth === 1) expecting = true;
  }
  return out;
}

/** Turns JSON.parse's "... at position 42 ..." into a line number when it says where. */
function syntaxLine(text: string, message: string, offsetLine = 1): string {
  const m = /position (\d+)/.exec(message);
  if (m === null) return '';
  const pos = Number(m[1]);
  let line = offsetLine;
  for (let k = 0; k < pos && k < text.length; k++) if (text.charCodeAt(k) === 10) line++;
  return `:${line}`;
}

/**
 * Reads a JSON array of objects (`[{"age": 31, "city": "Oslo"}, ...]`) or NDJSON (one object
 * per line; blank lines skipped) into a {@link Table}. Columns are the keys in order of first
 * appearance; a missing key, null and the `missing` markers are missing values. Kinds follow
 * the JSON types (numbers, strings → categories, booleans; see `Table.fromRows`) unless
 * `columns` fixes them. Errors name the file and the line on which the offending row starts.
 * Keys such as `__proto__` are ordinary column names.
 * Cost: O(file size); the whole file is held in memory while parsing.
 */
export async function readJson(path: string, options: ReadJsonOptions = {}): Promise<Table> {
  if (typeof path !== 'string' || path.length === 0) {
    throw new LogitTypeError(`readJson needs a file path (a string); received ${describe(path)}`, { parameter: 'path', value: path });
  }
  const o = check.rejectUnknownOptions(options, ['format', 'columns', 'missing'], 'readJson');
  let format = check.oneOf(o, 'format', ['auto', 'array', 'ndjson'] as const, 'auto');
  const tableOptions: TableOptions = { columns: o.columns as TableOptions['columns'], missing: o.missing as string[] | undefined };
  let text = await readFile(path, 'utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const firstChar = /\S/.exec(text);
  if (firstChar === null) throw new LogitRangeError(`${path}: the file is empty; expected a JSON array of objects or NDJSON`, { parameter: 'path', value: path });
  if (format === 'auto') format = firstChar[0] === '[' ? 'array' : 'ndjson';

  let rows: unknown[];
  let lines: number[];
  if (format === 'array') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new LogitRangeError(`${path}${syntaxLine(text, (e as Error).message)}: invalid JSON: ${(e as Error).message}`, { parameter: 'path', value: path });
    }
    if (!Array.isArray(parsed)) {
      throw new LogitRangeError(`${path}: expected a JSON array of objects (one per row); found ${describe(parsed)}`, { parameter: 'path', value: path });
    }
    rows = parsed;
    lines = elementLines(text);
  } else {
    rows = [];
    lines = [];
    const all = text.split('\n');
    for (let k = 0; k < all.length; k++) {
      const s = all[k];
      if (s.trim() === '') continue;
      try {
        rows.push(JSON.parse(s));
      } catch (e) {
        throw new LogitRangeError(`${path}:${k + 1}: invalid JSON on this line (NDJSON needs one object per line): ${(e as Error).message}`, {
          parameter: 'path',
          row: rows.length,
          value: path,
        });
      }
      lines.push(k + 1);
    }
  }
  const origin = { file: path, lines: lines.length === rows.length ? Int32Array.from(lines) : null };
  return Table.fromRecords(rows, tableOptions, origin, path);
}
