import { Matrix } from '../core/matrix.js';

/** A 2-D view of wider data for the decision-boundary chart, and what it honestly shows. */
export interface Projection {
  /** The two feature indices on the axes ([-1, -1] for a projection onto derived directions). */
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

/**
 * The plane that shows a linear model exactly: through the mean x̄ of X, spanned by
 * u = w/‖w‖ (the only direction the model's score changes along) and v, the direction
 * orthogonal to u along which X spreads most (power iteration on the covariance of X with its
 * u-component removed, from a fixed start, so the result is deterministic). A sample's
 * coordinates are a = u·(x − x̄), b = v·(x − x̄); since w·x = ‖w‖·a + w·x̄, its predicted
 * probability equals the shading at (a, b): points and contours agree exactly. Returns null when
 * w is 0 or X has fewer than 2 columns. Cost: O(n·d·iterations), at most 50 iterations.
 */
export function weightPlane(X: Matrix, coef: ArrayLike<number>): Projection | null {
  const n = X.rows;
  const d = X.cols;
  if (d < 2) return null;
  let norm = 0;
  for (let j = 0; j < d; j++) norm = Math.hypot(norm, coef[j]);
  if (!(norm > 0) || !Number.isFinite(norm)) return null;
  const u = Float64Array.from({ length: d }, (_, j) => coef[j] / norm);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += X.data[i * d + j] / n;
  // Centred rows with their u-component removed.
  const R = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    let a = 0;
    for (let j = 0; j < d; j++) a += (X.data[i * d + j] - mean[j]) * u[j];
    for (let j = 0; j < d; j++) R[i * d + j] = X.data[i * d + j] - mean[j] - a * u[j];
  }
  const unitOrthogonal = (x: Float64Array): boolean => {
    let a = 0;
    for (let j = 0; j < d; j++) a += x[j] * u[j];
    let s = 0;
    for (let j = 0; j < d; j++) {
      x[j] -= a * u[j];
      s = Math.hypot(s, x[j]);
    }
    if (!(s > 1e-300)) return false;
    for (let j = 0; j < d; j++) x[j] /= s;
    return true;
  };
  // Start from the coordinate axis least aligned with u (never parallel to it), then iterate.
  let start = 0;
  for (let j = 1; j < d; j++) if (Math.abs(u[j]) < Math.abs(u[start])) start = j;
  let v = new Float64Array(d);
  v[start] = 1;
  unitOrthogonal(v);
  for (let it = 0; it < 50; it++) {
    const next = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      let t = 0;
      for (let j = 0; j < d; j++) t += R[i * d + j] * v[j];
      for (let j = 0; j < d; j++) next[j] += t * R[i * d + j];
    }
    if (!unitOrthogonal(next)) break; // no spread orthogonal to u: keep the start direction
    let change = 0;
    for (let j = 0; j < d; j++) change = Math.max(change, Math.abs(Math.abs(next[j]) - Math.abs(v[j])));
    v = next;
    if (change < 1e-10) break;
  }
  const points = new Matrix(n, 2);
  for (let i = 0; i < n; i++) {
    let a = 0;
    let b = 0;
    for (let j = 0; j < d; j++) {
      const c = X.data[i * d + j] - mean[j];
      a += c * u[j];
      b += c * v[j];
    }
    points.data[2 * i] = a;
    points.data[2 * i + 1] = b;
  }
  const lift = (grid: Matrix): Matrix => {
    const out = new Matrix(grid.rows, d);
    for (let r = 0; r < grid.rows; r++) {
      const a = grid.data[2 * r];
      const b = grid.data[2 * r + 1];
      for (let j = 0; j < d; j++) out.data[r * d + j] = mean[j] + a * u[j] + b * v[j];
    }
    return out;
  };
  return {
    features: [-1, -1],
    points,
    lift,
    fixed: mean,
    shortNote: 'Projection onto w and the widest direction across it; each point sits at its own P',
    note:
      `A projection of all ${d} features onto one plane through the test-set mean: the horizontal axis is the direction of the ` +
      'weight vector w (the only direction the model’s score changes along), the vertical axis the direction across it along which ' +
      'the test data spread most. The score depends only on the horizontal coordinate, so the shading under each point is exactly ' +
      'its predicted probability; the vertical axis carries no information about the prediction.',
  };
}
