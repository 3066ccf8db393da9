/**
 * Self-contained HTML reports: inline SVG charts from the plot module, inline CSS, no scripts,
 * no network. `buildClassifierReport` / `buildRegressorReport` compute everything from a fitted
 * model and a held-out split; `renderReport` lays out sections of your own.
 */
export { renderReport, htmlTable, type ReportSection, type ReportOptions, type HtmlCell } from './html.js';
export { dataSummarySection, type DataSummary } from './summary.js';
export { buildClassifierReport, classifierReportSections, type ClassifierReportInput, type ReportClassifier } from './classifier.js';
export { buildRegressorReport, regressorReportSections, type RegressorReportInput, type ReportRegressor } from './regressor.js';
export { coefficientSlice, weightPlane, type Projection } from './projection.js';
