/**
 * Worker threads for the fused passes (Node's worker_threads; elsewhere everything stays on the
 * calling thread).
 *
 * `setThreads(T)` starts T − 1 workers. Afterwards, when a fit pins a large X (see
 * `pinForPasses`), X is split along the eight fixed row slices of slices.ts into T consecutive
 * groups: the first stays with the calling thread (pinned in a private WebAssembly instance
 * while X ≤ 64 MB, else streamed from the caller's array) and each other group is copied once
 * into a shared WebAssembly memory owned by one worker, which instantiates the kernels on it. A
 * pass writes the parameters (and the block's y and weights) straight into each worker's
 * memory, wakes the workers with Atomics.notify, runs its own slices, waits, and adds the
 * workers' slice partials after its own, in slice order.
 *
 * Results do not depend on T: a pass performs exactly the additions of the same sliced pass on
 * one thread (and of the TypeScript kernels), so fits give the same bits on any number of
 * threads. The Gram matrix of an X that is not pinned (least squares) is split by copying the
 * workers' rows to them a chunk at a time; the multinomial Hessian splits its class pairs
 * instead (each thread goes through all rows for its own pairs, copied to the workers a chunk at
 * a time), so no block's sum is divided.
 *
 * Memory: the workers' memories are released when the store is garbage-collected
 * (FinalizationRegistry) or when `setThreads` changes the pool.
 */
import { LogitRangeError, describe } from '../core/errors.js';
import { WASM_KERNELS_SHARED_BASE64 } from './wasmBytes.js';
import { Arena, decodeBase64, type GrowableMemory, firstFreeDouble, multinomialGramWasm, pinRows, scaledWeightedGramWasm, streamingWorkspace, type RowSource, type RowStore } from './wasm.js';
import { classPair, gramBlockRows, gramWidth } from './fusedTs.js';
import { predictBlockRows, predictStride, type PredictJob } from './predictTs.js';
import { columnMomentSlices, gramSlices, linearSlices, multinomialSlices } from './sliced.js';
import { SLICES, sliceCount, sliceStart, threadSlices } from './slices.js';

/* ------------------------------------------------------------------------------------------ */
/* Minimal types for the host APIs used here (the core compiles without Node or DOM types).    */

