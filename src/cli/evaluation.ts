import type { Matrix } from '../core/matrix.js';
import type { Label } from '../core/validate.js';
import { accuracyScore } from '../metrics/classification.js';
import { confusionMatrix } from '../metrics/confusion.js';
import { logLoss } from '../metrics/probabilistic.js';
import { precisionScore, recallScore, f1Score } from '../metrics/prf.js';
import { averagePrecisionScore, rocAucScore } from '../metrics/ranking.js';
import { meanAbsoluteError, meanSquaredError, r2Score } from '../metrics/regression.js';

/** Held-out metrics of a classifier, as printed and as --json. */
export interface ClassificationEvaluation {
  kind: 'classifier';
  n: number;
  classes: Label[];
  /** The positive class (binary) and the threshold used for the labels; null for multiclass or argmax. */
  positive: Label | null;
  threshold: number | null;
  metrics: {
    accuracy: number;
    precision: number;
    recall: number;
    f1: number;
    rocAuc: number | null;
    averagePrecision: number | null;
    logLoss: number;
  };
  /** confusion[i][j]: samples of classes[i] predicted as classes[j]. */
  confusion: number[][];
}

export interface RegressionEvaluation {
  kind: 'regressor';
  n: number;
  metrics: { r2: number; rmse: number; mae: number; mse: number };
}

export type Evaluation = ClassificationEvaluation | RegressionEvaluation;

/**
 * Scores a classifier's predictions on held-out rows: accuracy; precision, recall and F1 of the
 * positive class (binary) or macro-averaged (multiclass); ROC AUC and average precision of the
 * positive-class probability (binary) or one-vs-rest macro AUC (multiclass; AUC needs every class
 * present, else null); log loss; the confusion matrix. `yPred` are the labels at the model's
 * decision rule. Cost: O(n log n + n·K).
 */
export function evaluateClassifier(yTrue: readonly Label[], yPred: readonly Label[], proba: Matrix, classes: readonly Label[], threshold: number | null): ClassificationEvaluation {
  const binary = classes.length === 2;
  const labels = [...classes];
  const avg = binary ? { posLabel: classes[1] } : { average: 'macro' as const, labels };
  const present = new Set(yTrue);
  const allPresent = labels.every((c) => present.has(c));
  let rocAuc: number | null = null;
  let averagePrecision: number | null = null;
  if (binary && allPresent) {
    const p1 = proba.column(1);
    rocAuc = rocAucScore(yTrue, p1);
    averagePrecision = averagePrecisionScore(yTrue, p1, { posLabel: classes[1] });
  } else if (allPresent) {
    rocAuc = rocAucScore(yTrue, proba, { multiClass: 'ovr', labels });
  }
  const cm = confusionMatrix(yTrue, yPred, { labels });
  return {
    kind: 'classifier',
    n: yTrue.length,
    classes: labels,
    positive: binary ? classes[1] : null,
    threshold: binary ? threshold ?? 0.5 : null,
    metrics: {
      accuracy: accuracyScore(yTrue, yPred),
      precision: precisionScore(yTrue, yPred, { ...avg, zeroDivision: 0 }) as number,
      recall: recallScore(yTrue, yPred, { ...avg, zeroDivision: 0 }) as number,
      f1: f1Score(yTrue, yPred, { ...avg, zeroDivision: 0 }) as number,
      rocAuc,
      averagePrecision,
      logLoss: logLoss(yTrue, proba, { labels }),
    },
    confusion: cm.toArray(),
  };
}

/** R², RMSE, MAE and MSE of a regressor on held-out rows. Cost: O(n). */
export function evaluateRegressor(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): RegressionEvaluation {
  const mse = meanSquaredError(yTrue, yPred);
  return { kind: 'regressor', n: yTrue.length, metrics: { r2: r2Score(yTrue, yPred), rmse: Math.sqrt(mse), mae: meanAbsoluteError(yTrue, yPred), mse } };
}
