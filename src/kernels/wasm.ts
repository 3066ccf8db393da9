import { WASM_KERNELS_BASE64 } from './wasmBytes.js';
import { gramBlockRows, gramWidth } from './fusedTs.js';

/**
 * The WebAssembly SIMD backend: compiles assembly/kernels.ts (embedded as base64)
 * synchronously and runs the fused passes on it, with the same signature and result as the
 * TypeScript twins in fusedTs.ts, bit for bit (same operations in the same order, and the same
 * exp/log1p/log of elementary.ts).
 *
 * Two ways to get X into wasm memory:
 * - streaming (default): each call copies X through one shared instance's memory a block of
 *   rows (about 64 KB) at a time. Nothing outlives the call and memory stays at one block, but
 *   every pass pays a memcpy of X.
 * - pinned ({@link pinRows}): X is copied once into a private instance's memory and the passes
 *   read it in place. The copy is owned by the returned {@link RowStore} and is freed with it
 *   (an objective keeps it for the duration of one fit).
 * No validation; no allocation per call (block views of X are cached in a WeakMap keyed by X).
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
  scaleRows(rows: number, d: number, X: number, center: number, scale: number, ones: number, B: number, D: number, y: number): void;
  gramRows(rows: number, D: number, B: number, h: number, H: number, ldH: number, ca: number): void;
  multinomialGramRows(
    rows: number, d: number, K: number, X: number, sw: number, w: number, bias: number, center: number, scale: number, ones: number,
    B: number, D: number, P: number, scratch: number, acc: number, c: number, ca: number, G: number, qFrom: number, qTo: number,
  ): void;
  multinomialPairGram(rows: number, K: number, R: number, P: number, B: number, D: number, sw: number, c: number, ca: number, G: number, k: number, l: number): void;
  weightedColumnSums(rows: number, d: number, X: number, sw: number, out: number): void;
  weightedColumnSquares(rows: number, d: number, X: number, sw: number, mean: number, out: number): void;
}

/** Decodes the embedded module bytes (no dependency on atob/Buffer). */
export function decodeBase64(s: string): Uint8Array {
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

let api: WasmApi | null = null;
let compiled: object | null | undefined;

/** The compiled module, or null where WebAssembly (or its SIMD) is unavailable. Compiles once (13 KB, well under a millisecond). */
export function wasmModule(): object | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  const wa = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  if (wa === undefined) return null;
  try {
    const bytes = decodeBase64(WASM_KERNELS_BASE64);
    if (!wa.validate(bytes)) return null; // e.g. an engine without SIMD
    compiled = new wa.Module(bytes);
    api = wa;
  } catch {
    compiled = null;
  }
  return compiled;
}

const imports = {
  env: {
    abort: (): void => {
      throw new Error('logit wasm kernels: abort');
    },
  },
};

/** The part of WebAssembly.Memory an arena needs (plain or shared). */
export interface GrowableMemory {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}

/**
 * A bump allocator (offsets in doubles) over a WebAssembly memory: a fixed region (e.g. a
 * pinned X) below `fixedTop`, then per-call buffers, with Float64/Int32 views refreshed after
 * growth. Used for this thread's instances and, in threads.ts, for the workers' shared memories.
 */
export class Arena {
  F: Float64Array;
  I: Int32Array;
  top: number;

  constructor(
    readonly memory: GrowableMemory,
    /** First double of the per-call region. */
    public fixedTop: number,
  ) {
    this.F = new Float64Array(memory.buffer);
    this.I = new Int32Array(memory.buffer);
    this.top = fixedTop;
  }

  reset(): void {
    this.top = this.fixedTop;
  }

  /** Reserves `doubles` slots (16-byte aligned) and returns the offset of the first. */
  take(doubles: number): number {
    const at = this.top;
    this.top += (doubles + 1) & ~1;
    return at;
  }

  /** Grows memory to cover everything taken; refreshes the views after growth. */
  commit(): void {
    const need = this.top * 8;
    const have = this.memory.buffer.byteLength;
    if (need > have) this.memory.grow(Math.ceil((need - have) / 65536));
    // Growth detaches a plain memory's old buffer (length 0) and lengthens a shared one.
    if (this.F.buffer.byteLength !== this.memory.buffer.byteLength) {
      this.F = new Float64Array(this.memory.buffer);
      this.I = new Int32Array(this.memory.buffer);
    }
  }
}

