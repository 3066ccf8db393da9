/**
 * Charts as SVG strings, without a DOM: deterministic (coordinates rounded to 2 decimals,
 * seeded jitter and subsampling), accessible (`role="img"`, `<title>`, `<desc>` generated from
 * the data), styled by CSS classes ({@link PLOT_CSS}). Scales, ticks, paths and contours come
 * from d3 (d3-scale, d3-shape, d3-contour, d3-format via d3-scale).
 */
export { plotSigmoid, type SigmoidInput, type SigmoidPlotOptions } from './sigmoid.js';
export { plotLossCurve, type LossCurvePlotOptions } from './lossCurve.js';
export { plotDecisionBoundary, type DecisionBoundaryInput, type DecisionBoundaryPlotOptions, type GridProbabilities } from './decisionBoundary.js';
export { plotRocCurve, type RocCurveInput, type RocPlotOptions } from './roc.js';
export { plotPrecisionRecallCurve, type PrecisionRecallCurveInput, type PrecisionRecallPlotOptions } from './precisionRecall.js';
export { plotThresholdTradeoff, type TradeoffRow, type ThresholdTradeoffPlotOptions } from './thresholdTradeoff.js';
export { plotConfusionMatrix, type ConfusionMatrixInput, type ConfusionMatrixPlotOptions } from './confusionMatrix.js';
export { plotCalibrationCurve, type CalibrationCurveInput, type CalibrationPlotOptions } from './calibration.js';
export { plotCoefficients, type CoefficientsInput, type CoefficientsPlotOptions } from './coefficients.js';
export { plotPredictedVsActual, plotResiduals, type RegressionInput, type RegressionPlotOptions } from './regression.js';
export { PLOT_CSS } from './style.js';
export type { PlotOptions } from './document.js';
