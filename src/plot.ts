/**
 * logit/plot: charts as SVG strings (no DOM) and the self-contained HTML report. A subpath of
 * its own because it uses d3 modules for scales, shapes and contours, while the root `logit`
 * entry has no runtime dependency at all. Works in Node and browsers.
 */
export * from './plot/index.js';
export * from './report/index.js';
