import { LogitRangeError, LogitTypeError, describe } from '../core/errors.js';
import { htmlTable, type ReportSection } from './html.js';

/** What the report says about the data; the command line fills it from the raw table (before imputation). */
export interface DataSummary {
  /** Rows in the whole table. */
  rows: number;
  /** Feature columns (before encoding). */
  columns: number;
  /** Target column name. */
  target?: string;
  /** Where the data came from (a file name). */
  source?: string;
  /** Class counts (classification). */
  classes?: ReadonlyArray<{ label: string; count: number }>;
  /** Missing values per column; columns with none may be left out. */
  missing?: ReadonlyArray<{ column: string; count: number }>;
  /** Rows in the training and test splits. */
  trainRows?: number;
  testRows?: number;
  /** Summary of a numeric target (regression): min, mean, max, standard deviation. */
  targetStats?: { min: number; mean: number; max: number; std: number };
}

function count(v: unknown, name: string): number {
  if (typeof v !== 'number') throw new LogitTypeError(`${name} must be a number; received ${describe(v)}`, { parameter: name, value: v });
  if (!Number.isInteger(v) || v < 0) throw new LogitRangeError(`${name} must be an integer ≥ 0; received ${v}`, { parameter: name, value: v });
  return v;
}

const g = (v: number): string => (Number.isInteger(v) ? v.toLocaleString('en-US') : v.toPrecision(4));

/**
 * The data-summary section: size, split, class balance (count and share) and missing values
 * per column (or a sentence saying there were none). Cost: O(classes + columns).
 */
export function dataSummarySection(s: DataSummary): ReportSection {
  if (s === null || typeof s !== 'object') throw new LogitTypeError(`data must be a DataSummary; received ${describe(s)}`, { parameter: 'data', value: s });
  const rows = count(s.rows, 'data.rows');
  const columns = count(s.columns, 'data.columns');
  const lead =
    `${g(rows)} rows × ${g(columns)} feature column${columns === 1 ? '' : 's'}` +
    (s.source ? ` from ${s.source}` : '') +
    (s.target ? `, target “${s.target}”` : '') +
    (s.trainRows !== undefined && s.testRows !== undefined ? `; ${g(count(s.trainRows, 'data.trainRows'))} rows to train, ${g(count(s.testRows, 'data.testRows'))} held out to evaluate.` : '.');
  const parts: string[] = [];
  if (s.classes && s.classes.length > 0) {
    const total = s.classes.reduce((a, c) => a + count(c.count, 'data.classes[].count'), 0);
    parts.push(
      htmlTable(
        ['class', 'rows', 'share'],
        s.classes.map((c) => [String(c.label), c.count, total === 0 ? '0 %' : `${((100 * c.count) / total).toFixed(1)} %`]),
        { caption: 'Class balance' },
      ),
    );
  }
  if (s.targetStats) {
    const t = s.targetStats;
    parts.push(htmlTable(['target', 'min', 'mean', 'max', 'std'], [[s.target ?? 'y', g(t.min), g(t.mean), g(t.max), g(t.std)]], { caption: 'Target' }));
  }
  const missing = (s.missing ?? []).filter((m) => count(m.count, 'data.missing[].count') > 0);
  let caption: string;
  if (s.missing === undefined) caption = 'Missing values were not counted.';
  else if (missing.length === 0) caption = 'No missing values.';
  else {
    caption = `${missing.reduce((a, m) => a + m.count, 0)} missing values in ${missing.length} column${missing.length === 1 ? '' : 's'} (imputed before training).`;
    parts.push(
      htmlTable(
        ['column', 'missing', 'share of rows'],
        missing.map((m) => [m.column, m.count, rows === 0 ? '0 %' : `${((100 * m.count) / rows).toFixed(1)} %`]),
        { caption: 'Missing values' },
      ),
    );
  }
  return { id: 'data', title: 'Data', lead, html: parts.join('\n'), caption };
}
