import { kernelBackend } from '../kernels/backend.js';
import { Workspace, wasmModule } from '../kernels/wasm.js';

/**
 * The WebAssembly side of `cholesky` (src/linalg/cholesky.ts): A is copied into a private
 * instance's memory, factored there by the kernel `choleskyRows` of assembly/kernels.ts (the
 * same operations in the same order as `choleskyBlocked`, with f64x2 lanes (s₀, s₁), (s₂, s₃)),
 * and copied back.
 */

/** The export of assembly/kernels.ts used here (declared here, not in kernels/wasm.ts, which lists the pass kernels). */
interface CholeskyExports {
  choleskyRows(n: number, A: number): number;
}

/** An instance whose memory is at most this large is kept for the next call; a larger one is dropped after use. */
const KEEP_BYTES = 16 * 2 ** 20;

let kept: Workspace | null = null;

/**
 * Factors A (n × n, row-major) in place as `cholesky` does and returns its result, or null when
 * the TypeScript path must run instead (backend 'ts', no WebAssembly SIMD, or no memory).
 * Allocates nothing after the first call of a given size or smaller (up to KEEP_BYTES).
 * Cost: n³/3 multiply-adds plus 2n² copies.
 */
export function choleskyWasm(n: number, A: Float64Array): number | null {
  if (kernelBackend() !== 'wasm') return null;
  let ws = kept;
  kept = null;
  let at: number;
  try {
    if (ws === null) {
      const m = wasmModule();
      if (m === null) return null;
      ws = new Workspace(m);
    }
    ws.reset();
    at = ws.take(n * n);
    ws.commit();
  } catch {
    return null; // out of memory: the TypeScript path works in place
  }
  const L = ws.F.subarray(at, at + n * n);
  L.set(n * n === A.length ? A : A.subarray(0, n * n));
  const failed = (ws.ex as unknown as CholeskyExports).choleskyRows(n, at * 8);
  A.set(L);
  if (ws.memory.buffer.byteLength <= KEEP_BYTES) kept = ws;
  return failed;
}
