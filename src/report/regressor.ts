import { LogitRangeError, LogitTypeError, describe } from '../core/errors.js';
import { asMatrix, asVector, type MatrixLike } from '../core/validate.js';
import { meanAbsoluteError, r2Score, rootMeanSquaredError } from '../metrics/regression.js';
import { plotCoefficients } from '../plot/coefficients.js';
import { fmt } from '../plot/inputs.js';
import { plotLossCurve } from '../plot/lossCurve.js';
import { plotPredictedVsActual, plotResiduals } from '../plot/regression.js';
import { htmlTable, renderReport, type ReportSection } from './html.js';
import { dataSummarySection, type DataSummary } from './summary.js';

/** What the report needs from a fitted linear model; `LinearRegression`, `Ridge`, `Lasso`, `ElasticNet` fit. */
export interface ReportRegressor {
  predict(X: MatrixLike): ArrayLike<number>;
  readonly coef?: ArrayLike<number>;
  readonly intercept?: number;
  readonly lossHistory?: ArrayLike<number>;
}

export interface RegressorReportInput {
  model: ReportRegressor;
  XTest: MatrixLike;
  yTest: ArrayLike<number>;
  featureNames?: readonly string[];
  /** Target name for axis labels (default `'y'`). */
  target?: string;
  data?: DataSummary;
  title?: string;
  subtitle?: string;
  modelName?: string;
  coefIntervals?: { lo: ArrayLike<number>; hi: ArrayLike<number> };
  seed?: number;
}

/**
 * The sections of a linear model's report: data summary, predicted-versus-actual and residual
 * plots on the held-out split (with R², RMSE and MAE), the loss curve for iterative solvers and
 * the coefficients. Cost: one predict on XTest, O(n + d log d).
 */
export function regressorReportSections(input: RegressorReportInput): { sections: ReportSection[]; facts: [string, string][] } {
  if (input === null || typeof input !== 'object') throw new LogitTypeError(`input must be { model, XTest, yTest, … }; received ${describe(input)}`, { parameter: 'input', value: input });
  const { model } = input;
  if (model === null || typeof model !== 'object' || typeof model.predict !== 'function') {
    throw new LogitTypeError(`model must be a fitted regressor with predict; received ${describe(model)}`, { parameter: 'model', value: model });
  }
  const X = asMatrix(input.XTest, { name: 'XTest' });
  const y = asVector(input.yTest, 'yTest', X.rows, 'XTest');
  const names = input.featureNames ? [...input.featureNames] : Array.from({ length: X.cols }, (_, j) => `x${j}`);
  if (names.length !== X.cols) throw new LogitRangeError(`featureNames has ${names.length} names but XTest has ${X.cols} columns`, { parameter: 'featureNames', value: names.length });
  const target = input.target ?? 'y';
  const seed = input.seed ?? 0;
  const yPred = Float64Array.from(model.predict(X));
  const sections: ReportSection[] = [];
  let mean = 0;
  for (const v of y) mean += v / y.length;
  let ss = 0;
  for (const v of y) ss += (v - mean) ** 2;
  const data: DataSummary = input.data ?? {
    rows: X.rows,
    columns: X.cols,
    target,
    testRows: X.rows,
    targetStats: { min: Math.min(...y), mean, max: Math.max(...y), std: Math.sqrt(ss / y.length) },
  };
  sections.push(dataSummarySection(data));
  const r2 = y.length >= 2 && ss > 0 ? r2Score(y, yPred) : NaN;
  const rmse = rootMeanSquaredError(y, yPred);
  const mae = meanAbsoluteError(y, yPred);
  const facts: [string, string][] = [
    ['test rows', String(X.rows)],
    ['R²', Number.isNaN(r2) ? 'undefined' : fmt(r2, 4)],
    ['RMSE', fmt(rmse, 4)],
    ['MAE', fmt(mae, 4)],
  ];
  const common = { showTitle: false, embedStyle: false, target, seed };
  sections.push({
    id: 'predicted',
    title: 'Predicted vs actual',
    lead: `Held-out ${target} against the model's prediction; perfect predictions lie on the dashed line.`,
    charts: [plotPredictedVsActual({ yTrue: y, yPred }, { ...common, id: 'chart-predicted' })],
  });
  sections.push({
    id: 'residuals',
    title: 'Residuals',
    lead: 'Actual minus predicted against the prediction: a shapeless band around zero is what a well-specified linear model leaves; a curve suggests a missing term, a funnel unequal variance.',
    charts: [plotResiduals({ yTrue: y, yPred }, { ...common, id: 'chart-residuals' })],
  });
  const loss = model.lossHistory ? Array.from(model.lossHistory) : [];
  if (loss.length > 1) {
    const logScale = loss.every((v) => v > 0) && Math.max(...loss) / Math.min(...loss) > 30;
    sections.push({
      id: 'loss',
      title: 'Training loss',
      lead: 'The objective per iteration of the solver.',
      charts: [plotLossCurve(loss, { id: 'chart-loss', showTitle: false, embedStyle: false, logScale, yLabel: 'objective' })],
    });
  }
  if (model.coef && model.coef.length === X.cols) {
    const coef = Float64Array.from(model.coef);
    sections.push({
      id: 'coefficients',
      title: 'Coefficients',
      lead: `Change in ${target} per unit of each feature, the others held fixed${input.coefIntervals ? ', with 95 % confidence intervals' : ''}.`,
      charts: [
        plotCoefficients(
          { names, values: coef, ...(input.coefIntervals ? { lo: input.coefIntervals.lo, hi: input.coefIntervals.hi } : {}) },
          { id: 'chart-coefficients', showTitle: false, embedStyle: false, xLabel: `coefficient (${target} per unit)` },
        ),
      ],
      html: htmlTable(
        ['feature', 'coefficient'],
        Array.from(coef.keys())
          .sort((u, v) => Math.abs(coef[v]) - Math.abs(coef[u]) || u - v)
          .slice(0, 10)
          .map((j) => [names[j], fmt(coef[j], 4)]),
        { caption: 'Largest coefficients' },
      ),
      caption: model.intercept === undefined ? undefined : `Intercept ${fmt(model.intercept, 4)}.`,
    });
  }
  return { sections, facts };
}

/** One self-contained HTML report for a fitted linear model on a held-out split. */
export function buildRegressorReport(input: RegressorReportInput): string {
  const { sections, facts } = regressorReportSections(input);
  return renderReport(sections, { title: input.title ?? `logit report: ${input.modelName ?? 'linear model'}`, subtitle: input.subtitle, facts });
}
