import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Buffer } from 'node:buffer';
import Papa from 'papaparse';
import { LogitRangeError, LogitTypeError, describe } from '../core/errors.js';
import * as check from '../core/options.js';
import { MissingMarkers, asKindOverrides, asMissingOption, checkOverrideNames, parseBooleanText, parseNumberText, type ColumnKind } from '../table/cells.js';
import { Table, type TableOptions } from '../table/table.js';

/** Options of {@link readCsv}. */
export interface ReadCsvOptions extends TableOptions {
  /** Field separator (default ','); ';' and '\t' are common. */
  delimiter?: string;
  /** The quote character (default '"'); a quote inside a quoted field is written twice. */
  quote?: string;
  /**
   * Whether the first row names the columns: true, false (columns are then named column1,
   * column2, ...) or 'auto' (default; see {@link readCsv}).
   */
  header?: boolean | 'auto';
  /** Text encoding of the file (default 'utf8'); any encoding Node's Buffer knows. */
  encoding?: BufferEncoding;
}

/** Options of {@link readCsvChunks}. */
export interface ReadCsvChunksOptions extends ReadCsvOptions {
  /** Rows per chunk (default 10 000); memory use is proportional to it. */
  chunkRows?: number;
}

interface CsvConfig {
  delimiter: string;
  quote: string;
  header: boolean | 'auto';
  encoding: BufferEncoding;
  table: TableOptions;
  overrides: Map<string, ColumnKind>;
  missing: MissingMarkers;
  decimal: '.' | ',';
}

const CSV_KEYS = ['delimiter', 'quote', 'header', 'encoding', 'columns', 'missing', 'decimal'];

function config(options: unknown, owner: string, extra: string[] = []): { cfg: CsvConfig; o: Record<string, unknown> } {
  const o = check.rejectUnknownOptions(options, [...CSV_KEYS, ...extra], owner);
  const delimiter = o.delimiter ?? ',';
  if (typeof delimiter !== 'string' || delimiter.length === 0 || /[\r\n]/.test(delimiter)) {
    throw new LogitRangeError(`${owner} option delimiter must be a non-empty string without line breaks such as ',', ';' or '\\t'; received ${describe(delimiter)}`, {
      parameter: 'delimiter',
      value: delimiter,
    });
  }
  const quote = o.quote ?? '"';
  if (typeof quote !== 'string' || quote.length !== 1 || quote === delimiter) {
    throw new LogitRangeError(`${owner} option quote must be one character other than the delimiter; received ${describe(quote)}`, { parameter: 'quote', value: quote });
  }
  const header = o.header ?? 'auto';
  if (header !== true && header !== false && header !== 'auto') {
    throw new LogitRangeError(`${owner} option header must be true, false or 'auto'; received ${describe(header)}`, { parameter: 'header', value: header });
  }
  const encoding = o.encoding ?? 'utf8';
  if (typeof encoding !== 'string' || !Buffer.isEncoding(encoding)) {
    throw new LogitRangeError(`${owner} option encoding must be an encoding Node knows, such as 'utf8' or 'latin1'; received ${describe(encoding)}`, {
      parameter: 'encoding',
      value: encoding,
    });
  }
  const decimal = check.oneOf(o, 'decimal', ['.', ','] as const, '.');
  if (decimal === delimiter) {
    throw new LogitRangeError(`${owner}: decimal ',' needs another delimiter (such as ';'), since ',' already separates fields`, { parameter: 'decimal', value: decimal });
  }
  const missing = asMissingOption(o.missing, owner);
  const overrides = asKindOverrides(o.columns, owner);
  return {
    cfg: {
      delimiter,
      quote,
      header,
      encoding: encoding as BufferEncoding,
      table: { columns: o.columns as Record<string, ColumnKind> | undefined, missing, decimal },
      overrides,
      missing: new MissingMarkers(missing),
      decimal,
    },
    o,
  };
}

