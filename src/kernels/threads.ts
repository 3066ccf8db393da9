/**
 * Worker threads for the fused passes (Node's worker_threads; elsewhere everything stays on the
 * calling thread).
 *
 * `setThreads(T)` starts T − 1 workers. Afterwards, when a fit pins a large X (see
 * `pinForPasses`), X is split into T row blocks: the first stays with the calling thread (a
 * private WebAssembly instance, as without threads) and each other block is copied once into a
 * shared WebAssembly memory owned by one worker, which instantiates the kernels on it. A pass
 * then writes the parameters (and the block's y and weights) straight into each worker's
 * memory, wakes the workers with Atomics.notify, runs its own block, waits, and adds the
 * workers' partial sums to its own in block order. X is still held once in total (split
 * between the instances) beside the caller's array, as with one thread.
 *
 * Results depend on T only through the order of the final additions (block partial sums,
 * fixed for a given T): they are deterministic for a given thread count and agree with the
 * one-thread result to rounding (about 1e-15 relative). Operations without a threaded version
 * (the multinomial Hessian) stream X from the caller's array on the calling thread.
 *
 * Memory: the workers' memories are released when the store is garbage-collected
 * (FinalizationRegistry) or when `setThreads` changes the pool.
 */
import { LogitRangeError, describe } from '../core/errors.js';
import { WASM_KERNELS_SHARED_BASE64 } from './wasmBytes.js';
import { decodeBase64, linearPassWasm, multinomialPassWasm, scaledWeightedGramWasm, columnMomentWasm, pinRows, type RowStore } from './wasm.js';
import { gramBlockRows } from './fusedTs.js';

/* ------------------------------------------------------------------------------------------ */
/* Minimal types for the host APIs used here (the core compiles without Node or DOM types).    */

interface SharedMemory {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}
interface WasmThreadsApi {
  Module: new (bytes: Uint8Array) => object;
  Memory: new (desc: { initial: number; maximum: number; shared: boolean }) => SharedMemory;
  validate(bytes: Uint8Array): boolean;
}
interface NodeWorker {
  postMessage(value: unknown, transfer?: unknown[]): void;
  on(event: string, listener: (...args: unknown[]) => void): void;
  once(event: string, listener: (...args: unknown[]) => void): void;
  unref(): void;
  terminate(): Promise<number>;
}
interface WorkerThreadsModule {
  Worker: new (code: string, options: { eval: boolean; workerData: unknown; transferList?: unknown[] }) => NodeWorker;
  MessageChannel: new () => { port1: { postMessage(v: unknown): void; close(): void }; port2: unknown };
}

/* ------------------------------------------------------------------------------------------ */
/* The worker: a dispatcher over the shared-memory build of the kernels. Plain CommonJS,        */
/* evaluated by worker_threads (no file to locate, works from src/ and dist/ alike).            */

const OP_EXIT = 0;
const OP_ATTACH = 1;
const OP_DROP = 2;
const OP_BINARY = 10;
const OP_SQUARED = 11;
const OP_SOFTMAX = 12;
const OP_GRAM = 13;
const OP_COLSUMS = 14;
const OP_COLSQUARES = 15;

// Control block (one SharedArrayBuffer per worker): Int32 slots
//   0 sequence number written by the caller, 1 sequence number done by the worker, 2 operation,
//   3 store id, 4 status (0 ok, 1 failed), 8…31 integer arguments (byte offsets, sizes);
// Float64 slot 16 (byte 128) the scalar argument (the intercept b).
const CTL_BYTES = 256;
const ARG = 8;