interface WasmThreadsApi {
  Module: new (bytes: Uint8Array) => object;
  Memory: new (desc: { initial: number; maximum: number; shared: boolean }) => GrowableMemory;
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
const OP_SHARE = 3;
const OP_PREDICT = 16;
const OP_MGRAM = 17;
const OP_MPAIRS = 18;
const OP_PREDICT_ROWS = 19;

// Control block (one SharedArrayBuffer per worker): Int32 slots
//   0 sequence number written by the caller, 1 sequence number done by the worker, 2 operation,
//   3 store id, 4 status (0 ok, 1 failed), 8…31 integer arguments (byte offsets, sizes, strides),
//   40 the number of slices m of the worker's block and 41…41+m their row boundaries;
// Float64 slot 16 (byte 128, Int32 slots 32–33) the scalar argument (the intercept b).
const CTL_BYTES = 256;
const ARG = 8;
/** Int32 slot of the worker's slice count, followed by its slice boundaries (rows within its block). */
const SLICE_COUNT = 40;
const SLICE_TABLE = 41;

const WORKER_SOURCE = `
'use strict';
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const { module, ctl, port } = workerData;
const I = new Int32Array(ctl);
const Fd = new Float64Array(ctl);
const stores = new Map();
const memories = new Map();
const shared = new Map();
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
      memories.set(I[3], memory);
      I[${ARG}] = ex.heapBase();
    } else if (op === ${OP_DROP}) {
      stores.delete(I[3]);
      memories.delete(I[3]);
    } else if (op === ${OP_SHARE}) {
      // A SharedArrayBuffer of the caller's (a matrix in shared memory), read in place from here on.
      shared.set(I[3], new Float64Array(receiveMessageOnPort(port).message.sab));
    } else if (op === ${OP_PREDICT}) {
      // sab offset rows d K mode W b xbuf out tmp R stride | done: copies blocks of R rows of the
      // shared matrix into its memory and runs the prediction kernel; a(13) = rows done (stops
      // at a row with a non-finite score).
      const ex = stores.get(I[3]);
      const src = shared.get(a(0));
      const F = new Float64Array(memories.get(I[3]).buffer);
      const rows = a(2), d = a(3), R = a(11), stride = a(12);
      let done = rows;
      for (let i = 0; i < rows; i += R) {
        const r = Math.min(R, rows - i);
        F.set(src.subarray(a(1) + i * d, a(1) + (i + r) * d), a(8) / 8);
        const got = ex.predictRows(r, d, a(4), a(8), a(6), a(7), a(5), Fd[16], a(9) + i * stride * 8, a(10));
        if (got < r) {
          done = i + got;
          break;
        }
      }
      I[${ARG} + 13] = done;
    } else if (op === ${OP_PREDICT_ROWS}) {
      // rows d K X W b mode out tmp | done: the prediction kernel over rows the caller copied
      // into its memory; a(13) = rows done (stops at a row with a non-finite score).
      I[${ARG} + 13] = stores.get(I[3]).predictRows(a(0), a(1), a(2), a(3), a(4), a(5), a(6), Fd[16], a(7), a(8));
    } else if (op === ${OP_MGRAM}) {
      // rows d K X sw w bias center scale ones B D P scratch acc c ca G qFrom qTo R: the class-pair
      // Grams of the multinomial Hessian for pairs [qFrom, qTo) over a chunk, blocks of R rows.
      const ex = stores.get(I[3]);
      const rows = a(0), d = a(1), R = a(20);
      for (let i0 = 0; i0 < rows; i0 += R) {
        ex.multinomialGramRows(Math.min(R, rows - i0), d, a(2), a(3) + i0 * d * 8, a(4) === 0 ? 0 : a(4) + i0 * 8, a(5), a(6), a(7), a(8),
          a(9), a(10), a(11), a(12), a(13), a(14), a(15), a(16), a(17), a(18), a(19));
      }
    } else if (op === ${OP_MPAIRS}) {
      // rows d K X sw w bias center scale ones B D P scratch acc c ca G R counter tag: all rows'
      // probabilities and scaled rows, then class pairs claimed one at a time from the shared
      // counter (slot 0 the next summed pair, slot 1 + q the owner of pair q) until none is left;
      // pair q's block at G + q·D².
      const ex = stores.get(I[3]);
      const rows = a(0), d = a(1), K = a(2), D = a(11), R = a(18), tag = a(20);
      const C = new Int32Array(shared.get(a(19)).buffer);
      ex.softmaxRows(rows, d, K, a(3), 0, 0, a(5), a(6), 0, 0, a(14), a(13), a(12));
      ex.scaleRows(rows, d, a(3), a(7), a(8), a(9), a(10), D, 0);
      const Q = ((K - 1) * K) / 2;
      for (;;) {
        const q = Atomics.add(C, 0, 1);
        if (q >= Q) break;
        let k = 0, rest = q;
        while (rest >= K - 1 - k) { rest -= K - 1 - k; k++; }
        ex.multinomialPairGram(rows, K, R, a(12), a(10), D, a(4), a(15), a(16), a(17) + q * D * D * 8, k, k + rest);
        C[1 + q] = tag;
      }
    } else if (op !== ${OP_EXIT}) {
      const ex = stores.get(I[3]);
      // Slice k covers the block's rows [I[SL + k], I[SL + k + 1]); outputs per slice at a stride.
      const m = I[${SLICE_COUNT}];
      for (let k = 0; k < m; k++) {
        const r0 = I[${SLICE_TABLE} + k];
        const rows = I[${SLICE_TABLE} + k + 1] - r0;
        if (op === ${OP_BINARY} || op === ${OP_SQUARED}) {
          // rows d X y sw w | grad acc hw strides: a(6) grad stride, a(7) acc base, a(8) hw
          const X = a(2) + r0 * a(1) * 8, y = a(3) + r0 * 8, sw = a(4) === 0 ? 0 : a(4) + r0 * 8;
          const grad = a(9) + k * a(6), acc = a(7) + k * 16;
          if (op === ${OP_BINARY}) ex.binaryRows(rows, a(1), X, y, sw, a(5), Fd[16], grad, acc, a(8) === 0 ? 0 : a(8) + r0 * 8);
          else ex.squaredRows(rows, a(1), X, y, sw, a(5), Fd[16], grad, acc);
        } else if (op === ${OP_SOFTMAX}) {
          // d K X yIdx sw w bias grad gbias acc scratch gStride bStride
          const d = a(0), K = a(1);
          ex.softmaxRows(rows, d, K, a(2) + r0 * d * 8, a(3) + r0 * 4, a(4) === 0 ? 0 : a(4) + r0 * 8, a(5), a(6),
            a(7) + k * a(11), a(8) === 0 ? 0 : a(8) + k * a(12), a(9) + k * 16, a(10), 0);
        } else if (op === ${OP_GRAM}) {
          // d X h center scale ones B D H ca R y: blocks of R rows, scaled then added; H per slice.
          const d = a(0), D = a(7), R = a(10), H = a(8) + k * D * D * 8;
          for (let i0 = r0; i0 < r0 + rows; i0 += R) {
            const r = Math.min(R, r0 + rows - i0);
            ex.scaleRows(r, d, a(1) + i0 * d * 8, a(3), a(4), a(5), a(6), D, a(11) === 0 ? 0 : a(11) + i0 * 8);
            ex.gramRows(r, D, a(6), a(2) === 0 ? 0 : a(2) + i0 * 8, H, D, a(9));
          }
        } else if (op === ${OP_COLSUMS}) {
          const d = a(0);
          ex.weightedColumnSums(rows, d, a(1) + r0 * d * 8, a(2) === 0 ? 0 : a(2) + r0 * 8, a(4) + k * d * 8);
        } else if (op === ${OP_COLSQUARES}) {
          const d = a(0);
          ex.weightedColumnSquares(rows, d, a(1) + r0 * d * 8, a(2) === 0 ? 0 : a(2) + r0 * 8, a(3), a(4) + k * d * 8);
        }
      }
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
  /** Staging instance for passes over an X that is not pinned (see scaledWeightedGramStreamed). */
  stage: Part | null = null;
  /** The SharedArrayBuffers this worker has been given (see predictThreaded), with their ids there. */
  readonly shared = new WeakMap<SharedArrayBuffer, number>();

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

  /** Whether the last started operation is done (no waiting); throws as `finish` does if it failed. */
  done(): boolean {
    if (Atomics.load(this.I, 1) !== this.seq) return false;
    if (this.I[4] !== 0) throw new Error('logit threads: a worker failed during a pass');
    return true;
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
 * workers), or `'auto'` for the number of cores; at most 8 are used (a large pass has eight
 * fixed row slices). Without a call, the first fit of a large X in Node starts `'auto'` in the
 * background (the environment variable LOGIT_THREADS=1|k|auto overrides that); awaiting
 * setThreads makes the workers ready for the very first fit. Returns the number now in use, which is 1 where worker threads, shared
 * WebAssembly memory or WebAssembly SIMD are unavailable (browsers for now, or pages that are
 * not cross-origin isolated). Workers start once (tens of milliseconds each) and do not keep the
 * process alive. Only passes over n·d ≥ 2¹⁸ entries are split, and they give the same bits on
 * any number of threads (slices.ts); smaller fits run on the calling thread as before.
 * Cost: O(T) worker start-ups; afterwards a pinned pass costs O(n·d/T) per thread plus
 * O(T·(d·K + n/T)) for the hand-off and the sums.
 */
export async function setThreads(count: number | 'auto'): Promise<number> {
  if (count !== 'auto' && !(typeof count === 'number' && Number.isInteger(count) && count >= 1 && count <= 256)) {
    throw new LogitRangeError(`threads must be an integer from 1 to 256 or 'auto'; received ${describe(count)}`, { parameter: 'threads', value: count });
  }
  explicit = true;
  return startPool(count);
}

/** The latest request wins: a start still in flight when another request comes is discarded. */
let request = 0;
/** Whether the user (or LOGIT_THREADS) has chosen a thread count; then nothing starts on its own. */
let explicit = false;
let autoStarting = false;

async function startPool(count: number | 'auto'): Promise<number> {
  const mine = ++request;
  const want = Math.min(SLICES, count === 'auto' ? await availableCores() : count);
  if (mine !== request) return threads();
  if (want - 1 === pool.length && pool.every((w) => !w.dead)) return threads();
  await stopPool();
  if (want === 1 || mine !== request) return threads();
  const wt = await loadWorkerThreads();
  const module = threadsModule();
  if (wt === null || module === null || mine !== request) return threads();
  const started: PoolWorker[] = [];
  try {
    for (let t = 1; t < want; t++) {
      const ctl = new SharedArrayBuffer(CTL_BYTES);
      const channel = new wt.MessageChannel();
      const worker = new wt.Worker(WORKER_SOURCE, { eval: true, workerData: { module, ctl, port: channel.port2 }, transferList: [channel.port2] });
      started.push(new PoolWorker(worker, channel.port1, ctl));
      await new Promise<void>((resolve, reject) => {
        worker.once('online', () => resolve());
        worker.once('error', (e) => reject(e));
      });
      worker.unref(); // after 'online': an unreferenced worker would let the process exit while it starts
    }
  } catch {
    await Promise.all(started.map((w) => w.worker.terminate()));
    return threads();
  }
  if (mine !== request) {
    // Superseded while starting (e.g. setThreads(1) during an automatic start).
    await Promise.all(started.map((w) => w.worker.terminate()));
    return threads();
  }
  pool = started;
  generation++;
  return threads();
}

function environmentThreads(): number | 'auto' | null {
  const env = (globalThis as unknown as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const v = env?.LOGIT_THREADS?.trim();
  if (v === undefined || v === '') return null;
  if (v === 'auto') return 'auto';
  const k = Number(v);
  return Number.isInteger(k) && k >= 1 && k <= 256 ? k : null;
}

/**
 * Called when a fit pins an X large enough to be sliced: unless a thread count was chosen
 * (setThreads or LOGIT_THREADS), starts the workers for the number of cores in the background.
 * That fit runs on the calling thread; later ones use the workers once they are up. Since
 * sliced passes give the same bits on any number of threads, when the workers arrive never
 * changes a result.
 */
export function requestThreads(): void {
  if (explicit || autoStarting || pool.length > 0) return;
  const env = environmentThreads();
  if (env !== null) explicit = true;
  if (env === 1) return;
  autoStarting = true;
  void startPool(env ?? 'auto').finally(() => {
    autoStarting = false;
  });
}

/** The number of threads the fused passes use now (1 + running workers). */
export function threads(): number {
  return 1 + pool.filter((w) => !w.dead).length;
}


/* ------------------------------------------------------------------------------------------ */
/* Stores split across threads.                                                                 */

/** One worker's block of rows, copied into its shared memory, with a bump allocator above it. */
class Part extends Arena {
  /** Where the running pass left its outputs in this memory (offsets in doubles), read back after it. */
  readonly out = new Int32Array(3);

  constructor(
    readonly worker: PoolWorker,
    readonly id: number,
    memory: GrowableMemory,
    readonly row0: number,
    readonly rows: number,
    /** The block's slice boundaries (rows within the block), written to the worker before each pass. */
    readonly bounds: readonly number[],
    /** Offset (doubles) of the block's first entry. */
    readonly xAt: number,
    fixedTop: number,
  ) {
    super(memory, fixedTop);
  }

  get slices(): number {
    return this.bounds.length - 1;
  }

  /** Writes the integer arguments and the slice table into the worker's control block. */
  args(values: number[]): void {
    const I = this.worker.I;
    for (let k = 0; k < values.length; k++) I[ARG + k] = values[k];
    I[SLICE_COUNT] = this.slices;
    for (let k = 0; k < this.bounds.length; k++) I[SLICE_TABLE + k] = this.bounds[k];
  }
}

/** X split by rows between the calling thread (rows [0, n0)) and the workers. */
export interface ThreadedStore {
  readonly kind: 'threaded';
  readonly X: Float64Array;
  readonly n: number;
  readonly d: number;
  /**
   * The calling thread's block, rows [0, n0): pinned in its own instance when X is small enough
   * (see `pinThreaded`), else null and streamed from the caller's X.
   */
  readonly main: RowStore | null;
  readonly n0: number;
  /** The work per entry of the passes it was made for (`sliceCount`): 1, or K for softmax passes. */
  readonly perEntry: number;
  /** The fixed slices of a pass over X (slices.ts), and how many of them run on the calling thread. */
  readonly count: number;
  readonly mainSlices: number;
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
 * Splits X (n × d) between the calling thread and the workers along the fixed slices of
 * slices.ts (the calling thread takes the first group), or returns null when there are no
 * workers, X is too small to be sliced or the memory cannot be had. Cost: one copy of X.
 */
export function pinThreaded(X: Float64Array, n: number, d: number, pinMain: boolean, perEntry = 1): ThreadedStore | null {
  const count = sliceCount(n, d, perEntry);
  const live = pool.filter((w) => !w.dead).slice(0, SLICES - 1);
  if (live.length === 0 || count < 2) return null;
  const wa = wasmApi();
  if (wa === null || threadsModule() === null) return null;
  const T = live.length + 1;
  const mainSlices = threadSlices(count, T, 0)[1];
  const n0 = sliceStart(n, count, mainSlices);
  const main = pinMain ? pinRows(X.subarray(0, n0 * d), n0, d) : null;
  if (pinMain && main === null) return null;
  const parts: Part[] = [];
  try {
    for (let t = 1; t < T; t++) {
      const [from, to] = threadSlices(count, T, t);
      const row0 = sliceStart(n, count, from);
      const rows = sliceStart(n, count, to) - row0;
      const w = live[t - 1];
      const id = nextId++;
      const bytes = 65536 + rows * d * 8 + 65536;
      const memory = new wa.Memory({ initial: Math.ceil(bytes / 65536), maximum: 65536, shared: true });
      w.port.postMessage({ memory });
      w.start(OP_ATTACH, id);
      w.finish();
      const heapBase = w.I[ARG];
      const xAt = firstFreeDouble(heapBase);
      const bounds: number[] = [];
      for (let k = from; k <= to; k++) bounds.push(sliceStart(n, count, k) - row0);
      const part = new Part(w, id, memory, row0, rows, bounds, xAt, xAt + ((rows * d + 1) & ~1));
      part.commit();
      part.F.set(X.subarray(row0 * d, (row0 + rows) * d), xAt);
      parts.push(part);
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
  const store: ThreadedStore = { kind: 'threaded', X, n, d, perEntry, main, n0, count, mainSlices, parts, generation };
  if (registry !== null) for (const p of parts) registry.register(store, { worker: p.worker, id: p.id, generation });
  return store;
}

/** Where the calling thread reads its rows: its pinned block, or X streamed. */
let streamed: RowSource | null = null;
function mainSource(store: ThreadedStore): RowSource {
  if (store.main !== null) return store.main;
  if (streamed === null) {
    const ws = streamingWorkspace();
    if (ws === null) throw new Error('logit threads: WebAssembly became unavailable');
    streamed = { ws, xAt: -1 };
  }
  return streamed;
}

/** The array the calling thread's slices index (rows from 0): its pinned block's source, or X. */
function mainRows(store: ThreadedStore): Float64Array {
  return store.main !== null ? store.main.X : store.X;
}

/** Whether a threaded store can still run on the current pool. */
export function threadedUsable(store: ThreadedStore): boolean {
  return store.generation === generation && store.parts.every((p) => !p.worker.dead);
}

/* ------------------------------------------------------------------------------------------ */
/* Threaded passes: same arguments and the same operations as the one-thread sliced passes;     */
/* the workers' slices are added after the calling thread's, in slice order.                    */

function copyIn(F: Float64Array, at: number, src: Float64Array, from: number, count: number): void {
  F.set(src.subarray(from, from + count), at);
}

/** Doubles rounded up to an even count (16-byte strides). */
function even(doubles: number): number {
  return (doubles + 1) & ~1;
}

/** Binary log loss or squared error over a threaded store (see linearSlices). */
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
  const { d, parts, n } = store;
  const gStride = even(d);
  for (const p of parts) {
    p.reset();
    const m = p.slices;
    const pw = p.take(d);
    const pg = p.take(m * gStride);
    const pacc = p.take(2 * m);
    const py = p.take(p.rows);
    const psw = sw === null ? 0 : p.take(p.rows);
    const phw = hw === null ? 0 : p.take(p.rows);
    p.commit();
    const F = p.F;
    F.set(params.subarray(0, d), pw);
    F.fill(0, pg, pg + m * gStride);
    F.fill(0, pacc, pacc + 2 * m);
    copyIn(F, py, y, p.row0, p.rows);
    if (sw !== null) copyIn(F, psw, sw, p.row0, p.rows);
    p.worker.F[16] = fitIntercept ? params[d] : 0;
    p.args([0, d, p.xAt << 3, py << 3, psw << 3, pw << 3, gStride << 3, pacc << 3, phw << 3, pg << 3]);
    p.worker.start(squared ? OP_SQUARED : OP_BINARY, p.id);
    p.out[0] = pg;
    p.out[1] = pacc;
    p.out[2] = phw;
  }
  let loss = linearSlices(mainSource(store), squared, n, store.count, 0, store.mainSlices, d, mainRows(store), y, sw, params, grad, og, fitIntercept, hw);
  for (let t = 0; t < parts.length; t++) {
    const p = parts[t];
    p.worker.finish();
    const F = p.F;
    const [pg, pacc, phw] = p.out;
    for (let k = 0; k < p.slices; k++) {
      loss += F[pacc + 2 * k];
      const o = pg + k * gStride;
      for (let j = 0; j < d; j++) grad[og + j] += F[o + j];
      if (fitIntercept) grad[og + d] += F[pacc + 2 * k + 1];
    }
    if (hw !== null) hw.set(F.subarray(phw, phw + p.rows), p.row0);
  }
  return loss;
}

/** Multinomial loss and gradient over a threaded store (see multinomialSlices). */
export function multinomialPassThreaded(
  store: ThreadedStore,
  K: number,
  yIdx: Int32Array,
  sw: Float64Array | null,
  params: Float64Array,
  grad: Float64Array,
  fitIntercept: boolean,
  scratch: Float64Array,
): number {
  const { d, parts, n } = store;
  const Kd = K * d;
  const gStride = even(Kd);
  const bStride = even(K);
  for (const p of parts) {
    p.reset();
    const m = p.slices;
    const pw = p.take(Kd);
    const pbias = fitIntercept ? p.take(K) : 0;
    const pg = p.take(m * gStride);
    const pgb = fitIntercept ? p.take(m * bStride) : 0;
    const pacc = p.take(2 * m);
    const pscr = p.take(2 * K);
    const py = p.take((p.rows + 1) >> 1);
    const psw = sw === null ? 0 : p.take(p.rows);
    p.commit();
    const { F, I } = p;
    F.set(params.subarray(0, Kd), pw);
    if (fitIntercept) F.set(params.subarray(Kd, Kd + K), pbias);
    F.fill(0, pg, pg + m * gStride);
    if (fitIntercept) F.fill(0, pgb, pgb + m * bStride);
    F.fill(0, pacc, pacc + 2 * m);
    I.set(yIdx.subarray(p.row0, p.row0 + p.rows), py << 1);
    if (sw !== null) copyIn(F, psw, sw, p.row0, p.rows);
    p.args([d, K, p.xAt << 3, py << 3, psw << 3, pw << 3, pbias << 3, pg << 3, pgb << 3, pacc << 3, pscr << 3, gStride << 3, bStride << 3]);
    p.worker.start(OP_SOFTMAX, p.id);
    p.out[0] = pg;
    p.out[1] = pgb;
    p.out[2] = pacc;
  }
  let loss = multinomialSlices(mainSource(store), n, store.count, 0, store.mainSlices, d, K, mainRows(store), yIdx, sw, params, grad, fitIntercept, scratch);
  for (let t = 0; t < parts.length; t++) {
    const p = parts[t];
    p.worker.finish();
    const F = p.F;
    const [pg, pgb, pacc] = p.out;
    for (let k = 0; k < p.slices; k++) {
      loss += F[pacc + 2 * k];
      const o = pg + k * gStride;
      for (let j = 0; j < Kd; j++) grad[j] += F[o + j];
      if (fitIntercept) for (let c = 0; c < K; c++) grad[Kd + c] += F[pgb + k * bStride + c];
    }
  }
  return loss;
}

/** Weighted Gram (upper triangle) over a threaded store (see gramSlices). */
export function scaledWeightedGramThreaded(
  store: ThreadedStore,
  h: Float64Array | null,
  center: Float64Array | null,
  scale: Float64Array | null,
  ones: boolean,
  H: Float64Array,
  oH: number,
  ldH: number,
  y: Float64Array | null = null,
): void {
  const { d, parts, n } = store;
  const D = gramWidth(d, ones, y);
  const R = gramBlockRows(D);
  for (const p of parts) {
    p.reset();
    const m = p.slices;
    const pc = center === null ? 0 : p.take(d);
    const ps = scale === null ? 0 : p.take(d);
    const pB = p.take(R * D);
    const pca = p.take(2 * R);
    const ph = h === null ? 0 : p.take(p.rows);
    const py = y === null ? 0 : p.take(p.rows);
    const pH = p.take(m * D * D + 1);
    p.commit();
    const F = p.F;
    if (center !== null) F.set(center.subarray(0, d), pc);
    if (scale !== null) F.set(scale.subarray(0, d), ps);
    if (h !== null) copyIn(F, ph, h, p.row0, p.rows);
    if (y !== null) copyIn(F, py, y, p.row0, p.rows);
    F.fill(0, pH, pH + m * D * D);
    p.args([d, p.xAt << 3, ph << 3, pc << 3, ps << 3, ones ? 1 : 0, pB << 3, D, pH << 3, pca << 3, R, py << 3]);
    p.worker.start(OP_GRAM, p.id);
    p.out[0] = pH;
  }
  gramSlices(mainSource(store), n, store.count, 0, store.mainSlices, d, mainRows(store), h, center, scale, ones, H, oH, ldH, y);
  for (let t = 0; t < parts.length; t++) {
    const p = parts[t];
    p.worker.finish();
    const F = p.F;
    for (let k = 0; k < p.slices; k++) {
      const o = p.out[0] + k * D * D;
      for (let a = 0; a < D; a++) for (let b = a; b < D; b++) H[oH + a * ldH + b] += F[o + a * D + b];
    }
  }
}

/** Column sums or centred squares over a threaded store (see columnMomentSlices). */
export function columnMomentThreaded(store: ThreadedStore, sw: Float64Array | null, mean: Float64Array | null, out: Float64Array): void {
  const { d, parts, n } = store;
  for (const p of parts) {
    p.reset();
    const m = p.slices;
    const pm = mean === null ? 0 : p.take(d);
    const po = p.take(m * d + 1);
    const psw = sw === null ? 0 : p.take(p.rows);
    p.commit();
    const F = p.F;
    if (mean !== null) F.set(mean.subarray(0, d), pm);
    F.fill(0, po, po + m * d);
    if (sw !== null) copyIn(F, psw, sw, p.row0, p.rows);
    p.args([d, p.xAt << 3, psw << 3, pm << 3, po << 3]);
    p.worker.start(mean === null ? OP_COLSUMS : OP_COLSQUARES, p.id);
    p.out[0] = po;
  }
  columnMomentSlices(mainSource(store), n, store.count, 0, store.mainSlices, d, mainRows(store), sw, mean, out);
  for (let t = 0; t < parts.length; t++) {
    const p = parts[t];
    p.worker.finish();
    const F = p.F;
    for (let k = 0; k < p.slices; k++) {
      const o = p.out[0] + k * d;
      for (let j = 0; j < d; j++) out[j] += F[o + j];
    }
  }
}

/* ------------------------------------------------------------------------------------------ */
/* A pass over an X that is not pinned: the calling thread copies each worker's rows into that  */
/* worker's memory a chunk at a time. Worth it only where the work per entry is large (the Gram */
/* matrix: D/2 multiply-adds per entry, against one memcpy).                                    */

/** The worker's staging instance, attached on first use and kept with the pool. */
function stagingPart(w: PoolWorker): Part | null {
  if (w.stage !== null) return w.stage;
  const wa = wasmApi();
  if (wa === null || threadsModule() === null) return null;
  const id = nextId++;
  const memory = new wa.Memory({ initial: 64, maximum: 65536, shared: true });
  w.port.postMessage({ memory });
  w.start(OP_ATTACH, id);
  w.finish();
  const xAt = firstFreeDouble(w.I[ARG]);
  w.stage = new Part(w, id, memory, 0, 0, [0, 0], xAt, xAt);
  return w.stage;
}

/** The staging parts of up to `max` live workers, or null when no worker runs or a staging memory cannot be had. */
function stagingParts(max: number): Part[] | null {
  const live = pool.filter((w) => !w.dead).slice(0, max);
  if (live.length === 0) return null;
  const parts: Part[] = [];
  for (const w of live) {
    const p = stagingPart(w);
    if (p === null) return null;
    parts.push(p);
  }
  return parts;
}

/** A staging memory above this size (outputs of a large prediction) is dropped after use rather than kept. */
const STAGE_KEEP_BYTES = 64 * 2 ** 20;

/** Lets the worker drop a staging instance that grew past STAGE_KEEP_BYTES (memories cannot shrink). */
function releaseLargeStage(p: Part): void {
  if (p.memory.buffer.byteLength <= STAGE_KEEP_BYTES || p.worker.stage !== p) return;
  p.worker.stage = null;
  p.worker.start(OP_DROP, p.id);
  p.worker.finish();
}

/** Bytes the workers hold in staging memories now (for tests of the release rule). */
export function stagedBytes(): number {
  return pool.reduce((sum, w) => sum + (w.stage === null ? 0 : w.stage.memory.buffer.byteLength), 0);
}

/** Rows per copied chunk: about 2 MB of X, a whole number of Gram blocks. */
function chunkRows(d: number, R: number): number {
  return R * Math.max(1, Math.floor((1 << 18) / Math.max(1, d) / R));
}

/**
 * The weighted Gram (upper triangle, accumulated onto H) of an X that is not pinned, split over
 * the workers. The calling thread, the only one that can read X, forms slice 0 onto H and hands
 * out the other slices one at a time to whichever thread is free, itself included: a worker's
 * slice is copied into its memory a chunk at a time (whole kernel blocks from the slice's start)
 * whenever the worker has finished the previous chunk, and between those copies the calling
 * thread forms its own slices a quarter chunk at a time. So a worker whose core is busy takes
 * fewer slices instead of holding the pass up, and every slice's partial sum is the one
 * `gramSlices` forms on one thread, added onto H in slice order: the same bits. Returns false
 * (nothing done) when there are no workers or the pass is not sliced. Cost: n·D²/2 multiply-adds
 * over T threads, plus a copy of the workers' rows on the calling thread.
 */
export function scaledWeightedGramStreamed(
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
): boolean {
  const count = sliceCount(n, d);
  const parts = count < 2 ? null : stagingParts(SLICES - 1);
  if (parts === null) return false;
  const D = gramWidth(d, ones, y);
  const R = gramBlockRows(D);
  const C = chunkRows(d, R);
  const step = R * Math.max(1, Math.floor(C / R / 4));
  const DD = D * D;
  // Partial sums of slices 1 … count − 1, wherever they are formed: [memory, offset].
  const partial: [Float64Array, number][] = [];
  // Worker staging layout: X chunk, h chunk, y chunk, centre, scale, B, ca, then room for a
  // partial per slice it may take.
  const layout = parts.map((p) => {
    p.reset();
    const px = p.take(C * d);
    const ph = h === null ? 0 : p.take(C);
    const py = y === null ? 0 : p.take(C);
    const pc = center === null ? 0 : p.take(d);
    const ps = scale === null ? 0 : p.take(d);
    const pB = p.take(R * D);
    const pca = p.take(2 * R);
    const pH = p.take(count * DD + 1);
    p.commit();
    if (center !== null) p.F.set(center.subarray(0, d), pc);
    if (scale !== null) p.F.set(scale.subarray(0, d), ps);
    return { px, ph, py, pc, ps, pB, pca, pH, slice: -1, row: 0, busy: false };
  });
  let nextSlice = 1;
  // The calling thread's slice in progress and its next row.
  let mine = 0;
  let row = 0;
  let own: Float64Array | null = null;
  const sliceEnd = (sl: number): number => sliceStart(n, count, sl + 1);
  for (;;) {
    // Feed every worker that is free: the next chunk of its slice, or a new slice.
    for (let i = 0; i < parts.length; i++) {
      const L = layout[i];
      const p = parts[i];
      if (L.busy) {
        if (!p.worker.done()) continue;
        L.busy = false;
      }
      if (L.slice < 0 || L.row >= sliceEnd(L.slice)) {
        if (nextSlice >= count) continue;
        L.slice = nextSlice++;
        L.row = sliceStart(n, count, L.slice);
        const at = L.pH + L.slice * DD;
        p.F.fill(0, at, at + DD);
        partial[L.slice] = [p.F, at];
      }
      const r0 = L.row;
      const rows = Math.min(C, sliceEnd(L.slice) - r0);
      L.row += rows;
      if (rows === 0) continue;
      p.F.set(X.subarray(r0 * d, (r0 + rows) * d), L.px);
      if (h !== null) p.F.set(h.subarray(r0, r0 + rows), L.ph);
      if (y !== null) p.F.set(y.subarray(r0, r0 + rows), L.py);
      p.args([d, L.px << 3, L.ph << 3, L.pc << 3, L.ps << 3, ones ? 1 : 0, L.pB << 3, D, (L.pH + L.slice * DD) << 3, L.pca << 3, R, L.py << 3]);
      p.worker.I[SLICE_COUNT] = 1;
      p.worker.I[SLICE_TABLE] = 0;
      p.worker.I[SLICE_TABLE + 1] = rows;
      p.worker.start(OP_GRAM, p.id);
      L.busy = true;
    }
    // A quarter chunk of the calling thread's own slice, or a new slice, or wait.
    if (mine >= 0 && row >= sliceEnd(mine)) {
      mine = nextSlice < count ? nextSlice++ : -1;
      if (mine >= 0) {
        row = sliceStart(n, count, mine);
        own = new Float64Array(DD);
        partial[mine] = [own, 0];
      }
    }
    if (mine >= 0) {
      const rows = Math.min(step, sliceEnd(mine) - row);
      if (rows > 0) {
        const hs = h === null ? null : h.subarray(row, row + rows);
        const ys = y === null ? null : y.subarray(row, row + rows);
        const into = mine === 0 ? H : (own as Float64Array);
        scaledWeightedGramWasm(src, rows, d, X.subarray(row * d, (row + rows) * d), hs, center, scale, ones, into, mine === 0 ? oH : 0, mine === 0 ? ldH : D, ys);
      }
      row += rows;
      continue;
    }
    // Nothing left for this thread: wait for a worker that is still busy, or finish.
    const busy = layout.findIndex((L) => L.busy);
    if (busy < 0 && layout.every((L) => L.slice < 0 || L.row >= sliceEnd(L.slice))) break;
    if (busy >= 0) {
      parts[busy].worker.finish();
      layout[busy].busy = false;
    }
  }
  for (let sl = 1; sl < count; sl++) {
    const [F, o] = partial[sl];
    for (let a = 0; a < D; a++) for (let b = a; b < D; b++) H[oH + a * ldH + b] += F[o + a * D + b];
  }
  return true;
}

/** Below this many multiply-adds (n·(K−1)K/2·D²/2) the multinomial Hessian stays on one thread. */
const MGRAM_THREAD_WORK = 1 << 22;

/**
 * The class-pair Grams of the multinomial Hessian (multinomialGramWasm's compact blocks G,
 * zeroed here) with the pairs split across the workers: each thread takes a run of the
 * (K−1)K/2 pairs summed over the rows and goes through all rows for them. X is copied to the
 * workers a chunk at a time (whole kernel blocks from row 0, about 2 MB), so every block sees
 * exactly the additions of the one-thread pass: the same bits on any number of threads.
 * Returns false (nothing done) when there are no workers or the work is too small to pay for
 * waking them. Cost: n·((K−1)K/2)·D²/2 multiply-adds over T threads, plus a copy of X per worker
 * on the calling thread (n·d, against that work's D·(K−1)K/4 per entry).
 */
export function multinomialGramThreaded(
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
): boolean {
  const D = fitIntercept ? d + 1 : d;
  const DD = D * D;
  const Q = ((K - 1) * K) / 2;
  if (Q < 2 || (n * Q * DD) / 2 < MGRAM_THREAD_WORK) return false;
  const parts = stagingParts(Math.min(SLICES, Q) - 1);
  if (parts === null) return false;
  const R = gramBlockRows(D);
  const C = chunkRows(d, R);
  const job: SoftmaxGramJob = { n, d, K, X, sw, w, fitIntercept, center, scale };
  if (n <= C) {
    multinomialPairsClaimed(src, parts, job, G);
    return true;
  }
  const T = parts.length + 1;
  // The summed pairs in compact order; thread t takes the t-th run of them.
  const summed: number[] = [];
  for (let k = 0; k < K - 1; k++) for (let l = k; l < K - 1; l++) summed.push(classPair(K, k, l));
  const total = (K * (K + 1)) / 2;
  const edge = (t: number): number => (t === T ? total : summed[Math.floor((t * Q) / T)]);
  G.fill(0, 0, total * DD);
  const layout = parts.map((p, i) => {
    const from = edge(i + 1);
    const to = edge(i + 2);
    const L = softmaxGramLayout(p, C, R, to - from, job);
    return { ...L, from, to, args: [...L.args, from, to, R] };
  });
  const mine = { from: edge(0), to: edge(1) };
  for (let r0 = 0; r0 < n; r0 += C) {
    const rows = Math.min(C, n - r0);
    for (let i = 0; i < parts.length; i++) {
      const L = layout[i];
      const p = parts[i];
      p.F.set(X.subarray(r0 * d, (r0 + rows) * d), L.px);
      if (sw !== null) p.F.set(sw.subarray(r0, r0 + rows), L.psw);
      L.args[0] = rows;
      p.args(L.args);
      p.worker.start(OP_MGRAM, p.id);
    }
    const swc = sw === null ? null : sw.subarray(r0, r0 + rows);
    multinomialGramWasm(src, rows, d, K, X.subarray(r0 * d, (r0 + rows) * d), swc, w, fitIntercept, center, scale, G, mine);
    for (const p of parts) p.worker.finish();
  }
  for (let i = 0; i < parts.length; i++) {
    const L = layout[i];
    G.set(parts[i].F.subarray(L.pG, L.pG + (L.to - L.from) * DD), L.from * DD);
    releaseLargeStage(parts[i]);
  }
  return true;
}

/** The inputs of a multinomial Hessian pass (see multinomialGramThreaded). */
interface SoftmaxGramJob {
  readonly n: number;
  readonly d: number;
  readonly K: number;
  readonly X: Float64Array;
  readonly sw: Float64Array | null;
  readonly w: Float64Array;
  readonly fitIntercept: boolean;
  readonly center: Float64Array | null;
  readonly scale: Float64Array | null;
}

/** Offsets (doubles) of the multinomial Hessian kernels' buffers in one memory, and the kernels' first 18 arguments. */
interface SoftmaxGramLayout {
  readonly px: number;
  readonly psw: number;
  readonly pG: number;
  readonly args: number[];
}

/**
 * Takes the buffers of the multinomial Hessian kernels (`multinomialGramRows`,
 * `multinomialPairGram`) in `a`: `rows` rows of X and their weights, the model (weights,
 * intercepts, centre and scale, written here), scaled rows B and probabilities P for `blockRows`
 * rows, scratch, and `blocks` zeroed D × D blocks. The caller writes the rows. Cost: O(blocks·D²).
 */
function softmaxGramLayout(a: Arena, rows: number, blockRows: number, blocks: number, job: SoftmaxGramJob): SoftmaxGramLayout {
  const { d, K, sw, w, fitIntercept, center, scale } = job;
  const D = fitIntercept ? d + 1 : d;
  const R = gramBlockRows(D);
  const Kd = K * d;
  a.reset();
  const px = a.take(rows * d);
  const psw = sw === null ? 0 : a.take(rows);
  const pw = a.take(Kd);
  const pbias = fitIntercept ? a.take(K) : 0;
  const pc = center === null ? 0 : a.take(d);
  const ps = scale === null ? 0 : a.take(d);
  const pB = a.take(blockRows * D);
  const pP = a.take(blockRows * K);
  const pscr = a.take(2 * K);
  const pacc = a.take(2);
  const pc2 = a.take(R);
  const pca = a.take(2 * R);
  const pG = a.take(blocks * D * D + 1);
  a.commit();
  const F = a.F;
  F.set(w.subarray(0, Kd), pw);
  if (fitIntercept) F.set(w.subarray(Kd, Kd + K), pbias);
  if (center !== null) F.set(center.subarray(0, d), pc);
  if (scale !== null) F.set(scale.subarray(0, d), ps);
  F.fill(0, pG, pG + blocks * D * D);
  const args = [rows, d, K, px << 3, psw << 3, pw << 3, pbias << 3, pc << 3, ps << 3, fitIntercept ? 1 : 0, pB << 3, D, pP << 3, pscr << 3, pacc << 3, pc2 << 3, pca << 3, pG << 3];
  return { px, psw, pG, args };
}

/** Slot 0: the next summed class pair to claim; slot 1 + q: who formed pair q (1 the calling thread, 2 + i worker i). */
let pairCounter: Int32Array | null = null;

/** The (k, l), k ≤ l < K − 1, of the q-th summed class pair in compact order. */
function summedPair(K: number, q: number): [number, number] {
  let k = 0;
  let rest = q;
  while (rest >= K - 1 - k) {
    rest -= K - 1 - k;
    k++;
  }
  return [k, k + rest];
}

/**
 * multinomialGramThreaded for rows that fit in one chunk: every thread forms all rows'
 * probabilities and scaled rows, then claims class pairs one at a time from a shared counter
 * (`Atomics.add`) and forms each over all rows (`multinomialPairGram`), so a thread that runs
 * slower (its core shared, say) simply forms fewer pairs. Which thread forms a pair does not
 * change its additions: the bits are the one-thread pass's.
 */
function multinomialPairsClaimed(src: RowSource, parts: Part[], job: SoftmaxGramJob, G: Float64Array): void {
  const { n, d, K, X, sw, fitIntercept } = job;
  const D = fitIntercept ? d + 1 : d;
  const DD = D * D;
  const Q = ((K - 1) * K) / 2;
  const R = gramBlockRows(D);
  if (pairCounter === null || pairCounter.length < 1 + Q) pairCounter = new Int32Array(new SharedArrayBuffer(8 * (1 + Math.max(Q, 64)))); // whole doubles: the workers map shared buffers as Float64Array
  const counter = pairCounter;
  counter.fill(0, 0, 1 + Q);
  // Each thread gets all n rows, and B and P for all of them.
  const place = (a: Arena, blocks: number): SoftmaxGramLayout => {
    const L = softmaxGramLayout(a, n, n, blocks, job);
    a.F.set(X.subarray(0, n * d), L.px);
    if (sw !== null) a.F.set(sw.subarray(0, n), L.psw);
    return L;
  };
  const layouts = parts.map((p, i) => {
    const L = place(p, Q);
    p.args([...L.args, R, shareWith(p.worker, counter.buffer as SharedArrayBuffer), 2 + i]);
    p.worker.start(OP_MPAIRS, p.id);
    return L;
  });
  const { ws } = src;
  const M = place(ws, 1);
  const { ex } = ws;
  const a = (k: number): number => M.args[k];
  ex.softmaxRows(n, d, K, a(3), 0, 0, a(5), a(6), 0, 0, a(14), a(13), a(12));
  ex.scaleRows(n, d, a(3), a(7), a(8), a(9), a(10), D, 0);
  G.fill(0, 0, ((K * (K + 1)) / 2) * DD);
  const F = ws.F;
  for (;;) {
    const q = Atomics.add(counter, 0, 1);
    if (q >= Q) break;
    const [k, l] = summedPair(K, q);
    F.fill(0, M.pG, M.pG + DD);
    ex.multinomialPairGram(n, K, R, a(12), a(10), D, a(4), a(15), a(16), a(17), k, l);
    G.set(F.subarray(M.pG, M.pG + DD), classPair(K, k, l) * DD);
    counter[1 + q] = 1;
  }
  for (const p of parts) p.worker.finish();
  for (let q = 0; q < Q; q++) {
    const owner = counter[1 + q];
    if (owner < 2) continue;
    const [k, l] = summedPair(K, q);
    const at = layouts[owner - 2].pG + q * DD;
    G.set(parts[owner - 2].F.subarray(at, at + DD), classPair(K, k, l) * DD);
  }
  for (const p of parts) releaseLargeStage(p);
}

/* ------------------------------------------------------------------------------------------ */
/* Prediction over a matrix in shared memory.                                                   */

/** The id under which worker w reads `sab` in place, handing it over on first use. */
function shareWith(w: PoolWorker, sab: SharedArrayBuffer): number {
  const known = w.shared.get(sab);
  if (known !== undefined) return known;
  const id = nextId++;
  w.port.postMessage({ sab });
  w.start(OP_SHARE, id);
  w.finish();
  w.shared.set(sab, id);
  return id;
}

/** True when X lives in a SharedArrayBuffer (so worker threads can read it without a copy). */
export function isShared(X: Float64Array): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && X.buffer instanceof SharedArrayBuffer;
}

/** How many of its own blocks the calling thread runs before it tries handing rows out again (predictThreaded). */
const PROBE_BLOCKS = 16;

/** Rows per chunk that predictThreaded hands to a worker: about 1 MB of X, at least one block. */
function predictChunkRows(d: number, R: number): number {
  return Math.max(R, Math.floor((1 << 17) / Math.max(1, d)));
}

/**
 * The prediction pass (kernels/predict.ts) over rows [0, n), split between the calling thread
 * and the workers a chunk of about 1 MB of rows at a time. Each worker has two chunk slots, so
 * it starts its next chunk as soon as it finishes one; between handing chunks out, the calling
 * thread runs blocks of rows itself with `own` (the one-thread pass). Chunks go to whichever
 * thread is free, so a worker slowed by a busy core takes fewer of them.
 *
 * An X in shared memory (`Matrix.shared`) is read by the workers in place (each copies its
 * chunk into its memory a block at a time). An ordinary X only the calling thread can read: it
 * copies each chunk into the worker's memory itself, and keeps the rows when that costs it more
 * per row than running them (a copy between cores is several times slower when the host runs
 * the two threads far apart), trying again every PROBE_BLOCKS of its own blocks. Either way the
 * calling thread copies the workers' outputs into `out`.
 *
 * Rows are independent, so the outputs are bit for bit those of one thread. Returns the first
 * row with a non-finite score (n when none; every row before it is written), or −1 when the pass
 * cannot be split (no workers, or X under 2¹⁸ entries) and nothing was done; starts the workers
 * in the background (as a large fit does) when none are running yet. Cost: O(n·d·K) over T
 * threads; the calling thread copies the workers' outputs out and, for an ordinary X, their
 * rows in (n·(d + stride) doubles at most).
 */
export function predictThreaded(n: number, job: PredictJob, own: (i0: number, i1: number) => number): number {
  const { d, K, X, W, b, mode, scale, out } = job;
  if (n * d < 1 << 18) return -1;
  if (threads() === 1) {
    requestThreads();
    return -1;
  }
  const parts = stagingParts(SLICES - 1);
  if (parts === null) return -1;
  // Row offsets travel as Int32 arguments: a shared X beyond 2³¹ − 1 entries is copied instead.
  const inPlace = isShared(X) && X.byteOffset / 8 + n * d <= 0x7fffffff;
  const base = X.byteOffset / 8;
  const stride = predictStride(mode, K);
  const R = predictBlockRows(d, stride);
  const C = predictChunkRows(d, R);
  interface Slot {
    px: number;
    po: number;
    /** First row and row count of the chunk it holds (rows 0: empty). */
    row0: number;
    rows: number;
    /** How long the calling thread took to copy the chunk in (ms). */
    copyMs: number;
  }
  const layout = parts.map((p) => {
    const sid = inPlace ? shareWith(p.worker, X.buffer as SharedArrayBuffer) : 0;
    p.reset();
    const pW = p.take(K * d);
    const pb = p.take(K);
    const pt = p.take(Math.max(inPlace ? R : C, K) + 2);
    const slots: Slot[] = [0, 1].map(() => ({ px: p.take((inPlace ? R : C) * d), po: p.take(C * stride), row0: 0, rows: 0, copyMs: 0 }));
    p.commit();
    p.F.set(W.subarray(0, K * d), pW);
    p.F.set(b.subarray(0, K), pb);
    p.worker.F[16] = scale;
    return { sid, pW, pb, pt, slots, running: -1 };
  });
  let next = 0;
  let stop = n;
  // The calling thread's cost per row (ms) of running a row itself and of handing it to a worker
  // (copying it in and its outputs out), as moving averages.
  const clock = (globalThis as { performance?: { now(): number } }).performance;
  let ownCost = 0;
  let handCost = 0;
  let sinceHand = 0;
  const average = (mean: number, x: number): number => (mean === 0 ? x : 0.75 * mean + 0.25 * x);
  const ownRows = (i0: number, i1: number): void => {
    const t0 = clock?.now() ?? 0;
    const got = own(i0, i1);
    if (clock !== undefined) ownCost = average(ownCost, (clock.now() - t0) / (i1 - i0));
    if (got < i1) stop = Math.min(stop, got);
    sinceHand++;
  };
  const run = (p: Part, L: (typeof layout)[number], k: number): void => {
    const S = L.slots[k];
    if (inPlace) {
      p.args([L.sid, base + S.row0 * d, S.rows, d, K, mode, L.pW << 3, L.pb << 3, S.px << 3, S.po << 3, L.pt << 3, R, stride]);
      p.worker.start(OP_PREDICT, p.id);
    } else {
      p.args([S.rows, d, K, S.px << 3, L.pW << 3, L.pb << 3, mode, S.po << 3, L.pt << 3]);
      p.worker.start(OP_PREDICT_ROWS, p.id);
    }
    L.running = k;
  };
  // Worker i has finished its running chunk: start the chunk waiting in its other slot, then
  // copy the finished chunk's outputs out and empty its slot.
  const advance = (i: number): void => {
    const p = parts[i];
    const L = layout[i];
    const S = L.slots[L.running];
    L.running = -1;
    const waiting = L.slots.findIndex((T) => T.rows > 0 && T !== S);
    if (waiting >= 0) run(p, L, waiting);
    const t0 = clock?.now() ?? 0;
    const got = p.worker.I[ARG + 13];
    out.set(p.F.subarray(S.po, S.po + got * stride), S.row0 * stride);
    if (got < S.rows) stop = Math.min(stop, S.row0 + got);
    if (clock !== undefined) handCost = average(handCost, (S.copyMs + clock.now() - t0) / S.rows);
    S.rows = 0;
  };
  for (;;) {
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      const L = layout[i];
      if (L.running >= 0 && p.worker.done()) advance(i);
      for (let k = 0; k < 2 && next < stop; k++) {
        const S = L.slots[k];
        if (S.rows > 0 || (handCost > 0 && handCost >= ownCost && sinceHand < PROBE_BLOCKS)) continue;
        const t0 = clock?.now() ?? 0;
        S.row0 = next;
        S.rows = Math.min(C, n - next);
        next += S.rows;
        if (!inPlace) p.F.set(X.subarray(S.row0 * d, next * d), S.px);
        S.copyMs = (clock?.now() ?? 0) - t0;
        sinceHand = 0;
        if (L.running < 0) run(p, L, k);
      }
    }
    if (next < stop) {
      const i0 = next;
      next = Math.min(n, i0 + R);
      ownRows(i0, next);
      continue;
    }
    // No rows left to hand out. A chunk still waiting for its worker is run here; then wait for
    // the chunks the workers are running.
    const busy = layout.findIndex((L) => L.running >= 0);
    if (busy < 0) break;
    const L = layout[busy];
    const waiting = L.slots.find((S, k) => S.rows > 0 && k !== L.running);
    if (waiting !== undefined) {
      ownRows(waiting.row0, waiting.row0 + waiting.rows);
      waiting.rows = 0;
      continue;
    }
    parts[busy].worker.finish();
    advance(busy);
  }
  return stop;
}
