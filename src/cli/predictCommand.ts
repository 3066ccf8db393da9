import { isLogitError } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import type { Label } from '../core/validate.js';
import { LogisticRegression } from '../models/logisticRegression.js';
import type { Table } from '../table/table.js';
import { Context, type CommonOptions } from './context.js';
import { readTable, type TableFormat } from './data.js';
import { dataError, usageError } from './errors.js';
import { loadedModel, type LoadedModel } from './model.js';
import { readModelDocument } from './modelFile.js';
import { checkWritable, writeAtomic } from './output.js';

export interface PredictOptions extends CommonOptions {
  proba?: boolean;
  threshold?: number;
  out: string;
  format?: TableFormat;
  force?: boolean;
}

/** A CSV field: quoted when it holds a comma, quote, CR or LF (RFC 4180). */
export function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A label or number as text for CSV: numbers in the shortest round-tripping form. */
function cell(v: Label | number): string {
  return typeof v === 'number' ? String(v) : csvField(String(v));
}

/**
 * The final model's inputs for `table`: through the table encoder and the pipeline's
 * transformers, or, for a bare model document, the table's numeric columns in order.
 */
export function designOf(m: LoadedModel, table: Table, file: string): Matrix {
  try {
    if (m.table !== null) return m.table.modelInputs(table);
    // A bare model document reads the table's numeric columns in order.
    const names = table.columnNames;
    const d = m.estimator.nFeatures;
    if (names.length !== d) throw dataError(`has ${names.length} columns but the model takes ${d} numeric features`, file);
    const rows = table.toRows().map((r) => names.map((n) => r[n]));
    return toMatrix(rows, names, table, file);
  } catch (e) {
    if (isLogitError(e)) throw dataError(e.message, file);
    throw e;
  }
}

function toMatrix(rows: unknown[][], names: string[], table: Table, file: string): Matrix {
  for (let i = 0; i < rows.length; i++) {
    for (let j = 0; j < names.length; j++) {
      const v = rows[i][j];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw dataError(`${table.where(i)}: column ${JSON.stringify(names[j])} has ${JSON.stringify(v)}; this model needs finite numbers in every column`, file);
      }
    }
  }
  return Matrix.from(rows as number[][]);
}

/**
 * `logit predict model.json data.csv`: one output row per input row, in order: `prediction`,
 * and with --proba one `proba_<class>` column per class. `-` reads the table from standard
 * input; `--out -` (the default) writes standard output, so the command composes in pipes.
 * --json writes a JSON array of row objects instead of CSV. Cost: O(n·d·K).
 */
export async function predictCommand(modelFile: string, data: string, options: PredictOptions): Promise<void> {
  const ctx = new Context(options);
  const force = options.force === true;
  if (data === '-' && modelFile === '-') throw usageError('the model and the data cannot both come from standard input');
  checkWritable(options.out, force, '--out');
  const m = loadedModel(readModelDocument(modelFile), modelFile);
  const classifier = m.estimator instanceof LogisticRegression;
  if (options.proba && !classifier) throw usageError('--proba needs a classifier; this model is a regression');
  if (options.threshold !== undefined) {
    if (!classifier) throw usageError('--threshold needs a classifier; this model is a regression');
    if ((m.estimator as LogisticRegression).classes.length !== 2) throw usageError('--threshold applies to two classes; this model has more');
  }
  const shown = data === '-' ? '<stdin>' : data;
  const table = await readTable(data, options.format);
  const X = designOf(m, table, shown);
  let labels: (Label | number)[];
  let proba: Matrix | null = null;
  let classes: Label[] = [];
  try {
    if (m.estimator instanceof LogisticRegression) {
      const model = m.estimator;
      classes = model.classes;
      labels = options.threshold !== undefined ? model.predict(X, { threshold: options.threshold }) : model.predict(X);
      if (options.proba) proba = model.predictProba(X);
    } else {
      labels = Array.from(m.estimator.predict(X));
    }
  } catch (e) {
    if (isLogitError(e)) throw dataError(e.message, shown);
    throw e;
  }
  const header = ['prediction', ...(proba ? classes.map((c) => `proba_${String(c)}`) : [])];
  let text: string;
  if (ctx.json) {
    const rows = labels.map((v, i) => {
      const r: Record<string, unknown> = { prediction: v };
      if (proba) classes.forEach((c, k) => (r[`proba_${String(c)}`] = (proba as Matrix).get(i, k)));
      return r;
    });
    text = JSON.stringify(rows) + '\n';
  } else {
    const lines = [header.map(csvField).join(',')];
    for (let i = 0; i < labels.length; i++) {
      const row = [cell(labels[i])];
      if (proba) for (let k = 0; k < classes.length; k++) row.push(String(proba.get(i, k)));
      lines.push(row.join(','));
    }
    text = lines.join('\n') + '\n';
  }
  writeAtomic(options.out, text, { force, flag: '--out' });
  if (options.out !== '-') ctx.note(`logit: ${labels.length} predictions written to ${options.out}`);
}
