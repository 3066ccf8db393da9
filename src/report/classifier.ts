import { LogitRangeError, LogitTypeError, describe } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import { asLabels, asMatrix, type Label, type MatrixLike } from '../core/validate.js';
import { calibrationCurve } from '../metrics/calibrationCurve.js';
import { accuracyScore } from '../metrics/classification.js';
import { confusionMatrix } from '../metrics/confusion.js';
import { logLoss } from '../metrics/probabilistic.js';
import { averagePrecisionScore, precisionRecallCurve, rocAucScore, rocCurve } from '../metrics/ranking.js';
import { thresholdSweep, type ThresholdRow } from '../metrics/thresholdSweep.js';
import { plotCalibrationCurve } from '../plot/calibration.js';
import { plotCoefficients } from '../plot/coefficients.js';
import { plotConfusionMatrix } from '../plot/confusionMatrix.js';
import { plotDecisionBoundary } from '../plot/decisionBoundary.js';
import { fmt } from '../plot/inputs.js';
import { plotLossCurve } from '../plot/lossCurve.js';
import { plotPrecisionRecallCurve } from '../plot/precisionRecall.js';
import { plotRocCurve } from '../plot/roc.js';
import { plotSigmoid } from '../plot/sigmoid.js';
import { plotThresholdTradeoff } from '../plot/thresholdTradeoff.js';
import { htmlTable, renderReport, type ReportSection } from './html.js';
import { coefficientSlice, weightPlane } from './projection.js';
import { dataSummarySection, type DataSummary } from './summary.js';

/** What the report needs from a fitted classifier; `LogisticRegression` and a numeric `Pipeline` ending in one fit. */
export interface ReportClassifier {
  /** The class labels (numbers, strings or booleans), in predictProba's column order. */
  readonly classes: readonly unknown[];
  /** n × K class probabilities, columns in `classes` order. */
  predictProba(X: MatrixLike): Matrix;
  /** Linear scores (one column for two classes); used for the sigmoid chart when given. */
  decisionFunction?(X: MatrixLike): Matrix;
  /** K' × d coefficients (one row for two classes). */
  readonly coef?: Matrix;
  readonly intercept?: ArrayLike<number>;
  /** Objective per iteration. */
  readonly lossHistory?: ArrayLike<number>;
  /** The model's own decision threshold, if it has one. */
  readonly threshold?: number | null;
}

export interface ClassifierReportInput {
  model: ReportClassifier;
  /** Held-out rows, in the model's input space (after any encoding the model does not do itself). */
  XTest: MatrixLike;
  yTest: ArrayLike<Label>;
  /** Names of XTest's columns (default x0, x1, …). */
  featureNames?: readonly string[];
  /** The decision threshold on P(classes[1]) (default: the model's, else 0.5). */
  threshold?: number;
  /** How the threshold was chosen, for the text (for example "maximises F1 on the training split"). */
  thresholdReason?: string;
  /** Data summary (default: computed from XTest / yTest). */
  data?: DataSummary;
  /** Page title (default "logit report: <model name>"). */
  title?: string;
  subtitle?: string;
  /** How the model is described, e.g. `LogisticRegression(C=1, penalty='l2')`. */
  modelName?: string;
  /** 95 % intervals for the coefficients (binary models), in coefficient order. */
  coefIntervals?: { lo: ArrayLike<number>; hi: ArrayLike<number> };
  /** Equal-width bins of the calibration curve (default: scikit-learn's 5 below 500 test rows, 10 from 500 on, so bins are not mostly noise). */
  calibrationBins?: number;
  /** Seed of the charts' jitter and subsampling (default 0). */
  seed?: number;
}

/** The thresholds of the trade-off table (seed 004's and the tails). */
const TABLE_THRESHOLDS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

const pct = (v: number): string => `${(100 * v).toFixed(1)} %`;

function columnOf(P: Matrix, k: number): Float64Array {
  return P.column(k);
}