const WORKER_SOURCE = `
'use strict';
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const { module, ctl, port } = workerData;
const I = new Int32Array(ctl);
const Fd = new Float64Array(ctl);
const stores = new Map();
let seq = 0;
for (;;) {
  Atomics.wait(I, 0, seq);
  seq = Atomics.load(I, 0);
  const op = I[2];
  let status = 0;
  try {
    const a = (k) => I[${ARG} + k];
    if (op === ${OP_ATTACH}) {
      const msg = receiveMessageOnPort(port);
      const memory = msg.message.memory;
      const ex = new WebAssembly.Instance(module, { env: { memory, abort() { throw new Error('abort'); } } }).exports;
      stores.set(I[3], ex);
      I[${ARG}] = ex.heapBase();
    } else if (op === ${OP_DROP}) {
      stores.delete(I[3]);
    } else if (op !== ${OP_EXIT}) {
      const ex = stores.get(I[3]);
      if (op === ${OP_BINARY}) ex.binaryRows(a(0), a(1), a(2), a(3), a(4), a(5), Fd[16], a(6), a(7), a(8));
      else if (op === ${OP_SQUARED}) ex.squaredRows(a(0), a(1), a(2), a(3), a(4), a(5), Fd[16], a(6), a(7));
      else if (op === ${OP_SOFTMAX}) ex.softmaxRows(a(0), a(1), a(2), a(3), a(4), a(5), a(6), a(7), a(8), a(9), a(10), a(11), 0);
      else if (op === ${OP_GRAM}) {
        // rows, d, X, h, center, scale, ones, B, D, H, ca, R: blocks of R rows, scaled then added.
        const rows = a(0), d = a(1), X = a(2), h = a(3), R = a(11), D = a(8);
        for (let i0 = 0; i0 < rows; i0 += R) {
          const r = Math.min(R, rows - i0);
          ex.scaleRows(r, d, X + i0 * d * 8, a(4), a(5), a(6), a(7), D);
          ex.gramRows(r, D, a(7), h === 0 ? 0 : h + i0 * 8, a(9), D, a(10));
        }
      } else if (op === ${OP_COLSUMS}) ex.weightedColumnSums(a(0), a(1), a(2), a(3), a(4));
      else if (op === ${OP_COLSQUARES}) ex.weightedColumnSquares(a(0), a(1), a(2), a(3), a(4), a(5));
    }
  } catch (e) {
    status = 1;
  }
  I[4] = status;
  Atomics.store(I, 1, seq);
  Atomics.notify(I, 1);
  if (op === ${OP_EXIT}) break;
}
`;

/* ------------------------------------------------------------------------------------------ */
/* The pool.                                                                                    */

class PoolWorker {
  readonly I: Int32Array;
  readonly F: Float64Array;
  private seq = 0;
  dead = false;

  constructor(
    readonly worker: NodeWorker,
    readonly port: { postMessage(v: unknown): void; close(): void },
    ctl: SharedArrayBuffer,
  ) {
    this.I = new Int32Array(ctl);
    this.F = new Float64Array(ctl);
    worker.on('exit', () => {
      this.dead = true;
    });
    worker.on('error', () => {
      this.dead = true;
    });
  }

  /** Starts `op` (arguments already written) and returns without waiting. */
  start(op: number, id: number): void {
    if (this.dead) throw new Error('logit threads: a worker has exited');
    this.I[2] = op;
    this.I[3] = id;
    this.seq = (this.seq + 1) | 0;
    Atomics.store(this.I, 0, this.seq);
    Atomics.notify(this.I, 0);
  }

  /** Waits until the last started operation is done. */
  finish(): void {
    for (;;) {
      const done = Atomics.load(this.I, 1);
      if (done === this.seq) break;
      Atomics.wait(this.I, 1, done, 1000);
      if (this.dead && Atomics.load(this.I, 1) !== this.seq) throw new Error('logit threads: a worker exited during a pass');
    }
    if (this.I[4] !== 0) throw new Error('logit threads: a worker failed during a pass');
  }
}

let pool: PoolWorker[] = [];
let sharedModule: object | null | undefined;
/** Bumped whenever the pool changes: stores made for an older pool fall back to one thread. */
let generation = 0;

function wasmApi(): WasmThreadsApi | null {
  return (globalThis as unknown as { WebAssembly?: WasmThreadsApi }).WebAssembly ?? null;
}

function threadsModule(): object | null {
  if (sharedModule !== undefined) return sharedModule;
  sharedModule = null;
  const wa = wasmApi();
  if (wa === null || typeof SharedArrayBuffer === 'undefined') return null;
  try {
    const bytes = decodeBase64(WASM_KERNELS_SHARED_BASE64);
    if (wa.validate(bytes)) {
      // Shared memories may be refused (e.g. pages that are not cross-origin isolated).
      new wa.Memory({ initial: 1, maximum: 1, shared: true });
      sharedModule = new wa.Module(bytes);
    }
  } catch {
    sharedModule = null;
  }
  return sharedModule;
}

