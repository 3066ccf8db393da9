export { trainTestSplit, type TrainTestSplitOptions, type TrainTestSplit } from './trainTestSplit.js';
export { kFold, type Fold, type KFoldOptions } from './kFold.js';
export { stratifiedKFold, type StratifiedKFoldOptions } from './stratifiedKFold.js';
export { getScorer, scorerNames, type Scorer, type Scoring, type ScorerName, type ScorableModel } from './scoring.js';
export {
  crossValidate,
  crossValPredict,
  resolveCv,
  type Estimator,
  type CvOption,
  type FoldLike,
  type FitParams,
  type Targets,
  type CrossValidateOptions,
  type CrossValidateResult,
  type CrossValPredictOptions,
} from './crossValidate.js';
export { gridSearchCV, expandGrid, type ParamGrid, type GridSearchOptions, type GridSearchResults, type GridSearch } from './gridSearchCV.js';
export { LogisticRegressionCV, type LogisticRegressionCVOptions, type LogisticRegressionCVFitOptions } from './logisticRegressionCV.js';
