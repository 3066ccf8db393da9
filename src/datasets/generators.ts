import { LogitRangeError, LogitTypeError, describe } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import * as check from '../core/options.js';
import { Random } from '../core/rng.js';

/**
 * Synthetic datasets with scikit-learn's names, options and construction (not its random
 * streams: logit's generator is its own, so the numbers differ, the distributions do not).
 * Every generator takes a `seed` and gives the same data for the same seed on every platform.
 */

export interface ClassificationData {
  readonly X: Matrix;
  readonly y: number[];
}

export interface BlobsOptions {
  nSamples?: number;
  nFeatures?: number;
  /** Number of centres (drawn uniformly from `centerBox`), or the centres themselves. Default 3. */
  centers?: number | number[][];
  /** Standard deviation of every blob, or one per centre. Default 1. */
  clusterStd?: number | number[];
  centerBox?: [number, number];
  shuffle?: boolean;
  seed?: number;
}

/**
 * Isotropic Gaussian blobs: sample i of centre k is cₖ + σₖ·N(0, I). Seeds 000 and 001 use two
 * blobs at (2, 2) and (−2, −2): `makeBlobs({ centers: [[2, 2], [-2, -2]] })`.
 * Samples are split as evenly as possible between centres. Cost: O(n·d).
 */
export function makeBlobs(options: BlobsOptions = {}): ClassificationData {
  const o = check.rejectUnknownOptions(options, ['nSamples', 'nFeatures', 'centers', 'clusterStd', 'centerBox', 'shuffle', 'seed'], 'makeBlobs');
  const n = check.integer(o, 'nSamples', 100, 1);
  const rng = new Random(check.seed(o));
  const box = (o.centerBox as [number, number] | undefined) ?? [-10, 10];
  if (!Array.isArray(box) || box.length !== 2 || !(box[0] < box[1])) {
    throw new LogitRangeError(`option centerBox must be [low, high] with low < high; received ${describe(box)}`, { parameter: 'centerBox' });
  }
  let centers: number[][];
  if (Array.isArray(o.centers)) {
    centers = Matrix.from(o.centers as number[][], 'centers').toArray();
    if (centers.length === 0) throw new LogitRangeError('option centers must not be empty', { parameter: 'centers' });
  } else {
    const k = check.integer(o, 'centers', 3, 1);
    const d = check.integer(o, 'nFeatures', 2, 1);
    centers = Array.from({ length: k }, () => Array.from({ length: d }, () => rng.uniform(box[0], box[1])));
  }
  const K = centers.length;
  const d = centers[0].length;
  const stds = Array.isArray(o.clusterStd) ? (o.clusterStd as number[]) : new Array<number>(K).fill(o.clusterStd === undefined ? 1 : (o.clusterStd as number));
  if (stds.length !== K || stds.some((s) => typeof s !== 'number' || !(s >= 0))) {
    throw new LogitRangeError(`option clusterStd must be a number ≥ 0 or one per centre (${K}); received ${describe(o.clusterStd)}`, {
      parameter: 'clusterStd',
    });
  }
  const X = new Matrix(n, d);
  const y: number[] = new Array(n);
  let i = 0;
  for (let k = 0; k < K; k++) {
    const count = Math.floor(n / K) + (k < n % K ? 1 : 0);
    for (let c = 0; c < count; c++, i++) {
      for (let j = 0; j < d; j++) X.data[i * d + j] = centers[k][j] + stds[k] * rng.normal();
      y[i] = k;
    }
  }
  return check.bool(o, 'shuffle', true) ? shuffleRows(X, y, rng) : { X, y };
}

export interface MoonsOptions {
  nSamples?: number;
  /** Standard deviation of Gaussian noise added to every coordinate. Default 0. */
  noise?: number;
  shuffle?: boolean;
  seed?: number;
}

/**
 * Two interleaving half circles (seed 002's exercise: not linearly separable, separable after
 * polynomial features). Outer moon (class 0): (cos t, sin t); inner moon (class 1):
 * (1 − cos t, 1 − sin t − ½), t evenly spaced on [0, π]. Cost: O(n).
 */
