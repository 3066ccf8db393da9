import { LogitRangeError, LogitTypeError, describe } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import * as check from '../core/options.js';
import type { Label } from '../core/validate.js';
import { scaleBand } from 'd3-scale';
import { COMMON_KEYS, commonOptions, svgDocument, type PlotOptions } from './document.js';
import { fmt } from './inputs.js';
import { el, num, text, textWidth, type Frame } from './svg.js';

export interface ConfusionMatrixInput {
  /** K × K counts, rows = true class, columns = predicted class (scikit-learn's layout). */
  matrix: Matrix | ArrayLike<ArrayLike<number>>;
  /** The K class labels in row/column order. */
  labels: ArrayLike<Label>;
}

export interface ConfusionMatrixPlotOptions extends PlotOptions {
  /** What the shares and colours are normalised over: `'true'` rows (default; recall per class on the diagonal), `'pred'` columns (precision), `'all'`. */
  normalize?: 'true' | 'pred' | 'all';
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/**
 * The confusion matrix as a grid of cells, each with its count and its share (of the true
 * class by default), shaded by that share in nine steps. Rows are the true class, columns the
 * predicted class; the diagonal is what the model got right. Cost: O(K²).
 */
export function plotConfusionMatrix(input: ConfusionMatrixInput, options: ConfusionMatrixPlotOptions = {}): string {
  const o = check.rejectUnknownOptions(options, [...COMMON_KEYS, 'normalize'], 'plotConfusionMatrix');
  if (input === null || typeof input !== 'object') throw new LogitTypeError(`input must be { matrix, labels }; received ${describe(input)}`, { parameter: 'input', value: input });
  const raw = input.matrix;
  if (raw === null || typeof raw !== 'object') throw new LogitTypeError(`matrix must be a Matrix or number[][]; received ${describe(raw)}`, { parameter: 'matrix', value: raw });
  const M = raw instanceof Matrix ? raw : Matrix.from(raw as ArrayLike<ArrayLike<number>>, 'matrix');
  const K = M.rows;
  if (K < 1 || M.cols !== K) throw new LogitRangeError(`matrix is ${M.rows} × ${M.cols}; a confusion matrix is square and non-empty`, { parameter: 'matrix', value: M.cols });
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      const v = M.get(i, j);
      if (!(v >= 0) || !Number.isFinite(v)) throw new LogitRangeError(`matrix[${i}][${j}] is ${describe(v)}; counts must be finite and ≥ 0`, { parameter: 'matrix', row: i, column: j, value: v });
    }
  }
  const labels = input.labels;
  if (labels === null || typeof labels !== 'object' || typeof labels.length !== 'number' || labels.length !== K) {
    throw new LogitRangeError(`labels must hold ${K} labels, one per row of matrix; received ${describe(labels)}`, { parameter: 'labels', value: labels });
  }
  const names = Array.from(labels, (l) => String(l));
  const normalize = check.oneOf(o, 'normalize', ['true', 'pred', 'all'] as const, 'true');
  let total = 0;
  const rowSum = new Float64Array(K);
  const colSum = new Float64Array(K);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      const v = M.get(i, j);
      rowSum[i] += v;
      colSum[j] += v;
      total += v;
    }
  }
  const share = (i: number, j: number): number => {
    const d = normalize === 'true' ? rowSum[i] : normalize === 'pred' ? colSum[j] : total;
    return d === 0 ? 0 : M.get(i, j) / d;
  };
  const side = Math.min(560, Math.max(300, 120 + 90 * K));
  const com = commonOptions(o, 'confusion-matrix', 'Confusion matrix', { width: side + 120, height: side + 60 });
  const longest = Math.max(...names.map((s) => textWidth(truncate(s, 18), 12)));
  const f: Frame = { width: com.width, height: com.height, top: com.showTitle ? 58 : 34, right: 16, bottom: 16, left: Math.max(70, longest + 44) };
  const size = Math.min(com.width - f.left - f.right, com.height - f.top - f.bottom);
  const band = scaleBand<number>().domain(names.map((_, i) => i)).range([0, size]).paddingInner(0);
  const bw = band.bandwidth();
  const ox = f.left;
  const oy = f.top;
  const cells: string[] = [];
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      const s = share(i, j);
      const level = Math.min(8, Math.floor(s * 9));
      const cx = ox + (band(j) ?? 0);
      const cy = oy + (band(i) ?? 0);
      const count = M.get(i, j);
      cells.push(
        el(
          'g',
          { class: level >= 5 ? 'dark' : false },
          el('rect', { class: `cell m${level}`, x: cx, y: cy, width: bw, height: bw }) +
            text(cx + bw / 2, cy + bw / 2, Number.isInteger(count) ? String(count) : fmt(count, 2), 'cell-count', { 'text-anchor': 'middle' }) +
            text(cx + bw / 2, cy + bw / 2 + 18, `${(100 * s).toFixed(1)} %`, 'cell-share', { 'text-anchor': 'middle' }),
        ),
      );
    }
  }
  const ticks: string[] = [];
  for (let k = 0; k < K; k++) {
    const c = (band(k) ?? 0) + bw / 2;
    ticks.push(text(ox + c, oy - 8, truncate(names[k], 18), 'tick', { 'text-anchor': 'middle' }));
    ticks.push(text(ox - 8, oy + c + 4, truncate(names[k], 18), 'tick', { 'text-anchor': 'end' }));
  }
  const ly = oy + size / 2;
  const shareName = normalize === 'true' ? 'share of the true class' : normalize === 'pred' ? 'share of the predicted class' : 'share of all samples';
  const body = [
    el('g', { class: 'cells' }, cells.join('')),
    el('g', { class: 'axis' }, ticks.join('')),
    text(ox + size / 2, oy - 24, 'predicted class', 'label', { 'text-anchor': 'middle' }),
    text(16, ly, 'true class', 'label', { 'text-anchor': 'middle', transform: `rotate(-90 16 ${num(ly)})` }),
  ];
  let correct = 0;
  for (let k = 0; k < K; k++) correct += M.get(k, k);
  const desc =
    `Confusion matrix of ${K} classes (${names.join(', ')}) over ${fmt(total, 0)} samples; ${fmt(correct, 0)} on the diagonal (correct); percentages are the ${shareName}. ` +
    names.map((nm, i) => `true ${nm}: ${names.map((p, j) => `${fmt(M.get(i, j), 0)} predicted ${p}`).join(', ')}`).join('; ') +
    '.';
  return svgDocument('confusion-matrix', com, f, desc, body.join('\n'));
}
