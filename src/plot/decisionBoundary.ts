import { LogitRangeError, LogitTypeError, describe } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import * as check from '../core/options.js';
import { asMatrix, asVector, type Label, type MatrixLike } from '../core/validate.js';
import { contours } from 'd3-contour';
import { scaleLinear } from 'd3-scale';
import { COMMON_KEYS, commonOptions, frameFor, svgDocument, type PlotOptions } from './document.js';
import { binaryClasses, fmt, paddedExtent, sameLength, subsample } from './inputs.js';
import { axisBottom, axisLeft, el, inner, pathThrough, text, type LegendItem } from './svg.js';

/** What `predictProba` may return for the grid: positive-class probabilities, or an n × 2 matrix (column 1 is taken). */
export type GridProbabilities = ArrayLike<number> | Matrix | ArrayLike<ArrayLike<number>>;

export interface DecisionBoundaryInput {
  /** The points to draw: n × 2 (the two features, or a 2-D projection of more). */
  X: MatrixLike;
  /** Their true labels, two classes. */
  y: ArrayLike<Label>;
  /**
   * P(positive) at each row of `grid` (an m × 2 Matrix of points in the chart's coordinates).
   * A two-feature model passes `(g) => model.predictProba(g)`; a pipeline or a projection maps
   * the 2-D points back to its inputs first.
   */
  predictProba: (grid: Matrix) => GridProbabilities;
}

export interface DecisionBoundaryPlotOptions extends PlotOptions {
  /** The decision threshold, drawn bold (default 0.5). */
  threshold?: number;
  /** Contour levels (default 0.1, 0.2, …, 0.9). */
  levels?: ArrayLike<number>;
  /** Grid cells per side inside the chart (default 80, 10 ≤ gridSize ≤ 400); predictProba sees (gridSize + 2)² points. */
  gridSize?: number;
  /** Axis names (default `['x1', 'x2']`). */
  featureNames?: [string, string];
  /** Chart extent along x (default: the data's, padded 5 %). */
  xDomain?: [number, number];
  /** Chart extent along y. */
  yDomain?: [number, number];
  /** The positive label (default: the larger of the two labels, as scikit-learn's `classes_[1]`). */
  positiveLabel?: Label;
  /** Legend names [negative, positive]. */
  classNames?: [string, string];
  /** A sentence printed under the chart (say here what a projection shows). */
  note?: string;
  /** Seed of the subsample (default 0). */
  seed?: number;
  /** Draw at most this many points (default 1500). */
  maxPoints?: number;
}

const DEFAULT_LEVELS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

function domainOption(o: Record<string, unknown>, name: string, fallback: [number, number]): [number, number] {
  const v = o[name];
  if (v === undefined) return fallback;
  const d = asVector(v, name);
  if (d.length !== 2 || !(d[0] < d[1])) throw new LogitRangeError(`option ${name} must be [lo, hi] with lo < hi; received ${describe(v)}`, { parameter: name, value: v });
  return [d[0], d[1]];
}

function gridProbabilities(p: GridProbabilities, m: number): Float64Array {
  let v: Float64Array;
  if (p instanceof Matrix || (Array.isArray(p) && p.length > 0 && typeof p[0] === 'object')) {
    const M = p instanceof Matrix ? p : Matrix.from(p as ArrayLike<ArrayLike<number>>, 'predictProba(grid)');
    if (M.cols !== 2) {
      throw new LogitRangeError(`predictProba(grid) returned ${M.cols} columns; return P(positive) per row or an m × 2 matrix`, { parameter: 'predictProba', value: M.cols });
    }
    v = M.column(1);
  } else {
    v = asVector(p, 'predictProba(grid)');
  }
  if (v.length !== m) throw new LogitRangeError(`predictProba(grid) returned ${v.length} values for ${m} grid points`, { parameter: 'predictProba', value: v.length });
  for (let i = 0; i < m; i++) {
    if (!(v[i] >= 0 && v[i] <= 1)) throw new LogitRangeError(`predictProba(grid)[${i}] is ${describe(v[i])}; probabilities must lie in [0, 1]`, { parameter: 'predictProba', row: i, value: v[i] });
  }
  return v;
}

/**
 * Two features, the data and the model's probability surface: the plane is cut into a
 * gridSize × gridSize grid of cell centres, `predictProba` is evaluated there, d3-contour's
 * marching squares trace the iso-probability lines at `levels` (0.1 … 0.9), the bands between
 * them are shaded from blue (negative) to orange (positive), and the threshold contour (0.5
 * unless told) is bold: the decision boundary. Contour segments along the chart's edge are
 * not stroked. Points are drawn on top, negatives hollow, positives filled.
 * Cost: one predictProba call on (gridSize + 2)² points plus O(gridSize² · levels) for the contours.
 */
