import { WASM_KERNELS_BASE64 } from './wasmBytes.js';
import { gramBlockRows } from './fusedTs.js';

/**
 * The WebAssembly SIMD backend: loads assembly/kernels.ts (embedded as base64) synchronously
 * and runs the fused passes on it. X is never copied whole: each call streams it through the
 * module's memory one block of rows (about 64 KB) at a time, so memory stays at one block plus
 * the parameters whatever n is, and nothing outlives the call. Everything here has the same
 * signature and result as its TypeScript twin in fusedTs.ts, bit for bit (same operations in
 * the same order; exp/log/log1p are the host's Math functions, imported).
 * No validation; no allocation after the first call on a given X (block views are cached in
 * a WeakMap keyed by X, so they go when X goes).
 */

/** The few members of the WebAssembly API used here (the core compiles without DOM types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}

interface Exports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  heapBase(): number;
  binaryRows(rows: number, d: number, X: number, y: number, sw: number, w: number, b: number, grad: number, acc: number, hw: number): void;
  squaredRows(rows: number, d: number, X: number, y: number, sw: number, w: number, b: number, grad: number, acc: number): void;
  softmaxRows(rows: number, d: number, K: number, X: number, yIdx: number, sw: number, w: number, bias: number, grad: number, gbias: number, acc: number, scratch: number, prob: number): void;
  scaleRows(rows: number, d: number, X: number, center: number, scale: number, ones: number, B: number, D: number): void;
  gramRows(rows: number, D: number, B: number, h: number, H: number, ldH: number, ca: number): void;
  weightedColumnSums(rows: number, d: number, X: number, sw: number, out: number): void;
  weightedColumnSquares(rows: number, d: number, X: number, sw: number, mean: number, out: number): void;
}

function decodeBase64(s: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const lookup = new Uint8Array(128);
  for (let i = 0; i < alphabet.length; i++) lookup[alphabet.charCodeAt(i)] = i;
  let len = s.length;
  while (len > 0 && s[len - 1] === '=') len--;
  const out = new Uint8Array((len * 3) >> 2);
  let o = 0;
  for (let i = 0; i < len; i += 4) {
    const a = lookup[s.charCodeAt(i)];
    const b = lookup[s.charCodeAt(i + 1)];
    const c = i + 2 < len ? lookup[s.charCodeAt(i + 2)] : 0;
    const d = i + 3 < len ? lookup[s.charCodeAt(i + 3)] : 0;
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    if (o < out.length) out[o++] = v >> 16;
    if (o < out.length) out[o++] = (v >> 8) & 255;
    if (o < out.length) out[o++] = v & 255;
  }
  return out;
}

let exportsCache: Exports | null | undefined;
let F = new Float64Array(0);
let I = new Int32Array(0);
let base = 0;

/**
 * Instantiates the module on first use; null when WebAssembly (or its SIMD) is unavailable, in
 * which case callers use the TypeScript kernels. Synchronous: compiling 4 KB takes well under
 * a millisecond.
 */
export function wasmKernels(): Exports | null {
  if (exportsCache !== undefined) return exportsCache;
  exportsCache = null;
  const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  if (api === undefined) return null;
  try {
    const bytes = decodeBase64(WASM_KERNELS_BASE64);
    if (!api.validate(bytes)) return null; // e.g. an engine without SIMD
    const abort = (): void => {
      throw new Error('logit wasm kernels: abort');
    };
    const inst = new api.Instance(new api.Module(bytes), { env: { abort, exp: Math.exp, log: Math.log, log1p: Math.log1p } });
    const ex = inst.exports as unknown as Exports;
    base = (ex.heapBase() + 15) & ~15;
    exportsCache = ex;
  } catch {
    exportsCache = null;
  }
  return exportsCache;
}

/** Makes sure memory holds `bytes` bytes past the heap base; refreshes the views after growth. */
function reserve(ex: Exports, bytes: number): void {
  const need = base + bytes;
  const have = ex.memory.buffer.byteLength;
  if (need > have) ex.memory.grow(Math.ceil((need - have) / 65536));
  if (F.buffer !== ex.memory.buffer) {
    F = new Float64Array(ex.memory.buffer);
    I = new Int32Array(ex.memory.buffer);
  }
}

/** A bump allocator over the region after the heap base, reset per call; offsets in doubles. */
class Layout {
  top = 0;
  take(doubles: number): number {
    const at = this.top;
    this.top += (doubles + 1) & ~1; // keep 16-byte alignment for v128 loads
    return at;
  }
}
const layout = new Layout();
function start(): number {
  layout.top = base >> 3;
  return layout.top;
}

const viewCache = new WeakMap<Float64Array, { d: number; R: number; views: Float64Array[] }>();
/** Views of X's row blocks [bR, (b+1)R) (created once per X and block size). */
function blockViews(X: Float64Array, n: number, d: number, R: number): Float64Array[] {
  const hit = viewCache.get(X);
  if (hit !== undefined && hit.d === d && hit.R === R && hit.views.length === Math.ceil(n / R)) return hit.views;
  const views: Float64Array[] = [];
  for (let i0 = 0; i0 < n; i0 += R) views.push(X.subarray(i0 * d, Math.min(n, i0 + R) * d));
  viewCache.set(X, { d, R, views });
  return views;
}

