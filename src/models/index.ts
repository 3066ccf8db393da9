export {
  LogisticRegression,
  type LogisticRegressionOptions,
  type LogisticRegressionParams,
  type LogisticPenalty,
  type LogisticSolver,
  type ConcreteSolver,
  type ClassWeight,
  type LogisticMode,
  type MultiClass,
  type FitOptions,
  type PartialFitOptions,
  type ScoreOptions,
  type PredictOptions,
} from './logisticRegression.js';
export {
  LinearRegression,
  Ridge,
  Lasso,
  ElasticNet,
  type LinearRegressionOptions,
  type LinearRegressionParams,
  type LinearSolver,
  type LinearPenalty,
  type RidgeOptions,
  type LassoOptions,
  type ElasticNetOptions,
} from './linearRegression.js';
export { decisionBoundary, type DecisionBoundary } from './decisionBoundary.js';
export { chooseSolver } from './chooseSolver.js';
export type { SeparationReport } from './separation.js';
export { regularizationPath, logspaceCs, type RegularizationPath, type RegularizationPathOptions } from './regularizationPath.js';
export { lassoPath, type LassoPath, type LassoPathOptions } from './lassoPath.js';
export type { IterationHandler } from './logisticOptions.js';