async function loadWorkerThreads(): Promise<WorkerThreadsModule | null> {
  const proc = (globalThis as unknown as { process?: { versions?: { node?: string } } }).process;
  if (proc?.versions?.node === undefined) return null;
  try {
    // A computed specifier keeps browser bundlers from trying to resolve a Node built-in.
    const name = ['node', 'worker_threads'].join(':');
    return (await import(/* @vite-ignore */ name)) as WorkerThreadsModule;
  } catch {
    return null;
  }
}

async function availableCores(): Promise<number> {
  try {
    const name = ['node', 'os'].join(':');
    const os = (await import(/* @vite-ignore */ name)) as { availableParallelism?: () => number; cpus(): unknown[] };
    return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  } catch {
    return 1;
  }
}

async function stopPool(): Promise<void> {
  const old = pool;
  pool = [];
  generation++;
  await Promise.all(
    old.map(async (w) => {
      if (!w.dead) {
        try {
          w.start(OP_EXIT, 0);
        } catch {
          // already gone
        }
      }
      w.port.close();
      await w.worker.terminate();
    }),
  );
}

/**
 * Sets how many threads the fused passes of later fits use: `count` ≥ 1 (1 stops the
 * workers), or `'auto'` for the number of cores. Returns the number now in use, which is 1
 * where worker threads, shared WebAssembly memory or WebAssembly SIMD are unavailable (browsers
 * for now, or pages that are not cross-origin isolated) and when the kernel backend is `'ts'`.
 * Workers are started once (about 30 ms each) and do not keep the process alive. Only data
 * large enough to pay for the hand-off (n·d ≥ 2¹⁸ entries) is split; smaller fits run on the
 * calling thread as before.
 * Cost: O(T) worker start-ups; afterwards each pinned pass costs O(n·d/T) per thread plus
 * O(T·(d·K + n/T)) for the hand-off and the sums.
 */
export async function setThreads(count: number | 'auto'): Promise<number> {
  if (count !== 'auto' && !(typeof count === 'number' && Number.isInteger(count) && count >= 1 && count <= 256)) {
    throw new LogitRangeError(`threads must be an integer from 1 to 256 or 'auto'; received ${describe(count)}`, { parameter: 'threads', value: count });
  }
  const want = count === 'auto' ? await availableCores() : count;
  if (want - 1 === pool.length && pool.every((w) => !w.dead)) return threads();
  await stopPool();
  if (want === 1) return 1;
  const wt = await loadWorkerThreads();
  const module = threadsModule();
  if (wt === null || module === null) return 1;
  const started: PoolWorker[] = [];
  try {
    for (let t = 1; t < want; t++) {
      const ctl = new SharedArrayBuffer(CTL_BYTES);
      const channel = new wt.MessageChannel();
      const worker = new wt.Worker(WORKER_SOURCE, { eval: true, workerData: { module, ctl, port: channel.port2 }, transferList: [channel.port2] });
      await new Promise<void>((resolve, reject) => {
        worker.once('online', () => resolve());
        worker.once('error', (e) => reject(e));
      });
      worker.unref(); // after 'online': an unreferenced worker would let the process exit while it starts
      started.push(new PoolWorker(worker, channel.port1, ctl));
    }
  } catch {
    await Promise.all(started.map((w) => w.worker.terminate()));
    return 1;
  }
  pool = started;
  generation++;
  return threads();
}

/** The number of threads the fused passes use now (1 + running workers). */
export function threads(): number {
  return 1 + pool.filter((w) => !w.dead).length;
}

/** Below this many entries of X a fit stays on one thread (the hand-off would cost more than it saves). */
export const THREAD_MIN_ENTRIES = 1 << 18;

/* ------------------------------------------------------------------------------------------ */
/* Stores split across threads.                                                                 */

/** One worker's block of rows, copied into its shared memory, with a bump allocator above it. */
class Part {
  F: Float64Array;
  I: Int32Array;
  top: number;

