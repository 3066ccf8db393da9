/**
 * The fused passes over a range of the fixed row slices of slices.ts, on one thread: each slice
 * is run by the WebAssembly kernels (`src` non-null: pinned or streamed) or by their TypeScript
 * twins, and its partial sums are added to the running total in slice order. The first slice of
 * the range writes (or accumulates onto) the caller's output directly, so a pass of one slice
 * is exactly the unsliced kernel. threads.ts runs the calling thread's share through these and
 * adds the workers' slices after it in the same order. No validation.
 */
import { binaryLogisticPassTs, multinomialPassTs, scaledWeightedGramTs, squaredErrorPassTs } from './fusedTs.js';
import { sliceScratch, sliceStart } from './slices.js';
import { columnMomentWasm, linearPassWasm, multinomialPassWasm, scaledWeightedGramWasm, type RowSource } from './wasm.js';

const views = new WeakMap<Float64Array, Map<number, Float64Array>>();
/** X's rows [a, b) as a view, cached per array and start (so the streaming block cache hits). */
function rowsView(X: Float64Array, a: number, b: number, d: number): Float64Array {
  if (a === 0 && b * d === X.length) return X;
  let m = views.get(X);
  if (m === undefined) {
    m = new Map();
    views.set(X, m);
  }
  let v = m.get(a);
  if (v === undefined || v.length !== (b - a) * d) {
    v = X.subarray(a * d, b * d);
    m.set(a, v);
  }
  return v;
}

function sub<T extends Float64Array | Int32Array>(v: T, a: number, b: number): T {
  return (a === 0 && b === v.length ? v : v.subarray(a, b)) as T;
}
function subOrNull(v: Float64Array | null, a: number, b: number): Float64Array | null {
  return v === null ? null : sub(v, a, b);
}

/** The source for rows starting at a: a pinned X is read in place at its offset. */
function at(src: RowSource, a: number, d: number): RowSource {
  return src.xAt < 0 || a === 0 ? src : { ws: src.ws, xAt: src.xAt + a * d };
}

function linearRange(
  src: RowSource | null,
  squared: boolean,
  a: number,
  b: number,
  d: number,
  X: Float64Array,
  y: Float64Array,
  sw: Float64Array | null,
  params: Float64Array,
  grad: Float64Array,
  og: number,
  fitIntercept: boolean,
  hw: Float64Array | null,
): number {
  const rows = b - a;
  const Xv = rowsView(X, a, b, d);
  const ys = sub(y, a, b);
  const ss = subOrNull(sw, a, b);
  const hs = subOrNull(hw, a, b);
  if (src !== null) return linearPassWasm(at(src, a, d), squared, rows, d, Xv, ys, ss, params, grad, og, fitIntercept, hs);
  if (squared) return squaredErrorPassTs(rows, d, Xv, ys, ss, params, grad, og, fitIntercept);
  return binaryLogisticPassTs(rows, d, Xv, ys, ss, params, grad, og, fitIntercept, hs);
}

/** Binary log loss (or squared error) over slices [from, to) of `count`; writes grad, returns the loss. */
export function linearSlices(
  src: RowSource | null,
  squared: boolean,
  n: number,
  count: number,
  from: number,
  to: number,
  d: number,
  X: Float64Array,
  y: Float64Array,
  sw: Float64Array | null,
  params: Float64Array,
  grad: Float64Array,
  og: number,
  fitIntercept: boolean,
  hw: Float64Array | null,
): number {
  const len = d + (fitIntercept ? 1 : 0);
  let loss = 0;
  for (let s = from; s < to; s++) {
    const a = sliceStart(n, count, s);
    const b = sliceStart(n, count, s + 1);
    if (s === from) {
      loss = linearRange(src, squared, a, b, d, X, y, sw, params, grad, og, fitIntercept, hw);
      continue;
    }
    const part = sliceScratch(len);
    loss += linearRange(src, squared, a, b, d, X, y, sw, params, part, 0, fitIntercept, hw);
    for (let j = 0; j < len; j++) grad[og + j] += part[j];
  }
  return loss;
}

