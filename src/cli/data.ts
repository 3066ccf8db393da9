import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { isLogitError } from '../core/errors.js';
import type { Table } from '../table/table.js';
import { CliError, dataError, inFile, usageError } from './errors.js';
import { STDIO } from './output.js';

/** Table formats the command line reads. */
export type TableFormat = 'csv' | 'tsv' | 'json' | 'ndjson' | 'parquet';

const BY_EXTENSION: Record<string, TableFormat> = {
  '.csv': 'csv',
  '.txt': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.parquet': 'parquet',
  '.pq': 'parquet',
};

/** The format of `path`: `--format` when given, else its extension; `-` (stdin) is csv. */
export function formatOf(path: string, given: TableFormat | undefined): TableFormat {
  if (given !== undefined) return given;
  if (path === STDIO) return 'csv';
  const f = BY_EXTENSION[extname(path).toLowerCase()];
  if (f === undefined) {
    throw usageError(`cannot tell the format of ${path} from its extension; name it .csv, .tsv, .json, .ndjson or .parquet, or pass --format`);
  }
  return f;
}

/** Reads all of standard input. */
function readStdin(): Buffer {
  try {
    return readFileSync(0);
  } catch (e) {
    if ((e as { code?: string }).code === 'EAGAIN') throw usageError('no data on standard input; pipe a table in, or name a file instead of -');
    throw e;
  }
}

/**
 * Reads a table from `path` (or standard input for `-`) with logit's readers: CSV/TSV
 * (streaming parser: quotes, embedded newlines, BOM, empty cells as missing), JSON arrays of
 * objects, NDJSON, Parquet. Problems become data errors naming the file and line (exit 2).
 * Standard input is spooled to a private temporary file first (Parquet needs random access),
 * and errors still name `<stdin>`. Cost: O(size of the file).
 */
export async function readTable(path: string, given: TableFormat | undefined): Promise<Table> {
  const format = formatOf(path, given);
  if (path !== STDIO) return readFormat(path, format, path);
  const dir = mkdtempSync(join(tmpdir(), 'logit-stdin-'));
  try {
    const file = join(dir, `stdin.${format}`);
    const bytes = readStdin();
    if (bytes.length === 0) throw dataError('standard input is empty; pipe a table in, or name a file instead of -');
    writeFileSync(file, bytes);
    return await readFormat(file, format, '<stdin>');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each reader (and its parser package) is loaded only when its format is read: start-up matters for a command line. */
async function readFormat(file: string, format: TableFormat, shownAs: string): Promise<Table> {
  try {
    switch (format) {
      case 'csv':
        return await (await import('../io/csv.js')).readCsv(file);
      case 'tsv':
        return await (await import('../io/csv.js')).readCsv(file, { delimiter: '\t' });
      case 'json':
        return await (await import('../io/json.js')).readJson(file, { format: 'array' });
      case 'ndjson':
        return await (await import('../io/json.js')).readJson(file, { format: 'ndjson' });
      case 'parquet':
        return await (await import('../io/parquet.js')).readParquet(file);
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
    if (isLogitError(e)) throw dataError(e.message.split(file).join(shownAs), shownAs);
    throw inFile(e, shownAs);
  }
}