  constructor(
    readonly worker: PoolWorker,
    readonly id: number,
    readonly memory: SharedMemory,
    readonly row0: number,
    readonly rows: number,
    /** Offset (doubles) of the block's first entry. */
    readonly xAt: number,
    /** First double of the per-call region. */
    readonly fixedTop: number,
  ) {
    this.F = new Float64Array(memory.buffer);
    this.I = new Int32Array(memory.buffer);
    this.top = fixedTop;
  }

  reset(): void {
    this.top = this.fixedTop;
  }

  take(doubles: number): number {
    const at = this.top;
    this.top += (doubles + 1) & ~1;
    return at;
  }

  commit(): void {
    const need = this.top * 8;
    const have = this.memory.buffer.byteLength;
    if (need > have) this.memory.grow(Math.ceil((need - have) / 65536));
    if (this.F.buffer.byteLength !== this.memory.buffer.byteLength) {
      this.F = new Float64Array(this.memory.buffer);
      this.I = new Int32Array(this.memory.buffer);
    }
  }

  args(values: number[]): void {
    for (let k = 0; k < values.length; k++) this.worker.I[ARG + k] = values[k];
  }
}

/** X split by rows between the calling thread (rows [0, n0)) and the workers. */
export interface ThreadedStore {
  readonly kind: 'threaded';
  readonly X: Float64Array;
  readonly n: number;
  readonly d: number;
  /** The calling thread's block, rows [0, n0), pinned in its own instance. */
  readonly main: RowStore;
  readonly n0: number;
  readonly parts: readonly Part[];
  readonly generation: number;
}

let nextId = 1;
const registry =
  typeof FinalizationRegistry === 'undefined'
    ? null
    : new FinalizationRegistry<{ worker: PoolWorker; id: number; generation: number }>((held) => {
        // The store is gone: let the worker drop its instance (and with it the memory).
        if (held.generation !== generation || held.worker.dead) return;
        try {
          held.worker.start(OP_DROP, held.id);
          held.worker.finish();
        } catch {
          // the pool is being replaced
        }
      });

/**
 * Splits X (n × d) between the calling thread and the workers, or returns null when there are
 * no workers, X is small or the memory cannot be had. Cost: one copy of X (O(n·d)).
 */
export function pinThreaded(X: Float64Array, n: number, d: number): ThreadedStore | null {
  const T = threads();
  if (T < 2 || n * d < THREAD_MIN_ENTRIES || n < 2 * T) return null;
  const wa = wasmApi();
  if (wa === null || threadsModule() === null) return null;
  const live = pool.filter((w) => !w.dead);
  // Equal blocks; the calling thread's is a little smaller: it also stages and adds.
  const share = n / T;
  const n0 = Math.max(1, Math.floor(share * 0.9));
  const rest = n - n0;
  const main = pinRows(X.subarray(0, n0 * d), n0, d);
  if (main === null) return null;
  const parts: Part[] = [];
  try {
    let row0 = n0;
    for (let t = 0; t < live.length; t++) {
      const rows = t === live.length - 1 ? n - row0 : Math.floor(rest / live.length);
      const w = live[t];
      const id = nextId++;
      const bytes = 65536 + rows * d * 8 + 65536;
      const memory = new wa.Memory({ initial: Math.ceil(bytes / 65536), maximum: 65536, shared: true });
      w.port.postMessage({ memory });
      w.start(OP_ATTACH, id);
      w.finish();
      const heapBase = w.I[ARG];
      const xAt = ((heapBase + 15) & ~15) >> 3;
      const part = new Part(w, id, memory, row0, rows, xAt, xAt + ((rows * d + 1) & ~1));
      part.commit();
      part.F.set(X.subarray(row0 * d, (row0 + rows) * d), xAt);
      parts.push(part);
      row0 += rows;
    }
  } catch {
    for (const p of parts) {
      try {
        p.worker.start(OP_DROP, p.id);
        p.worker.finish();
      } catch {
        // ignore
      }
    }
    return null;
  }
  const store: ThreadedStore = { kind: 'threaded', X, n, d, main, n0, parts, generation };
  if (registry !== null) for (const p of parts) registry.register(store, { worker: p.worker, id: p.id, generation });
  return store;
}

