import type { Evaluation } from './evaluation.js';
import { num, pct } from './format.js';
import type { ModelView } from './model.js';
import { coefficientLines, confusionLines, metricLines, topCoefficients } from './summary.js';

/**
 * The metrics block of train and evaluate: a metric table, then for classifiers the confusion
 * matrix (rows true, columns predicted). `title` names the rows ("Held-out", "Evaluation").
 */
export function evaluationLines(e: Evaluation, title: string): string[] {
  const out: string[] = [];
  if (e.kind === 'classifier') {
    const rule = e.positive === null ? 'the most probable class' : `${String(e.positive)} when P(${String(e.positive)}) ≥ ${num(e.threshold as number)}`;
    out.push(`${title} metrics on ${e.n} rows (predicting ${rule}${e.positive === null ? '; precision, recall, F1 macro-averaged' : ''}):`);
    const m = e.metrics;
    out.push(
      ...metricLines(
        { accuracy: m.accuracy, precision: m.precision, recall: m.recall, F1: m.f1, 'ROC AUC': m.rocAuc, 'average precision': m.averagePrecision, 'log loss': m.logLoss },
        new Set(['accuracy', 'precision', 'recall', 'F1']),
      ),
    );
    out.push('');
    out.push('Confusion matrix (rows: true class, columns: predicted):');
    out.push(...confusionLines(e.classes.map(String), e.confusion));
  } else {
    out.push(`${title} metrics on ${e.n} rows:`);
    out.push(...metricLines({ R2: e.metrics.r2, RMSE: e.metrics.rmse, MAE: e.metrics.mae }));
  }
  return out;
}

/** The largest coefficients of a model view, with what one unit means. */
export function modelSummaryLines(v: ModelView, top: number, scaled: boolean): string[] {
  const unit = scaled ? 'per standard deviation of each model input' : 'per unit of each model input';
  const out: string[] = [];
  const sigmoid = v.kind === 'classifier' && (v.coef.length === 1 || v.params.multiClass === 'ovr');
  v.coef.forEach((row, r) => {
    let title: string;
    if (v.kind === 'regressor') title = `Largest coefficients (change in the target ${unit}):`;
    else if (v.coef.length === 1) title = `Largest coefficients (change in the log-odds of ${String((v.classes as unknown[])[1])} ${unit}; odds ratio = e^β):`;
    else title = `Largest coefficients for class ${String((v.classes as unknown[])[r])} (${sigmoid ? 'one-vs-rest log-odds' : 'softmax scores'} ${unit}):`;
    if (r > 0) out.push('');
    out.push(title);
    out.push(...coefficientLines(topCoefficients(row, v.featureNames, top, sigmoid), v.intercept[r], sigmoid));
  });
  out.push('');
  out.push(`Fit: ${v.estimator}, solver ${v.fit.solver}, ${v.fit.converged ? 'converged' : 'did NOT converge'} in ${v.fit.nIter} iterations; objective ${num(v.fit.objective, 8)}`);
  return out;
}

export { pct };
