import { num, pct, signed, table } from './format.js';

/** One coefficient with the name of its feature (after encoding: `color=red`, `age^2`, …). */
export interface NamedCoefficient {
  feature: string;
  /** Change in the log-odds (classification) or in y (regression) per unit of the model's input. */
  coef: number;
  /** e^coef: the factor on the odds per unit (classification only). */
  oddsRatio?: number;
}

/**
 * The largest coefficients by absolute value, with names and, for classifiers, odds ratios
 * e^β. `row` is one coefficient row (binary: the only one). Cost: O(d log d).
 */
export function topCoefficients(row: ArrayLike<number>, names: readonly string[], k: number, classifier: boolean): NamedCoefficient[] {
  const order = Array.from({ length: row.length }, (_, j) => j).sort((a, b) => Math.abs(row[b]) - Math.abs(row[a]) || a - b);
  return order.slice(0, k).map((j) => (classifier ? { feature: names[j], coef: row[j], oddsRatio: Math.exp(row[j]) } : { feature: names[j], coef: row[j] }));
}

/** Lines for a coefficient table: log-odds and odds ratios for classifiers, plain coefficients otherwise. */
export function coefficientLines(coefs: readonly NamedCoefficient[], intercept: number, classifier: boolean): string[] {
  const rows: string[][] = [classifier ? ['feature', 'log-odds', 'odds ratio'] : ['feature', 'coefficient']];
  for (const c of coefs) rows.push(classifier ? [c.feature, signed(c.coef), num(c.oddsRatio as number, 4)] : [c.feature, signed(c.coef, 4)]);
  rows.push(classifier ? ['(intercept)', signed(intercept), num(Math.exp(intercept), 4)] : ['(intercept)', signed(intercept, 4)]);
  return table(rows);
}

/**
 * A confusion matrix as text: rows are the true labels, columns the predicted ones, each cell
 * the count. `matrix[i][j]` counts samples of labels[i] predicted as labels[j].
 */
export function confusionLines(labels: readonly string[], matrix: readonly (readonly number[])[]): string[] {
  const rows: string[][] = [['true \\ predicted', ...labels]];
  labels.forEach((l, i) => rows.push([l, ...matrix[i].map((v) => String(v))]));
  return table(rows);
}

/** Metric name → value lines, percentages for the [0, 1] scores named in `percent`. */
export function metricLines(metrics: Readonly<Record<string, number | null>>, percent: ReadonlySet<string> = new Set()): string[] {
  const rows: string[][] = [];
  for (const [name, v] of Object.entries(metrics)) {
    if (v === null) continue;
    rows.push([name, percent.has(name) ? pct(v) : num(v, 4)]);
  }
  return table([['metric', 'value'], ...rows]);
}