/** Whether a threaded store can still run on the current pool. */
export function threadedUsable(store: ThreadedStore): boolean {
  return store.generation === generation && store.parts.every((p) => !p.worker.dead);
}

/* ------------------------------------------------------------------------------------------ */
/* Threaded passes: same arguments as the fused functions; partial sums added in block order.   */

function copyIn(F: Float64Array, at: number, src: Float64Array, from: number, count: number): void {
  F.set(src.subarray(from, from + count), at);
}

/** Binary log loss or squared error over a threaded store (see linearPassWasm). */
export function linearPassThreaded(
  store: ThreadedStore,
  squared: boolean,
  y: Float64Array,
  sw: Float64Array | null,
  params: Float64Array,
  grad: Float64Array,
  og: number,
  fitIntercept: boolean,
  hw: Float64Array | null,
): number {
  const { d, parts, n0 } = store;
  const at: { pg: number; pacc: number; phw: number }[] = [];
  for (const p of parts) {
    p.reset();
    const pw = p.take(d);
    const pg = p.take(d);
    const pacc = p.take(2);
    const py = p.take(p.rows);
    const psw = sw === null ? 0 : p.take(p.rows);
    const phw = hw === null ? 0 : p.take(p.rows);
    p.commit();
    const F = p.F;
    F.set(params.subarray(0, d), pw);
    F.fill(0, pg, pg + d);
    F[pacc] = 0;
    F[pacc + 1] = 0;
    copyIn(F, py, y, p.row0, p.rows);
    if (sw !== null) copyIn(F, psw, sw, p.row0, p.rows);
    p.worker.F[16] = fitIntercept ? params[d] : 0;
    p.args([p.rows, d, p.xAt << 3, py << 3, psw << 3, pw << 3, pg << 3, pacc << 3, phw << 3]);
    p.worker.start(squared ? OP_SQUARED : OP_BINARY, p.id);
    at.push({ pg, pacc, phw });
  }
  let loss = linearPassWasm(store.main, squared, n0, d, store.main.X, y.subarray(0, n0), sw === null ? null : sw.subarray(0, n0), params, grad, og, fitIntercept, hw === null ? null : hw.subarray(0, n0));
  for (let t = 0; t < parts.length; t++) {
    const p = parts[t];
    p.worker.finish();
    const F = p.F;
    const { pg, pacc, phw } = at[t];
    loss += F[pacc];
    for (let j = 0; j < d; j++) grad[og + j] += F[pg + j];
    if (fitIntercept) grad[og + d] += F[pacc + 1];
    if (hw !== null) hw.set(F.subarray(phw, phw + p.rows), p.row0);
  }
  return loss;
}

/** Multinomial loss and gradient over a threaded store (see multinomialPassWasm). */
export function multinomialPassThreaded(
  store: ThreadedStore,
  K: number,
  yIdx: Int32Array,
  sw: Float64Array | null,
  params: Float64Array,
  grad: Float64Array,
  fitIntercept: boolean,
): number {
  const { d, parts, n0 } = store;
  const Kd = K * d;
  const at: { pg: number; pgb: number; pacc: number }[] = [];
  for (const p of parts) {
    p.reset();
    const pw = p.take(Kd);
    const pbias = fitIntercept ? p.take(K) : 0;
    const pg = p.take(Kd);
    const pgb = fitIntercept ? p.take(K) : 0;
    const pacc = p.take(2);
    const pscr = p.take(2 * K);
    const py = p.take((p.rows + 1) >> 1);
    const psw = sw === null ? 0 : p.take(p.rows);
    p.commit();
    const { F, I } = p;
    F.set(params.subarray(0, Kd), pw);
    if (fitIntercept) F.set(params.subarray(Kd, Kd + K), pbias);
    F.fill(0, pg, pg + Kd);
    if (fitIntercept) F.fill(0, pgb, pgb + K);
    F[pacc] = 0;
    I.set(yIdx.subarray(p.row0, p.row0 + p.rows), py << 1);
    if (sw !== null) copyIn(F, psw, sw, p.row0, p.rows);
    p.args([p.rows, d, K, p.xAt << 3, py << 3, psw << 3, pw << 3, pbias << 3, pg << 3, pgb << 3, pacc << 3, pscr << 3]);
    p.worker.start(OP_SOFTMAX, p.id);
    at.push({ pg, pgb, pacc });
  }
  let loss = multinomialPassWasm(store.main, n0, d, K, store.main.X, yIdx.subarray(0, n0), sw === null ? null : sw.subarray(0, n0), params, grad, fitIntercept);
  for (let t = 0; t < parts.length; t++) {
    const p = parts[t];
    p.worker.finish();
    const F = p.F;
    const { pg, pgb, pacc } = at[t];
    loss += F[pacc];
    for (let j = 0; j < Kd; j++) grad[j] += F[pg + j];
    if (fitIntercept) for (let k = 0; k < K; k++) grad[Kd + k] += F[pgb + k];
  }
  return loss;
}

