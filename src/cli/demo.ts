import type { Matrix } from '../core/matrix.js';
import type { Label } from '../core/validate.js';
import { loadBreastCancer } from '../datasets/load.js';
import { accuracyScore } from '../metrics/classification.js';
import { thresholdSweep } from '../metrics/thresholdSweep.js';
import { LogisticRegression } from '../models/logisticRegression.js';
import { StandardScaler } from '../preprocessing/standardScaler.js';
import { trainTestSplit } from '../selection/trainTestSplit.js';

/** What the demo computed, for tests and for callers that render it differently. */
export interface DemoResult {
  trainAccuracy: number;
  testAccuracy: number;
  nIter: number;
  converged: boolean;
  lines: string[];
  /** The fitted model (on standardised features) and what the report needs. */
  model: LogisticRegression;
  featureNames: string[];
  XTest: Matrix;
  yTest: Label[];
  XTrain: Matrix;
  yTrain: Label[];
  warnings: string[];
}

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** The model's progress hook (the command line's progress bar). */
  onIteration?: (iteration: number, loss: number) => void;
}

const pct = (v: number): string => `${(100 * v).toFixed(1)} %`;
const pad = (s: string, n: number): string => s.padStart(n);
const signed = (v: number): string => `${v < 0 ? '−' : '+'}${Math.abs(v).toFixed(3)}`;

/**
 * logit's main job on the bundled breast cancer data: 80/20 stratified split with a fixed seed,
 * standardisation fitted on the training split, an L2 logistic regression, then accuracy,
 * convergence, seed 004's threshold table on the test split and the largest coefficients as
 * log-odds. No network, no files.
 */
export function runDemo(seed = 42, options: DemoOptions = {}): DemoResult {
  const data = loadBreastCancer();
  // Class names as labels: classes sort to ['benign', 'malignant'], so malignant is the positive class.
  const y = data.y.map((k) => data.targetNames[k]);
  const split = trainTestSplit(data.X, y, { testSize: 0.2, stratify: true, seed });
  const scaler = new StandardScaler().fit(split.XTrain);
  const XTrain = scaler.transform(split.XTrain);
  const XTest = scaler.transform(split.XTest);
  const warnings: string[] = [];
  const model = new LogisticRegression({ C: 1, onWarning: (w) => warnings.push(w.message), onIteration: options.onIteration });
  const t0 = performance.now();
  model.fit(XTrain, split.yTrain, { featureNames: [...data.featureNames] });
  const ms = performance.now() - t0;
  const trainAccuracy = accuracyScore(split.yTrain, model.predict(XTrain));
  const testAccuracy = accuracyScore(split.yTest, model.predict(XTest));
  const [negative, positive] = model.classes;
  const pTest = model.predictProba(XTest).column(1);

  const lines: string[] = [];
  const out = (s = ''): void => {
    lines.push(s);
  };
  out('logit demo: logistic regression on the Wisconsin diagnostic breast cancer data');
  out(`  ${data.X.rows} tumours × ${data.X.cols} features (UCI, CC BY 4.0); positive class: ${String(positive)}`);
  out(`  80/20 stratified split (seed ${seed}): ${XTrain.rows} train, ${XTest.rows} test; standardised on the training split`);
  out();
  const p = model.params;
  out(`Model: LogisticRegression({ penalty: '${p.penalty}', C: ${p.C}, solver: '${p.solver}', tol: ${p.tol} })`);
  out(
    `  ${model.converged ? 'converged' : 'did NOT converge'} in ${model.nIter} iterations, ${ms.toFixed(1)} ms; ` +
      `largest gradient component ${model.gradMax.toExponential(1)} (tol ${p.tol})`,
  );
  out(`  objective C·Σℓᵢ + ½‖w‖² = ${model.objective.toFixed(6)}`);
  for (const w of warnings) out(`  warning: ${w}`);
  out();
  out(`Accuracy: train ${pct(trainAccuracy)}, test ${pct(testAccuracy)}`);
  out();
  out(`Threshold table on the test split: predict ${String(positive)} when P(${String(positive)}) ≥ t (seed 004)`);
  const pos = String(positive);
  out(`  ${pad('t', 4)}  ${pad('accuracy', 8)}  ${pad(`pred. ${pos}`, pos.length + 6)}  ${pad(`pred. ${String(negative)}`, String(negative).length + 6)}  ${pad('FP', 3)}  ${pad('FN', 3)}  ${pad('precision', 9)}  ${pad('recall', 6)}`);
  for (const r of thresholdSweep(split.yTest, pTest, [0.1, 0.3, 0.5, 0.7, 0.9], { posLabel: positive })) {
    out(
      `  ${r.threshold.toFixed(1).padStart(4)}  ${pad(pct(r.accuracy), 8)}  ${pad(String(r.predictedPositive), pos.length + 6)}  ` +
        `${pad(String(r.predictedNegative), String(negative).length + 6)}  ${pad(String(r.falsePositive), 3)}  ${pad(String(r.falseNegative), 3)}  ` +
        `${pad(r.precision.toFixed(3), 9)}  ${pad(r.recall.toFixed(3), 6)}`,
    );
  }
  out('  Lower t catches more malignant tumours (fewer FN) at the price of more false alarms (FP).');
  out();
  out(`Largest coefficients: change in the log-odds of ${pos} per standard deviation of the feature`);
  const w = model.coef.row(0);
  const order = Array.from(w.keys()).sort((a, b) => Math.abs(w[b]) - Math.abs(w[a]));
  const width = Math.max(...order.slice(0, 8).map((j) => data.featureNames[j].length));
  for (const j of order.slice(0, 8)) {
    out(`  ${signed(w[j])}  ${data.featureNames[j].padEnd(width)}  (odds × ${Math.exp(w[j]).toFixed(2)})`);
  }
  out(`  intercept ${signed(model.intercept[0])}`);
  return {
    trainAccuracy,
    testAccuracy,
    nIter: model.nIter,
    converged: model.converged,
    lines,
    model,
    featureNames: [...data.featureNames],
    XTest,
    yTest: split.yTest,
    XTrain,
    yTrain: split.yTrain,
    warnings,
  };
}
