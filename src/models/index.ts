export {
  LogisticRegression,
  type LogisticRegressionOptions,
  type LogisticRegressionParams,
  type LogisticPenalty,
  type LogisticSolver,
  type LogisticMode,
  type MultiClass,
  type FitOptions,
  type ScoreOptions,
  type PredictOptions,
} from './logisticRegression.js';
export { LinearRegression, type LinearRegressionOptions, type LinearRegressionParams, type LinearSolver } from './linearRegression.js';
export { decisionBoundary, type DecisionBoundary } from './decisionBoundary.js';
