import { LogitRangeError } from '../core/errors.js';
import * as check from '../core/options.js';
import { Random } from '../core/rng.js';
import type { Label } from '../core/validate.js';
import { scaleLinear } from 'd3-scale';
import { COMMON_KEYS, commonOptions, frameFor, svgDocument, type PlotOptions } from './document.js';
import { binaryClasses, fmt, numbers, paddedExtent, sameLength, subsample } from './inputs.js';
import { axisBottom, axisLeft, el, inner, pathThrough, text, type LegendItem } from './svg.js';

export interface SigmoidInput {
  /** Linear scores z = w·x + b (a binary model's `decisionFunction`). */
  z: ArrayLike<number>;
  /** The true labels, two classes. */
  y: ArrayLike<Label>;
}

export interface SigmoidPlotOptions extends PlotOptions {
  /** Decision threshold on the probability (default 0.5, i.e. z = 0). */
  threshold?: number;
  /** The positive label (default: the larger of the two labels, as scikit-learn's `classes_[1]`). */
  positiveLabel?: Label;
  /** Legend names [negative, positive] (default: the labels). */
  classNames?: [string, string];
  /** Seed of the vertical jitter and of the subsample (default 0). */
  seed?: number;
  /** Draw at most this many points, a seeded random subset (default 1500). */
  maxPoints?: number;
  /** Half-width of the vertical jitter in probability units (default 0.04). */
  jitter?: number;
  /** x-axis label (default `'linear score z = w·x + b'`). */
  xLabel?: string;
}

/** σ(z) = 1 / (1 + e^−z), evaluated without overflow on either side. */
function expit(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * Seed 004's picture: the sigmoid σ(z) over the linear score z, each sample drawn at its z and
 * at height 0 or 1 by its true class (jittered vertically by a seeded amount so piles stay
 * visible), and the decision threshold as a horizontal line at p = t and a vertical one at
 * z* = log(t / (1 − t)): samples right of it are predicted positive. Cost: O(n + 200).
 */
export function plotSigmoid(input: SigmoidInput, options: SigmoidPlotOptions = {}): string {
  const o = check.rejectUnknownOptions(
    options,
    [...COMMON_KEYS, 'threshold', 'positiveLabel', 'classNames', 'seed', 'maxPoints', 'jitter', 'xLabel'],
    'plotSigmoid',
  );
  if (input === null || typeof input !== 'object') throw new LogitRangeError('plotSigmoid needs { z, y }', { parameter: 'input' });
  const zIn = numbers(input.z, 'z');
  // Scores beyond ±1e300 (σ is 0 or 1 from |z| ≈ 37 on) are drawn at ±1e300 so the axis span stays finite.
  const LIMIT = 1e300;
  let clamped = 0;
  const z = zIn.map((v) => {
    if (Math.abs(v) <= LIMIT) return v;
    clamped++;
    return Math.sign(v) * LIMIT;
  });
  const cls = binaryClasses(input.y, 'y', o.positiveLabel as Label | undefined, o.classNames as [string, string] | undefined);
  sameLength(z, 'z', cls.positive, 'y');
  const t = check.inRange(o, 'threshold', 0.5, 0, 1);
  if (t === 0 || t === 1) throw new LogitRangeError(`option threshold must be strictly between 0 and 1; received ${t}`, { parameter: 'threshold', value: t });
  const seed = check.seed(o, 'seed', 0);
  const maxPoints = check.integer(o, 'maxPoints', 1500, 1);
  const jitter = check.inRange(o, 'jitter', 0.04, 0, 0.2);
  const xLabel = typeof o.xLabel === 'string' ? o.xLabel : 'linear score z = w·x + b';
  const zStar = Math.log(t) - Math.log1p(-t);
  const [lo, hi] = paddedExtent([...z, zStar], 0.05);
  const com = commonOptions(o, 'sigmoid', 'Sigmoid of the linear score', { width: 640, height: 400 });
  const items: LegendItem[] = [
    { label: 'σ(z) = 1 / (1 + e^−z)', cls: 'curve', kind: 'line' },
    { label: cls.names[0], cls: 'pt-neg', kind: 'point' },
    { label: cls.names[1], cls: 'pt-pos', kind: 'point' },
    { label: `threshold ${fmt(t, 2)} (z = ${fmt(zStar, 2)})`, cls: 'thr', kind: 'line' },
  ];
  const f = frameFor(com, items);
  const { x0, x1, y0, y1 } = inner(f);
  const x = scaleLinear().domain([lo, hi]).range([x0, x1]);
  const niced = x.copy().nice();
  if (niced.domain().every(Number.isFinite)) x.domain(niced.domain());
  const y = scaleLinear()
    .domain([-0.1, 1.1])
    .range([y1, y0]);
  const [dlo, dhi] = x.domain();
  const m = 200;
  const cx = new Float64Array(m + 1);
  const cy = new Float64Array(m + 1);
  for (let k = 0; k <= m; k++) {
    const zk = dlo * (1 - k / m) + dhi * (k / m); // no overflow when the domain spans ±1e308
    cx[k] = x(zk);
    cy[k] = y(expit(zk));
  }
  const idx = subsample(z.length, maxPoints, seed);
  const rng = new Random(seed + 1);
  let neg = '';
  let pos = '';
  for (const i of idx) {
    const j = (2 * rng.random() - 1) * jitter;
    if (cls.positive[i]) pos += el('circle', { cx: x(z[i]), cy: y(1 + j), r: 3.2 });
    else neg += el('circle', { cx: x(z[i]), cy: y(j), r: 3.2 });
  }
  let predictedPos = 0;
  let correct = 0;
  for (let i = 0; i < z.length; i++) {
    const p = z[i] >= zStar ? 1 : 0;
    predictedPos += p;
    if (p === cls.positive[i]) correct++;
  }
  const body = [
    axisBottom(x, f, { label: xLabel }),
    axisLeft(y, f, { label: `P(${cls.names[1]})`, ticks: 5 }),
    el('line', { class: 'thr', x1: x0, x2: x1, y1: y(t), y2: y(t) }),
    el('line', { class: 'thr', x1: x(zStar), x2: x(zStar), y1: y0, y2: y1 }),
    text(x(zStar) + 8, y(0.3), `predict ${cls.names[1]} →`, 'annot'),
    text(x(zStar) - 8, y(0.7), `← predict ${cls.names[0]}`, 'annot', { 'text-anchor': 'end' }),
    el('g', { class: 'pt-neg' }, neg),
    el('g', { class: 'pt-pos' }, pos),
    el('path', { class: 'curve', d: pathThrough(cx, cy) }),
  ];
  const shown =
    (idx.length < z.length ? ` (a seeded random ${idx.length} of ${z.length} drawn)` : '') + (clamped > 0 ? ` (${clamped} scores beyond ±1e300 drawn at ±1e300)` : '');
  if (shown) body.push(text(x1, y1 + 36, `${idx.length} of ${z.length} samples shown`, 'note', { 'text-anchor': 'end' }));
  const desc =
    `Sigmoid curve of the linear score with ${z.length} samples${shown}, plotted at 0 (${cls.names[0]}) or 1 (${cls.names[1]}); ` +
    `threshold ${fmt(t, 2)} at z = ${fmt(zStar, 2)}: ${predictedPos} predicted ${cls.names[1]}, ${correct} of ${z.length} correct.`;
  return svgDocument('sigmoid', com, f, desc, body.join('\n'), items);
}
