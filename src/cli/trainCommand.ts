import { isLogitError } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import type { Label } from '../core/validate.js';
import type { LogitWarning } from '../core/warnings.js';
import { tuneThreshold } from '../metrics/tuneThreshold.js';
import { LinearRegression } from '../models/linearRegression.js';
import { LogisticRegression } from '../models/logisticRegression.js';
import { Pipeline, type NamedStep } from '../pipeline/pipeline.js';
import { PolynomialFeatures } from '../preprocessing/polynomialFeatures.js';
import { StandardScaler } from '../preprocessing/standardScaler.js';
import { trainTestSplit } from '../selection/trainTestSplit.js';
import { TableEncoder } from '../table/encoder.js';
import type { Table } from '../table/table.js';
import { Context, type CommonOptions } from './context.js';
import { readTable, type TableFormat } from './data.js';
import { dataError, usageError } from './errors.js';
import { evaluateClassifier, evaluateRegressor, type Evaluation } from './evaluation.js';
import { num } from './format.js';
import { viewJson } from './inspectCommand.js';
import { stepNames, viewOf } from './model.js';
import { checkWritable, writeAtomic } from './output.js';
import type { Progress } from './progress.js';
import type { ThresholdChoice } from './parse.js';
import { evaluationLines, modelSummaryLines } from './summaryText.js';
import { TableModel } from '../pipeline/tableModel.js';
import { setThreads } from '../kernels/threads.js';

export interface TrainOptions extends CommonOptions {
  target: string;
  out: string;
  model: 'logistic' | 'linear';
  penalty?: 'none' | 'l2' | 'l1' | 'elasticnet';
  C?: number;
  alpha?: number;
  l1Ratio?: number;
  solver: string;
  maxIter?: number;
  poly?: number;
  scale: boolean;
  testSize: number;
  seed: number;
  threshold?: ThresholdChoice;
  report?: string;
  threads?: number | 'auto';
  format?: TableFormat;
  force?: boolean;
}

/** Option combinations that make no sense, refused before any work (exit 1). */
function checkCombinations(o: TrainOptions): void {
  const logistic = o.model === 'logistic';
  if (logistic && o.alpha !== undefined) throw usageError('--alpha is the penalty strength of --model linear; logistic regression takes --C (reg_lambda = 1/C)');
  if (!logistic && o.C !== undefined) throw usageError('--C is the inverse penalty strength of --model logistic; linear regression takes --alpha');
  if (!logistic && o.threshold !== undefined) throw usageError('--threshold applies to --model logistic (a decision threshold on probabilities)');
  if (o.l1Ratio !== undefined && o.penalty !== 'elasticnet') throw usageError('--l1-ratio applies to --penalty elasticnet');
  if (o.penalty === 'elasticnet' && o.l1Ratio === undefined) throw usageError('--penalty elasticnet needs --l1-ratio in [0, 1] (1: pure L1)');
  if (o.out !== '-' && o.report !== undefined && o.report === o.out) throw usageError('--out and --report name the same file');
  if (o.out === '-' && o.json === true) throw usageError('--out - writes the model to standard output, where --json would also go; write the model to a file');
  if (o.report === '-' && o.out === '-') throw usageError('--out - and --report - cannot both use standard output');
}

