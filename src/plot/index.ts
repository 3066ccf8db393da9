/**
 * Charts as SVG strings, without a DOM: deterministic (coordinates rounded to 2 decimals,
 * seeded jitter and subsampling), accessible (`role="img"`, `<title>`, `<desc>` generated from
 * the data), styled by CSS classes ({@link PLOT_CSS}). Scales, ticks, paths and contours come
 * from d3 (d3-scale, d3-shape, d3-contour, d3-format via d3-scale).
 */
export { plotSigmoid, type SigmoidInput, type SigmoidOptions } from './sigmoid.js';
export { plotLossCurve, type LossCurveOptions } from './lossCurve.js';
export { plotDecisionBoundary, type DecisionBoundaryInput, type DecisionBoundaryOptions, type GridProbabilities } from './decisionBoundary.js';
export { plotRocCurve, type RocCurveInput, type RocCurveOptions } from './roc.js';
export { plotPrecisionRecallCurve, type PrecisionRecallCurveInput, type PrecisionRecallCurveOptions } from './precisionRecall.js';
export { plotThresholdTradeoff, type TradeoffRow, type ThresholdTradeoffOptions } from './thresholdTradeoff.js';
export { plotConfusionMatrix, type ConfusionMatrixInput, type ConfusionMatrixOptions } from './confusionMatrix.js';
export { plotCalibrationCurve, type CalibrationCurveInput, type CalibrationCurveOptions } from './calibration.js';
export { plotCoefficients, type CoefficientsInput, type CoefficientsOptions } from './coefficients.js';
export { plotPredictedVsActual, plotResiduals, type RegressionInput, type RegressionPlotOptions } from './regression.js';
export { PLOT_CSS } from './style.js';
export type { PlotOptions } from './document.js';