function checkPath(path: unknown, owner: string): string {
  if (typeof path !== 'string' || path.length === 0) {
    throw new LogitTypeError(`${owner} needs a file path (a string); received ${describe(path)}`, { parameter: 'path', value: path });
  }
  return path;
}

interface CsvRecord {
  cells: string[];
  /** One-based line on which the record starts. */
  line: number;
}

// Rows the parser may run ahead of the consumer before it is paused (about 20 read buffers).
const AHEAD = 20_000;

/**
 * The records of a CSV file with the line each starts on, streamed through Papa Parse (quotes,
 * doubled quotes, embedded line breaks, LF / CRLF / CR line ends detected from the first
 * buffer). The file is decoded by Node (so a character split between read buffers survives);
 * a byte-order mark is dropped. Blank lines (a record of one empty field) are skipped. Line
 * numbers are counted here: a record spans one line plus the line feeds inside its quoted
 * fields. Records arrive one parsed buffer at a time; when more than {@link AHEAD} rows wait
 * for the consumer the parser and the file stream are paused, so memory stays bounded.
 */
async function* batches(path: string, cfg: CsvConfig): AsyncGenerator<CsvRecord[]> {
  let encoding = cfg.encoding;
  if (encoding === 'utf8' || encoding === 'utf-8') {
    // A UTF-16LE byte-order mark overrides the default encoding (Excel's "Unicode text").
    const fh = await open(path, 'r');
    try {
      const head = Buffer.alloc(2);
      const { bytesRead } = await fh.read(head, 0, 2, 0);
      if (bytesRead === 2 && head[0] === 0xff && head[1] === 0xfe) encoding = 'utf16le';
    } finally {
      await fh.close();
    }
  }
  const source = createReadStream(path, { encoding });
  const queue: string[][][] = [];
  let waiting = 0;
  let ended = false;
  let failure: unknown = null;
  let paused: Papa.Parser | null = null;
  let handle: Papa.Parser | null = null;
  let wake: (() => void) | null = null;
  const signal = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  let rowsParsed = 0;
  Papa.parse(source as unknown as Papa.LocalFile, {
    delimiter: cfg.delimiter,
    quoteChar: cfg.quote,
    escapeChar: cfg.quote,
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
    beforeFirstChunk: (chunk) => (chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk),
    chunk: (results: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
      handle = parser;
      if (results.errors.length > 0 && failure === null) {
        const e = results.errors[0];
        failure = Object.assign(new Error(e.message), { code: e.code, record: rowsParsed + (e.row ?? 0) });
      }
      rowsParsed += results.data.length;
      queue.push(results.data);
      waiting += results.data.length;
      if (waiting > AHEAD && paused === null) {
        parser.pause();
        paused = parser;
      }
      signal();
    },
    complete: () => {
      ended = true;
      signal();
    },
    error: (e: Error) => {
      failure = e;
      signal();
    },
  });
  // Papa Parse does not listen for the file's own errors (ENOENT, EISDIR) before reading.
  source.on('error', (e) => {
    failure = e;
    signal();
  });
  let next = 1;
  let records = 0;
  try {
    for (;;) {
      while (queue.length > 0) {
        const rows = queue.shift() as string[][];
        waiting -= rows.length;
        const batch: CsvRecord[] = [];
        for (const cells of rows) {
          records++;
          const start = next;
          let span = 1;
          for (const cell of cells) for (let k = cell.indexOf('\n'); k >= 0; k = cell.indexOf('\n', k + 1)) span++;
          next = start + span;
          if (failure !== null && (failure as { record?: number }).record === records - 1) {
            const f = failure as Error & { code?: string };
            throw new LogitRangeError(`${path}:${start}: malformed CSV (${f.code}): ${f.message}`, { parameter: 'path', value: path });
          }
          if (cells.length === 1 && cells[0] === '') continue;
          batch.push({ cells, line: start });
        }
        if (batch.length > 0) yield batch;
      }
      if (failure !== null) {
        const f = failure as Error & { code?: string };
        if (typeof f.code === 'string' && /Quotes|Delimiter/.test(f.code)) {
          throw new LogitRangeError(`${path}:${next}: malformed CSV (${f.code}): ${f.message}`, { parameter: 'path', value: path });
        }
        throw failure;
      }
      if (ended) return;
      if (paused !== null) {
        const p: Papa.Parser = paused;
        paused = null;
        p.resume();
      }
      if (queue.length === 0 && !ended && failure === null) await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    if (!ended) {
      (handle as Papa.Parser | null)?.abort();
      source.destroy();
    }
  }
}

/** 'auto' header rule; see readCsv. */
function looksLikeHeader(first: readonly string[], sample: readonly CsvRecord[], cfg: CsvConfig): boolean {
  const seen = new Set<string>();
  for (let j = 0; j < first.length; j++) {
    const c = first[j];
    if (cfg.missing.has(c) || seen.has(c)) return false;
    if (!Number.isNaN(parseNumberText(c, cfg.decimal)) || parseBooleanText(c) !== null) return false;
    seen.add(c);
    for (const r of sample) if (r.cells[j] === c) return false;
  }
  return true;
}

interface Layout {
  names: string[];
  /** Records read while deciding the header that are data. */
  pending: CsvRecord[];
  /** Line of the header (0 when there is none). */
  headerLine: number;
}

const SAMPLE = 100;

/**
 * Reads the header (deciding 'auto' on the next 100 rows) and returns the column names plus
 * the records already taken from the stream that are data.
 */
async function layout(path: string, it: AsyncGenerator<CsvRecord[]>, cfg: CsvConfig): Promise<Layout> {
  const taken: CsvRecord[] = [];
  while (taken.length < 1 + SAMPLE) {
    const b = await it.next();
    if (b.done) break;
    for (const r of b.value) taken.push(r);
  }
  if (taken.length === 0) throw new LogitRangeError(`${path}: the file is empty; a CSV needs a header or at least one row`, { parameter: 'path', value: path });
  const first = taken[0];
  const header = cfg.header === 'auto' ? looksLikeHeader(first.cells, taken.slice(1, 1 + SAMPLE), cfg) : cfg.header;
  if (!header) return { names: first.cells.map((_, j) => `column${j + 1}`), pending: taken, headerLine: 0 };
  const names = first.cells.map((c, j) => (c.trim() === '' ? `column${j + 1}` : c));
  const at = new Map<string, number>();
  names.forEach((n, j) => {
    const prev = at.get(n);
    if (prev !== undefined) {
      throw new LogitRangeError(`${path}:${first.line}: the header names column ${JSON.stringify(n)} twice (fields ${prev + 1} and ${j + 1}); names must be distinct`, {
        parameter: 'path',
        column: j,
        value: n,
      });
    }
    at.set(n, j);
  });
  return { names, pending: taken.slice(1), headerLine: first.line };
}

/** Collects records column by column, checking every record has one field per column. */
class Columns {
  cells: string[][];
  lines: number[] = [];
  constructor(
    private readonly path: string,
    private readonly names: readonly string[],
    private readonly hasHeader: boolean,
  ) {
    this.cells = names.map(() => []);
  }
  add(r: CsvRecord): void {
    const d = this.names.length;
    if (r.cells.length !== d) {
      throw new LogitRangeError(
        `${this.path}:${r.line}: this row has ${r.cells.length} fields but the ${this.hasHeader ? 'header' : 'first row'} has ${d}; check the delimiter or quoting`,
        { parameter: 'path', value: r.cells.length },
      );
    }
    for (let j = 0; j < d; j++) this.cells[j].push(r.cells[j]);
    this.lines.push(r.line);
  }
  get size(): number {
    return this.lines.length;
  }
  table(options: TableOptions): Table {
    return Table.fromText(this.names, this.cells, options, { file: this.path, lines: Int32Array.from(this.lines) });
  }
}

/**
 * Reads a CSV file into a {@link Table}, streaming it through Papa Parse.
 *
 * Parsing: `delimiter` (default ','), double-quoted fields with doubled quotes and embedded
 * line breaks, LF / CRLF line ends, a UTF-8 byte-order mark, blank lines skipped. Every row
 * must have as many fields as the header.
 *
 * Header: `true` takes the first row as names; `false` names columns column1, column2, ...;
 * `'auto'` (default) takes the first row as names unless one of its cells is empty, a number,
 * true/false, repeats another of its cells, or reappears in its column within the next 100
 * rows -- any of which marks it as data. Pass `header` explicitly when in doubt.
 *
 * Types: a column is 'number' when every non-missing cell is a decimal number ("3", "-1.5e3";
 * not "0x1f" or "Infinity"), 'boolean' when every one is true/false in any letter case, else
 * 'category'. A column of mostly numbers whose other cells take at most 3 distinct values
 * ("n/a", "?") is read as numbers and fails at the first such cell with
 * `data.csv:1043: column "age" has "n/a" where a number belongs; pass { missing: ['n/a'] } ...`,
 * so a stray marker never silently turns a numeric column into 1000 categories. `columns`
 * fixes kinds (`{ zip: 'category' }`); naming a column the file lacks is an error. Empty cells
 * and the `missing` markers are missing values (NaN / null).
 *
 * Cost: O(file size) time; memory O(cells) -- use {@link readCsvChunks} for files larger than memory.
 */
export async function readCsv(path: string, options: ReadCsvOptions = {}): Promise<Table> {
  const file = checkPath(path, 'readCsv');
  const { cfg } = config(options, 'readCsv');
  const it = batches(file, cfg);
  try {
    const { names, pending, headerLine } = await layout(file, it, cfg);
    checkOverrideNames(cfg.overrides, names, file);
    const cols = new Columns(file, names, headerLine > 0);
    for (const r of pending) cols.add(r);
    for await (const batch of it) for (const r of batch) cols.add(r);
    return cols.table(cfg.table);
  } finally {
    await it.return(undefined);
  }
}

/**
 * Reads a CSV file as a sequence of Tables of at most `chunkRows` rows each (default 10 000),
 * for files larger than memory: only one chunk (and the parser's buffer) is held at a time,
 * and the file is read as fast as the consumer takes chunks. Every chunk has the same columns
 * and kinds: those given in `columns` (give all of them, e.g. a previous table's `schema`, for
 * a fixed schema), the rest inferred from the first chunk as in {@link readCsv}. A later cell
 * that does not fit its column's kind throws, naming file, line and column. Header detection
 * ('auto') looks at the first 100 rows. A file with a header and no rows yields no chunk.
 *
 * Cost: O(file size) time, O(chunkRows · columns) memory.
 */
export async function* readCsvChunks(path: string, options: ReadCsvChunksOptions = {}): AsyncGenerator<Table, void, undefined> {
  const file = checkPath(path, 'readCsvChunks');
  const { cfg, o } = config(options, 'readCsvChunks', ['chunkRows']);
  const chunkRows = check.integer(o, 'chunkRows', 10_000, 1);
  const it = batches(file, cfg);
  try {
    const { names, pending, headerLine } = await layout(file, it, cfg);
    checkOverrideNames(cfg.overrides, names, file);
    let options: TableOptions = cfg.table;
    let cols = new Columns(file, names, headerLine > 0);
    const flush = (): Table => {
      const t = cols.table(options);
      // The first chunk fixes every kind for the chunks after it.
      options = { ...cfg.table, columns: t.schema };
      cols = new Columns(file, names, headerLine > 0);
      return t;
    };
    for (const r of pending) {
      cols.add(r);
      if (cols.size === chunkRows) yield flush();
    }
    for await (const batch of it) {
      for (const r of batch) {
        cols.add(r);
        if (cols.size === chunkRows) yield flush();
      }
    }
    if (cols.size > 0) yield flush();
  } finally {
    await it.return(undefined);
  }
}
