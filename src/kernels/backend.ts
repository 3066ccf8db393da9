import { LogitRangeError, describe } from '../core/errors.js';
import { wasmKernels } from './wasm.js';

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
 * first WebAssembly use compiles a 4 KB module).
 */
export function setKernelBackend(backend: KernelBackendChoice): void {
  if (backend !== 'auto' && backend !== 'ts' && backend !== 'wasm') {
    throw new LogitRangeError(`kernel backend must be 'auto', 'wasm' or 'ts'; received ${describe(backend)}`, { parameter: 'backend', value: backend });
  }
  if (backend === 'wasm' && wasmKernels() === null) {
    throw new LogitRangeError("kernel backend 'wasm' is unavailable here: this engine has no WebAssembly SIMD; use 'ts' or 'auto'", { parameter: 'backend', value: backend });
  }
  choice = backend;
}

/** The implementation the fused passes use now (what `'auto'` resolved to). */
export function kernelBackend(): KernelBackend {
  return choice !== 'ts' && wasmKernels() !== null ? 'wasm' : 'ts';
}

/** The WebAssembly exports when they should run, else null (TypeScript). */
export function activeWasm(): ReturnType<typeof wasmKernels> {
  return choice === 'ts' ? null : wasmKernels();
}
