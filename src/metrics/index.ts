export { accuracyScore, type AccuracyOptions } from './classification.js';
export { r2Score, meanSquaredError, type RegressionMetricOptions } from './regression.js';
export { thresholdSweep, DEFAULT_THRESHOLDS, type ThresholdRow, type ThresholdSweepOptions } from './thresholdSweep.js';
