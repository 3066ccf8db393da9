export { accuracyScore, type AccuracyOptions } from './classification.js';
export { r2Score, meanSquaredError, type RegressionMetricOptions } from './regression.js';
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
