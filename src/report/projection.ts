import { Matrix } from '../core/matrix.js';

/** A 2-D view of wider data for the decision-boundary chart, and what it honestly shows. */
export interface Projection {
  /** The two feature indices on the axes. */
  features: [number, number];
  /** n × 2 coordinates of the samples (their own values of the two features). */
  points: Matrix;
  /** Maps grid points (m × 2) to full rows: the two features varied, every other at its mean. */
  lift: (grid: Matrix) => Matrix;
  /** The values the other features are held at. */
  fixed: Float64Array;
  /** A few words for the chart itself. */
  shortNote: string;
  /** The full explanation for the caption. */
  note: string;
}

/**
 * Picks the two features with the largest standardized coefficients |wⱼ|·sⱼ (sⱼ the feature's
 * standard deviation in X, so the choice does not depend on units) and slices the model there:
 * grid points vary those two and hold every other feature at its mean in X. For a linear model
 * that slice is exact; the points, however, keep their other features, so a point's class can
 * disagree with the shading under it. Without coefficients the first two features are used.
 * Cost: O(n·d).
 */
export function coefficientSlice(X: Matrix, coef: ArrayLike<number> | null, names: readonly string[]): Projection {
  const n = X.rows;
  const d = X.cols;
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += X.data[i * d + j] / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) sd[j] += (X.data[i * d + j] - mean[j]) ** 2 / n;
  for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]);
  let a = 0;
  let b = 1;
  if (coef) {
    const order = Array.from({ length: d }, (_, j) => j).sort((p, q) => Math.abs(coef[q]) * sd[q] - Math.abs(coef[p]) * sd[p] || p - q);
    [a, b] = [order[0], order[1]];
  }
  const points = new Matrix(n, 2);
  for (let i = 0; i < n; i++) {
    points.data[2 * i] = X.data[i * d + a];
    points.data[2 * i + 1] = X.data[i * d + b];
  }
  const lift = (grid: Matrix): Matrix => {
    const out = new Matrix(grid.rows, d);
    for (let r = 0; r < grid.rows; r++) {
      out.data.set(mean, r * d);
      out.data[r * d + a] = grid.data[2 * r];
      out.data[r * d + b] = grid.data[2 * r + 1];
    }
    return out;
  };
  const others = d - 2;
  const how = coef ? 'the two features with the largest standardized coefficients' : 'the first two features';
  const note = `A slice, not the data's full picture: ${how} vary; the other ${others} feature${others === 1 ? ' is' : 's are'} held at their test-set mean${others === 1 ? '' : 's'}. Points keep their own values of those, so a point's colour can disagree with the shading.`;
  const shortNote = `Slice: the other ${others} feature${others === 1 ? '' : 's'} held at ${others === 1 ? 'its' : 'their'} test-set mean${others === 1 ? '' : 's'}`;
  return { features: [a, b], points, lift, fixed: mean, shortNote, note: `${names[a]} × ${names[b]}. ${note}` };
}
