// Kernel timings against the memory-bandwidth bound, for the perf note. Run after `npm run build`:
//   node scripts/measure/perf-kernels.mjs [ts|wasm|both]
// Not part of the test suite; prints one line per kernel: median ms of 7 runs after 2 warm-ups.
import * as K from '../../dist/kernels/index.js';

const which = process.argv[2] ?? 'both';
let seed = 12345;
function rnd() {
  // xorshift32 -> uniform in (-1, 1); cheap and deterministic.
  seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
  return (seed >>> 0) / 2147483648 - 1;
}
function data(n, d) {
  const X = new Float64Array(n * d);
  for (let i = 0; i < X.length; i++) X[i] = rnd();
  return X;
}
// The machine is shared, so wall time is noisy: report process CPU time (min of 9 after 2 warm-ups).
function time(label, f, flops) {
  for (let r = 0; r < 2; r++) f();
  const ts = [];
  for (let r = 0; r < 9; r++) {
    const c0 = process.cpuUsage();
    f();
    const c = process.cpuUsage(c0);
    ts.push((c.user + c.system) / 1000);
  }
  ts.sort((a, b) => a - b);
  const best = ts[0];
  console.log(`${label.padEnd(46)} ${best.toFixed(2).padStart(8)} ms cpu (median ${ts[4].toFixed(2)})${flops ? `  ${(flops / best / 1e6).toFixed(2)} GFlop/s` : ''}`);
  return best;
}
function readSum(X) {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  const L = X.length;
  let k = 0;
  for (; k + 3 < L; k += 4) { s0 += X[k]; s1 += X[k + 1]; s2 += X[k + 2]; s3 += X[k + 3]; }
  for (; k < L; k++) s0 += X[k];
  return s0 + s1 + s2 + s3;
}

const modes = which === 'both' ? ['ts', 'wasm', 'wasm-pinned'] : [which];
const hasWasm = typeof K.setKernelBackend === 'function';
const { pinRows } = hasWasm ? await import('../../dist/kernels/wasm.js') : {};
const pin = (X, n, d) => (hasWasm && modeNow === 'wasm-pinned' ? pinRows(X, n, d) : null);
let modeNow = 'ts';
for (const mode of modes) {
  if (mode !== 'ts' && !hasWasm) continue;
  modeNow = mode;
  if (hasWasm) K.setKernelBackend(mode === 'ts' ? 'ts' : 'wasm');
  console.log(`--- backend ${mode}`);
  {
    const n = 100000, d = 100;
    const X = data(n, d);
    const y = Float64Array.from({ length: n }, () => (rnd() > 0 ? 1 : 0));
    const w = Float64Array.from({ length: d + 1 }, () => 0.1 * rnd());
    const g = new Float64Array(d + 1);
    const st = pin(X, n, d);
    const bound = time(`read X (sum) ${n}x${d}`, () => readSum(X));
        const t = time(`binaryLogisticPass ${n}x${d}`, () => K.binaryLogisticPass(n, d, X, y, null, w, g, 0, true, null, st), 4 * n * d);
    console.log(`  ratio to bound ${(t / bound).toFixed(2)}`);
  }
  {
    const n = 50000, d = 50, C = 10;
    const X = data(n, d);
    const yIdx = Int32Array.from({ length: n }, () => Math.floor((rnd() + 1) * 5) % C);
    const w = Float64Array.from({ length: C * d + C }, () => 0.1 * rnd());
    const g = new Float64Array(C * d + C);
    const s = new Float64Array(C);
    const st = pin(X, n, d);
    const bound = time(`read X (sum) ${n}x${d}`, () => readSum(X));
        const t = time(`multinomialPass ${n}x${d}x${C}`, () => K.multinomialPass(n, d, C, X, yIdx, null, w, g, true, s, st), 4 * n * d * C);
    console.log(`  ratio to bound ${(t / bound).toFixed(2)}`);
  }
  {
    const n = 20000, d = 50, D = d + 1;
    const X = data(n, d);
    const h = Float64Array.from({ length: n }, () => 0.25 * (rnd() + 1));
    const mu = Float64Array.from({ length: d }, () => 0.1 * rnd());
    const sc = Float64Array.from({ length: d }, () => 1 + 0.1 * rnd());
    const H = new Float64Array(D * D);
    const st = pin(X, n, d);
        time(`scaledWeightedGram ${n}x${d}`, () => { H.fill(0); K.scaledWeightedGram(n, d, X, h, mu, sc, true, H, 0, D, st); }, n * D * D);
  }
  {
    const n = 5000, d = 20, C = 5, D = d + 1, size = C * D;
    const X = data(n, d);
    const w = Float64Array.from({ length: C * d + C }, () => 0.1 * rnd());
    const index = new Int32Array(C * D);
    for (let c = 0; c < C; c++) for (let a = 0; a < D; a++) index[c * D + a] = a < d ? c * d + a : C * d + c;
    const H = new Float64Array(size * size);
    const st = pin(X, n, d);
    const s = new Float64Array(C);
    const G = new Float64Array(((C * (C + 1)) / 2) * D * D);
        time(`multinomialHessianPass ${n}x${d}x${C}`, () => K.multinomialHessianPass(n, d, C, X, null, w, true, null, null, index, H, size, G, st), n * size * size);
  }
}