/** First 16-byte-aligned double after an instance's static data. */
export function firstFreeDouble(heapBase: number): number {
  return ((heapBase + 15) & ~15) >> 3;
}

/** One instance of the kernels with its own memory and an arena over it. */
export class Workspace extends Arena {
  readonly ex: Exports;

  constructor(module: object) {
    const ex = new (api as WasmApi).Instance(module, imports).exports as unknown as Exports;
    super(ex.memory, firstFreeDouble(ex.heapBase()));
    this.ex = ex;
  }
}

let shared: Workspace | null = null;
/** The shared instance used for streaming, or null without WebAssembly. */
export function streamingWorkspace(): Workspace | null {
  if (shared !== null) return shared;
  const m = wasmModule();
  if (m === null) return null;
  shared = new Workspace(m);
  return shared;
}

/** X copied once into a private instance's memory (see {@link pinRows}). */
export interface RowStore {
  /** The matrix that was copied (kernels use the store only when called with this same array). */
  readonly X: Float64Array;
  readonly n: number;
  readonly d: number;
  readonly ws: Workspace;
  /** Offset (doubles) of X[0] in the instance's memory. */
  readonly xAt: number;
}

/**
 * Copies X (n × d, row-major) into the memory of a fresh instance, so that later passes read it
 * in place instead of streaming it; null when WebAssembly is unavailable or the memory cannot
 * be had (callers then stream). The store holds n·d doubles until it is dropped. Cost: O(n·d)
 * once.
 */
