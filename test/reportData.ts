// Reports built from real fitted models, shared by the report tests and the browser test.
import { Matrix } from '../src/core/matrix.js';
import { Random } from '../src/core/rng.js';
import { loadBreastCancer, loadIris } from '../src/datasets/load.js';
import { makeRegression } from '../src/datasets/generators.js';
import { Ridge } from '../src/models/linearRegression.js';
import { LogisticRegression } from '../src/models/logisticRegression.js';
import { StandardScaler } from '../src/preprocessing/standardScaler.js';
import { buildClassifierReport, type ClassifierReportInput } from '../src/report/classifier.js';
import { buildRegressorReport } from '../src/report/regressor.js';
import { trainTestSplit } from '../src/selection/trainTestSplit.js';

/** Seed 004's students: pass when 0.6·study + 0.4·sleep + N(0, 0.8²) > 5. */
export function studyHours(seed = 42, n = 200): { X: Matrix; y: string[] } {
  const rng = new Random(seed);
  const X = new Matrix(n, 2);
  const y: string[] = [];
  for (let i = 0; i < n; i++) {
    const study = rng.uniform(0, 10);
    const sleep = rng.uniform(3, 10);
    X.set(i, 0, study);
    X.set(i, 1, sleep);
    y.push(0.6 * study + 0.4 * sleep + 0.8 * rng.normal() > 5 ? 'pass' : 'fail');
  }
  return { X, y };
}

/** A two-feature binary report: the seed-004 students, threshold 0.4. */
export function studyHoursReportInput(): ClassifierReportInput {
  const { X, y } = studyHours();
  const s = trainTestSplit(X, y, { testSize: 0.3, seed: 1, stratify: true });
  const model = new LogisticRegression({ C: 10, solver: 'lbfgs' }).fit(s.XTrain, s.yTrain);
  return {
    model,
    XTest: s.XTest,
    yTest: s.yTest,
    featureNames: ['study_hours', 'sleep_hours'],
    threshold: 0.4,
    thresholdReason: 'set by hand',
    modelName: "LogisticRegression(C=10, solver='lbfgs')",
    data: { rows: 200, columns: 2, target: 'result', source: 'seed 004 (simulated)', trainRows: s.XTrain.rows, testRows: s.XTest.rows, classes: [{ label: 'fail', count: y.filter((v) => v === 'fail').length }, { label: 'pass', count: y.filter((v) => v === 'pass').length }], missing: [] },
  };
}

/** A 30-feature binary report: breast cancer, standardised, L2 logistic regression. */
export function breastCancerReportInput(): ClassifierReportInput {
  const data = loadBreastCancer();
  const y = data.y.map((k) => data.targetNames[k]);
  const s = trainTestSplit(data.X, y, { testSize: 0.25, stratify: true, seed: 7 });
  const scaler = new StandardScaler().fit(s.XTrain);
  const model = new LogisticRegression({ C: 1, solver: 'lbfgs' }).fit(scaler.transform(s.XTrain), s.yTrain);
  return { model, XTest: scaler.transform(s.XTest), yTest: s.yTest, featureNames: data.featureNames, modelName: "LogisticRegression(C=1, penalty='l2')" };
}

export function classifierReportHtml(): string {
  return buildClassifierReport(studyHoursReportInput());
}

export function wideClassifierReportHtml(): string {
  return buildClassifierReport(breastCancerReportInput());
}

export function regressorReportHtml(): string {
  const d = makeRegression({ nSamples: 160, nFeatures: 5, nInformative: 3, noise: 8, seed: 3, bias: 2 });
  const s = trainTestSplit(d.X, d.y, { testSize: 0.25, seed: 2 });
  const model = new Ridge({ alpha: 1 }).fit(s.XTrain, s.yTrain);
  return buildRegressorReport({ model, XTest: s.XTest, yTest: s.yTest, featureNames: ['a', 'b', 'c', 'd', 'e'], target: 'price', modelName: 'Ridge(alpha=1)' });
}

/** A three-class report: iris, standardised, multinomial logistic regression. */
export function irisReportHtml(): string {
  const iris = loadIris();
  const y = iris.y.map((k) => iris.targetNames[k]);
  const s = trainTestSplit(iris.X, y, { testSize: 0.3, stratify: true, seed: 3 });
  const scaler = new StandardScaler().fit(s.XTrain);
  const model = new LogisticRegression({ C: 1 }).fit(scaler.transform(s.XTrain), s.yTrain);
  return buildClassifierReport({ model, XTest: scaler.transform(s.XTest), yTest: s.yTest, featureNames: iris.featureNames, modelName: 'LogisticRegression(C=1), 3 classes' });
}
