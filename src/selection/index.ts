export { trainTestSplit, type TrainTestSplitOptions, type TrainTestSplit } from './trainTestSplit.js';
export { kFold, type Fold, type KFoldOptions } from './kFold.js';
export { stratifiedKFold, type StratifiedKFoldOptions } from './stratifiedKFold.js';
export { getScorer, scorerNames, type Scorer, type Scoring, type ScorerName, type ScorableModel } from './scoring.js';
