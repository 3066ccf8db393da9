import type { Matrix } from '../core/matrix.js';
import type { Label } from '../core/validate.js';
import { calibrationCurve } from '../metrics/calibrationCurve.js';
import { LinearRegression } from '../models/linearRegression.js';
import { LogisticRegression } from '../models/logisticRegression.js';
import { plotDecisionBoundary } from '../plot/decisionBoundary.js';
import { classifierReportSections } from '../report/classifier.js';
import { renderReport, type ReportSection } from '../report/html.js';
import { regressorReportSections } from '../report/regressor.js';
import type { DataSummary } from '../report/summary.js';
import type { Table } from '../table/table.js';
import { num } from './format.js';
import { writeAtomic } from './output.js';
import type { TableModel } from '../pipeline/tableModel.js';

/** What the command line hands the report module: the model and the evaluated rows in its input space. */
export interface ReportData {
  title: string;
  subtitle?: string;
  modelName: string;
  /** The fitted final model. */
  estimator: LogisticRegression | LinearRegression;
  /** The evaluated rows in the model's input space (after encoding, polynomial features, scaling), their names and true labels/values. */
  Z: Matrix;
  featureNames: string[];
  y: readonly Label[];
  data: DataSummary;
  target?: string;
  thresholdReason?: string;
  /** Two encoded features: the rows in those features and the whole pipeline's P(positive) over their plane. */
  plane?: { X: Matrix; names: [string, string]; predictProba: (grid: Matrix) => Matrix };
}

/**
 * The report's sections from the report module (data summary, loss curve, sigmoid, decision
 * boundary, ROC, precision-recall, threshold trade-off chart and table, confusion matrix,
 * calibration in 10 bins, coefficients; for regression predicted-versus-actual, residuals and
 * coefficients). When the table encodes to exactly two features the decision boundary is drawn
 * over those two features through the whole pipeline (so `--poly 3` shows the curved boundary
 * of seed 002), instead of a projection of the model's expanded inputs.
 * Cost: dominated by the boundary grid, 80² pipeline evaluations.
 */
export function reportPage(r: ReportData): string {
  let sections: ReportSection[];
  let facts: [string, string][];
  const m = r.estimator;
  if (m instanceof LogisticRegression) {
    const binary = m.classes.length === 2;
    const pos = m.classes[1];
    const calibration = binary && r.y.includes(pos) && r.y.some((v) => v !== pos) ? calibrationCurve(r.y, m.predictProba(r.Z).column(1), { nBins: 10, posLabel: pos }) : undefined;
    ({ sections, facts } = classifierReportSections({
      model: m,
      XTest: r.Z,
      yTest: r.y,
      featureNames: r.featureNames,
      data: r.data,
      title: r.title,
      modelName: r.modelName,
      ...(r.subtitle !== undefined ? { subtitle: r.subtitle } : {}),
      ...(r.thresholdReason !== undefined ? { thresholdReason: r.thresholdReason } : {}),
      ...(calibration !== undefined ? { calibration } : {}),
    }));
    const plane = r.plane;
    if (plane !== undefined && binary) {
      const t = m.threshold ?? 0.5;
      const at = sections.findIndex((s) => s.id === 'boundary');
      const section: ReportSection = {
        id: 'boundary',
        title: 'Decision boundary',
        lead: `The rows over the table's two features, shaded by the pipeline's P(${String(pos)}); the bold line is the threshold ${num(t)}.`,
        charts: [
          plotDecisionBoundary(
            { X: plane.X, y: r.y, predictProba: (g) => plane.predictProba(g) },
            { id: 'chart-boundary', showTitle: false, embedStyle: false, threshold: t, positiveLabel: pos, featureNames: plane.names },
          ),
        ],
      };
      if (at >= 0) sections[at] = section;
      else sections.splice(Math.min(2, sections.length), 0, section);
    }
  } else {
    ({ sections, facts } = regressorReportSections({
      model: m,
      XTest: r.Z,
      yTest: Float64Array.from(r.y as number[]),
      featureNames: r.featureNames,
      data: r.data,
      title: r.title,
      modelName: r.modelName,
      ...(r.target !== undefined ? { target: r.target } : {}),
      ...(r.subtitle !== undefined ? { subtitle: r.subtitle } : {}),
    }));
  }
  return renderReport(sections, { title: r.title, ...(r.subtitle !== undefined ? { subtitle: r.subtitle } : {}), facts });
}

/** The data summary of a table: size, split, class counts or target statistics, missing cells per column (before imputation). */
export function tableSummary(t: Table, target: string | null, source: string, split?: { train: number; test: number }): DataSummary {
  const missing = Object.entries(t.countMissing())
    .filter(([c, k]) => k > 0 && c !== target)
    .map(([column, count]) => ({ column, count }));
  const s: DataSummary = { rows: t.numRows, columns: t.numColumns - (target !== null && t.has(target) ? 1 : 0), source, missing };
  if (split !== undefined) {
    s.trainRows = split.train;
    s.testRows = split.test;
  }
  if (target !== null && t.has(target)) {
    s.target = target;
    const col = t.column(target);
    if (col.kind === 'number') {
      let lo = Infinity;
      let hi = -Infinity;
      let sum = 0;
      let sq = 0;
      let n = 0;
      // Loops, not Math.min(...v): a spread of a million values overflows the call stack.
      for (const v of col.values as Float64Array) {
        if (Number.isNaN(v)) continue;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
        sum += v;
        sq += v * v;
        n++;
      }
      if (n > 0) {
        const mean = sum / n;
        s.targetStats = { min: lo, mean, max: hi, std: Math.sqrt(Math.max(0, sq / n - mean * mean)) };
      }
    } else {
      const counts = new Map<string, number>();
      for (const v of col.values as readonly (string | boolean | null)[]) if (v !== null) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
      s.classes = [...counts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([label, count]) => ({ label, count }));
    }
  }
  return s;
}

/** Report data for a table model evaluated on `test` (the summary describes `whole`). */
export function tableModelReport(
  title: string,
  model: TableModel,
  whole: Table,
  test: Table,
  source: string,
  options: { split?: { train: number; test: number }; thresholdReason?: string; modelName: string; y?: Label[] },
): ReportData {
  const encoded = model.encoder.transform(test).X;
  const data: ReportData = {
    title,
    subtitle: `${options.modelName} on ${model.inputColumns.length} columns of ${source} predicting ${JSON.stringify(model.target)}`,
    modelName: options.modelName,
    estimator: model.model,
    Z: model.modelInputs(test),
    featureNames: model.featureNames,
    y: options.y ?? model.encoder.targetLabels(test),
    data: tableSummary(whole, model.target, source, options.split),
    ...(model.target !== null ? { target: model.target } : {}),
    ...(options.thresholdReason !== undefined ? { thresholdReason: options.thresholdReason } : {}),
  };
  if (encoded.cols === 2 && model.model instanceof LogisticRegression && model.model.classes.length === 2) {
    const names = model.encoder.featureNames;
    data.plane = { X: encoded, names: [names[0], names[1]], predictProba: (g) => model.pipeline.predictProba(g) };
  }
  return data;
}

/** Builds the page and writes it atomically (refusing to overwrite without `force`). */
export function writeReport(path: string, data: ReportData, force: boolean): void {
  writeAtomic(path, reportPage(data), { force, flag: '--report' });
}