/** Linear scores whose sigmoid is P(positive): the model's own when they agree, else logit(p). */
function linearScores(model: ReportClassifier, X: Matrix, p: Float64Array): { z: Float64Array; exact: boolean } {
  const agree = (z: Float64Array): boolean => z.every((v, i) => Math.abs(1 / (1 + Math.exp(-v)) - p[i]) <= 1e-9);
  if (typeof model.decisionFunction === 'function') {
    const Z = model.decisionFunction(X);
    if (Z.cols === 1) {
      const z = Z.column(0);
      if (agree(z)) return { z, exact: true };
      const z2 = z.map((v) => 2 * v); // two-class softmax: P = σ(2z)
      if (agree(z2)) return { z: z2, exact: true };
    }
  }
  // logit(p), capped where σ rounds to 0 or 1 in double precision.
  return { z: p.map((v) => Math.max(-37, Math.min(37, Math.log(v) - Math.log1p(-v)))), exact: false };
}

/**
 * The sections of a classifier's report, computed from the fitted model and the held-out
 * split: data summary, loss curve, sigmoid, decision boundary, ROC, precision-recall,
 * threshold trade-off (chart and table), confusion matrix, calibration curve, coefficients. Binary
 * models get every section; models with more classes get the summary, loss, confusion matrix
 * and coefficients (ROC, PR and threshold charts are for one positive class).
 * Cost: one predictProba on XTest and one on an 80 × 80 grid, O(n log n) metrics.
 */
