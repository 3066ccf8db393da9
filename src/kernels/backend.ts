import { LogitRangeError, describe } from '../core/errors.js';
import { pinRows, streamingWorkspace, wasmModule, type RowSource, type RowStore } from './wasm.js';
import { pinThreaded, requestThreads, threadedUsable, type ThreadedStore } from './threads.js';
import { sliceCount } from './slices.js';

/** A copy of X for repeated passes: in one instance's memory, or split across worker threads. */
export type PassStore = RowStore | ThreadedStore;

/** Which implementation runs the fused passes: WebAssembly SIMD or pure TypeScript. */
export type KernelBackend = 'wasm' | 'ts';
/** `'auto'`: WebAssembly when the engine has it (with SIMD), else TypeScript. */
export type KernelBackendChoice = KernelBackend | 'auto';

function fromEnvironment(): KernelBackendChoice {
  const env = (globalThis as unknown as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const v = env?.LOGIT_KERNELS;
  return v === 'ts' || v === 'wasm' ? v : 'auto';
}

let choice: KernelBackendChoice = fromEnvironment();

/**
 * Chooses the kernel implementation for every later fit: `'wasm'` (throws when this engine
 * cannot run the WebAssembly SIMD module), `'ts'`, or `'auto'` (the default: WebAssembly when
 * available). The environment variable `LOGIT_KERNELS=ts|wasm` sets the initial choice (a
 * `'wasm'` that is unavailable falls back to TypeScript there). Both give the same results bit
 * for bit; the choice is about speed only. Cost: O(1) (the
 * first WebAssembly use compiles a 13 KB module).
 */
export function setKernelBackend(backend: KernelBackendChoice): void {
  if (backend !== 'auto' && backend !== 'ts' && backend !== 'wasm') {
    throw new LogitRangeError(`kernel backend must be 'auto', 'wasm' or 'ts'; received ${describe(backend)}`, { parameter: 'backend', value: backend });
  }
  if (backend === 'wasm' && wasmModule() === null) {
    throw new LogitRangeError("kernel backend 'wasm' is unavailable here: this engine has no WebAssembly SIMD; use 'ts' or 'auto'", { parameter: 'backend', value: backend });
  }
  choice = backend;
}

/** The implementation the fused passes use now (what `'auto'` resolved to). */
export function kernelBackend(): KernelBackend {
  return choice !== 'ts' && wasmModule() !== null ? 'wasm' : 'ts';
}

let streaming: RowSource | null = null;

/**
 * Where the WebAssembly kernels should read X from, or null when the TypeScript kernels should
 * run: the pinned copy when `store` holds this very X, else streaming through the shared
 * instance.
 */
export function wasmSource(X: Float64Array, store: PassStore | null): RowSource | null {
  if (choice === 'ts') return null;
  if (store !== null && !('kind' in store) && store.X === X) return store;
  if (streaming === null) {
    const ws = streamingWorkspace();
    if (ws === null) return null;
    streaming = { ws, xAt: -1 };
  }
  return streaming;
}

/**
 * Above this size the calling thread streams X instead of copying it (a copy of all of X would
 * take a fit's memory past 1.5 × X + 50 MB); worker threads still get copies of their rows.
 */
export const PIN_ALL_BYTES = 64 * 2 ** 20;

/** Below this many entries X is streamed rather than pinned (it stays in cache either way). */
const PIN_MIN_ENTRIES = 1 << 16;

/**
 * For an objective that will pass over X many times: a copy of X in WebAssembly memory that
 * the kernels read in place (saving a memcpy of X per pass), or null when the TypeScript
 * kernels run, X is small, or the memory is not available. Above PIN_ALL_BYTES the calling
 * thread streams X (no copy). With worker threads running (see `setThreads`) and n·d ≥ 2¹⁸,
 * X is split by rows between the calling thread and the workers (each worker holds a copy of
 * its rows) and the passes run on all of them. `perEntry` is the passes' work per entry (K for
 * softmax passes, see `sliceCount`): it decides the slicing, and only passes of that kind run
 * threaded on the store. The copy costs n·d doubles for as long as the caller keeps the store
 * (one fit). Cost: O(n·d) once.
 */
export function pinForPasses(X: Float64Array, n: number, d: number, perEntry = 1): PassStore | null {
  if (choice === 'ts' || n * d < PIN_MIN_ENTRIES) return null;
  if (sliceCount(n, d, perEntry) > 1) requestThreads();
  // Peak memory: a fit may add at most about half of X (issue 7: ≤ 1.5·|X| + 50 MB). Workers
  // need their rows copied to them; the calling thread copies its own only while X is small.
  const small = n * d * 8 <= PIN_ALL_BYTES;
  return pinThreaded(X, n, d, small, perEntry) ?? (small ? pinRows(X, n, d) : null);
}

/**
 * The threaded store to run a pass on, or null: only a store split across worker threads
 * (see `setThreads`) for this very X and shape and a pass of this work per entry (so its slices
 * are the ones the pass would use on one thread), made for the current pool, with the
 * WebAssembly backend selected.
 */
export function threadedSource(X: Float64Array, n: number, d: number, store: PassStore | null, perEntry = 1): ThreadedStore | null {
  if (choice === 'ts' || store === null || !('kind' in store)) return null;
  if (store.X !== X || store.n !== n || store.d !== d || store.perEntry !== perEntry || !threadedUsable(store)) return null;
  return store;
}

/**
 * A store reading rows [i0, i1) of `store`'s X in place (as the matrix `Xrows`, those rows), or
 * null to stream them: rows held by a worker thread are not readable from the calling thread.
 */
export function rowsOfStore(store: PassStore | null, Xrows: Float64Array, i0: number, i1: number): RowStore | null {
  if (store === null) return null;
  const own = 'kind' in store ? (i1 <= store.n0 ? store.main : null) : store;
  if (own === null) return null;
  return { ...own, X: Xrows, n: i1 - i0, xAt: own.xAt + i0 * own.d };
}