/** Multinomial loss over slices [from, to); writes grad (K·d, then K intercepts), returns the loss. */
export function multinomialSlices(
  src: RowSource | null,
  n: number,
  count: number,
  from: number,
  to: number,
  d: number,
  K: number,
  X: Float64Array,
  yIdx: Int32Array,
  sw: Float64Array | null,
  params: Float64Array,
  grad: Float64Array,
  fitIntercept: boolean,
  scratch: Float64Array,
): number {
  const len = K * d + (fitIntercept ? K : 0);
  let loss = 0;
  for (let s = from; s < to; s++) {
    const a = sliceStart(n, count, s);
    const b = sliceStart(n, count, s + 1);
    const target = s === from ? grad : sliceScratch(len);
    const Xv = rowsView(X, a, b, d);
    const ys = sub(yIdx, a, b);
    const ss = subOrNull(sw, a, b);
    const l =
      src !== null
        ? multinomialPassWasm(at(src, a, d), b - a, d, K, Xv, ys, ss, params, target, fitIntercept)
        : multinomialPassTs(b - a, d, K, Xv, ys, ss, params, target, fitIntercept, scratch);
    if (s === from) {
      loss = l;
      continue;
    }
    loss += l;
    for (let j = 0; j < len; j++) grad[j] += target[j];
  }
  return loss;
}

/** Weighted Gram (upper triangle) over slices [from, to), accumulated onto H. */
export function gramSlices(
  src: RowSource | null,
  n: number,
  count: number,
  from: number,
  to: number,
  d: number,
  X: Float64Array,
  h: Float64Array | null,
  center: Float64Array | null,
  scale: Float64Array | null,
  ones: boolean,
  H: Float64Array,
  oH: number,
  ldH: number,
): void {
  const D = ones ? d + 1 : d;
  for (let s = from; s < to; s++) {
    const a = sliceStart(n, count, s);
    const b = sliceStart(n, count, s + 1);
    const first = s === from;
    const target = first ? H : sliceScratch(D * D).fill(0, 0, D * D);
    const o = first ? oH : 0;
    const ld = first ? ldH : D;
    const Xv = rowsView(X, a, b, d);
    const hs = subOrNull(h, a, b);
    if (src !== null) scaledWeightedGramWasm(at(src, a, d), b - a, d, Xv, hs, center, scale, ones, target, o, ld);
    else scaledWeightedGramTs(b - a, d, Xv, hs, center, scale, ones, target, o, ld);
    if (!first) for (let r = 0; r < D; r++) for (let c = r; c < D; c++) H[oH + r * ldH + c] += target[r * D + c];
  }
}

/** Σᵢ sᵢxᵢ (mean null) or Σᵢ (sᵢ(xᵢ − μ))·(xᵢ − μ) over rows, added into out (TypeScript). */
function columnMomentsTs(n: number, d: number, X: Float64Array, sw: Float64Array | null, mean: Float64Array | null, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const s = sw === null ? 1 : sw[i];
    const off = i * d;
    if (mean === null) {
      for (let j = 0; j < d; j++) out[j] += s * X[off + j];
    } else {
      for (let j = 0; j < d; j++) {
        const c = X[off + j] - mean[j];
        out[j] += s * c * c;
      }
    }
  }
}

/** Column moments over slices [from, to), accumulated onto out. */
export function columnMomentSlices(
  src: RowSource | null,
  n: number,
  count: number,
  from: number,
  to: number,
  d: number,
  X: Float64Array,
  sw: Float64Array | null,
  mean: Float64Array | null,
  out: Float64Array,
): void {
  for (let s = from; s < to; s++) {
    const a = sliceStart(n, count, s);
    const b = sliceStart(n, count, s + 1);
    const first = s === from;
    const target = first ? out : sliceScratch(d).fill(0, 0, d);
    const Xv = rowsView(X, a, b, d);
    const ss = subOrNull(sw, a, b);
    if (src !== null) columnMomentWasm(at(src, a, d), b - a, d, Xv, ss, mean, target);
    else columnMomentsTs(b - a, d, Xv, ss, mean, target);
    if (!first) for (let j = 0; j < d; j++) out[j] += target[j];
  }
}