export function pinRows(X: Float64Array, n: number, d: number): RowStore | null {
  const m = wasmModule();
  if (m === null) return null;
  try {
    const ws = new Workspace(m);
    const xAt = ws.take(n * d);
    ws.fixedTop = ws.top;
    ws.commit();
    ws.F.set(n * d === X.length ? X : X.subarray(0, n * d), xAt);
    return { X, n, d, ws, xAt };
  } catch {
    return null; // out of memory (wasm32 memories stop at 4 GB; some engines at 2 GB)
  }
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

/** Where the kernels read X: a pinned store (in place) or streaming through the shared instance. */
export interface RowSource {
  ws: Workspace;
  /** Offset of X[0] in ws's memory, or −1 to stream. */
  xAt: number;
}

/**
 * Gives the offset of rows [i0, i0 + rows) in memory: in place for a pinned X, else after
 * copying block `blk` into the block buffer at `px`.
 */
function rowsAt(src: RowSource, views: Float64Array[] | null, blk: number, i0: number, d: number, px: number): number {
  if (src.xAt >= 0) return src.xAt + i0 * d;
  src.ws.F.set((views as Float64Array[])[blk], px);
  return px;
}

/** WebAssembly twin of binaryLogisticPassTs (and, with `squared`, squaredErrorPassTs). */
export function linearPassWasm(
  src: RowSource,
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
  const { ws, xAt } = src;
  const R = xAt >= 0 ? Math.max(1, n) : passRows(n, d);
  ws.reset();
  const pw = ws.take(d);
  const pg = ws.take(d);
  const pacc = ws.take(2);
  const px = xAt >= 0 ? 0 : ws.take(R * d);
  const py = ws.take(R);
  const psw = sw === null ? 0 : ws.take(R);
  const phw = hw === null ? 0 : ws.take(R);
  ws.commit();
  const { F, ex } = ws;
  for (let j = 0; j < d; j++) F[pw + j] = params[j];
  F.fill(0, pg, pg + d);
  F[pacc] = 0;
  F[pacc + 1] = 0;
  const b = fitIntercept ? params[d] : 0;
  const views = n > 0 && xAt < 0 ? blockViews(X, n, d, R) : null;
  for (let blk = 0, i0 = 0; i0 < n; blk++, i0 += R) {
    const rows = Math.min(R, n - i0);
    const at = rowsAt(src, views, blk, i0, d, px);
    F.set(y.subarray(i0, i0 + rows), py);
    if (sw !== null) F.set(sw.subarray(i0, i0 + rows), psw);
    if (squared) ex.squaredRows(rows, d, at << 3, py << 3, psw << 3, pw << 3, b, pg << 3, pacc << 3);
    else ex.binaryRows(rows, d, at << 3, py << 3, psw << 3, pw << 3, b, pg << 3, pacc << 3, phw << 3);
    if (hw !== null) hw.set(F.subarray(phw, phw + rows), i0);
  }
  for (let j = 0; j < d; j++) grad[og + j] = F[pg + j];
  if (fitIntercept) grad[og + d] = F[pacc + 1];
  return F[pacc];
}

/** WebAssembly twin of multinomialPassTs. */
export function multinomialPassWasm(
  src: RowSource,
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
  const { ws, xAt } = src;
  const Kd = K * d;
  const R = xAt >= 0 ? Math.max(1, n) : passRows(n, d);
  ws.reset();
  const pw = ws.take(Kd);
  const pbias = fitIntercept ? ws.take(K) : 0;
  const pg = ws.take(Kd);
  const pgb = fitIntercept ? ws.take(K) : 0;
  const pacc = ws.take(2);
  const pscr = ws.take(2 * K);
  const px = xAt >= 0 ? 0 : ws.take(R * d);
  const py = ws.take((R + 1) >> 1); // Int32 slots
  const psw = sw === null ? 0 : ws.take(R);
  ws.commit();
  const { F, I, ex } = ws;
  for (let j = 0; j < Kd; j++) F[pw + j] = params[j];
  if (fitIntercept) for (let k = 0; k < K; k++) F[pbias + k] = params[Kd + k];
  F.fill(0, pg, pg + Kd);
  if (fitIntercept) F.fill(0, pgb, pgb + K);
  F[pacc] = 0;
  const yi32 = py << 1;
  const views = n > 0 && xAt < 0 ? blockViews(X, n, d, R) : null;
  for (let blk = 0, i0 = 0; i0 < n; blk++, i0 += R) {
    const rows = Math.min(R, n - i0);
    const at = rowsAt(src, views, blk, i0, d, px);
    I.set(yIdx.subarray(i0, i0 + rows), yi32);
    if (sw !== null) F.set(sw.subarray(i0, i0 + rows), psw);
    ex.softmaxRows(rows, d, K, at << 3, py << 3, psw << 3, pw << 3, pbias << 3, pg << 3, pgb << 3, pacc << 3, pscr << 3, 0);
  }
  for (let j = 0; j < Kd; j++) grad[j] = F[pg + j];
  if (fitIntercept) for (let k = 0; k < K; k++) grad[Kd + k] = F[pgb + k];
  return F[pacc];
}

/** WebAssembly twin of scaledWeightedGramTs. */
export function scaledWeightedGramWasm(
  src: RowSource,
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
  y: Float64Array | null = null,
): void {
  const { ws, xAt } = src;
  const D = gramWidth(d, ones, y);
  const R = gramBlockRows(D);
  ws.reset();
  const pc = center === null ? 0 : ws.take(d);
  const ps = scale === null ? 0 : ws.take(d);
  const px = xAt >= 0 ? 0 : ws.take(R * d);
  const pB = ws.take(R * D);
  const ph = h === null ? 0 : ws.take(R);
  const py = y === null ? 0 : ws.take(R);
  const pca = ws.take(2 * R);
  const pH = ws.take(D * D);
  ws.commit();
  const { F, ex } = ws;
  if (center !== null) for (let j = 0; j < d; j++) F[pc + j] = center[j];
  if (scale !== null) for (let j = 0; j < d; j++) F[ps + j] = scale[j];
  for (let a = 0; a < D; a++) for (let b = a; b < D; b++) F[pH + a * D + b] = H[oH + a * ldH + b];
  const views = n > 0 && xAt < 0 ? blockViews(X, n, d, R) : null;
  for (let blk = 0, i0 = 0; i0 < n; blk++, i0 += R) {
    const rows = Math.min(R, n - i0);
    const at = rowsAt(src, views, blk, i0, d, px);
    if (h !== null) F.set(h.subarray(i0, i0 + rows), ph);
    if (y !== null) F.set(y.subarray(i0, i0 + rows), py);
    ex.scaleRows(rows, d, at << 3, pc << 3, ps << 3, ones ? 1 : 0, pB << 3, D, py << 3);
    ex.gramRows(rows, D, pB << 3, ph << 3, pH << 3, D, pca << 3);
  }
  for (let a = 0; a < D; a++) for (let b = a; b < D; b++) H[oH + a * ldH + b] = F[pH + a * D + b];
}

/**
 * WebAssembly twin of multinomialGramTs: the compact class-pair blocks G (zeroed here), or with
 * `part` only the pairs with compact index in [part.from, part.to), added onto their blocks of G
 * (G is not zeroed). The kernel `multinomialGramRows` does one block of rows: probabilities,
 * scaled rows, then the weighted Gram of each pair. Cost: that of multinomialGramTs.
 */
export function multinomialGramWasm(
  src: RowSource,
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
  part: { from: number; to: number } | null = null,
): void {
  const { ws, xAt } = src;
  const D = fitIntercept ? d + 1 : d;
  const DD = D * D;
  const Kd = K * d;
  const R = gramBlockRows(D);
  const from = part === null ? 0 : part.from;
  const to = part === null ? (K * (K + 1)) / 2 : part.to;
  ws.reset();
  const pc = center === null ? 0 : ws.take(d);
  const ps = scale === null ? 0 : ws.take(d);
  const pw = ws.take(Kd);
  const pbias = fitIntercept ? ws.take(K) : 0;
  const pscr = ws.take(2 * K);
  const pacc = ws.take(2);
  const px = xAt >= 0 ? 0 : ws.take(R * d);
  const psw = sw === null ? 0 : ws.take(R);
  const pP = ws.take(R * K);
  const pB = ws.take(R * D);
  const pc2 = ws.take(R);
  const pca = ws.take(2 * R);
  const pG = ws.take((to - from) * DD);
  ws.commit();
  const { F, ex } = ws;
  if (center !== null) F.set(center.subarray(0, d), pc);
  if (scale !== null) F.set(scale.subarray(0, d), ps);
  F.set(w.subarray(0, Kd), pw);
  if (fitIntercept) F.set(w.subarray(Kd, Kd + K), pbias);
  if (part === null) F.fill(0, pG, pG + (to - from) * DD);
  else F.set(G.subarray(from * DD, to * DD), pG);
  const views = n > 0 && xAt < 0 ? blockViews(X, n, d, R) : null;
  for (let blk = 0, i0 = 0; i0 < n; blk++, i0 += R) {
    const rows = Math.min(R, n - i0);
    const at = rowsAt(src, views, blk, i0, d, px);
    if (sw !== null) F.set(sw.subarray(i0, i0 + rows), psw);
    ex.multinomialGramRows(rows, d, K, at << 3, psw << 3, pw << 3, pbias << 3, pc << 3, ps << 3, fitIntercept ? 1 : 0, pB << 3, D, pP << 3, pscr << 3, pacc << 3, pc2 << 3, pca << 3, pG << 3, from, to);
  }
  G.set(F.subarray(pG, pG + (to - from) * DD), from * DD);
}

/** WebAssembly twin of the preconditioner's column passes: sums Σ sᵢxᵢ, or with `mean` Σ sᵢ(xᵢ − μ)². */
export function columnMomentWasm(src: RowSource, n: number, d: number, X: Float64Array, sw: Float64Array | null, mean: Float64Array | null, out: Float64Array): void {
  const { ws, xAt } = src;
  const R = passRows(n, d);
  ws.reset();
  const pm = ws.take(d);
  const po = ws.take(d);
  const px = xAt >= 0 ? 0 : ws.take(R * d);
  const psw = sw === null ? 0 : ws.take(R);
  ws.commit();
  const { F, ex } = ws;
  if (mean !== null) for (let j = 0; j < d; j++) F[pm + j] = mean[j];
  for (let j = 0; j < d; j++) F[po + j] = out[j];
  const views = n > 0 && xAt < 0 ? blockViews(X, n, d, R) : null;
  for (let blk = 0, i0 = 0; i0 < n; blk++, i0 += R) {
    const rows = Math.min(R, n - i0);
    const at = rowsAt(src, views, blk, i0, d, px);
    if (sw !== null) F.set(sw.subarray(i0, i0 + rows), psw);
    if (mean === null) ex.weightedColumnSums(rows, d, at << 3, psw << 3, po << 3);
    else ex.weightedColumnSquares(rows, d, at << 3, psw << 3, pm << 3, po << 3);
  }
  for (let j = 0; j < d; j++) out[j] = F[po + j];
}