export function makeMoons(options: MoonsOptions = {}): ClassificationData {
  const o = check.rejectUnknownOptions(options, ['nSamples', 'noise', 'shuffle', 'seed'], 'makeMoons');
  const n = check.integer(o, 'nSamples', 100, 2);
  const noise = check.nonNegative(o, 'noise', 0);
  const rng = new Random(check.seed(o));
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;
  const X = new Matrix(n, 2);
  const y: number[] = new Array(n);
  for (let i = 0; i < nOut; i++) {
    const t = nOut === 1 ? 0 : (Math.PI * i) / (nOut - 1);
    X.data[2 * i] = Math.cos(t);
    X.data[2 * i + 1] = Math.sin(t);
    y[i] = 0;
  }
  for (let i = 0; i < nIn; i++) {
    const t = nIn === 1 ? 0 : (Math.PI * i) / (nIn - 1);
    const r = nOut + i;
    X.data[2 * r] = 1 - Math.cos(t);
    X.data[2 * r + 1] = 1 - Math.sin(t) - 0.5;
    y[r] = 1;
  }
  if (noise > 0) for (let k = 0; k < X.data.length; k++) X.data[k] += noise * rng.normal();
  return check.bool(o, 'shuffle', true) ? shuffleRows(X, y, rng) : { X, y };
}

export interface ClassificationOptions {
  nSamples?: number;
  nFeatures?: number;
  nInformative?: number;
  nRedundant?: number;
  nRepeated?: number;
  nClasses?: number;
  nClustersPerClass?: number;
  /** Proportion of samples per class (normalised); default balanced. */
  weights?: number[];
  /** Fraction of labels replaced by a random class. Default 0.01. */
  flipY?: number;
  /** Half the side of the hypercube whose vertices hold the cluster centres. Default 1. */
  classSep?: number;
  hypercube?: boolean;
  shuffle?: boolean;
  seed?: number;
}

/**
 * scikit-learn's `make_classification` construction: Gaussian clusters centred on vertices of
 * a hypercube of side 2·classSep in the informative subspace, each given a random covariance
 * by a random linear map, then redundant features (random linear combinations of the
 * informative ones), repeated features (copies), and pure-noise features; finally a fraction
 * flipY of labels is randomised. With `shuffle`, rows and columns are permuted.
 * Cost: O(n·d·nInformative).
 */
export function makeClassification(options: ClassificationOptions = {}): ClassificationData {
  const keys = ['nSamples', 'nFeatures', 'nInformative', 'nRedundant', 'nRepeated', 'nClasses', 'nClustersPerClass', 'weights', 'flipY', 'classSep', 'hypercube', 'shuffle', 'seed'];
  const o = check.rejectUnknownOptions(options, keys, 'makeClassification');
  const n = check.integer(o, 'nSamples', 100, 1);
  const d = check.integer(o, 'nFeatures', 20, 1);
  const nInf = check.integer(o, 'nInformative', 2, 1);
  const nRed = check.integer(o, 'nRedundant', 2, 0);
  const nRep = check.integer(o, 'nRepeated', 0, 0);
  const K = check.integer(o, 'nClasses', 2, 2);
  const perClass = check.integer(o, 'nClustersPerClass', 2, 1);
  const flipY = check.inRange(o, 'flipY', 0.01, 0, 1);
  const classSep = check.nonNegative(o, 'classSep', 1);
  const hypercube = check.bool(o, 'hypercube', true);
  const rng = new Random(check.seed(o));
  if (nInf + nRed + nRep > d) {
    throw new LogitRangeError(`nInformative + nRedundant + nRepeated (${nInf + nRed + nRep}) must be ≤ nFeatures (${d})`, {
      parameter: 'nFeatures',
      value: d,
    });
  }
  const nClusters = K * perClass;
  if (nClusters > 2 ** nInf) {
    throw new LogitRangeError(`nClasses × nClustersPerClass (${nClusters}) must be ≤ 2^nInformative (${2 ** nInf})`, {
      parameter: 'nInformative',
      value: nInf,
    });
  }
  let weights: number[];
  if (o.weights === undefined) weights = new Array<number>(K).fill(1 / K);
  else {
    if (!Array.isArray(o.weights) || o.weights.length !== K || o.weights.some((w) => typeof w !== 'number' || !(w >= 0))) {
      throw new LogitTypeError(`option weights must be ${K} numbers ≥ 0; received ${describe(o.weights)}`, { parameter: 'weights' });
    }
    const total = (o.weights as number[]).reduce((a, b) => a + b, 0);
    weights = (o.weights as number[]).map((w) => w / total);
  }
  // Samples per cluster: the class share split evenly over its clusters, remainder to the first.
  const perCluster = Array.from({ length: nClusters }, (_, c) => Math.floor((n * weights[c % K]) / perClass));
  for (let c = 0, left = n - perCluster.reduce((a, b) => a + b, 0); left > 0; c = (c + 1) % nClusters, left--) perCluster[c]++;

  // Distinct hypercube vertices for the centroids.
  const vertices = new Set<number>();
  const centroids: number[][] = [];
  while (centroids.length < nClusters) {
    const code = nInf <= 30 ? rng.int(2 ** nInf) : rng.nextUint32();
    if (vertices.has(code)) continue;
    vertices.add(code);
    const c = Array.from({ length: nInf }, (_, j) => (Math.floor(code / 2 ** j) % 2 === 1 ? classSep : -classSep));
    centroids.push(c);
  }
  if (!hypercube) {
    const colScale = Array.from({ length: nInf }, () => rng.random());
    for (const c of centroids) {
      const s = rng.random();
      for (let j = 0; j < nInf; j++) c[j] *= s * colScale[j];
    }
  }
  const X = new Matrix(n, d);
  const y: number[] = new Array(n);
  const z = new Float64Array(nInf);
  let i = 0;
  for (let c = 0; c < nClusters; c++) {
    // A random linear map gives the cluster a random covariance.
    const A = Array.from({ length: nInf * nInf }, () => 2 * rng.random() - 1);
    for (let s = 0; s < perCluster[c]; s++, i++) {
      for (let j = 0; j < nInf; j++) z[j] = rng.normal();
      for (let j = 0; j < nInf; j++) {
        let v = centroids[c][j];
        for (let k = 0; k < nInf; k++) v += z[k] * A[k * nInf + j];
        X.data[i * d + j] = v;
      }
      y[i] = c % K;
    }
  }
  const B = Array.from({ length: nInf * nRed }, () => 2 * rng.random() - 1);
  const repeatFrom = Array.from({ length: nRep }, () => rng.int(nInf + nRed));
  for (let r = 0; r < n; r++) {
    const off = r * d;
    for (let k = 0; k < nRed; k++) {
      let v = 0;
      for (let j = 0; j < nInf; j++) v += X.data[off + j] * B[j * nRed + k];
      X.data[off + nInf + k] = v;
    }
    for (let k = 0; k < nRep; k++) X.data[off + nInf + nRed + k] = X.data[off + repeatFrom[k]];
    for (let j = nInf + nRed + nRep; j < d; j++) X.data[off + j] = rng.normal();
  }
  if (flipY > 0) for (let r = 0; r < n; r++) if (rng.random() < flipY) y[r] = rng.int(K);
  if (!check.bool(o, 'shuffle', true)) return { X, y };
  const out = shuffleRows(X, y, rng);
  const cols = rng.permutation(d);
  const row = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    const off = r * d;
    for (let j = 0; j < d; j++) row[j] = out.X.data[off + cols[j]];
    out.X.data.set(row, off);
  }
  return out;
}

