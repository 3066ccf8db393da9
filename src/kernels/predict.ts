/**
 * The prediction pass behind predictProba, predictLogProba, decisionFunction and predict:
 * scores and the requested output in one read of X (see predictTs.ts for the modes and the
 * stop-at-a-non-finite-score contract). Runs on the WebAssembly kernel `predictRows` when the
 * kernel backend is WebAssembly, else on its TypeScript twin; both agree bit for bit.
 * No validation.
 */
import { wasmSource } from './backend.js';
import { predictBlockRows, predictRowsTs, predictStride, type PredictJob } from './predictTs.js';
import { predictThreaded } from './threads.js';

/** The WebAssembly export this file uses (appended to assembly/kernels.ts). */
interface PredictExports {
  predictRows(rows: number, d: number, K: number, X: number, W: number, b: number, mode: number, scale: number, out: number, tmp: number): number;
}

/**
 * Rows [i0, n) of the prediction pass: writes the mode's outputs of each row to out (stride
 * `predictStride(mode, K)`), stopping at the first row with a score that is not finite, whose
 * index it returns (n when none). X is n × d, W is K × d, both row-major; b has K entries.
 * When worker threads run (`setThreads`) and X has at least 2¹⁸ entries, a pass from row 0 is
 * split across them a chunk of rows at a time (threads.ts `predictThreaded`: read in place from
 * a `Matrix.shared` X, copied in by the calling thread from an ordinary one; rows are
 * independent, so the outputs are the same bits). Cost: O((n − i0)·d·K), one read of X
 * (streamed through WebAssembly memory a block at a time).
 */
export function predictPass(
  i0: number,
  n: number,
  d: number,
  K: number,
  X: Float64Array,
  W: Float64Array,
  b: Float64Array,
  mode: number,
  scale: number,
  out: Float64Array,
): number {
  const job: PredictJob = { d, K, X, W, b, mode, scale, out };
  if (i0 === 0) {
    const stop = predictThreaded(n, job, (a, e) => predictRange(a, e, job));
    if (stop >= 0) return stop;
  }
  return predictRange(i0, n, job);
}

/** {@link predictPass} on the calling thread alone. */
function predictRange(i0: number, n: number, job: PredictJob): number {
  const { d, K, X, W, b, mode, scale, out } = job;
  const src = n - i0 > 0 ? wasmSource(X, null) : null;
  if (src === null) return predictRowsTs(i0, n, d, K, X, W, b, mode, scale, out);
  const { ws } = src;
  const ex = ws.ex as unknown as PredictExports;
  const stride = predictStride(mode, K);
  const R = Math.min(n - i0, predictBlockRows(d, stride));
  ws.reset();
  const pW = ws.take(K * d);
  const pb = ws.take(K);
  const px = ws.take(R * d);
  const po = ws.take(R * stride);
  const pt = ws.take(Math.max(R, K) + 2);
  ws.commit();
  const F = ws.F;
  F.set(W.subarray(0, K * d), pW);
  F.set(b.subarray(0, K), pb);
  for (let i = i0; i < n; ) {
    const rows = Math.min(R, n - i);
    F.set(X.subarray(i * d, (i + rows) * d), px);
    const r = ex.predictRows(rows, d, K, px << 3, pW << 3, pb << 3, mode, scale, po << 3, pt << 3);
    out.set(F.subarray(po, po + r * stride), i * stride);
    if (r < rows) return i + r;
    i += rows;
  }
  return n;
}