/** Rows per streamed block for the fused passes: about 64 KB of X. */
function passRows(n: number, d: number): number {
  return Math.max(1, Math.min(n, Math.floor(8192 / Math.max(1, d))));
}

/** WebAssembly twin of binaryLogisticPassTs (and, with `squared`, squaredErrorPassTs). */
export function linearPassWasm(
  ex: Exports,
  squared: boolean,
  n: number,
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
  const R = passRows(n, d);
  start();
  const pw = layout.take(d);
  const pg = layout.take(d);
  const pacc = layout.take(2);
  const px = layout.take(R * d);
  const py = layout.take(R);
  const psw = sw === null ? 0 : layout.take(R);
  const phw = hw === null ? 0 : layout.take(R);
  reserve(ex, (layout.top << 3) - base);
  for (let j = 0; j < d; j++) F[pw + j] = params[j];
  F.fill(0, pg, pg + d);
  F[pacc] = 0;
  F[pacc + 1] = 0;
  const b = fitIntercept ? params[d] : 0;
  const views = n > 0 ? blockViews(X, n, d, R) : [];
  for (let blk = 0, i0 = 0; i0 < n; blk++, i0 += R) {
    const rows = Math.min(R, n - i0);
    F.set(views[blk], px);
    for (let r = 0; r < rows; r++) F[py + r] = y[i0 + r];
    if (sw !== null) for (let r = 0; r < rows; r++) F[psw + r] = sw[i0 + r];
    if (squared) ex.squaredRows(rows, d, px << 3, py << 3, psw << 3, pw << 3, b, pg << 3, pacc << 3);
    else ex.binaryRows(rows, d, px << 3, py << 3, psw << 3, pw << 3, b, pg << 3, pacc << 3, phw << 3);
    if (hw !== null) for (let r = 0; r < rows; r++) hw[i0 + r] = F[phw + r];
  }
  for (let j = 0; j < d; j++) grad[og + j] = F[pg + j];
  if (fitIntercept) grad[og + d] = F[pacc + 1];
  return F[pacc];
}

/** WebAssembly twin of multinomialPassTs. */
export function multinomialPassWasm(
  ex: Exports,
  n: number,
  d: number,
  K: number,
  X: Float64Array,
  yIdx: Int32Array,
  sw: Float64Array | null,
  params: Float64Array,
  grad: Float64Array,
  fitIntercept: boolean,
): number {
  const Kd = K * d;
  const R = passRows(n, d);
  start();
  const pw = layout.take(Kd);
  const pbias = fitIntercept ? layout.take(K) : 0;
  const pg = layout.take(Kd);
  const pgb = fitIntercept ? layout.take(K) : 0;
  const pacc = layout.take(2);
  const pscr = layout.take(K);
  const px = layout.take(R * d);
  const py = layout.take((R + 1) >> 1); // Int32 slots
  const psw = sw === null ? 0 : layout.take(R);
  reserve(ex, (layout.top << 3) - base);
  for (let j = 0; j < Kd; j++) F[pw + j] = params[j];
  if (fitIntercept) for (let k = 0; k < K; k++) F[pbias + k] = params[Kd + k];
  F.fill(0, pg, pg + Kd);
  if (fitIntercept) F.fill(0, pgb, pgb + K);
  F[pacc] = 0;
  const yi32 = py << 1;
  const views = n > 0 ? blockViews(X, n, d, R) : [];
  for (let blk = 0, i0 = 0; i0 < n; blk++, i0 += R) {
    const rows = Math.min(R, n - i0);
    F.set(views[blk], px);
    for (let r = 0; r < rows; r++) I[yi32 + r] = yIdx[i0 + r];
    if (sw !== null) for (let r = 0; r < rows; r++) F[psw + r] = sw[i0 + r];
    ex.softmaxRows(rows, d, K, px << 3, py << 3, psw << 3, pw << 3, pbias << 3, pg << 3, pgb << 3, pacc << 3, pscr << 3, 0);
  }
  for (let j = 0; j < Kd; j++) grad[j] = F[pg + j];
  if (fitIntercept) for (let k = 0; k < K; k++) grad[Kd + k] = F[pgb + k];
  return F[pacc];
}

/** Copies an optional per-feature vector into the layout; returns its offset (0 for null). */
function putVector(v: Float64Array | null, len: number): number {
  if (v === null) return 0;
  const at = layout.take(len);
  return at;
}

