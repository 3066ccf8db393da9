import * as check from '../core/options.js';
import { scaleLinear } from 'd3-scale';
import { COMMON_KEYS, commonOptions, frameFor, svgDocument, type PlotOptions } from './document.js';
import { fmt, numbers, paddedExtent, sameLength, subsample } from './inputs.js';
import { axisBottom, axisLeft, el, inner, text, type LegendItem } from './svg.js';

export interface RegressionInput {
  /** Observed targets. */
  yTrue: ArrayLike<number>;
  /** The model's predictions for the same rows. */
  yPred: ArrayLike<number>;
}

export interface RegressionPlotOptions extends PlotOptions {
  /** Draw at most this many points, a seeded random subset (default 2000). */
  maxPoints?: number;
  /** Seed of the subset (default 0). */
  seed?: number;
  /** Name of the target for axis labels (default `'y'`). */
  target?: string;
}

const KEYS = [...COMMON_KEYS, 'maxPoints', 'seed', 'target'];

function read(input: RegressionInput, owner: string, options: RegressionPlotOptions) {
  const o = check.rejectUnknownOptions(options, KEYS, owner);
  const yTrue = numbers(input?.yTrue, 'yTrue');
  const yPred = numbers(input?.yPred, 'yPred');
  sameLength(yTrue, 'yTrue', yPred, 'yPred');
  return {
    o,
    yTrue,
    yPred,
    maxPoints: check.integer(o, 'maxPoints', 2000, 1),
    seed: check.seed(o, 'seed', 0),
    target: typeof o.target === 'string' ? o.target : 'y',
  };
}

/**
 * Predicted against observed values on equal axes with the line ŷ = y: points on the line are
 * exact predictions, the vertical distance to it is the residual. The description reports
 * R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)² and the RMSE √(Σ(y − ŷ)²/n) of the points drawn from.
 * Cost: O(n).
 */
export function plotPredictedVsActual(input: RegressionInput, options: RegressionPlotOptions = {}): string {
  const { o, yTrue, yPred, maxPoints, seed, target } = read(input, 'plotPredictedVsActual', options);
  const n = yTrue.length;
  const com = commonOptions(o, 'predicted-vs-actual', 'Predicted vs actual', { width: 480, height: 460 });
  const items: LegendItem[] = [
    { label: 'samples', cls: 'pt', kind: 'point' },
    { label: 'perfect prediction ŷ = y', cls: 'ref', kind: 'line' },
  ];
  const f = frameFor(com, items, { left: 70 });
  const { x0, x1, y0, y1 } = inner(f);
  const [lo, hi] = paddedExtent([...yTrue, ...yPred], 0.04);
  const x = scaleLinear().domain([lo, hi]).nice().range([x0, x1]);
  const y = scaleLinear().domain(x.domain()).range([y1, y0]);
  const idx = subsample(n, maxPoints, seed);
  let pts = '';
  for (const i of idx) pts += el('circle', { cx: x(yTrue[i]), cy: y(yPred[i]), r: 3 });
  const [d0, d1] = x.domain();
  let mean = 0;
  for (const v of yTrue) mean += v / n;
  let sse = 0;
  let sst = 0;
  for (let i = 0; i < n; i++) {
    sse += (yTrue[i] - yPred[i]) ** 2;
    sst += (yTrue[i] - mean) ** 2;
  }
  const body = [
    axisBottom(x, f, { label: `actual ${target}` }),
    axisLeft(y, f, { label: `predicted ${target}` }),
    el('line', { class: 'ref', x1: x(d0), y1: y(d0), x2: x(d1), y2: y(d1) }),
    el('g', { class: 'pt' }, pts),
  ];
  if (idx.length < n) body.push(text(x1, y1 + 36, `${idx.length} of ${n} samples shown`, 'note', { 'text-anchor': 'end' }));
  const desc =
    `Predicted against actual ${target} for ${n} samples${idx.length < n ? ` (a seeded random ${idx.length} drawn)` : ''}; ` +
    `R² ${sst === 0 ? 'undefined (constant target)' : fmt(1 - sse / sst, 3)}, RMSE ${fmt(Math.sqrt(sse / n), 3)}.`;
  return svgDocument('predicted-vs-actual', com, f, desc, body.join('\n'), items);
}

/**
 * Residuals y − ŷ against the prediction ŷ with the zero line: a well-specified linear model
 * leaves a shapeless band around zero; a curve or a funnel points at a missing term or
 * non-constant variance. Cost: O(n).
 */
export function plotResiduals(input: RegressionInput, options: RegressionPlotOptions = {}): string {
  const { o, yTrue, yPred, maxPoints, seed, target } = read(input, 'plotResiduals', options);
  const n = yTrue.length;
  const r = yTrue.map((v, i) => v - yPred[i]);
  const com = commonOptions(o, 'residuals', 'Residuals', { width: 640, height: 380 });
  const items: LegendItem[] = [
    { label: 'residual y − ŷ', cls: 'pt', kind: 'point' },
    { label: 'zero', cls: 'ref', kind: 'line' },
  ];
  const f = frameFor(com, items, { left: 70 });
  const { x0, x1, y0, y1 } = inner(f);
  const x = scaleLinear().domain(paddedExtent(yPred)).nice().range([x0, x1]);
  let m = 0;
  for (const v of r) m = Math.max(m, Math.abs(v));
  const y = scaleLinear()
    .domain(m === 0 ? [-1, 1] : [-m * 1.05, m * 1.05])
    .nice()
    .range([y1, y0]);
  const idx = subsample(n, maxPoints, seed);
  let pts = '';
  for (const i of idx) pts += el('circle', { cx: x(yPred[i]), cy: y(r[i]), r: 3 });
  let sse = 0;
  for (const v of r) sse += v * v;
  const body = [
    axisBottom(x, f, { label: `predicted ${target}` }),
    axisLeft(y, f, { label: `residual (actual − predicted)` }),
    el('line', { class: 'ref', x1: x0, x2: x1, y1: y(0), y2: y(0) }),
    el('g', { class: 'pt' }, pts),
  ];
  if (idx.length < n) body.push(text(x1, y1 + 36, `${idx.length} of ${n} samples shown`, 'note', { 'text-anchor': 'end' }));
  const desc = `Residuals against predicted ${target} for ${n} samples${idx.length < n ? ` (a seeded random ${idx.length} drawn)` : ''}; largest absolute residual ${fmt(m, 3)}, RMSE ${fmt(Math.sqrt(sse / n), 3)}.`;
  return svgDocument('residuals', com, f, desc, body.join('\n'), items);
}