/** Weighted Gram (upper triangle) over a threaded store (see scaledWeightedGramWasm). */
export function scaledWeightedGramThreaded(
  store: ThreadedStore,
  h: Float64Array | null,
  center: Float64Array | null,
  scale: Float64Array | null,
  ones: boolean,
  H: Float64Array,
  oH: number,
  ldH: number,
): void {
  const { d, parts, n0 } = store;
  const D = ones ? d + 1 : d;
  const R = gramBlockRows(D);
  const at: number[] = [];
  for (const p of parts) {
    p.reset();
    const pc = center === null ? 0 : p.take(d);
    const ps = scale === null ? 0 : p.take(d);
    const pB = p.take(R * D);
    const pca = p.take(2 * R);
    const ph = h === null ? 0 : p.take(p.rows);
    const pH = p.take(D * D);
    p.commit();
    const F = p.F;
    if (center !== null) F.set(center.subarray(0, d), pc);
    if (scale !== null) F.set(scale.subarray(0, d), ps);
    if (h !== null) copyIn(F, ph, h, p.row0, p.rows);
    F.fill(0, pH, pH + D * D);
    p.args([p.rows, d, p.xAt << 3, ph << 3, pc << 3, ps << 3, ones ? 1 : 0, pB << 3, D, pH << 3, pca << 3, R]);
    p.worker.start(OP_GRAM, p.id);
    at.push(pH);
  }
  scaledWeightedGramWasm(store.main, n0, d, store.main.X, h === null ? null : h.subarray(0, n0), center, scale, ones, H, oH, ldH);
  for (let t = 0; t < parts.length; t++) {
    const p = parts[t];
    p.worker.finish();
    const F = p.F;
    const pH = at[t];
    for (let a = 0; a < D; a++) for (let b = a; b < D; b++) H[oH + a * ldH + b] += F[pH + a * D + b];
  }
}

/** Column sums or centred squares over a threaded store (see columnMomentWasm). */
export function columnMomentThreaded(store: ThreadedStore, sw: Float64Array | null, mean: Float64Array | null, out: Float64Array): void {
  const { d, parts, n0 } = store;
  const at: number[] = [];
  for (const p of parts) {
    p.reset();
    const pm = mean === null ? 0 : p.take(d);
    const po = p.take(d);
    const psw = sw === null ? 0 : p.take(p.rows);
    p.commit();
    const F = p.F;
    if (mean !== null) F.set(mean.subarray(0, d), pm);
    F.fill(0, po, po + d);
    if (sw !== null) copyIn(F, psw, sw, p.row0, p.rows);
    if (mean === null) {
      p.args([p.rows, d, p.xAt << 3, psw << 3, po << 3]);
      p.worker.start(OP_COLSUMS, p.id);
    } else {
      p.args([p.rows, d, p.xAt << 3, psw << 3, pm << 3, po << 3]);
      p.worker.start(OP_COLSQUARES, p.id);
    }
    at.push(po);
  }
  columnMomentWasm(store.main, n0, d, store.main.X, sw === null ? null : sw.subarray(0, n0), mean, out);
  for (let t = 0; t < parts.length; t++) {
    const p = parts[t];
    p.worker.finish();
    const F = p.F;
    for (let j = 0; j < d; j++) out[j] += F[at[t] + j];
  }
}