/** WebAssembly twin of scaledWeightedGramTs. */
export function scaledWeightedGramWasm(
  ex: Exports,
  n: number,
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
  const R = gramBlockRows(D);
  start();
  const pc = putVector(center, d);
  const ps = putVector(scale, d);
  const px = layout.take(R * d);
  const pB = layout.take(R * D);
  const ph = h === null ? 0 : layout.take(R);
  const pca = layout.take(R);
  const pH = layout.take(D * D);
  reserve(ex, (layout.top << 3) - base);
  if (center !== null) for (let j = 0; j < d; j++) F[pc + j] = center[j];
  if (scale !== null) for (let j = 0; j < d; j++) F[ps + j] = scale[j];
  for (let a = 0; a < D; a++) for (let b = a; b < D; b++) F[pH + a * D + b] = H[oH + a * ldH + b];
  const views = n > 0 ? blockViews(X, n, d, R) : [];
  for (let blk = 0, i0 = 0; i0 < n; blk++, i0 += R) {
    const rows = Math.min(R, n - i0);
    F.set(views[blk], px);
    if (h !== null) for (let r = 0; r < rows; r++) F[ph + r] = h[i0 + r];
    ex.scaleRows(rows, d, px << 3, pc << 3, ps << 3, ones ? 1 : 0, pB << 3, D);
    ex.gramRows(rows, D, pB << 3, ph << 3, pH << 3, D, pca << 3);
  }
  for (let a = 0; a < D; a++) for (let b = a; b < D; b++) H[oH + a * ldH + b] = F[pH + a * D + b];
}

/** WebAssembly twin of multinomialGramTs (compact pair blocks G, zeroed here). */
export function multinomialGramWasm(
  ex: Exports,
  n: number,
  d: number,
  K: number,
  X: Float64Array,
  sw: Float64Array | null,
  w: Float64Array,
  fitIntercept: boolean,
  center: Float64Array | null,
  scale: Float64Array | null,
  G: Float64Array,
): void {
  const D = fitIntercept ? d + 1 : d;
  const Kd = K * d;
  const R = gramBlockRows(D);
  const pairs = (K * (K + 1)) / 2;
  start();
  const pc = putVector(center, d);
  const ps = putVector(scale, d);
  const pw = layout.take(Kd);
  const pbias = fitIntercept ? layout.take(K) : 0;
  const pscr = layout.take(K);
  const pacc = layout.take(2);
  const px = layout.take(R * d);
  const pP = layout.take(R * K);
  const pB = layout.take(R * D);
  const pc2 = layout.take(R);
  const pca = layout.take(R);
  const pG = layout.take(pairs * D * D);
  reserve(ex, (layout.top << 3) - base);
  if (center !== null) for (let j = 0; j < d; j++) F[pc + j] = center[j];
  if (scale !== null) for (let j = 0; j < d; j++) F[ps + j] = scale[j];
  for (let j = 0; j < Kd; j++) F[pw + j] = w[j];
  if (fitIntercept) for (let k = 0; k < K; k++) F[pbias + k] = w[Kd + k];
  F.fill(0, pG, pG + pairs * D * D);
  const views = n > 0 ? blockViews(X, n, d, R) : [];
  for (let blk = 0, i0 = 0; i0 < n; blk++, i0 += R) {
    const rows = Math.min(R, n - i0);
    F.set(views[blk], px);
    ex.softmaxRows(rows, d, K, px << 3, 0, 0, pw << 3, pbias << 3, 0, 0, pacc << 3, pscr << 3, pP << 3);
    ex.scaleRows(rows, d, px << 3, pc << 3, ps << 3, fitIntercept ? 1 : 0, pB << 3, D);
    let pair = 0;
    for (let k = 0; k < K; k++) {
      for (let l = k; l < K; l++, pair++) {
        for (let r = 0; r < rows; r++) {
          const si = sw === null ? 1 : sw[i0 + r];
          F[pc2 + r] = si * F[pP + r * K + k] * ((k === l ? 1 : 0) - F[pP + r * K + l]);
        }
        ex.gramRows(rows, D, pB << 3, pc2 << 3, (pG + pair * D * D) << 3, D, pca << 3);
      }
    }
  }
  for (let j = 0, len = pairs * D * D; j < len; j++) G[j] = F[pG + j];
}

/** WebAssembly twin of the preconditioner's column passes: sums Σ sᵢxᵢ, or with `mean` Σ sᵢ(xᵢ − μ)². */
export function columnMomentWasm(ex: Exports, n: number, d: number, X: Float64Array, sw: Float64Array | null, mean: Float64Array | null, out: Float64Array): void {
  const R = passRows(n, d);
  start();
  const pm = layout.take(d);
  const po = layout.take(d);
  const px = layout.take(R * d);
  const psw = sw === null ? 0 : layout.take(R);
  reserve(ex, (layout.top << 3) - base);
  if (mean !== null) for (let j = 0; j < d; j++) F[pm + j] = mean[j];
  for (let j = 0; j < d; j++) F[po + j] = out[j];
  const views = n > 0 ? blockViews(X, n, d, R) : [];
  for (let blk = 0, i0 = 0; i0 < n; blk++, i0 += R) {
    const rows = Math.min(R, n - i0);
    F.set(views[blk], px);
    if (sw !== null) for (let r = 0; r < rows; r++) F[psw + r] = sw[i0 + r];
    if (mean === null) ex.weightedColumnSums(rows, d, px << 3, psw << 3, po << 3);
    else ex.weightedColumnSquares(rows, d, px << 3, psw << 3, pm << 3, po << 3);
  }
  for (let j = 0; j < d; j++) out[j] = F[po + j];
}
