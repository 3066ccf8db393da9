import { isLogitError } from '../core/errors.js';
import type { Label } from '../core/validate.js';
import { LogisticRegression } from '../models/logisticRegression.js';
import type { Table } from '../table/table.js';
import { Context, type CommonOptions } from './context.js';
import { readTable, type TableFormat } from './data.js';
import { dataError } from './errors.js';
import { evaluateClassifier, evaluateRegressor, type Evaluation } from './evaluation.js';
import { loadedModel } from './model.js';
import { readModelDocument } from './modelFile.js';
import { checkWritable } from './output.js';
import { designOf } from './predictCommand.js';
import { evaluationLines } from './summaryText.js';

export interface EvaluateOptions extends CommonOptions {
  target: string;
  report?: string;
  format?: TableFormat;
  force?: boolean;
}

/**
 * `logit evaluate model.json data.csv --target col`: the model's metrics on labelled rows
 * (accuracy, precision, recall, F1, ROC AUC, average precision, log loss and the confusion
 * matrix for classifiers; R², RMSE, MAE for regressors), optionally an HTML report.
 * Cost: O(n·d·K + n log n).
 */
export async function evaluateCommand(modelFile: string, data: string, options: EvaluateOptions): Promise<void> {
  const ctx = new Context(options);
  const force = options.force === true;
  if (options.report !== undefined) checkWritable(options.report, force, '--report');
  const m = loadedModel(readModelDocument(modelFile), modelFile);
  const shown = data === '-' ? '<stdin>' : data;
  const table = await readTable(data, options.format);
  if (!table.has(options.target)) {
    throw dataError(`has no column ${JSON.stringify(options.target)} for --target; its columns are ${table.columnNames.map((c) => JSON.stringify(c)).join(', ')}`, shown);
  }
  const features = m.table !== null ? table : table.drop([options.target]);
  const X = designOf(m, features, shown);
  let evaluation: Evaluation;
  let y: Label[];
  try {
    const col = table.column(options.target);
    // The model's own target column goes through its encoder (kinds as in training); another name is read as it is.
    y = m.table !== null && m.table.target === options.target ? m.table.encoder.targetLabels(table) : rawLabels(col.values as ArrayLike<Label | null>, table, options.target);
    if (m.estimator instanceof LogisticRegression) {
      const model = m.estimator;
      evaluation = evaluateClassifier(y, model.predict(X), model.predictProba(X), model.classes, model.threshold);
    } else {
      evaluation = evaluateRegressor(y as number[], m.estimator.predict(X));
    }
  } catch (e) {
    if (isLogitError(e)) throw dataError(e.message, shown);
    throw e;
  }
  if (options.report !== undefined) {
    const { tableModelReport, tableSummary, writeReport } = await import('./report.js');
    const title = `logit evaluate ${modelFile} on ${shown}`;
    const modelName = m.view.steps.at(-1) ?? m.view.estimator;
    const data =
      m.table !== null
        ? tableModelReport(title, m.table, table, table, shown, { modelName, y })
        : {
            title,
            modelName,
            estimator: m.estimator,
            Z: X,
            featureNames: m.view.featureNames,
            y,
            data: tableSummary(table, options.target, shown),
            target: options.target,
          };
    writeReport(options.report, data, force);
  }
  ctx.printJson({ command: 'evaluate', model: modelFile, data: shown, target: options.target, evaluation, report: options.report ?? null });
  ctx.print([`logit evaluate: ${modelFile} on ${shown} (${table.numRows} rows)`, '', ...evaluationLines(evaluation, 'Evaluation')]);
  if (options.report !== undefined) ctx.note(`logit: report written to ${options.report}`);
}

/** Labels of a column as read; a missing one is a data error naming its line. */
function rawLabels(values: ArrayLike<Label | null>, table: Table, column: string): Label[] {
  return Array.from(values, (v, i) => {
    if (v === null || (typeof v === 'number' && Number.isNaN(v))) throw dataError(`${table.where(i)}: column ${JSON.stringify(column)} has no label; drop the row or fill it in`);
    return v;
  });
}
