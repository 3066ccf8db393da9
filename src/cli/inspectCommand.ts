import { Context, type CommonOptions } from './context.js';
import { num } from './format.js';
import { loadedModel, type ModelView } from './model.js';
import { readModelDocument } from './modelFile.js';
import { coefficientLines, topCoefficients } from './summary.js';

export interface InspectOptions extends CommonOptions {
  top?: number;
}

/** The JSON form of a model view: everything inspect prints, as data. */
export function viewJson(v: ModelView, top?: number): Record<string, unknown> {
  const classifier = v.kind === 'classifier' && (v.coef.length === 1 || v.params.multiClass === 'ovr');
  const rows = v.coef.map((row, r) => ({
    class: v.kind === 'classifier' && v.classes !== null ? (v.coef.length === 1 ? v.classes[1] : v.classes[r]) : null,
    intercept: v.intercept[r],
    coefficients: topCoefficients(row, v.featureNames, top ?? row.length, classifier),
  }));
  return {
    kind: v.kind,
    estimator: v.estimator,
    steps: v.steps,
    params: v.params,
    classes: v.classes,
    threshold: v.threshold,
    features: v.featureNames,
    coefficients: rows,
    fit: v.fit,
    training: v.training,
  };
}

/**
 * `logit inspect model.json`: hyper-parameters, classes, coefficients (log-odds and odds ratios
 * for classifiers) by feature name, fit certificate and training metadata. Cost: O(K·d log d).
 */
export async function inspectCommand(file: string, options: InspectOptions): Promise<void> {
  const ctx = new Context(options);
  const { view: v, table } = loadedModel(readModelDocument(file), file);
  if (ctx.json) {
    ctx.printJson({ command: 'inspect', file, inputColumns: table?.inputColumns ?? null, target: table?.target ?? null, ...viewJson(v, options.top) });
    return;
  }
  const out: string[] = [];
  out.push(`${file}: ${v.estimator}${v.steps.length ? ` (pipeline: ${v.steps.join(' → ')})` : ''}`);
  if (table !== null) {
    out.push(`Reads the columns: ${table.inputColumns.map((c) => JSON.stringify(c)).join(', ')}${table.target !== null ? `; target ${JSON.stringify(table.target)}` : ''}`);
  }
  out.push('');
  out.push('Hyper-parameters:');
  for (const [k, val] of Object.entries(v.params)) out.push(`  ${k}: ${JSON.stringify(val)}`);
  if (v.classes !== null) {
    out.push('');
    out.push(`Classes: ${v.classes.map((c) => JSON.stringify(c)).join(', ')}${v.classes.length === 2 ? ` (positive: ${JSON.stringify(v.classes[1])})` : ''}`);
    if (v.threshold !== null) out.push(`Decision threshold: P(${String(v.classes[1])}) ≥ ${num(v.threshold)}`);
  }
  // e^β is an odds ratio for a sigmoid (binary, one-vs-rest); softmax rows are only defined up to a shared shift.
  const classifier = v.kind === 'classifier' && (v.coef.length === 1 || v.params.multiClass === 'ovr');
  const unit = v.steps.includes('StandardScaler') ? 'per standard deviation of each model input' : 'per unit of each model input';
  v.coef.forEach((row, r) => {
    out.push('');
    let title: string;
    if (v.kind === 'regressor') title = `Coefficients (change in the target ${unit}):`;
    else if (v.coef.length === 1) title = `Coefficients (change in the log-odds of ${String((v.classes as unknown[])[1])} ${unit}; odds ratio = e^β):`;
    else title = `Coefficients for class ${String((v.classes as unknown[])[r])} (${v.params.multiClass === 'ovr' ? 'one-vs-rest log-odds' : 'softmax scores'} ${unit}):`;
    out.push(title);
    out.push(...coefficientLines(topCoefficients(row, v.featureNames, options.top ?? row.length, classifier), v.intercept[r], classifier));
  });
  out.push('');
  out.push(
    `Fit: solver ${v.fit.solver}, ${v.fit.converged ? 'converged' : 'did NOT converge'} in ${v.fit.nIter} iterations, objective ${num(v.fit.objective, 8)}`,
  );
  out.push(`Training: ${v.training.nSamples} rows, ${v.featureNames.length} features, fitted ${v.training.fittedAt} by logit ${v.training.logitVersion}`);
  ctx.print(out);
}