export function plotDecisionBoundary(input: DecisionBoundaryInput, options: DecisionBoundaryPlotOptions = {}): string {
  const o = check.rejectUnknownOptions(
    options,
    [...COMMON_KEYS, 'threshold', 'levels', 'gridSize', 'featureNames', 'xDomain', 'yDomain', 'positiveLabel', 'classNames', 'note', 'seed', 'maxPoints'],
    'plotDecisionBoundary',
  );
  if (input === null || typeof input !== 'object') throw new LogitTypeError(`input must be { X, y, predictProba }; received ${describe(input)}`, { parameter: 'input', value: input });
  const X = asMatrix(input.X, { name: 'X' });
  if (X.cols !== 2) throw new LogitRangeError(`X has ${X.cols} columns; the decision-boundary chart draws 2 (project wider data first)`, { parameter: 'X', value: X.cols });
  const cls = binaryClasses(input.y, 'y', o.positiveLabel as Label | undefined, o.classNames as [string, string] | undefined);
  sameLength(Array.from({ length: X.rows }), 'X', cls.positive, 'y');
  if (typeof input.predictProba !== 'function') {
    throw new LogitTypeError(`predictProba must be a function (grid: Matrix) => probabilities; received ${describe(input.predictProba)}`, { parameter: 'predictProba', value: input.predictProba });
  }
  const t = check.inRange(o, 'threshold', 0.5, 0, 1);
  if (t === 0 || t === 1) throw new LogitRangeError(`option threshold must be strictly between 0 and 1; received ${t}`, { parameter: 'threshold', value: t });
  const levels = o.levels === undefined ? DEFAULT_LEVELS.slice() : Array.from(asVector(o.levels, 'levels'));
  levels.forEach((l, i) => {
    if (!(l > 0 && l < 1)) throw new LogitRangeError(`levels[${i}] is ${l}; contour levels lie strictly between 0 and 1`, { parameter: 'levels', row: i, value: l });
  });
  const allLevels = [...new Set([...levels, t])].sort((a, b) => a - b);
  const g = check.integer(o, 'gridSize', 80, 10);
  if (g > 400) throw new LogitRangeError(`option gridSize must be ≤ 400; received ${g}`, { parameter: 'gridSize', value: g });
  const featureNames = (o.featureNames as [string, string] | undefined) ?? ['x1', 'x2'];
  if (!Array.isArray(featureNames) || featureNames.length !== 2 || featureNames.some((s) => typeof s !== 'string')) {
    throw new LogitTypeError(`option featureNames must be two strings; received ${describe(featureNames)}`, { parameter: 'featureNames', value: featureNames });
  }
  const note = o.note === undefined ? undefined : String(o.note);
  const seed = check.seed(o, 'seed', 0);
  const maxPoints = check.integer(o, 'maxPoints', 1500, 1);
  const xs = X.column(0);
  const ys = X.column(1);
  const [ax, bx] = domainOption(o, 'xDomain', paddedExtent(xs, 0.05));
  const [ay, by] = domainOption(o, 'yDomain', paddedExtent(ys, 0.05));

  const com = commonOptions(o, 'decision-boundary', 'Decision boundary', { width: 640, height: 520 });
  const items: LegendItem[] = [
    { label: cls.names[0], cls: 'pt-neg', kind: 'point' },
    { label: cls.names[1], cls: 'pt-pos', kind: 'point' },
    { label: `P(${cls.names[1]}) = ${fmt(t, 2)} (decision boundary)`, cls: 'contour-main', kind: 'line' },
    { label: `P = ${allLevels.filter((l) => l !== t).map((l) => fmt(l, 2)).join(', ')}`, cls: 'contour', kind: 'line' },
  ];
  const f = frameFor(com, items, { bottom: note ? 66 : 50 });
  const { x0, x1, y0, y1 } = inner(f);
  const x = scaleLinear().domain([ax, bx]).range([x0, x1]);
  const y = scaleLinear().domain([ay, by]).range([y1, y0]);

  // A (g + 2)² grid of cell centres reaching one cell beyond the chart on every side: value
  // k = i + j·G sits at c-space (i + ½, j + ½) (d3-contour's convention), so c-space [0, G] maps
  // linearly onto [a − h, b + h]. d3-contour closes regions along the grid's edge with corners
  // cut and edge vertices half a cell off; with the margin all of that lies outside the clip.
  const G = g + 2;
  const hx = (bx - ax) / g;
  const hy = (by - ay) / g;
  const grid = new Matrix(G * G, 2);
  for (let j = 0; j < G; j++) {
    for (let i = 0; i < G; i++) {
      grid.data[2 * (i + j * G)] = ax + (i - 0.5) * hx;
      grid.data[2 * (i + j * G) + 1] = ay + (j - 0.5) * hy;
    }
  }
  const p = gridProbabilities(input.predictProba(grid), G * G);
  const toX = (c: number): number => x(ax + (c - 1) * hx);
  const toY = (c: number): number => y(ay + (c - 1) * hy);
  const onEdge = (pt: number[]): boolean => pt[0] <= 0 || pt[0] >= G || pt[1] <= 0 || pt[1] >= G;
  const visible = (pt: number[]): boolean => pt[0] > 1 && pt[0] < G - 1 && pt[1] > 1 && pt[1] < G - 1;
  const polys = contours().size([G, G]).thresholds(allLevels)(Array.from(p));

  const bands: string[] = [el('rect', { class: 'b0', x: x0, y: y0, width: x1 - x0, height: y1 - y0 })];
  const lines: string[] = [];
  const labels: string[] = [];
  for (const poly of polys) {
    const level = poly.value;
    let fill = '';
    let stroke = '';
    let best: number[][] = [];
    for (const polygon of poly.coordinates) {
      for (const ring of polygon) {
        fill += pathThrough(ring.map((q) => toX(q[0])), ring.map((q) => toY(q[1]))) + 'Z';
        // Stroke only the interior runs of the ring: its segments along the grid edge are where the
        // region is cut off by the chart, not an iso-probability line.
        let run: number[][] = [];
        const flush = (): void => {
          if (run.length >= 2) {
            stroke += pathThrough(run.map((q) => toX(q[0])), run.map((q) => toY(q[1])));
            const inside = run.filter(visible);
            if (inside.length > best.length) best = inside;
          }
          run = [];
        };
        for (let k = 0; k < ring.length; k++) {
          const a = ring[k];
          const b = ring[k + 1];
          if (b !== undefined && onEdge(a) && onEdge(b)) {
            run.push(a);
            flush();
            continue;
          }
          run.push(a);
        }
        flush();
      }
    }
    if (fill) bands.push(el('path', { class: `b${Math.min(9, Math.floor(level * 10 + 1e-9))}`, 'fill-rule': 'evenodd', d: fill }));
    if (stroke) lines.push(el('path', { class: level === t ? 'contour-main' : 'contour', d: stroke }));
    if (best.length >= 1) {
      // Stagger the labels along their lines (level k at fraction 0.15 … 0.85 of its longest run)
      // so nearly parallel contours do not stack their labels on one spot.
      const rank = allLevels.indexOf(level);
      const frac = allLevels.length === 1 ? 0.5 : 0.15 + (0.7 * rank) / (allLevels.length - 1);
      const q = best[Math.min(best.length - 1, Math.floor(frac * (best.length - 1)))];
      labels.push(text(toX(q[0]), toY(q[1]) + 4, fmt(level, 2).replace(/0$/, ''), 'annot', { 'text-anchor': 'middle' }));
    }
  }
  const idx = subsample(X.rows, maxPoints, seed);
  let neg = '';
  let pos = '';
  for (const i of idx) {
    const cx = x(xs[i]);
    const cy = y(ys[i]);
    if (cx < x0 || cx > x1 || cy < y0 || cy > y1) continue;
    if (cls.positive[i]) pos += el('circle', { cx, cy, r: 3.5 });
    else neg += el('circle', { cx, cy, r: 3.5 });
  }
  const clipId = `${com.id}-clip`;
  const body = [
    el('clipPath', { id: clipId }, el('rect', { x: x0, y: y0, width: x1 - x0, height: y1 - y0 })),
    el('g', { class: 'bands', 'clip-path': `url(#${clipId})` }, bands.join('')),
    axisBottom(x, f, { label: featureNames[0], grid: false }),
    axisLeft(y, f, { label: featureNames[1], grid: false }),
    el('g', { class: 'contours', 'clip-path': `url(#${clipId})` }, lines.join('')),
    el('g', { class: 'pt-neg' }, neg),
    el('g', { class: 'pt-pos' }, pos),
    el('g', { class: 'contour-labels' }, labels.join('')),
    el('rect', { x: x0, y: y0, width: x1 - x0, height: y1 - y0, fill: 'none', stroke: '#6b7280', 'stroke-width': 1 }),
  ];
  if (note) body.push(text(x0, y1 + 56, note, 'note'));
  if (idx.length < X.rows) body.push(text(x1, y1 + 36, `${idx.length} of ${X.rows} samples shown`, 'note', { 'text-anchor': 'end' }));
  let lo = 1;
  let hi = 0;
  for (const v of p) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const desc =
    `${X.rows} samples over ${featureNames[0]} (x) and ${featureNames[1]} (y), negatives (${cls.names[0]}) hollow, positives (${cls.names[1]}) filled, ` +
    `with contours of P(${cls.names[1]}) at ${allLevels.map((l) => fmt(l, 2)).join(', ')}; the bold line P = ${fmt(t, 2)} is the decision boundary. ` +
    `Across the chart P ranges from ${fmt(lo, 3)} to ${fmt(hi, 3)}.` +
    (note ? ` ${note}` : '');
  return svgDocument('decision-boundary', com, f, desc, body.join('\n'), items);
}