export interface RegressionOptions {
  nSamples?: number;
  nFeatures?: number;
  /** Features with a non-zero true coefficient. Default 10 (capped at nFeatures). */
  nInformative?: number;
  bias?: number;
  /** Standard deviation of Gaussian noise on y. Default 0. */
  noise?: number;
  shuffle?: boolean;
  seed?: number;
}

export interface RegressionData {
  readonly X: Matrix;
  readonly y: Float64Array;
  /** The true coefficients (zero for uninformative features). */
  readonly coef: Float64Array;
}

/**
 * A linear regression problem with known truth: X ~ N(0, I), coefficients 100·U(0, 1) on
 * nInformative random features and 0 elsewhere, y = X·coef + bias + noise·N(0, 1). Cost: O(n·d).
 */
export function makeRegression(options: RegressionOptions = {}): RegressionData {
  const o = check.rejectUnknownOptions(options, ['nSamples', 'nFeatures', 'nInformative', 'bias', 'noise', 'shuffle', 'seed'], 'makeRegression');
  const n = check.integer(o, 'nSamples', 100, 1);
  const d = check.integer(o, 'nFeatures', 100, 1);
  const nInf = Math.min(d, check.integer(o, 'nInformative', 10, 0));
  const bias = check.finite(o, 'bias', 0);
  const noise = check.nonNegative(o, 'noise', 0);
  const rng = new Random(check.seed(o));
  const X = new Matrix(n, d);
  for (let k = 0; k < X.data.length; k++) X.data[k] = rng.normal();
  const coef = new Float64Array(d);
  const informative = check.bool(o, 'shuffle', true) ? rng.permutation(d).subarray(0, nInf) : Int32Array.from({ length: nInf }, (_, j) => j);
  for (const j of informative) coef[j] = 100 * rng.random();
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = bias;
    for (let j = 0; j < d; j++) v += X.data[i * d + j] * coef[j];
    y[i] = v + (noise > 0 ? noise * rng.normal() : 0);
  }
  return { X, y, coef };
}

function shuffleRows(X: Matrix, y: number[], rng: Random): ClassificationData {
  const perm = rng.permutation(X.rows);
  const ys: number[] = [];
  for (let i = 0; i < perm.length; i++) ys.push(y[perm[i]]); // Array.from(perm, f) is ~10× slower
  return { X: X.selectRows(perm), y: ys };
}
