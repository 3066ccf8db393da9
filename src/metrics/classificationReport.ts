import { LogitRangeError } from '../core/errors.js';
import * as check from '../core/options.js';
import { asLabels, uniqueLabels, type Label } from '../core/validate.js';
import { pairedLabels } from './inputs.js';
import { precisionRecallFscoreSupport, type PrfSupport } from './prf.js';

export interface ClassificationReportOptions {
  /** Labels to report, in order (default the sorted labels of yTrue ∪ yPred). */
  labels?: ArrayLike<Label>;
  /** Display names, one per label (default String(label)). */
  targetNames?: readonly string[];
  sampleWeight?: ArrayLike<number>;
  /** Decimals in the text table (default 2). */
  digits?: number;
  /** Value of a 0/0 precision or recall (default 0). */
  zeroDivision?: 0 | 1;
}

export interface ReportRow {
  precision: number;
  recall: number;
  f1Score: number;
  /** Σ sᵢ over the samples of this label in yTrue (a count without weights). */
  support: number;
}

export interface ClassificationReport {
  /** One row per label, keyed by its name (targetNames or String(label)), in label order. */
  classes: { name: string; label: Label; row: ReportRow }[];
  /** Accuracy, reported instead of the micro average when every present label is reported; else null. */
  accuracy: number | null;
  /** Micro average (pooled counts), when it is not the accuracy; else null. */
  microAvg: ReportRow | null;
  macroAvg: ReportRow;
  weightedAvg: ReportRow;
  /** The table scikit-learn's `classification_report` prints, character for character. */
  text: string;
}

/**
 * Per-class precision, recall, F1 and support plus their averages, scikit-learn's
 * `classification_report`, as an object and as its fixed-width text table. Numbers in the
 * text are rounded half to even like Python's format. Row names are String(label), so
 * booleans print as true/false where Python prints True/False. Cost: O(n + K).
 */
export function classificationReport(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>, options: ClassificationReportOptions = {}): ClassificationReport {
  const o = check.rejectUnknownOptions(options, ['labels', 'targetNames', 'sampleWeight', 'digits', 'zeroDivision'], 'classificationReport');
  const [a, b] = pairedLabels(yTrue, yPred);
  const digits = check.integer(o, 'digits', 2, 0);
  const present = uniqueLabels([...a, ...b]);
  const labels = o.labels === undefined ? present : asLabels(o.labels, 'labels');
  const microIsAccuracy = o.labels === undefined || (labels.length === present.length && present.every((l) => labels.includes(l)));
  let names: string[];
  if (o.targetNames !== undefined) {
    names = asLabels(o.targetNames, 'targetNames').map(String);
    if (names.length !== labels.length) {
      throw new LogitRangeError(`targetNames has ${names.length} names but there are ${labels.length} labels`, { parameter: 'targetNames', value: names.length });
    }
  } else names = labels.map(String);
  const base = { labels, sampleWeight: o.sampleWeight as ArrayLike<number> | undefined, zeroDivision: o.zeroDivision as 0 | 1 | undefined };
  const per = precisionRecallFscoreSupport(a, b, { ...base, average: null }) as PrfSupport;
  const totalSupport = per.support.reduce((x, y) => x + y, 0);
  const avg = (average: 'micro' | 'macro' | 'weighted'): ReportRow => {
    const r = precisionRecallFscoreSupport(a, b, { ...base, average }) as { precision: number; recall: number; fbeta: number };
    return { precision: r.precision, recall: r.recall, f1Score: r.fbeta, support: totalSupport };
  };
  const micro = avg('micro');
  const macroAvg = avg('macro');
  const weightedAvg = avg('weighted');
  const classes = labels.map((label, k) => ({
    name: names[k],
    label,
    row: { precision: per.precision[k], recall: per.recall[k], f1Score: per.fbeta[k], support: per.support[k] },
  }));
  const weighted = o.sampleWeight !== undefined;
  const width = Math.max(...names.map((s) => s.length), 'weighted avg'.length, digits);
  const pad = (s: string, w: number): string => s.padStart(w);
  const num = (x: number): string => pad(formatFixed(x, digits), 9);
  const sup = (x: number): string => pad(weighted ? pythonFloat(x) : String(x), 9);
  let text = `${pad('', width)}  ${['precision', 'recall', 'f1-score', 'support'].map((h) => pad(h, 9)).join(' ')}\n\n`;
  const line = (name: string, r: ReportRow): string => `${pad(name, width)}  ${num(r.precision)} ${num(r.recall)} ${num(r.f1Score)} ${sup(r.support)}\n`;
  for (const c of classes) text += line(c.name, c.row);
  text += '\n';
  if (microIsAccuracy) text += `${pad('accuracy', width)}  ${pad('', 9)} ${pad('', 9)} ${num(micro.f1Score)} ${sup(totalSupport)}\n`;
  else text += line('micro avg', micro);
  text += line('macro avg', macroAvg);
  text += line('weighted avg', weightedAvg);
  return {
    classes,
    accuracy: microIsAccuracy ? micro.f1Score : null,
    microAvg: microIsAccuracy ? null : micro,
    macroAvg,
    weightedAvg,
    text,
  };
}

/**
 * x with `digits` decimals, rounding exact ties half to even as Python's format does
 * (JavaScript's toFixed rounds them up). A tie is x = j/2^(digits+1) with j odd, the only
 * doubles exactly halfway between two decimals.
 */
export function formatFixed(x: number, digits: number): string {
  const s = x.toFixed(digits);
  const scaled = x * 2 ** (digits + 1); // exact: a power-of-two scaling
  if (Number.isInteger(scaled) && Math.abs(scaled) % 2 === 1) {
    const down = (Math.sign(x) * Math.floor(Math.abs(x) * 10 ** digits)) / 10 ** digits;
    const downDigit = Math.floor(Math.abs(x) * 10 ** digits) % 10;
    if (downDigit % 2 === 0) return down.toFixed(digits);
  }
  return s;
}

/** Python's str() of a float: shortest round-trip digits, with '.0' on integral values. */
function pythonFloat(x: number): string {
  return Number.isInteger(x) && Math.abs(x) < 1e16 ? `${x}.0` : String(x);
}
