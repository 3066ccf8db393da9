/**
 * The fused passes over a range of the fixed row slices of slices.ts, on one thread: each slice
 * is run by the WebAssembly kernels (`src` non-null: pinned or streamed) or by their TypeScript
 * twins, and its partial sums are added to the running total in slice order. The first slice of
 * the range writes (or accumulates onto) the caller's output directly, so a pass of one slice
 * is exactly the unsliced kernel. threads.ts runs the calling thread's share through these and
 * adds the workers' slices after it in the same order. No validation.
 */
import { binaryLogisticPassTs, multinomialPassTs, gramWidth, scaledWeightedGramTs, squaredErrorPassTs } from './fusedTs.js';
import { sliceScratch, sliceStart } from './slices.js';
import { columnMomentWasm, linearPassWasm, multinomialPassWasm, scaledWeightedGramWasm, type RowSource } from './wasm.js';

// Views of the slices of X, y, weights and Hessian weights (and of a pinned source), cached
// per array and start: the solvers pass the same arrays every iteration, so a pass allocates
// nothing after the first (and the streaming block cache, keyed by the view, hits).
const views = new WeakMap<object, Map<number, Float64Array | Int32Array>>();

/** v[from, to) as a cached view (v itself when that is all of it). */
function view<T extends Float64Array | Int32Array>(v: T, from: number, to: number): T {
  if (from === 0 && to === v.length) return v;
  let m = views.get(v);
  if (m === undefined) {
    m = new Map();
    views.set(v, m);
  }
  let w = m.get(from);
  if (w === undefined || w.length !== to - from) {
    w = v.subarray(from, to);
    m.set(from, w);
  }
  return w as T;
}

function rowsView(X: Float64Array, a: number, b: number, d: number): Float64Array {
  return view(X, a * d, b * d);
}
function sub<T extends Float64Array | Int32Array>(v: T, a: number, b: number): T {
  return view(v, a, b);
}
function subOrNull(v: Float64Array | null, a: number, b: number): Float64Array | null {
  return v === null ? null : view(v, a, b);
}

const sources = new WeakMap<RowSource, Map<number, RowSource>>();
/** The source for rows starting at a: a pinned X is read in place at its offset (cached). */
function at(src: RowSource, a: number, d: number): RowSource {
  if (src.xAt < 0 || a === 0) return src;
  let m = sources.get(src);
  if (m === undefined) {
    m = new Map();
    sources.set(src, m);
  }
  const xAt = src.xAt + a * d;
  let r = m.get(a);
  if (r === undefined || r.xAt !== xAt || r.ws !== src.ws) {
    r = { ws: src.ws, xAt };
    m.set(a, r);
  }
  return r;
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
  y: Float64Array | null = null,
): void {
  const D = gramWidth(d, ones, y);
  for (let s = from; s < to; s++) {
    const a = sliceStart(n, count, s);
    const b = sliceStart(n, count, s + 1);
    const first = s === from;
    const target = first ? H : sliceScratch(D * D).fill(0, 0, D * D);
    const o = first ? oH : 0;
    const ld = first ? ldH : D;
    const Xv = rowsView(X, a, b, d);
    const hs = subOrNull(h, a, b);
    const ys = subOrNull(y, a, b);
    if (src !== null) scaledWeightedGramWasm(at(src, a, d), b - a, d, Xv, hs, center, scale, ones, target, o, ld, ys);
    else scaledWeightedGramTs(b - a, d, Xv, hs, center, scale, ones, target, o, ld, ys);
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
