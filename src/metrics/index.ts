export { accuracyScore, type AccuracyOptions } from './classification.js';
export {
  confusionMatrix,
  balancedAccuracyScore,
  matthewsCorrcoef,
  type ConfusionMatrixOptions,
  type BalancedAccuracyOptions,
  type MatthewsOptions,
} from './confusion.js';
export {
  precisionRecallFscoreSupport,
  precisionScore,
  recallScore,
  f1Score,
  fbetaScore,
  type Average,
  type PrfOptions,
  type PrfSupport,
} from './prf.js';
export { classificationReport, type ClassificationReport, type ClassificationReportOptions, type ReportRow } from './classificationReport.js';
export {
  r2Score,
  meanSquaredError,
  rootMeanSquaredError,
  meanAbsoluteError,
  explainedVarianceScore,
  type RegressionMetricOptions,
} from './regression.js';
export { thresholdSweep, DEFAULT_THRESHOLDS, type ThresholdRow, type ThresholdSweepOptions } from './thresholdSweep.js';
export {
  rocCurve,
  rocAucScore,
  precisionRecallCurve,
  averagePrecisionScore,
  binaryClfCurve,
  type RocCurve,
  type RocCurveOptions,
  type RocAucOptions,
  type AucAverage,
  type PrecisionRecallCurve,
  type PrecisionRecallCurveOptions,
  type AveragePrecisionOptions,
  type ScoreInput,
  type ClfCurve,
} from './ranking.js';
export { logLoss, brierScoreLoss, type LogLossOptions, type BrierScoreOptions } from './probabilistic.js';
export { tuneThreshold, type TuneThresholdOptions, type TunedThreshold, type ThresholdObjective } from './tuneThreshold.js';
export { calibrationCurve, type CalibrationCurve, type CalibrationCurveOptions } from './calibrationCurve.js';