/** The model the options describe; an invalid combination (solver × penalty) is a usage error naming the options. */
function buildModel(o: TrainOptions, onIteration: (k: number, loss: number) => void, onWarning: (w: LogitWarning) => void): LogisticRegression | LinearRegression {
  try {
    if (o.model === 'logistic') {
      return new LogisticRegression({
        penalty: o.penalty ?? 'l2',
        C: o.C ?? 1,
        l1Ratio: o.l1Ratio ?? null,
        solver: o.solver as never,
        ...(o.maxIter !== undefined ? { maxIter: o.maxIter } : {}),
        onIteration,
        onWarning,
      });
    }
    return new LinearRegression({
      penalty: o.penalty ?? 'none',
      alpha: o.alpha ?? 1,
      l1Ratio: o.l1Ratio ?? null,
      solver: o.solver as never,
      ...(o.maxIter !== undefined ? { maxIter: o.maxIter } : {}),
      onIteration,
      onWarning,
    });
  } catch (e) {
    if (isLogitError(e)) throw usageError(e.message.replace(/\bl1Ratio\b/g, '--l1-ratio').replace(/\bsolver '/g, "--solver '").replace(/\bpenalty '/g, "--penalty '"));
    throw e;
  }
}

/** Row indices of a training and a test part; stratified by the target for classification. */
function splitRows(table: Table, target: string, classify: boolean, testSize: number, seed: number, file: string): { train: Int32Array; test: Int32Array } {
  const n = table.numRows;
  if (!table.has(target)) {
    throw dataError(`has no column ${JSON.stringify(target)} for --target; its columns are ${table.columnNames.map((c) => JSON.stringify(c)).join(', ')}`, file);
  }
  const index = new Matrix(n, 1, Float64Array.from({ length: n }, (_, i) => i));
  const col = table.column(target);
  const labels: Label[] = Array.from(col.values as ArrayLike<Label | null>, (v) => (v === null || (typeof v === 'number' && Number.isNaN(v)) ? '\u0000missing' : v));
  try {
    const s = trainTestSplit(index, labels, { testSize, seed, stratify: classify });
    return { train: s.trainIndex, test: s.testIndex };
  } catch (e) {
    if (isLogitError(e)) throw dataError(`cannot split ${n} rows with --test-size ${testSize}: ${e.message}`, file);
    throw e;
  }
}

/**
 * `logit train`: read → split (stratified) → fit the table model (encoder, optional polynomial
 * features, scaler, model) on the training rows with a progress display → evaluate on the
 * held-out rows → optionally tune the threshold → save → report → summary. Every output path is
 * checked before the data is read.
 */
export async function trainCommand(data: string, options: TrainOptions): Promise<void> {
  const ctx = new Context(options);
  const force = options.force === true;
  checkCombinations(options);
  checkWritable(options.out, force, '--out');
  if (options.report !== undefined) checkWritable(options.report, force, '--report');

  const warnings: LogitWarning[] = [];
  let progress: Progress | null = null;
  const model = buildModel(options, (k, loss) => progress?.onIteration(k, loss), (w) => warnings.push(w));
  const steps: NamedStep[] = [];
  if (options.poly !== undefined && options.poly > 1) steps.push(['poly', new PolynomialFeatures({ degree: options.poly, includeBias: false })]);
  if (options.scale) steps.push(['scale', new StandardScaler()]);
  steps.push(['model', model]);
  const tableModel = new TableModel(new TableEncoder({ target: options.target }), new Pipeline(steps));
  const classify = options.model === 'logistic';

  const shown = data === '-' ? '<stdin>' : data;
  // Workers start while the table is read; only fits of large data use them (same model either way).
  const threadsReady = setThreads(options.threads ?? 'auto');
  const table = await readTable(data, options.format);
  const { train, test } = splitRows(table, options.target, classify, options.testSize, options.seed, shown);
  if (options.threshold !== undefined) {
    const distinct = new Set(Array.from(table.column(options.target).values as ArrayLike<unknown>).filter((v) => v !== null));
    if (distinct.size !== 2) throw usageError(`--threshold applies to two classes; ${options.target} has ${distinct.size}`);
  }
  const trainTable = table.take(train);
  const testTable = table.take(test);
  await threadsReady;
  const t0 = performance.now();
  progress = ctx.progress('train', model.params.maxIter);
  try {
    tableModel.fit(trainTable);
  } catch (e) {
    progress.abort();
    if (isLogitError(e)) throw dataError(e.message, shown);
    throw e;
  }
  progress.done({ nIter: model.nIter, converged: model.converged });
  const fitSeconds = (performance.now() - t0) / 1000;

  // Threshold: tuned on the training rows (the held-out rows stay unseen until evaluation), or fixed.
  let thresholdNote: string | null = null;
  let thresholdReason: string | undefined;
  if (model instanceof LogisticRegression && options.threshold !== undefined) {
    if (options.threshold.kind === 'fixed') {
      model.threshold = options.threshold.value;
      thresholdNote = `${num(options.threshold.value)} (fixed by --threshold)`;
      thresholdReason = 'set with --threshold';
    } else {
      const yTrain = tableModel.encoder.targetLabels(trainTable);
      const tuned = tuneThreshold(yTrain, tableModel.predictProba(trainTable).column(1), { objective: options.threshold.objective, posLabel: model.classes[1] });
      model.threshold = tuned.threshold;
      thresholdReason = `maximises ${options.threshold.objective === 'f1' ? 'F1' : "Youden's J"} on the training rows`;
      thresholdNote = `${num(tuned.threshold)} (${thresholdReason})`;
    }
  }

  let evaluation: Evaluation;
  try {
    evaluation = evaluateOn(tableModel, testTable);
  } catch (e) {
    if (isLogitError(e)) throw dataError(`held-out rows: ${e.message}`, shown);
    throw e;
  }

  writeAtomic(options.out, JSON.stringify(tableModel.toJSON()) + '\n', { force, flag: '--out' });
  if (options.report !== undefined) {
    // The chart code loads only when a report is asked for.
    const { tableModelReport, writeReport } = await import('./report.js');
    const modelName = stepNames(tableModel).at(-1) as string;
    const split = { train: train.length, test: test.length };
    writeReport(options.report, tableModelReport(`logit train ${shown}`, tableModel, table, testTable, shown, { split, modelName, ...(thresholdReason !== undefined ? { thresholdReason } : {}) }), force);
  }

  const view = viewOf(model, options.out, tableModel.featureNames, stepNames(tableModel));
  if (ctx.json) {
    ctx.printJson({
      command: 'train',
      data: { file: shown, rows: table.numRows, columns: table.numColumns, target: options.target, features: tableModel.featureNames.length },
      split: { train: train.length, test: test.length, seed: options.seed, stratified: classify },
      fitSeconds,
      threshold: view.threshold,
      evaluation,
      model: viewJson(view, 10),
      warnings: warnings.map((w) => ({ code: w.code, message: w.message })),
      out: options.out,
      report: options.report ?? null,
    });
  } else {
    for (const w of warnings) ctx.note(`logit: warning: ${w.message}`);
    const head = [
      `logit train: ${shown} → ${options.out}`,
      `  data: ${table.numRows} rows × ${table.numColumns} columns; target ${JSON.stringify(options.target)}` +
        (view.classes !== null ? ` (${view.classes.length} classes: ${view.classes.map(String).join(', ')})` : ' (numeric)'),
      `  pipeline: ${['TableEncoder', ...stepNames(tableModel)].join(' → ')}; ${tableModel.featureNames.length} model inputs`,
      `  split: ${train.length} training rows, ${test.length} held out${classify ? ' (stratified)' : ''}, seed ${options.seed}`,
      `  fit: ${fitSeconds.toFixed(2)} s`,
    ];
    if (thresholdNote !== null) head.push(`  threshold: ${thresholdNote}`);
    const lines = [...head, '', ...evaluationLines(evaluation, 'Held-out'), '', ...modelSummaryLines(view, 10, options.scale)];
    // With the model on standard output (--out -), the summary moves to standard error.
    if (options.out === '-' || options.report === '-') lines.forEach((l) => ctx.note(l));
    else ctx.print(lines);
    if (options.report !== undefined) ctx.note(`logit: report written to ${options.report}`);
  }
}

/** Metrics of a fitted table model on a labelled table. */
export function evaluateOn(m: TableModel, table: Table): Evaluation {
  const y = m.encoder.targetLabels(table);
  if (m.model instanceof LogisticRegression) {
    const proba = m.predictProba(table);
    const pred = m.predict(table) as Label[];
    return evaluateClassifier(y, pred, proba, m.model.classes, m.model.threshold);
  }
  const pred = m.predict(table) as Float64Array;
  return evaluateRegressor(y as number[], pred);
}