export function classifierReportSections(input: ClassifierReportInput): { sections: ReportSection[]; facts: [string, string][] } {
  if (input === null || typeof input !== 'object') throw new LogitTypeError(`input must be { model, XTest, yTest, … }; received ${describe(input)}`, { parameter: 'input', value: input });
  const { model } = input;
  if (model === null || typeof model !== 'object' || typeof model.predictProba !== 'function') {
    throw new LogitTypeError(`model must be a fitted classifier with predictProba; received ${describe(model)}`, { parameter: 'model', value: model });
  }
  const X = asMatrix(input.XTest, { name: 'XTest' });
  const y = asLabels(input.yTest, 'yTest', X.rows);
  const classes = asLabels(model.classes, 'model.classes');
  const names = input.featureNames ? [...input.featureNames] : Array.from({ length: X.cols }, (_, j) => `x${j}`);
  if (names.length !== X.cols) {
    throw new LogitRangeError(`featureNames has ${names.length} names but XTest has ${X.cols} columns`, { parameter: 'featureNames', value: names.length });
  }
  const seed = input.seed ?? 0;
  const P = model.predictProba(X);
  const sections: ReportSection[] = [];
  const facts: [string, string][] = [];
  const data: DataSummary = input.data ?? {
    rows: X.rows,
    columns: X.cols,
    classes: classes.map((c) => ({ label: String(c), count: y.filter((v) => v === c).length })),
    testRows: X.rows,
  };
  sections.push(dataSummarySection(data));

  const loss = model.lossHistory ? Array.from(model.lossHistory) : [];
  if (loss.length > 0) {
    const positive = loss.every((v) => v > 0);
    const logScale = positive && Math.max(...loss) / Math.min(...loss) > 30;
    sections.push({
      id: 'loss',
      title: 'Training loss',
      lead: 'The objective the solver minimised, per iteration: a steep drop, then a flat tail once it has converged.',
      charts: [plotLossCurve(loss, { id: 'chart-loss', showTitle: false, embedStyle: false, logScale, yLabel: 'objective' })],
    });
  }

  if (classes.length === 2) {
    const [neg, pos] = classes;
    const t = input.threshold ?? (typeof model.threshold === 'number' ? model.threshold : 0.5);
    if (!(t > 0 && t < 1)) throw new LogitRangeError(`threshold must lie strictly between 0 and 1; received ${describe(t)}`, { parameter: 'threshold', value: t });
    const p = columnOf(P, 1);
    const yPred = Array.from(p, (v) => (v >= t ? pos : neg));
    const both = y.includes(pos) && y.includes(neg);
    const classNames: [string, string] = [String(neg), String(pos)];
    facts.push(['test rows', String(X.rows)]);
    facts.push([`accuracy at t = ${fmt(t, 2)}`, pct(accuracyScore(y, yPred))]);
    let auc: number | undefined;
    let ap: number | undefined;
    if (both) {
      auc = rocAucScore(y, p);
      ap = averagePrecisionScore(y, p, { posLabel: pos });
      facts.push(['ROC AUC', fmt(auc, 3)]);
      facts.push(['average precision', fmt(ap, 3)]);
      facts.push(['log loss', fmt(logLoss(y, P, { labels: classes }), 4)]);
    }

    const { z, exact } = linearScores(model, X, p);
    sections.push({
      id: 'sigmoid',
      title: 'Sigmoid of the linear score',
      lead: `Each test sample at its linear score z and its true class (0 = ${classNames[0]}, 1 = ${classNames[1]}); the curve is σ(z), the predicted probability. Right of the dashed line the model predicts ${classNames[1]}.`,
      charts: [plotSigmoid({ z, y }, { id: 'chart-sigmoid', showTitle: false, embedStyle: false, threshold: t, positiveLabel: pos, classNames, seed, xLabel: exact ? 'linear score z = w·x + b' : 'log-odds log(p / (1 − p))' })],
      caption: 'Points are jittered up and down a little (seeded) so that piles stay visible.',
    });

    const coefRow = model.coef && model.coef.rows === 1 && model.coef.cols === X.cols ? model.coef.row(0) : null;
    if (X.cols >= 2) {
      if (X.cols === 2) {
        sections.push({
          id: 'boundary',
          title: 'Decision boundary',
          lead: `The test data over its two features, shaded by P(${classNames[1]}); the bold line is where P equals the threshold ${fmt(t, 2)}.`,
          charts: [
            plotDecisionBoundary(
              { X, y, predictProba: (g) => model.predictProba(g) },
              { id: 'chart-boundary', showTitle: false, embedStyle: false, threshold: t, positiveLabel: pos, classNames, featureNames: [names[0], names[1]], seed },
            ),
          ],
        });
      } else {
        const plane = coefRow ? weightPlane(X, coefRow) : null;
        const proj = plane ?? coefficientSlice(X, coefRow, names);
        const [a, b] = proj.features;
        const axes: [string, string] = plane ? ['along the weights w/‖w‖', 'largest spread across w'] : [names[a], names[b]];
        sections.push({
          id: 'boundary',
          title: plane ? 'Decision boundary (a 2-D projection)' : 'Decision boundary (a 2-D slice)',
          lead: plane
            ? `${X.cols} features cannot be drawn at once. The test data are projected onto the plane of the weight vector and the widest direction across it; the shading is P(${classNames[1]}) on that plane and the bold line the threshold ${fmt(t, 2)}.`
            : `${X.cols} features cannot be drawn at once. This chart shows ${names[a]} and ${names[b]}; the shading is P(${classNames[1]}) with every other feature at its test-set mean.`,
          charts: [
            plotDecisionBoundary(
              { X: proj.points, y, predictProba: (g) => model.predictProba(proj.lift(g)) },
              { id: 'chart-boundary', showTitle: false, embedStyle: false, threshold: t, positiveLabel: pos, classNames, featureNames: axes, note: proj.shortNote, seed },
            ),
          ],
          caption: proj.note,
        });
      }
    }

    if (both) {
      // Every operating point (so the threshold marker sits exactly on its own) up to 5000 samples;
      // beyond, scikit-learn's dropIntermediate keeps the corners only (same curve, far fewer points).
      const roc = rocCurve(y, p, { posLabel: pos, dropIntermediate: y.length > 5000 });
      const pr = precisionRecallCurve(y, p, { posLabel: pos });
      const prevalence = y.filter((v) => v === pos).length / y.length;
      sections.push({
        id: 'roc',
        title: 'ROC curve',
        lead: 'True-positive rate against false-positive rate as the threshold falls from 1 to 0; the area under it is the chance that a random positive scores above a random negative.',
        charts: [plotRocCurve(roc, { id: 'chart-roc', showTitle: false, embedStyle: false, auc, threshold: t })],
      });
      sections.push({
        id: 'pr',
        title: 'Precision–recall curve',
        lead: `Precision against recall over all thresholds, with the operating point of the chosen threshold ${fmt(t, 2)}. The dashed line is a model without skill (precision = share of ${classNames[1]}).`,
        charts: [plotPrecisionRecallCurve(pr, { id: 'chart-pr', showTitle: false, embedStyle: false, averagePrecision: ap, threshold: t, prevalence })],
      });
    } else {
      sections.push({
        id: 'roc',
        title: 'ROC and precision–recall curves',
        lead: `The test split holds only one class (${String(both ? '' : y[0])}), so ROC and precision–recall curves are undefined; evaluate on data with both classes.`,
      });
    }

    const grid = Array.from({ length: 101 }, (_, k) => k / 100);
    if (!grid.includes(t)) grid.push(t);
    grid.sort((u, v) => u - v);
    const sweep = thresholdSweep(y, p, grid, { posLabel: pos });
    const tableTs = [...new Set([...TABLE_THRESHOLDS, t])].sort((u, v) => u - v);
    const rows = thresholdSweep(y, p, tableTs, { posLabel: pos });
    const row = (r: ThresholdRow): (string | number)[] => [
      fmt(r.threshold, 2),
      pct(r.accuracy),
      r.predictedPositive,
      r.predictedNegative,
      r.falsePositive,
      r.falseNegative,
      fmt(r.precision, 3),
      fmt(r.recall, 3),
      fmt(r.f1, 3),
    ];
    sections.push({
      id: 'threshold',
      title: 'Threshold trade-off',
      lead: `Lowering the threshold catches more ${classNames[1]} (fewer false negatives, higher recall) at the price of more false alarms (false positives). The highlighted row is the chosen threshold${input.thresholdReason ? ` (${input.thresholdReason})` : ''}.`,
      charts: [plotThresholdTradeoff(sweep, { id: 'chart-threshold', showTitle: false, embedStyle: false, threshold: t, width: 960, height: 400 })],
      html: htmlTable(
        ['threshold', 'accuracy', `pred. ${classNames[1]}`, `pred. ${classNames[0]}`, 'FP', 'FN', 'precision', 'recall', 'F1'],
        rows.map(row),
        { caption: `Predict ${classNames[1]} when P(${classNames[1]}) ≥ threshold (test split)`, highlight: (i) => rows[i].threshold === t, className: 'thresholds' },
      ),
      wide: true,
    });

    const cm = confusionMatrix(y, yPred, { labels: classes });
    sections.push({
      id: 'confusion',
      title: 'Confusion matrix',
      lead: `Test predictions at threshold ${fmt(t, 2)}: rows are the true class, columns the prediction; percentages are shares of the true class (recall on the diagonal).`,
      charts: [plotConfusionMatrix({ matrix: cm, labels: classes }, { id: 'chart-confusion', showTitle: false, embedStyle: false })],
    });
    const nBins = input.calibrationBins ?? (y.length < 500 ? 5 : 10);
    const cal = calibrationCurve(y, p, { nBins, posLabel: pos });
    sections.push({
      id: 'calibration',
      title: 'Calibration',
      lead: `Observed share of ${classNames[1]} against the mean predicted probability in each of ${nBins} equal-width bins (empty bins left out): on the diagonal, a predicted 70 % comes true 70 % of the time. Marker area shows how many test samples fall in the bin.`,
      charts: [plotCalibrationCurve(cal, { id: 'chart-calibration', showTitle: false, embedStyle: false })],
    });
    if (coefRow) {
      const intercept = model.intercept && model.intercept.length > 0 ? model.intercept[0] : undefined;
      sections.push({
        id: 'coefficients',
        title: 'Coefficients',
        lead: `Change in the log-odds of ${classNames[1]} per unit of each feature (odds ratio = e^coefficient)${input.coefIntervals ? ', with 95 % confidence intervals' : ''}.`,
        charts: [
          plotCoefficients(
            { names, values: coefRow, ...(input.coefIntervals ? { lo: input.coefIntervals.lo, hi: input.coefIntervals.hi } : {}) },
            { id: 'chart-coefficients', showTitle: false, embedStyle: false, xLabel: `coefficient (log-odds of ${classNames[1]} per unit)` },
          ),
        ],
        html: htmlTable(
          ['feature', 'coefficient', 'odds ratio'],
          Array.from(coefRow.keys())
            .sort((u, v) => Math.abs(coefRow[v]) - Math.abs(coefRow[u]) || u - v)
            .slice(0, 10)
            .map((j) => [names[j], fmt(coefRow[j], 4), fmt(Math.exp(coefRow[j]), 3)]),
          { caption: 'Largest coefficients' },
        ),
        caption: intercept === undefined ? undefined : `Intercept ${fmt(intercept, 4)} (log-odds of ${classNames[1]} when every feature is 0).`,
      });
    }
  } else {
    const yPred = Array.from({ length: X.rows }, (_, i) => {
      let best = 0;
      for (let k = 1; k < classes.length; k++) if (P.get(i, k) > P.get(i, best)) best = k;
      return classes[best];
    });
    facts.push(['test rows', String(X.rows)]);
    facts.push(['accuracy', pct(accuracyScore(y, yPred))]);
    facts.push(['classes', String(classes.length)]);
    facts.push(['log loss', fmt(logLoss(y, P, { labels: classes }), 4)]);
    sections.push({
      id: 'confusion',
      title: 'Confusion matrix',
      lead: `Test predictions (the most probable of ${classes.length} classes): rows are the true class, columns the prediction. The sigmoid, decision-boundary, precision–recall and threshold charts are drawn for two-class models only.`,
      charts: [plotConfusionMatrix({ matrix: confusionMatrix(y, yPred, { labels: classes }), labels: classes }, { id: 'chart-confusion', showTitle: false, embedStyle: false })],
      wide: true,
    });
    // One-vs-rest ROC curves, one small chart per class present in the test split with both outcomes.
    const rocCharts: string[] = [];
    const shownClasses = classes.slice(0, 6);
    shownClasses.forEach((c, k) => {
      const present = y.some((v) => v === c) && y.some((v) => v !== c);
      if (!present) return;
      const yk = y.map((v) => (v === c ? 1 : 0));
      const pk = P.column(k);
      rocCharts.push(
        plotRocCurve(rocCurve(yk, pk, { dropIntermediate: false }), {
          id: `chart-roc-${k}`,
          embedStyle: false,
          title: `${String(c)} vs rest`,
          auc: rocAucScore(yk, pk),
          label: String(c),
          width: 400,
          height: 400,
        }),
      );
    });
    if (rocCharts.length > 0) {
      sections.push({
        id: 'roc',
        title: 'ROC curves, one class against the rest',
        lead: 'For each class, the true-positive rate against the false-positive rate when that class is the positive one and its predicted probability the score.',
        charts: rocCharts,
        caption: classes.length > shownClasses.length ? `The first ${shownClasses.length} of ${classes.length} classes are shown.` : undefined,
        wide: true,
      });
    }
    if (model.coef && model.coef.rows === classes.length && model.coef.cols === X.cols) {
      const coef = model.coef;
      sections.push({
        id: 'coefficients',
        title: 'Coefficients per class',
        lead: 'Each class has its own coefficient vector: the change in that class’s score per unit of the feature.',
        charts: classes.slice(0, 6).map((c, k) =>
          plotCoefficients({ names, values: coef.row(k) }, { id: `chart-coefficients-${k}`, embedStyle: false, title: `class ${String(c)}`, maxBars: 12, xLabel: 'coefficient' }),
        ),
        caption: classes.length > 6 ? `The first 6 of ${classes.length} classes are shown.` : undefined,
        wide: true,
      });
    }
  }
  return { sections, facts };
}

/**
 * One self-contained HTML report for a fitted classifier evaluated on a held-out split (see
 * {@link classifierReportSections} for what it holds and {@link renderReport} for the page).
 */
export function buildClassifierReport(input: ClassifierReportInput): string {
  const { sections, facts } = classifierReportSections(input);
  const name = input.modelName ?? 'classifier';
  return renderReport(sections, { title: input.title ?? `logit report: ${name}`, subtitle: input.subtitle, facts });
}
