// WebAssembly SIMD (f64x2) versions of logit's hot loops, in AssemblyScript.
//
// Built by `npm run build:wasm` (scripts/build-wasm.mjs) into src/kernels/wasmBytes.ts, which
// embeds the module as base64 so it loads without file access. The JavaScript side
// (src/kernels/wasm.ts) streams X into this module's memory one block of rows at a time, so no
// copy of X outlives a call and memory stays at one block.
//
// Every kernel performs exactly the floating-point operations of its TypeScript twin in
// src/kernels/fusedTs.ts, in the same order (the dot products use eight accumulators, lanes of
// four f64x2 vectors, combined as ((s0+s4)+(s2+s6)) + ((s1+s5)+(s3+s7)), then the tail; wasm
// has no fused multiply-add, so each product is rounded as in JavaScript), and exp, log1p and
// log are the functions of src/kernels/elementary.ts, repeated here operation for operation:
// results agree bit for bit with the TypeScript path. (Importing the host's Math.exp instead
// costs a wasm-to-JS transition per call, about half the time of a 100-feature binary pass.)
//
// Pointers are byte offsets into linear memory; arrays are f64 unless named otherwise.

const LOG2E: f64 = 1.4426950408889634;
const LN2_HI: f64 = 0.6931471803691238;
const LN2_LO: f64 = 1.9082149292705877e-10;
const LN2: f64 = 0.6931471805599453;
const SQRT2: f64 = 1.4142135623730951;
const SQRT2_MINUS_1: f64 = 0.41421356237309503;
const TWO_M64: f64 = 5.421010862427522e-20;

/** e^x for x ≤ 0; see expNonPositive in src/kernels/elementary.ts. */
// @ts-ignore: decorator
@inline
function expNonPositive(x: f64): f64 {
  if (!(x >= -746)) return x == x ? 0 : x;
  const k = Math.floor(x * LOG2E + 0.5);
  const r = x - k * LN2_HI - k * LN2_LO;
  let p: f64 = 1.6059043836821613e-10;
  p = p * r + 2.08767569878681e-9;
  p = p * r + 2.505210838544172e-8;
  p = p * r + 2.755731922398589e-7;
  p = p * r + 2.7557319223985893e-6;
  p = p * r + 2.48015873015873e-5;
  p = p * r + 1.984126984126984e-4;
  p = p * r + 1.3888888888888889e-3;
  p = p * r + 8.333333333333333e-3;
  p = p * r + 4.1666666666666664e-2;
  p = p * r + 0.16666666666666666;
  p = p * r + 0.5;
  p = p * r + 1;
  p = p * r + 1;
  let i = <i64>(-k);
  if (i > 1020) {
    p *= TWO_M64;
    i -= 64;
  }
  return p * reinterpret<f64>((1023 - i) << 52);
}

/** 2·atanh(s) for |s| ≤ 0.172; see elementary.ts. */
// @ts-ignore: decorator
@inline
function log2atanh(s: f64): f64 {
  const s2 = s * s;
  let t: f64 = 0.043478260869565216;
  t = t * s2 + 0.047619047619047616;
  t = t * s2 + 0.05263157894736842;
  t = t * s2 + 0.058823529411764705;
  t = t * s2 + 0.06666666666666667;
  t = t * s2 + 0.07692307692307693;
  t = t * s2 + 0.09090909090909091;
  t = t * s2 + 0.1111111111111111;
  t = t * s2 + 0.14285714285714285;
  t = t * s2 + 0.2;
  t = t * s2 + 0.3333333333333333;
  const twoS = 2 * s;
  return twoS + twoS * (t * s2);
}

/** log(1 + x) for 0 ≤ x ≤ 1; see log1pUnit in elementary.ts. */
// @ts-ignore: decorator
@inline
function log1pUnit(x: f64): f64 {
  if (x < 1e-17) return x;
  if (x <= SQRT2_MINUS_1) return log2atanh(x / (2 + x));
  const f = (x - 1) * 0.5;
  return LN2 + log2atanh(f / (2 + f));
}

/** log(y) for finite y ≥ 1; see logAtLeast1 in elementary.ts. */
function logAtLeast1(y: f64): f64 {
  let k: f64 = 0;
  let m = y;
  while (m > SQRT2) {
    m *= 0.5;
    k++;
  }
  const f = m - 1;
  return k * LN2_HI + (k * LN2_LO + log2atanh(f / (2 + f)));
}

/**
 * The constants of log2atanh2 and log1pUnit2, in memory for the same reason as PR_EXP's:
 * 0–10 the series' coefficients 1/23 … 1/3, 11: 2, 12: SQRT2_MINUS_1, 13: 1, 14: 0.5, 15: LN2,
 * 16: 1e-17.
 */
const LOG_C = memory.data<f64>([
  0.043478260869565216, 0.047619047619047616, 0.05263157894736842, 0.058823529411764705,
  0.06666666666666667, 0.07692307692307693, 0.09090909090909091, 0.1111111111111111,
  0.14285714285714285, 0.2, 0.3333333333333333,
  2, SQRT2_MINUS_1, 1, 0.5, LN2, 1e-17,
]);

/** The constant LOG_C[i] on both lanes. */
// @ts-ignore: decorator
@inline
function logC(i: i32): v128 {
  return v128.load64_splat(LOG_C + (<usize>i << 3));
}

/** log2atanh on both lanes (same operations lane by lane). */
// @ts-ignore: decorator
@inline
function log2atanh2(s: v128): v128 {
  const s2 = f64x2.mul(s, s);
  let t = logC(0);
  t = f64x2.add(f64x2.mul(t, s2), logC(1));
  t = f64x2.add(f64x2.mul(t, s2), logC(2));
  t = f64x2.add(f64x2.mul(t, s2), logC(3));
  t = f64x2.add(f64x2.mul(t, s2), logC(4));
  t = f64x2.add(f64x2.mul(t, s2), logC(5));
  t = f64x2.add(f64x2.mul(t, s2), logC(6));
  t = f64x2.add(f64x2.mul(t, s2), logC(7));
  t = f64x2.add(f64x2.mul(t, s2), logC(8));
  t = f64x2.add(f64x2.mul(t, s2), logC(9));
  t = f64x2.add(f64x2.mul(t, s2), logC(10));
  const twoS = f64x2.mul(logC(11), s);
  return f64x2.add(twoS, f64x2.mul(twoS, f64x2.mul(t, s2)));
}

/** log1pUnit on both lanes (same operations lane by lane; branches become selects). */
// @ts-ignore: decorator
@inline
function log1pUnit2(x: v128): v128 {
  const small = f64x2.le(x, logC(12));
  const f = v128.bitselect(x, f64x2.mul(f64x2.sub(x, logC(13)), logC(14)), small);
  const L = log2atanh2(f64x2.div(f, f64x2.add(logC(11), f)));
  const res = v128.bitselect(L, f64x2.add(logC(15), L), small);
  return v128.bitselect(x, res, f64x2.lt(x, logC(16)));
}

/**
 * log1pUnit2 of the four f64x2 values at PR_X4 + 64 (prExp2x4's results), written to PR_X4 +
 * 0: the same operations lane by lane, the four chains interleaved as in prExp2x4.
 */
function log1pUnit2x4(): void {
  const x0 = v128.load(PR_X4, 64);
  const x1 = v128.load(PR_X4, 80);
  const x2 = v128.load(PR_X4, 96);
  const x3 = v128.load(PR_X4, 112);
  const m0 = f64x2.le(x0, logC(12));
  const m1 = f64x2.le(x1, logC(12));
  const m2 = f64x2.le(x2, logC(12));
  const m3 = f64x2.le(x3, logC(12));
  const f0 = v128.bitselect(x0, f64x2.mul(f64x2.sub(x0, logC(13)), logC(14)), m0);
  const f1 = v128.bitselect(x1, f64x2.mul(f64x2.sub(x1, logC(13)), logC(14)), m1);
  const f2 = v128.bitselect(x2, f64x2.mul(f64x2.sub(x2, logC(13)), logC(14)), m2);
  const f3 = v128.bitselect(x3, f64x2.mul(f64x2.sub(x3, logC(13)), logC(14)), m3);
  const s0 = f64x2.div(f0, f64x2.add(logC(11), f0));
  const s1 = f64x2.div(f1, f64x2.add(logC(11), f1));
  const s2 = f64x2.div(f2, f64x2.add(logC(11), f2));
  const s3 = f64x2.div(f3, f64x2.add(logC(11), f3));
  const q0 = f64x2.mul(s0, s0);
  const q1 = f64x2.mul(s1, s1);
  const q2 = f64x2.mul(s2, s2);
  const q3 = f64x2.mul(s3, s3);
  let t0 = logC(0);
  let t1 = t0;
  let t2 = t0;
  let t3 = t0;
  t0 = f64x2.add(f64x2.mul(t0, q0), logC(1)); t1 = f64x2.add(f64x2.mul(t1, q1), logC(1)); t2 = f64x2.add(f64x2.mul(t2, q2), logC(1)); t3 = f64x2.add(f64x2.mul(t3, q3), logC(1));
  t0 = f64x2.add(f64x2.mul(t0, q0), logC(2)); t1 = f64x2.add(f64x2.mul(t1, q1), logC(2)); t2 = f64x2.add(f64x2.mul(t2, q2), logC(2)); t3 = f64x2.add(f64x2.mul(t3, q3), logC(2));
  t0 = f64x2.add(f64x2.mul(t0, q0), logC(3)); t1 = f64x2.add(f64x2.mul(t1, q1), logC(3)); t2 = f64x2.add(f64x2.mul(t2, q2), logC(3)); t3 = f64x2.add(f64x2.mul(t3, q3), logC(3));
  t0 = f64x2.add(f64x2.mul(t0, q0), logC(4)); t1 = f64x2.add(f64x2.mul(t1, q1), logC(4)); t2 = f64x2.add(f64x2.mul(t2, q2), logC(4)); t3 = f64x2.add(f64x2.mul(t3, q3), logC(4));
  t0 = f64x2.add(f64x2.mul(t0, q0), logC(5)); t1 = f64x2.add(f64x2.mul(t1, q1), logC(5)); t2 = f64x2.add(f64x2.mul(t2, q2), logC(5)); t3 = f64x2.add(f64x2.mul(t3, q3), logC(5));
  t0 = f64x2.add(f64x2.mul(t0, q0), logC(6)); t1 = f64x2.add(f64x2.mul(t1, q1), logC(6)); t2 = f64x2.add(f64x2.mul(t2, q2), logC(6)); t3 = f64x2.add(f64x2.mul(t3, q3), logC(6));
  t0 = f64x2.add(f64x2.mul(t0, q0), logC(7)); t1 = f64x2.add(f64x2.mul(t1, q1), logC(7)); t2 = f64x2.add(f64x2.mul(t2, q2), logC(7)); t3 = f64x2.add(f64x2.mul(t3, q3), logC(7));
  t0 = f64x2.add(f64x2.mul(t0, q0), logC(8)); t1 = f64x2.add(f64x2.mul(t1, q1), logC(8)); t2 = f64x2.add(f64x2.mul(t2, q2), logC(8)); t3 = f64x2.add(f64x2.mul(t3, q3), logC(8));
  t0 = f64x2.add(f64x2.mul(t0, q0), logC(9)); t1 = f64x2.add(f64x2.mul(t1, q1), logC(9)); t2 = f64x2.add(f64x2.mul(t2, q2), logC(9)); t3 = f64x2.add(f64x2.mul(t3, q3), logC(9));
  t0 = f64x2.add(f64x2.mul(t0, q0), logC(10)); t1 = f64x2.add(f64x2.mul(t1, q1), logC(10)); t2 = f64x2.add(f64x2.mul(t2, q2), logC(10)); t3 = f64x2.add(f64x2.mul(t3, q3), logC(10));
  const w0 = f64x2.mul(logC(11), s0);
  const w1 = f64x2.mul(logC(11), s1);
  const w2 = f64x2.mul(logC(11), s2);
  const w3 = f64x2.mul(logC(11), s3);
  const L0 = f64x2.add(w0, f64x2.mul(w0, f64x2.mul(t0, q0)));
  const L1 = f64x2.add(w1, f64x2.mul(w1, f64x2.mul(t1, q1)));
  const L2 = f64x2.add(w2, f64x2.mul(w2, f64x2.mul(t2, q2)));
  const L3 = f64x2.add(w3, f64x2.mul(w3, f64x2.mul(t3, q3)));
  v128.store(PR_X4, v128.bitselect(x0, v128.bitselect(L0, f64x2.add(logC(15), L0), m0), f64x2.lt(x0, logC(16))));
  v128.store(PR_X4, v128.bitselect(x1, v128.bitselect(L1, f64x2.add(logC(15), L1), m1), f64x2.lt(x1, logC(16))), 16);
  v128.store(PR_X4, v128.bitselect(x2, v128.bitselect(L2, f64x2.add(logC(15), L2), m2), f64x2.lt(x2, logC(16))), 32);
  v128.store(PR_X4, v128.bitselect(x3, v128.bitselect(L3, f64x2.add(logC(15), L3), m3), f64x2.lt(x3, logC(16))), 48);
}

/** First free byte after static data, for the JavaScript side's layout. */
export function heapBase(): usize {
  return __heap_base;
}

/** x·w over d entries with the shared eight-accumulator order. */
// @ts-ignore: decorator
@inline
function dot8(x: usize, w: usize, d: i32): f64 {
  let a = f64x2.splat(0);
  let b = f64x2.splat(0);
  let c = f64x2.splat(0);
  let e = f64x2.splat(0);
  let j = 0;
  for (; j + 7 < d; j += 8) {
    const px = x + (<usize>j << 3);
    const pw = w + (<usize>j << 3);
    a = f64x2.add(a, f64x2.mul(v128.load(px), v128.load(pw)));
    b = f64x2.add(b, f64x2.mul(v128.load(px, 16), v128.load(pw, 16)));
    c = f64x2.add(c, f64x2.mul(v128.load(px, 32), v128.load(pw, 32)));
    e = f64x2.add(e, f64x2.mul(v128.load(px, 48), v128.load(pw, 48)));
  }
  let r: f64 = 0;
  for (; j < d; j++) r += load<f64>(x + (<usize>j << 3)) * load<f64>(w + (<usize>j << 3));
  const ac = f64x2.add(a, c);
  const be = f64x2.add(b, e);
  const s = f64x2.add(ac, be);
  return f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1) + r;
}

/** g[j] += a·x[j], j < d. */
// @ts-ignore: decorator
@inline
function axpy2(a: f64, x: usize, g: usize, d: i32): void {
  const va = f64x2.splat(a);
  let j = 0;
  for (; j + 3 < d; j += 4) {
    const px = x + (<usize>j << 3);
    const pg = g + (<usize>j << 3);
    v128.store(pg, f64x2.add(v128.load(pg), f64x2.mul(va, v128.load(px))));
    v128.store(pg, f64x2.add(v128.load(pg, 16), f64x2.mul(va, v128.load(px, 16))), 16);
  }
  for (; j < d; j++) {
    const pg = g + (<usize>j << 3);
    store<f64>(pg, load<f64>(pg) + a * load<f64>(x + (<usize>j << 3)));
  }
}

/** Rows per block in binaryRows, and its static buffers for scores, e^(−|z|) and log1p. */
const BLOCK: i32 = 64;
const ZBUF: usize = memory.data(BLOCK * 8, 16);
const EBUF: usize = memory.data(BLOCK * 8, 16);
const LBUF: usize = memory.data(BLOCK * 8, 16);

/** Second result of dot8x2 (wasm functions return one value). */
let secondDot: f64 = 0;

/**
 * x0·w and x1·w together, each with its own eight accumulators in the order of dot8 (the w
 * loads are shared). Returns x0·w; x1·w is left in `secondDot`.
 */
function dot8x2(x0: usize, x1: usize, w: usize, d: i32): f64 {
  let a = f64x2.splat(0);
  let b = f64x2.splat(0);
  let c = f64x2.splat(0);
  let e = f64x2.splat(0);
  let a1 = f64x2.splat(0);
  let b1 = f64x2.splat(0);
  let c1 = f64x2.splat(0);
  let e1 = f64x2.splat(0);
  let j = 0;
  for (; j + 7 < d; j += 8) {
    const o = <usize>j << 3;
    const pw = w + o;
    const w0 = v128.load(pw);
    const w1 = v128.load(pw, 16);
    const w2 = v128.load(pw, 32);
    const w3 = v128.load(pw, 48);
    const p0 = x0 + o;
    const p1 = x1 + o;
    a = f64x2.add(a, f64x2.mul(v128.load(p0), w0));
    b = f64x2.add(b, f64x2.mul(v128.load(p0, 16), w1));
    c = f64x2.add(c, f64x2.mul(v128.load(p0, 32), w2));
    e = f64x2.add(e, f64x2.mul(v128.load(p0, 48), w3));
    a1 = f64x2.add(a1, f64x2.mul(v128.load(p1), w0));
    b1 = f64x2.add(b1, f64x2.mul(v128.load(p1, 16), w1));
    c1 = f64x2.add(c1, f64x2.mul(v128.load(p1, 32), w2));
    e1 = f64x2.add(e1, f64x2.mul(v128.load(p1, 48), w3));
  }
  let r0: f64 = 0;
  let r1: f64 = 0;
  for (; j < d; j++) {
    const o = <usize>j << 3;
    const wj = load<f64>(w + o);
    r0 += load<f64>(x0 + o) * wj;
    r1 += load<f64>(x1 + o) * wj;
  }
  const s0 = f64x2.add(f64x2.add(a, c), f64x2.add(b, e));
  const s1 = f64x2.add(f64x2.add(a1, c1), f64x2.add(b1, e1));
  secondDot = f64x2.extract_lane(s1, 0) + f64x2.extract_lane(s1, 1) + r1;
  return f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1) + r0;
}

/** g[j] = (g[j] + a0·x0[j]) + a1·x1[j], j < d: two row updates in the order of two axpy2 calls, one load/store of g. */
// @ts-ignore: decorator
@inline
function axpy2x2(a0: f64, x0: usize, a1: f64, x1: usize, g: usize, d: i32): void {
  const v0 = f64x2.splat(a0);
  const v1 = f64x2.splat(a1);
  let j = 0;
  for (; j + 3 < d; j += 4) {
    const o = <usize>j << 3;
    const pg = g + o;
    const p0 = x0 + o;
    const p1 = x1 + o;
    v128.store(pg, f64x2.add(f64x2.add(v128.load(pg), f64x2.mul(v0, v128.load(p0))), f64x2.mul(v1, v128.load(p1))));
    v128.store(pg, f64x2.add(f64x2.add(v128.load(pg, 16), f64x2.mul(v0, v128.load(p0, 16))), f64x2.mul(v1, v128.load(p1, 16))), 16);
  }
  for (; j < d; j++) {
    const o = <usize>j << 3;
    store<f64>(g + o, load<f64>(g + o) + a0 * load<f64>(x0 + o) + a1 * load<f64>(x1 + o));
  }
}

/** Adds the gradient contributions of two rows (either coefficient may be 0: that row is skipped, as in the row-at-a-time loop). */
// @ts-ignore: decorator
@inline
function axpyPair(g0: f64, x0: usize, g1: f64, x1: usize, grad: usize, d: i32): void {
  if (g0 != 0 && g1 != 0) axpy2x2(g0, x0, g1, x1, grad, d);
  else if (g0 != 0) axpy2(g0, x0, grad, d);
  else if (g1 != 0) axpy2(g1, x1, grad, d);
}

/** Per-row binary log-loss pieces: returns sᵢ·ℓ and leaves sᵢ·(σ − y) in `rowGrad`, sᵢσ(1−σ) in `rowCurv`. */
let rowGrad: f64 = 0;
let rowCurv: f64 = 0;
// @ts-ignore: decorator
@inline
function binaryRow(z: f64, yi: f64, si: f64): f64 {
  const e = expNonPositive(-Math.abs(z));
  return binaryRowFrom(z, e, log1pUnit(e), yi, si);
}

/** binaryRow given e = e^(−|z|) and l = log1p(e). */
// @ts-ignore: decorator
@inline
function binaryRowFrom(z: f64, e: f64, l: f64, yi: f64, si: f64): f64 {
  const inv = 1 / (1 + e);
  let g: f64;
  let loss: f64;
  if (z > 0) {
    loss = si * (l + (1 - yi) * z);
    g = ((1 - yi) - yi * e) * inv;
  } else {
    loss = si * (l - yi * z);
    g = (e * (1 - yi) - yi) * inv;
  }
  rowCurv = si * e * inv * inv;
  rowGrad = g * si;
  return loss;
}

/**
 * Binary log-loss rows [0, rows): acc[0] += Σ sᵢℓᵢ, acc[1] += Σ gᵢ (intercept gradient),
 * grad[0..d) += Σ gᵢxᵢ, hw[i] = sᵢσ(1−σ) when hw ≠ 0. sw = 0 means unit weights. Rows go in
 * pairs (shared loads of w and of the gradient), every sum still in row order.
 */
export function binaryRows(rows: i32, d: i32, X: usize, y: usize, sw: usize, w: usize, b: f64, grad: usize, acc: usize, hw: usize): void {
  let loss = load<f64>(acc);
  let gb = load<f64>(acc, 8);
  const rowBytes = <usize>d << 3;
  // Rows go in blocks of BLOCK: scores first, then every exp/log1p of the block (independent
  // f64x2 chains the CPU can overlap), then the accumulations in row order.
  for (let i0 = 0; i0 < rows; i0 += BLOCK) {
    const m = min(BLOCK, rows - i0);
    const Xb = X + <usize>i0 * rowBytes;
    let r = 0;
    for (; r + 1 < m; r += 2) {
      const x0 = Xb + <usize>r * rowBytes;
      const z0 = dot8x2(x0, x0 + rowBytes, w, d) + b;
      store<f64>(ZBUF + (<usize>r << 3), z0);
      store<f64>(ZBUF + (<usize>r << 3), secondDot + b, 8);
    }
    if (r < m) store<f64>(ZBUF + (<usize>r << 3), dot8(Xb + <usize>r * rowBytes, w, d) + b);
    r = 0;
    // Eight rows at a time: four exp chains, then four log1p chains, interleaved (one chain
    // alone is a long string of dependent multiplies and adds; the lanes are those of the pair
    // loop below, so the bits are too).
    for (; r + 7 < m; r += 8) {
      const o = <usize>r << 3;
      v128.store(PR_X4, f64x2.neg(f64x2.abs(v128.load(ZBUF + o))));
      v128.store(PR_X4, f64x2.neg(f64x2.abs(v128.load(ZBUF + o, 16))), 16);
      v128.store(PR_X4, f64x2.neg(f64x2.abs(v128.load(ZBUF + o, 32))), 32);
      v128.store(PR_X4, f64x2.neg(f64x2.abs(v128.load(ZBUF + o, 48))), 48);
      prExp2x4();
      v128.store(EBUF + o, v128.load(PR_X4, 64));
      v128.store(EBUF + o, v128.load(PR_X4, 80), 16);
      v128.store(EBUF + o, v128.load(PR_X4, 96), 32);
      v128.store(EBUF + o, v128.load(PR_X4, 112), 48);
      log1pUnit2x4();
      v128.store(LBUF + o, v128.load(PR_X4));
      v128.store(LBUF + o, v128.load(PR_X4, 16), 16);
      v128.store(LBUF + o, v128.load(PR_X4, 32), 32);
      v128.store(LBUF + o, v128.load(PR_X4, 48), 48);
    }
    for (; r + 1 < m; r += 2) {
      const o = <usize>r << 3;
      const z = v128.load(ZBUF + o);
      const e2 = expNonPositive2(f64x2.neg(f64x2.abs(z)));
      v128.store(EBUF + o, e2);
      v128.store(LBUF + o, log1pUnit2(e2));
    }
    if (r < m) {
      const o = <usize>r << 3;
      const e = expNonPositive(-Math.abs(load<f64>(ZBUF + o)));
      store<f64>(EBUF + o, e);
      store<f64>(LBUF + o, log1pUnit(e));
    }
    r = 0;
    for (; r + 1 < m; r += 2) {
      const x0 = Xb + <usize>r * rowBytes;
      const o = <usize>r << 3;
      const oi = <usize>(i0 + r) << 3;
      loss += binaryRowFrom(load<f64>(ZBUF + o), load<f64>(EBUF + o), load<f64>(LBUF + o), load<f64>(y + oi), sw == 0 ? 1 : load<f64>(sw + oi));
      const g0 = rowGrad;
      if (hw != 0) store<f64>(hw + oi, rowCurv);
      loss += binaryRowFrom(load<f64>(ZBUF + o, 8), load<f64>(EBUF + o, 8), load<f64>(LBUF + o, 8), load<f64>(y + oi, 8), sw == 0 ? 1 : load<f64>(sw + oi, 8));
      const g1 = rowGrad;
      if (hw != 0) store<f64>(hw + oi, rowCurv, 8);
      if (g0 != 0) gb += g0;
      if (g1 != 0) gb += g1;
      axpyPair(g0, x0, g1, x0 + rowBytes, grad, d);
    }
    if (r < m) {
      const x = Xb + <usize>r * rowBytes;
      const o = <usize>r << 3;
      const oi = <usize>(i0 + r) << 3;
      loss += binaryRowFrom(load<f64>(ZBUF + o), load<f64>(EBUF + o), load<f64>(LBUF + o), load<f64>(y + oi), sw == 0 ? 1 : load<f64>(sw + oi));
      if (hw != 0) store<f64>(hw + oi, rowCurv);
      const g = rowGrad;
      if (g != 0) {
        gb += g;
        axpy2(g, x, grad, d);
      }
    }
  }
  store<f64>(acc, loss);
  store<f64>(acc, gb, 8);
}

/** Squared error rows: acc[0] += Σ ½sᵢrᵢ², acc[1] += Σ sᵢrᵢ, grad += Σ sᵢrᵢxᵢ (rows in pairs, sums in row order). */
export function squaredRows(rows: i32, d: i32, X: usize, y: usize, sw: usize, w: usize, b: f64, grad: usize, acc: usize): void {
  let loss = load<f64>(acc);
  let gb = load<f64>(acc, 8);
  const rowBytes = <usize>d << 3;
  let i = 0;
  for (; i + 1 < rows; i += 2) {
    const x0 = X + <usize>i * rowBytes;
    const x1 = x0 + rowBytes;
    const o = <usize>i << 3;
    const r0 = dot8x2(x0, x1, w, d) + b - load<f64>(y + o);
    const r1 = secondDot + b - load<f64>(y + o, 8);
    const s0: f64 = sw == 0 ? 1 : load<f64>(sw + o);
    const s1: f64 = sw == 0 ? 1 : load<f64>(sw + o, 8);
    loss += 0.5 * s0 * r0 * r0;
    loss += 0.5 * s1 * r1 * r1;
    const g0 = s0 * r0;
    const g1 = s1 * r1;
    if (g0 != 0) gb += g0;
    if (g1 != 0) gb += g1;
    axpyPair(g0, x0, g1, x1, grad, d);
  }
  if (i < rows) {
    const x = X + <usize>i * rowBytes;
    const o = <usize>i << 3;
    const r = dot8(x, w, d) + b - load<f64>(y + o);
    const si: f64 = sw == 0 ? 1 : load<f64>(sw + o);
    loss += 0.5 * si * r * r;
    const g = si * r;
    if (g != 0) {
      gb += g;
      axpy2(g, x, grad, d);
    }
  }
  store<f64>(acc, loss);
  store<f64>(acc, gb, 8);
}

/** Softmax of one row's K scores in `scratch` (overwritten by e^{z−m}); returns log Σ e^z − z_y pieces: leaves the sum in `rowSum`, the max in `rowMax`. */
let rowSum: f64 = 0;
let rowMax: f64 = 0;
// @ts-ignore: decorator
@inline
function expScores(scratch: usize, K: i32): void {
  let m = -Infinity;
  for (let k = 0; k < K; k++) {
    const z = load<f64>(scratch + (<usize>k << 3));
    if (z > m) m = z;
  }
  let sum: f64 = 0;
  for (let k = 0; k < K; k++) {
    const p = scratch + (<usize>k << 3);
    const e = expNonPositive(load<f64>(p) - m);
    store<f64>(p, e);
    sum += e;
  }
  rowSum = sum;
  rowMax = m;
}

/**
 * Softmax rows, K classes: W at w (K·d), intercepts at bias (K) or 0; yIdx i32 class indices.
 * acc[0] += Σ sᵢ(lse − z_y); grad (K·d) and gbias (K, when ≠ 0) accumulate Σ gᵢₖ·(xᵢ, 1).
 * scratch holds 2K doubles. When prob ≠ 0, only writes pᵢₖ to prob[i·K + k] (no loss or
 * gradient). Rows go in pairs; every sum is still in row order.
 */
export function softmaxRows(rows: i32, d: i32, K: i32, X: usize, yIdx: usize, sw: usize, w: usize, bias: usize, grad: usize, gbias: usize, acc: usize, scratch: usize, prob: usize): void {
  let loss = load<f64>(acc);
  const rowBytes = <usize>d << 3;
  const s1p = scratch + (<usize>K << 3);
  let i = 0;
  for (; i + 1 < rows; i += 2) {
    const x0 = X + <usize>i * rowBytes;
    const x1 = x0 + rowBytes;
    for (let k = 0; k < K; k++) {
      const bk: f64 = bias == 0 ? 0 : load<f64>(bias + (<usize>k << 3));
      const z0 = dot8x2(x0, x1, w + <usize>k * rowBytes, d) + bk;
      store<f64>(scratch + (<usize>k << 3), z0);
      store<f64>(s1p + (<usize>k << 3), secondDot + bk);
    }
    const y0 = yIdx == 0 ? 0 : load<i32>(yIdx + (<usize>i << 2));
    const y1 = yIdx == 0 ? 0 : load<i32>(yIdx + (<usize>i << 2), 4);
    const zy0 = load<f64>(scratch + (<usize>y0 << 3));
    const zy1 = load<f64>(s1p + (<usize>y1 << 3));
    // expScores of both rows at once: lane 0 row i, lane 1 row i + 1 (expNonPositive2 is
    // lane-exact, and each row's maximum and sum are taken in the same order as expScores).
    let m0 = -Infinity;
    let m1 = -Infinity;
    for (let k = 0; k < K; k++) {
      const za = load<f64>(scratch + (<usize>k << 3));
      const zb = load<f64>(s1p + (<usize>k << 3));
      if (za > m0) m0 = za;
      if (zb > m1) m1 = zb;
    }
    const vm = f64x2.replace_lane(f64x2.splat(m0), 1, m1);
    let sum0: f64 = 0;
    let sum1: f64 = 0;
    for (let k = 0; k < K; k++) {
      const pa = scratch + (<usize>k << 3);
      const pb = s1p + (<usize>k << 3);
      const e = expNonPositive2(f64x2.sub(f64x2.replace_lane(f64x2.splat(load<f64>(pa)), 1, load<f64>(pb)), vm));
      const ea = f64x2.extract_lane(e, 0);
      const eb = f64x2.extract_lane(e, 1);
      store<f64>(pa, ea);
      store<f64>(pb, eb);
      sum0 += ea;
      sum1 += eb;
    }
    if (prob != 0) {
      const o = prob + ((<usize>i * K) << 3);
      for (let k = 0; k < K; k++) store<f64>(o + (<usize>k << 3), load<f64>(scratch + (<usize>k << 3)) / sum0);
      const o1 = o + (<usize>K << 3);
      for (let k = 0; k < K; k++) store<f64>(o1 + (<usize>k << 3), load<f64>(s1p + (<usize>k << 3)) / sum1);
      continue;
    }
    const si0: f64 = sw == 0 ? 1 : load<f64>(sw + (<usize>i << 3));
    const si1: f64 = sw == 0 ? 1 : load<f64>(sw + (<usize>i << 3), 8);
    loss += si0 * (m0 + logAtLeast1(sum0) - zy0);
    loss += si1 * (m1 + logAtLeast1(sum1) - zy1);
    const inv0 = si0 / sum0;
    const inv1 = si1 / sum1;
    for (let k = 0; k < K; k++) {
      const g0 = load<f64>(scratch + (<usize>k << 3)) * inv0 - (k == y0 ? si0 : 0);
      const g1 = load<f64>(s1p + (<usize>k << 3)) * inv1 - (k == y1 ? si1 : 0);
      if (gbias != 0) {
        const pb = gbias + (<usize>k << 3);
        let v = load<f64>(pb);
        if (g0 != 0) v += g0;
        if (g1 != 0) v += g1;
        store<f64>(pb, v);
      }
      axpyPair(g0, x0, g1, x1, grad + <usize>k * rowBytes, d);
    }
  }
  if (i < rows) {
    const x = X + <usize>i * rowBytes;
    for (let k = 0; k < K; k++) {
      store<f64>(scratch + (<usize>k << 3), dot8(x, w + <usize>k * rowBytes, d) + (bias == 0 ? 0 : load<f64>(bias + (<usize>k << 3))));
    }
    const yi = yIdx == 0 ? 0 : load<i32>(yIdx + (<usize>i << 2));
    const zy = load<f64>(scratch + (<usize>yi << 3));
    expScores(scratch, K);
    const sum = rowSum;
    if (prob != 0) {
      const o = prob + ((<usize>i * K) << 3);
      for (let k = 0; k < K; k++) store<f64>(o + (<usize>k << 3), load<f64>(scratch + (<usize>k << 3)) / sum);
    } else {
      const si: f64 = sw == 0 ? 1 : load<f64>(sw + (<usize>i << 3));
      loss += si * (rowMax + logAtLeast1(sum) - zy);
      const inv = si / sum;
      for (let k = 0; k < K; k++) {
        const g = load<f64>(scratch + (<usize>k << 3)) * inv - (k == yi ? si : 0);
        if (g == 0) continue;
        if (gbias != 0) store<f64>(gbias + (<usize>k << 3), load<f64>(gbias + (<usize>k << 3)) + g);
        axpy2(g, x, grad + <usize>k * rowBytes, d);
      }
    }
  }
  store<f64>(acc, loss);
}

/**
 * Scaled rows for the Gram kernel: B[i, a] = (X[i, a] − μₐ)/σₐ (either optional), B[i, d] = 1
 * when ones, and B[i, D − 1] = yv[i] when yv ≠ 0 (an extra column after them); B has leading
 * dimension D.
 */
export function scaleRows(rows: i32, d: i32, X: usize, center: usize, scale: usize, ones: i32, B: usize, D: i32, yv: usize): void {
  // Lane by lane the same subtraction and division as one entry at a time; the checks on
  // center and scale are hoisted out of the loops.
  for (let i = 0; i < rows; i++) {
    const x = X + ((<usize>i * d) << 3);
    const o = B + ((<usize>i * D) << 3);
    let j = 0;
    if (center != 0 && scale != 0) {
      for (; j + 1 < d; j += 2) {
        const q = <usize>j << 3;
        v128.store(o + q, f64x2.div(f64x2.sub(v128.load(x + q), v128.load(center + q)), v128.load(scale + q)));
      }
    } else if (center != 0) {
      for (; j + 1 < d; j += 2) {
        const q = <usize>j << 3;
        v128.store(o + q, f64x2.sub(v128.load(x + q), v128.load(center + q)));
      }
    } else if (scale != 0) {
      for (; j + 1 < d; j += 2) {
        const q = <usize>j << 3;
        v128.store(o + q, f64x2.div(v128.load(x + q), v128.load(scale + q)));
      }
    } else {
      for (; j + 1 < d; j += 2) {
        const q = <usize>j << 3;
        v128.store(o + q, v128.load(x + q));
      }
    }
    for (; j < d; j++) {
      let v = load<f64>(x + (<usize>j << 3));
      if (center != 0) v -= load<f64>(center + (<usize>j << 3));
      if (scale != 0) v /= load<f64>(scale + (<usize>j << 3));
      store<f64>(o + (<usize>j << 3), v);
    }
    if (ones != 0) store<f64>(o + (<usize>d << 3), 1);
    if (yv != 0) store<f64>(o + (<usize>(D - 1) << 3), load<f64>(yv + (<usize>i << 3)));
  }
}

/** ca[i] = hᵢ·B[i, a] for the block's rows; returns whether any is non-zero. */
// @ts-ignore: decorator
@inline
function gramWeights(rows: i32, B: usize, rowBytes: usize, h: usize, a: i32, ca: usize): bool {
  let any = false;
  for (let i = 0; i < rows; i++) {
    const hi: f64 = h == 0 ? 1 : load<f64>(h + (<usize>i << 3));
    const c = hi * load<f64>(B + <usize>i * rowBytes + (<usize>a << 3));
    store<f64>(ca + (<usize>i << 3), c);
    if (c != 0) any = true;
  }
  return any;
}

/** H[a, b] += Σᵢ ca[i]·B[i, b] for one entry, rows in order. */
// @ts-ignore: decorator
@inline
function gramEntry(rows: i32, B: usize, rowBytes: usize, ca: usize, b: i32, ph: usize): void {
  let s = load<f64>(ph);
  for (let i = 0; i < rows; i++) {
    s += load<f64>(ca + (<usize>i << 3)) * load<f64>(B + <usize>i * rowBytes + (<usize>b << 3));
  }
  store<f64>(ph, s);
}

/** Row a of H, columns [b, D), from the weights in ca (one row of H at a time). */
// @ts-ignore: decorator
@inline
function gramRowFrom(rows: i32, D: i32, B: usize, rowBytes: usize, ca: usize, hrow: usize, b: i32): void {
  // Scalar lead-in to an even b so vector loads of B rows and H rows pair up from here.
  if (b & 1) {
    gramEntry(rows, B, rowBytes, ca, b, hrow + (<usize>b << 3));
    b++;
  }
  for (; b + 3 < D; b += 4) {
    const ph = hrow + (<usize>b << 3);
    let s0 = v128.load(ph);
    let s1 = v128.load(ph, 16);
    let pb = B + (<usize>b << 3);
    for (let i = 0; i < rows; i++) {
      const vc = v128.load64_splat(ca + (<usize>i << 3));
      s0 = f64x2.add(s0, f64x2.mul(vc, v128.load(pb)));
      s1 = f64x2.add(s1, f64x2.mul(vc, v128.load(pb, 16)));
      pb += rowBytes;
    }
    v128.store(ph, s0);
    v128.store(ph, s1, 16);
  }
  for (; b < D; b++) gramEntry(rows, B, rowBytes, ca, b, hrow + (<usize>b << 3));
}

/**
 * Interleaved weights of rows a and a + 1 of H: cab[2i] = hᵢ·B[i,a], cab[2i+1] = hᵢ·B[i,a+1]
 * (the products of gramWeights). Returns bit 1 when any of the first is non-zero, bit 2 for the
 * second.
 */
// @ts-ignore: decorator
@inline
function gramWeightPairs(rows: i32, B: usize, rowBytes: usize, h: usize, a: i32, cab: usize): i32 {
  let any = 0;
  const pa = B + (<usize>a << 3);
  for (let i = 0; i < rows; i++) {
    const hi: f64 = h == 0 ? 1 : load<f64>(h + (<usize>i << 3));
    const p = pa + <usize>i * rowBytes;
    const c0 = hi * load<f64>(p);
    const c1 = hi * load<f64>(p, 8);
    store<f64>(cab + (<usize>i << 4), c0);
    store<f64>(cab + (<usize>i << 4), c1, 8);
    if (c0 != 0) any |= 1;
    if (c1 != 0) any |= 2;
  }
  return any;
}

/**
 * Upper triangle of H (D × D, leading dimension ldH) += Σᵢ (hᵢ·B[i,a])·B[i,b], rows in order,
 * so every entry sees the same sequence of additions as a row-at-a-time loop. h = 0 means ones.
 * A row a of H is skipped when every hᵢ·B[i,a] of the block is 0; otherwise zero products are
 * added like any other (no per-entry branch in the inner loop).
 * ca needs 2·rows doubles. Register-blocked: two rows of H (a, a+1; a is always even) by eight
 * columns are eight f64x2 accumulators that stay in registers across all rows of the block
 * (independent add chains, and each load of B serves both rows). The blocks start at column a,
 * so the diagonal and the first odd column ride in the vector lanes; that also computes
 * H[a+1, a], below the diagonal: H's strict lower triangle is scratch (callers read the upper
 * triangle only). An odd last column takes both rows in one f64x2 chain over the interleaved
 * weights. The order of additions into each upper entry is unchanged, so the result is bit for
 * bit that of the one-entry-at-a-time loop.
 */
export function gramRows(rows: i32, D: i32, B: usize, h: usize, H: usize, ldH: i32, ca: usize): void {
  const rowBytes = <usize>D << 3;
  let a = 0;
  while (a < D) {
    const hrow = H + ((<usize>a * ldH) << 3);
    if (a + 1 >= D) {
      if (gramWeights(rows, B, rowBytes, h, a, ca)) gramRowFrom(rows, D, B, rowBytes, ca, hrow, a);
      a++;
      continue;
    }
    const hrow1 = H + ((<usize>(a + 1) * ldH) << 3);
    const any = gramWeightPairs(rows, B, rowBytes, h, a, ca);
    if (any != 3) {
      // A row with all weights zero is skipped, as in the one-row loop.
      if (any & 1) {
        gramWeights(rows, B, rowBytes, h, a, ca);
        gramRowFrom(rows, D, B, rowBytes, ca, hrow, a);
      }
      if (any & 2) {
        gramWeights(rows, B, rowBytes, h, a + 1, ca);
        gramRowFrom(rows, D, B, rowBytes, ca, hrow1, a + 1);
      }
      a += 2;
      continue;
    }
    let b = a;
    for (; b + 7 < D; b += 8) {
      const p0 = hrow + (<usize>b << 3);
      const p1 = hrow1 + (<usize>b << 3);
      let s0 = v128.load(p0);
      let s1 = v128.load(p0, 16);
      let s2 = v128.load(p0, 32);
      let s3 = v128.load(p0, 48);
      let t0 = v128.load(p1);
      let t1 = v128.load(p1, 16);
      let t2 = v128.load(p1, 32);
      let t3 = v128.load(p1, 48);
      let pb = B + (<usize>b << 3);
      let pc = ca;
      const end = ca + (<usize>rows << 4);
      for (; pc < end; pc += 16) {
        const va = v128.load64_splat(pc);
        const vb = v128.load64_splat(pc, 8);
        const x0 = v128.load(pb);
        const x1 = v128.load(pb, 16);
        const x2 = v128.load(pb, 32);
        const x3 = v128.load(pb, 48);
        s0 = f64x2.add(s0, f64x2.mul(va, x0));
        s1 = f64x2.add(s1, f64x2.mul(va, x1));
        s2 = f64x2.add(s2, f64x2.mul(va, x2));
        s3 = f64x2.add(s3, f64x2.mul(va, x3));
        t0 = f64x2.add(t0, f64x2.mul(vb, x0));
        t1 = f64x2.add(t1, f64x2.mul(vb, x1));
        t2 = f64x2.add(t2, f64x2.mul(vb, x2));
        t3 = f64x2.add(t3, f64x2.mul(vb, x3));
        pb += rowBytes;
      }
      v128.store(p0, s0);
      v128.store(p0, s1, 16);
      v128.store(p0, s2, 32);
      v128.store(p0, s3, 48);
      v128.store(p1, t0);
      v128.store(p1, t1, 16);
      v128.store(p1, t2, 32);
      v128.store(p1, t3, 48);
    }
    for (; b + 1 < D; b += 2) {
      const p0 = hrow + (<usize>b << 3);
      const p1 = hrow1 + (<usize>b << 3);
      let s0 = v128.load(p0);
      let t0 = v128.load(p1);
      let pb = B + (<usize>b << 3);
      let pc = ca;
      const end = ca + (<usize>rows << 4);
      for (; pc < end; pc += 16) {
        const x0 = v128.load(pb);
        s0 = f64x2.add(s0, f64x2.mul(v128.load64_splat(pc), x0));
        t0 = f64x2.add(t0, f64x2.mul(v128.load64_splat(pc, 8), x0));
        pb += rowBytes;
      }
      v128.store(p0, s0);
      v128.store(p1, t0);
    }
    if (b < D) {
      // The odd last column: (H[a, b], H[a+1, b]) as one f64x2 over the interleaved weights.
      const p0 = hrow + (<usize>b << 3);
      const p1 = hrow1 + (<usize>b << 3);
      let s = f64x2.replace_lane(f64x2.splat(load<f64>(p0)), 1, load<f64>(p1));
      let pb = B + (<usize>b << 3);
      let pc = ca;
      const end = ca + (<usize>rows << 4);
      for (; pc < end; pc += 16) {
        s = f64x2.add(s, f64x2.mul(v128.load(pc), v128.load64_splat(pb)));
        pb += rowBytes;
      }
      store<f64>(p0, f64x2.extract_lane(s, 0));
      store<f64>(p1, f64x2.extract_lane(s, 1));
    }
    a += 2;
  }
}

/** c[r] = s_r·P[r, k]·(δₖₗ − P[r, l]) for the rows of a block (P with K columns; sw = 0: unit weights). */
// @ts-ignore: decorator
@inline
function pairWeights(rows: i32, K: i32, P: usize, sw: usize, c: usize, k: i32, l: i32): void {
  const kl: f64 = k == l ? 1 : 0;
  const rowBytes = <usize>K << 3;
  let pk = P + (<usize>k << 3);
  let pl = P + (<usize>l << 3);
  for (let r = 0; r < rows; r++) {
    const si: f64 = sw == 0 ? 1 : load<f64>(sw + (<usize>r << 3));
    store<f64>(c + (<usize>r << 3), si * load<f64>(pk) * (kl - load<f64>(pl)));
    pk += rowBytes;
    pl += rowBytes;
  }
}

/**
 * One block of rows of the multinomial Hessian's class-pair Grams (multinomialGramTs of
 * src/kernels/fusedTs.ts, operation for operation): the probabilities P (rows × K, via
 * softmaxRows) and the scaled rows B (scaleRows, leading dimension D), then for each class pair
 * (k, l), k ≤ l < K − 1, whose compact index q = k·K − k(k−1)/2 + (l − k) lies in
 * [qFrom, qTo): weights c[r] = s_r·P[r, k]·(δₖₗ − P[r, l]) and their weighted Gram of B added
 * into the block at G + (q − qFrom)·D² (upper triangle). sw = 0 means unit weights; bias = 0 no
 * intercepts. Scratch: scratch 2K doubles, acc 2, c rows, ca 2·rows.
 */
export function multinomialGramRows(
  rows: i32, d: i32, K: i32, X: usize, sw: usize, w: usize, bias: usize, center: usize, scale: usize, ones: i32,
  B: usize, D: i32, P: usize, scratch: usize, acc: usize, c: usize, ca: usize, G: usize, qFrom: i32, qTo: i32,
): void {
  softmaxRows(rows, d, K, X, 0, 0, w, bias, 0, 0, acc, scratch, P);
  scaleRows(rows, d, X, center, scale, ones, B, D, 0);
  const blockBytes = (<usize>D * <usize>D) << 3;
  for (let k = 0; k < K - 1; k++) {
    for (let l = k; l < K - 1; l++) {
      const q = k * K - (k * (k - 1)) / 2 + (l - k);
      if (q < qFrom || q >= qTo) continue;
      pairWeights(rows, K, P, sw, c, k, l);
      gramRows(rows, D, B, c, G + <usize>(q - qFrom) * blockBytes, D, ca);
    }
  }
}

/**
 * One class pair (k, l) of the multinomial Hessian over all rows at once, given the rows'
 * probabilities P (rows × K) and scaled rows B (rows × D) for all of them: blocks of R rows from
 * row 0, each one's weights (as multinomialGramRows) and weighted Gram added into the block at G.
 * The additions into G are those of multinomialGramRows called block by block, so a pair gives
 * the same bits either way (threads.ts hands out pairs one at a time to whichever thread is free).
 */
export function multinomialPairGram(rows: i32, K: i32, R: i32, P: usize, B: usize, D: i32, sw: usize, c: usize, ca: usize, G: usize, k: i32, l: i32): void {
  for (let i0 = 0; i0 < rows; i0 += R) {
    const r = min(R, rows - i0);
    pairWeights(r, K, P + ((<usize>i0 * K) << 3), sw == 0 ? 0 : sw + (<usize>i0 << 3), c, k, l);
    gramRows(r, D, B + ((<usize>i0 * D) << 3), c, G, D, ca);
  }
}

/** Column sums for the preconditioner: mean[j] += Σᵢ sᵢ·X[i, j] (sw = 0: unit weights). */
export function weightedColumnSums(rows: i32, d: i32, X: usize, sw: usize, out: usize): void {
  for (let i = 0; i < rows; i++) {
    const si: f64 = sw == 0 ? 1 : load<f64>(sw + (<usize>i << 3));
    axpy2(si, X + ((<usize>i * d) << 3), out, d);
  }
}

/** Centred squares for the preconditioner: out[j] += Σᵢ (sᵢ·(X[i, j] − μⱼ))·(X[i, j] − μⱼ). */
export function weightedColumnSquares(rows: i32, d: i32, X: usize, sw: usize, mean: usize, out: usize): void {
  for (let i = 0; i < rows; i++) {
    const si: f64 = sw == 0 ? 1 : load<f64>(sw + (<usize>i << 3));
    const x = X + ((<usize>i * d) << 3);
    const vs = f64x2.splat(si);
    let j = 0;
    for (; j + 1 < d; j += 2) {
      const o = <usize>j << 3;
      const c = f64x2.sub(v128.load(x + o), v128.load(mean + o));
      v128.store(out + o, f64x2.add(v128.load(out + o), f64x2.mul(f64x2.mul(vs, c), c)));
    }
    for (; j < d; j++) {
      const o = <usize>j << 3;
      const c = load<f64>(x + o) - load<f64>(mean + o);
      store<f64>(out + o, load<f64>(out + o) + si * c * c);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Prediction pass (predictProba, predictLogProba, decisionFunction, predict): the twin of
// predictRowsTs in src/kernels/predictTs.ts, called from src/kernels/predict.ts. Same
// operations in the same order: scores with blas.ts `dot`'s four-accumulator order (lanes of
// two f64x2 vectors: (s0, s1) and (s2, s3), tail into s0, combined as (s0 + s1) + (s2 + s3)),
// then the mode's output. Kept in one block at the end of the file so it merges cleanly.
// ---------------------------------------------------------------------------------------------

/** x·w over d entries in blas.ts `dot`'s order. */
// @ts-ignore: decorator
@inline
function prDot4(x: usize, w: usize, d: i32): f64 {
  let a = f64x2.splat(0);
  let c = f64x2.splat(0);
  let j = 0;
  for (; j + 3 < d; j += 4) {
    const px = x + (<usize>j << 3);
    const pw = w + (<usize>j << 3);
    a = f64x2.add(a, f64x2.mul(v128.load(px), v128.load(pw)));
    c = f64x2.add(c, f64x2.mul(v128.load(px, 16), v128.load(pw, 16)));
  }
  let s0 = f64x2.extract_lane(a, 0);
  for (; j < d; j++) s0 += load<f64>(x + (<usize>j << 3)) * load<f64>(w + (<usize>j << 3));
  return s0 + f64x2.extract_lane(a, 1) + (f64x2.extract_lane(c, 0) + f64x2.extract_lane(c, 1));
}

/**
 * prDot4 of two rows x0, x1 against the same w (each w load shared; each row's accumulators
 * see exactly prDot4's sequence); stores b + x0·w at z and b + x1·w at z + 8.
 */
// @ts-ignore: decorator
@inline
function prDot4x2(x0: usize, x1: usize, w: usize, d: i32, b: f64, z: usize): void {
  let a0 = f64x2.splat(0);
  let c0 = f64x2.splat(0);
  let a1 = f64x2.splat(0);
  let c1 = f64x2.splat(0);
  let j = 0;
  for (; j + 3 < d; j += 4) {
    const o = <usize>j << 3;
    const w0 = v128.load(w + o);
    const w1 = v128.load(w + o, 16);
    a0 = f64x2.add(a0, f64x2.mul(v128.load(x0 + o), w0));
    c0 = f64x2.add(c0, f64x2.mul(v128.load(x0 + o, 16), w1));
    a1 = f64x2.add(a1, f64x2.mul(v128.load(x1 + o), w0));
    c1 = f64x2.add(c1, f64x2.mul(v128.load(x1 + o, 16), w1));
  }
  let s0 = f64x2.extract_lane(a0, 0);
  let t0 = f64x2.extract_lane(a1, 0);
  for (; j < d; j++) {
    const wj = load<f64>(w + (<usize>j << 3));
    s0 += load<f64>(x0 + (<usize>j << 3)) * wj;
    t0 += load<f64>(x1 + (<usize>j << 3)) * wj;
  }
  store<f64>(z, b + (s0 + f64x2.extract_lane(a0, 1) + (f64x2.extract_lane(c0, 0) + f64x2.extract_lane(c0, 1))));
  store<f64>(z, b + (t0 + f64x2.extract_lane(a1, 1) + (f64x2.extract_lane(c1, 0) + f64x2.extract_lane(c1, 1))), 8);
}

/**
 * The constants of expNonPositive2, in memory: V8 (11.x) builds each f64x2.splat of a constant
 * from immediates, several instructions per use, which made the exp polynomial of the
 * prediction pass instruction-bound; a load64_splat from this table is one instruction.
 * 0: LOG2E, 1: 0.5, 2: LN2_HI, 3: LN2_LO, 4–17: the Horner coefficients, 18: −746,
 * 19: −1020, 20: TWO_M64, 21: 64, 22: 1, 23: 0.
 */
const PR_EXP = memory.data<f64>([
  LOG2E, 0.5, LN2_HI, LN2_LO,
  1.6059043836821613e-10, 2.08767569878681e-9, 2.505210838544172e-8, 2.755731922398589e-7,
  2.7557319223985893e-6, 2.48015873015873e-5, 1.984126984126984e-4, 1.3888888888888889e-3,
  8.333333333333333e-3, 4.1666666666666664e-2, 0.16666666666666666, 0.5, 1, 1,
  -746, -1020, TWO_M64, 64, 1, 0,
]);

/** The constant PR_EXP[i] on both lanes. */
// @ts-ignore: decorator
@inline
function prC(i: i32): v128 {
  return v128.load64_splat(PR_EXP + (<usize>i << 3));
}

/**
 * expNonPositive on both lanes: the same operations as the scalar version lane by lane (the
 * branches become selects), so each lane's result is bit for bit the scalar one; constants
 * loaded from PR_EXP. Used by the fits' passes and the prediction pass alike.
 */
// @ts-ignore: decorator
@inline
function expNonPositive2(x: v128): v128 {
  const k = f64x2.floor(f64x2.add(f64x2.mul(x, prC(0)), prC(1)));
  const r = f64x2.sub(f64x2.sub(x, f64x2.mul(k, prC(2))), f64x2.mul(k, prC(3)));
  let p = prC(4);
  p = f64x2.add(f64x2.mul(p, r), prC(5));
  p = f64x2.add(f64x2.mul(p, r), prC(6));
  p = f64x2.add(f64x2.mul(p, r), prC(7));
  p = f64x2.add(f64x2.mul(p, r), prC(8));
  p = f64x2.add(f64x2.mul(p, r), prC(9));
  p = f64x2.add(f64x2.mul(p, r), prC(10));
  p = f64x2.add(f64x2.mul(p, r), prC(11));
  p = f64x2.add(f64x2.mul(p, r), prC(12));
  p = f64x2.add(f64x2.mul(p, r), prC(13));
  p = f64x2.add(f64x2.mul(p, r), prC(14));
  p = f64x2.add(f64x2.mul(p, r), prC(15));
  p = f64x2.add(f64x2.mul(p, r), prC(16));
  p = f64x2.add(f64x2.mul(p, r), prC(17));
  return prExpFinish(x, k, p);
}

/** Scratch for prExp2x4: four f64x2 arguments, then four results. */
const PR_X4 = memory.data(128, 16);

/**
 * expNonPositive2 of the four f64x2 values at PR_X4 (bytes 0–63), written to PR_X4 + 64: the same
 * operations lane by lane, with the four Horner chains interleaved so that their latencies
 * overlap (one chain alone is a string of 28 dependent multiplies and adds).
 */
function prExp2x4(): void {
  const x0 = v128.load(PR_X4);
  const x1 = v128.load(PR_X4, 16);
  const x2 = v128.load(PR_X4, 32);
  const x3 = v128.load(PR_X4, 48);
  const k0 = f64x2.floor(f64x2.add(f64x2.mul(x0, prC(0)), prC(1)));
  const k1 = f64x2.floor(f64x2.add(f64x2.mul(x1, prC(0)), prC(1)));
  const k2 = f64x2.floor(f64x2.add(f64x2.mul(x2, prC(0)), prC(1)));
  const k3 = f64x2.floor(f64x2.add(f64x2.mul(x3, prC(0)), prC(1)));
  const r0 = f64x2.sub(f64x2.sub(x0, f64x2.mul(k0, prC(2))), f64x2.mul(k0, prC(3)));
  const r1 = f64x2.sub(f64x2.sub(x1, f64x2.mul(k1, prC(2))), f64x2.mul(k1, prC(3)));
  const r2 = f64x2.sub(f64x2.sub(x2, f64x2.mul(k2, prC(2))), f64x2.mul(k2, prC(3)));
  const r3 = f64x2.sub(f64x2.sub(x3, f64x2.mul(k3, prC(2))), f64x2.mul(k3, prC(3)));
  let p0 = prC(4);
  let p1 = p0;
  let p2 = p0;
  let p3 = p0;
  p0 = f64x2.add(f64x2.mul(p0, r0), prC(5)); p1 = f64x2.add(f64x2.mul(p1, r1), prC(5)); p2 = f64x2.add(f64x2.mul(p2, r2), prC(5)); p3 = f64x2.add(f64x2.mul(p3, r3), prC(5));
  p0 = f64x2.add(f64x2.mul(p0, r0), prC(6)); p1 = f64x2.add(f64x2.mul(p1, r1), prC(6)); p2 = f64x2.add(f64x2.mul(p2, r2), prC(6)); p3 = f64x2.add(f64x2.mul(p3, r3), prC(6));
  p0 = f64x2.add(f64x2.mul(p0, r0), prC(7)); p1 = f64x2.add(f64x2.mul(p1, r1), prC(7)); p2 = f64x2.add(f64x2.mul(p2, r2), prC(7)); p3 = f64x2.add(f64x2.mul(p3, r3), prC(7));
  p0 = f64x2.add(f64x2.mul(p0, r0), prC(8)); p1 = f64x2.add(f64x2.mul(p1, r1), prC(8)); p2 = f64x2.add(f64x2.mul(p2, r2), prC(8)); p3 = f64x2.add(f64x2.mul(p3, r3), prC(8));
  p0 = f64x2.add(f64x2.mul(p0, r0), prC(9)); p1 = f64x2.add(f64x2.mul(p1, r1), prC(9)); p2 = f64x2.add(f64x2.mul(p2, r2), prC(9)); p3 = f64x2.add(f64x2.mul(p3, r3), prC(9));
  p0 = f64x2.add(f64x2.mul(p0, r0), prC(10)); p1 = f64x2.add(f64x2.mul(p1, r1), prC(10)); p2 = f64x2.add(f64x2.mul(p2, r2), prC(10)); p3 = f64x2.add(f64x2.mul(p3, r3), prC(10));
  p0 = f64x2.add(f64x2.mul(p0, r0), prC(11)); p1 = f64x2.add(f64x2.mul(p1, r1), prC(11)); p2 = f64x2.add(f64x2.mul(p2, r2), prC(11)); p3 = f64x2.add(f64x2.mul(p3, r3), prC(11));
  p0 = f64x2.add(f64x2.mul(p0, r0), prC(12)); p1 = f64x2.add(f64x2.mul(p1, r1), prC(12)); p2 = f64x2.add(f64x2.mul(p2, r2), prC(12)); p3 = f64x2.add(f64x2.mul(p3, r3), prC(12));
  p0 = f64x2.add(f64x2.mul(p0, r0), prC(13)); p1 = f64x2.add(f64x2.mul(p1, r1), prC(13)); p2 = f64x2.add(f64x2.mul(p2, r2), prC(13)); p3 = f64x2.add(f64x2.mul(p3, r3), prC(13));
  p0 = f64x2.add(f64x2.mul(p0, r0), prC(14)); p1 = f64x2.add(f64x2.mul(p1, r1), prC(14)); p2 = f64x2.add(f64x2.mul(p2, r2), prC(14)); p3 = f64x2.add(f64x2.mul(p3, r3), prC(14));
  p0 = f64x2.add(f64x2.mul(p0, r0), prC(15)); p1 = f64x2.add(f64x2.mul(p1, r1), prC(15)); p2 = f64x2.add(f64x2.mul(p2, r2), prC(15)); p3 = f64x2.add(f64x2.mul(p3, r3), prC(15));
  p0 = f64x2.add(f64x2.mul(p0, r0), prC(16)); p1 = f64x2.add(f64x2.mul(p1, r1), prC(16)); p2 = f64x2.add(f64x2.mul(p2, r2), prC(16)); p3 = f64x2.add(f64x2.mul(p3, r3), prC(16));
  p0 = f64x2.add(f64x2.mul(p0, r0), prC(17)); p1 = f64x2.add(f64x2.mul(p1, r1), prC(17)); p2 = f64x2.add(f64x2.mul(p2, r2), prC(17)); p3 = f64x2.add(f64x2.mul(p3, r3), prC(17));
  v128.store(PR_X4, prExpFinish(x0, k0, p0), 64);
  v128.store(PR_X4, prExpFinish(x1, k1, p1), 80);
  v128.store(PR_X4, prExpFinish(x2, k2, p2), 96);
  v128.store(PR_X4, prExpFinish(x3, k3, p3), 112);
}

/** The end of expNonPositive2 after the polynomial p of r = x − k·ln 2: scaling by 2^k and the range selects. */
// @ts-ignore: decorator
@inline
function prExpFinish(x: v128, k: v128, q: v128): v128 {
  const ok = f64x2.ge(x, prC(18));
  const deep = f64x2.lt(k, prC(19));
  const p = v128.bitselect(f64x2.mul(q, prC(20)), q, deep);
  const kk = v128.bitselect(f64x2.add(k, prC(21)), k, deep);
  const ki = i64x2.extend_low_i32x4_s(i32x4.trunc_sat_f64x2_s_zero(kk));
  const pow = i64x2.shl(i64x2.add(ki, i64x2.splat(1023)), 52);
  const res = f64x2.mul(p, pow);
  const notNaN = f64x2.eq(x, x);
  const low = v128.bitselect(prC(23), x, notNaN);
  return v128.bitselect(res, low, ok);
}

/** prBinaryProba2 given e = e^(−|z|) already computed. */
// @ts-ignore: decorator
@inline
function prBinaryProbaFromExp(z: v128, e: v128, out: usize): void {
  const t = f64x2.add(prC(22), e);
  const big = f64x2.div(prC(22), t);
  const small = f64x2.div(e, t);
  const pos = f64x2.ge(z, f64x2.splat(0));
  const p0 = v128.bitselect(small, big, pos);
  const p1 = v128.bitselect(big, small, pos);
  v128.store(out, i64x2.shuffle(p0, p1, 0, 2));
  v128.store(out, i64x2.shuffle(p0, p1, 1, 3), 16);
}

/**
 * binaryProbaRow of predictTs.ts on two rows at once (lane by lane the same operations, the
 * branch a select): z = (z₀, z₁) → out = (σ(−z₀), σ(z₀), σ(−z₁), σ(z₁)).
 */
// @ts-ignore: decorator
@inline
function prBinaryProba2(z: v128, out: usize): void {
  prBinaryProbaFromExp(z, expNonPositive2(f64x2.neg(f64x2.abs(z))), out);
}

/** binaryLogProbaRow of predictTs.ts on two rows at once. */
// @ts-ignore: decorator
@inline
function prBinaryLogProba2(z: v128, out: usize): void {
  prBinaryLogProbaFromLog(z, log1pUnit2(expNonPositive2(f64x2.neg(f64x2.abs(z)))), out);
}

/** prBinaryLogProba2 given l = log1p(e^(−|z|)) already computed. */
// @ts-ignore: decorator
@inline
function prBinaryLogProbaFromLog(z: v128, l: v128, out: usize): void {
  const nz = f64x2.neg(z);
  const zero = f64x2.splat(0);
  const a = f64x2.neg(v128.bitselect(f64x2.add(z, l), l, f64x2.gt(z, zero)));
  const c = f64x2.neg(v128.bitselect(f64x2.add(nz, l), l, f64x2.gt(nz, zero)));
  v128.store(out, i64x2.shuffle(a, c, 0, 2));
  v128.store(out, i64x2.shuffle(a, c, 1, 3), 16);
}

/** e^{z_k − m} for k < K at o, in place, two at a time (expNonPositive2 is lane-exact). */
// @ts-ignore: decorator
@inline
function prExpShifted(K: i32, o: usize, m: f64): void {
  const vm = f64x2.splat(m);
  let k = 0;
  for (; k + 1 < K; k += 2) {
    const p = o + (<usize>k << 3);
    v128.store(p, expNonPositive2(f64x2.sub(v128.load(p), vm)));
  }
  if (k < K) {
    const p = o + (<usize>k << 3);
    store<f64>(p, expNonPositive(load<f64>(p) - m));
  }
}

/** The maximum of K ≥ 1 finite values at o (the order of softmaxRow's scan). */
// @ts-ignore: decorator
@inline
function prRowMax(K: i32, o: usize): f64 {
  let m = -Infinity;
  for (let k = 0; k < K; k++) {
    const v = load<f64>(o + (<usize>k << 3));
    m = v > m ? v : m;
  }
  return m;
}

/** softmaxRow of predictTs.ts for a row of finite scores. */
function prSoftmaxOut(K: i32, o: usize): void {
  prExpShifted(K, o, prRowMax(K, o));
  let sum: f64 = 0;
  for (let k = 0; k < K; k++) sum += load<f64>(o + (<usize>k << 3));
  const inv = 1 / sum;
  for (let k = 0; k < K; k++) {
    const p = o + (<usize>k << 3);
    store<f64>(p, load<f64>(p) * inv);
  }
}

/**
 * logSoftmaxRow of predictTs.ts for a row of finite scores; `tmp` holds K doubles of scratch
 * (the exps, so that they can be computed two at a time and summed in order).
 */
function prLogSoftmaxOut(K: i32, o: usize, tmp: usize): void {
  const m = prRowMax(K, o);
  memory.copy(tmp, o, <usize>K << 3);
  prExpShifted(K, tmp, m);
  let sum: f64 = 0;
  for (let k = 0; k < K; k++) sum += load<f64>(tmp + (<usize>k << 3));
  const lse = m + logAtLeast1(sum);
  for (let k = 0; k < K; k++) {
    const p = o + (<usize>k << 3);
    store<f64>(p, load<f64>(p) - lse);
  }
}

/** One-vs-rest row of predictTs.ts (transformRow, PREDICT_OVR) for a row of finite scores. */
function prOvrOut(K: i32, o: usize): void {
  const zero = f64x2.splat(0);
  let k = 0;
  for (; k + 1 < K; k += 2) {
    const p = o + (<usize>k << 3);
    const z = v128.load(p);
    const l = log1pUnit2(expNonPositive2(f64x2.neg(f64x2.abs(z))));
    const nz = f64x2.neg(z);
    v128.store(p, f64x2.neg(v128.bitselect(f64x2.add(nz, l), l, f64x2.gt(nz, zero))));
  }
  if (k < K) {
    const p = o + (<usize>k << 3);
    const z = load<f64>(p);
    const l = log1pUnit(expNonPositive(-abs<f64>(z)));
    store<f64>(p, -(-z > 0 ? -z + l : l));
  }
  prSoftmaxOut(K, o);
}

/**
 * Rows [0, rows) of the prediction pass; modes as in predictTs.ts (0 scores, 1 binary proba,
 * 2 binary log-proba, 3 softmax, 4 log-softmax, 5 one-vs-rest). Returns the first row with a
 * score that is not finite (its outputs unspecified), or rows. First all scores of the rows
 * (for K = 1 into `tmp`, `rows` doubles, when the mode is not scores; else into out), then the
 * outputs, two rows or classes per SIMD exp so that the exp polynomials of independent values
 * overlap instead of waiting on each other. `tmp` also serves prLogSoftmaxOut (K doubles).
 */
export function predictRows(rows: i32, d: i32, K: i32, X: usize, W: usize, b: usize, mode: i32, scale: f64, out: usize, tmp: usize): i32 {
  const rowBytes = <usize>d << 3;
  if (K == 1) {
    const b0 = load<f64>(b);
    const zs = mode == 0 ? out : tmp;
    let r = rows;
    let i0 = 0;
    for (; i0 + 1 < rows; i0 += 2) {
      const x0 = X + <usize>i0 * rowBytes;
      prDot4x2(x0, x0 + rowBytes, W, d, b0, zs + (<usize>i0 << 3));
      const z0 = load<f64>(zs + (<usize>i0 << 3));
      const z1 = load<f64>(zs + (<usize>i0 << 3), 8);
      if (z0 - z0 != 0) {
        r = i0;
        break;
      }
      if (z1 - z1 != 0) {
        r = i0 + 1;
        break;
      }
    }
    if (r == rows && i0 < rows) {
      const z = b0 + prDot4(X + <usize>i0 * rowBytes, W, d);
      if (z - z != 0) r = i0;
      else store<f64>(zs + (<usize>i0 << 3), z);
    }
    if (mode == 0) return r;
    const vs = f64x2.splat(scale);
    let i = 0;
    // Eight rows per turn: four exp polynomials interleaved (prExp2x4), and for log-probabilities
    // four log1p polynomials too (log1pUnit2x4).
    if (mode == 1 || mode == 2) {
      for (; i + 7 < r; i += 8) {
        const q = zs + (<usize>i << 3);
        const za = f64x2.mul(vs, v128.load(q));
        const zb = f64x2.mul(vs, v128.load(q, 16));
        const zc = f64x2.mul(vs, v128.load(q, 32));
        const zd = f64x2.mul(vs, v128.load(q, 48));
        v128.store(PR_X4, f64x2.neg(f64x2.abs(za)));
        v128.store(PR_X4, f64x2.neg(f64x2.abs(zb)), 16);
        v128.store(PR_X4, f64x2.neg(f64x2.abs(zc)), 32);
        v128.store(PR_X4, f64x2.neg(f64x2.abs(zd)), 48);
        prExp2x4();
        const o = out + (<usize>i << 4);
        if (mode == 1) {
          prBinaryProbaFromExp(za, v128.load(PR_X4, 64), o);
          prBinaryProbaFromExp(zb, v128.load(PR_X4, 80), o + 32);
          prBinaryProbaFromExp(zc, v128.load(PR_X4, 96), o + 64);
          prBinaryProbaFromExp(zd, v128.load(PR_X4, 112), o + 96);
        } else {
          log1pUnit2x4();
          prBinaryLogProbaFromLog(za, v128.load(PR_X4), o);
          prBinaryLogProbaFromLog(zb, v128.load(PR_X4, 16), o + 32);
          prBinaryLogProbaFromLog(zc, v128.load(PR_X4, 32), o + 64);
          prBinaryLogProbaFromLog(zd, v128.load(PR_X4, 48), o + 96);
        }
      }
    }
    // Four rows per turn: two independent exp polynomials in flight.
    for (; i + 3 < r; i += 4) {
      const za = f64x2.mul(vs, v128.load(zs + (<usize>i << 3)));
      const zb = f64x2.mul(vs, v128.load(zs + (<usize>i << 3), 16));
      if (mode == 1) {
        prBinaryProba2(za, out + (<usize>i << 4));
        prBinaryProba2(zb, out + (<usize>i << 4) + 32);
      } else {
        prBinaryLogProba2(za, out + (<usize>i << 4));
        prBinaryLogProba2(zb, out + (<usize>i << 4) + 32);
      }
    }
    for (; i + 1 < r; i += 2) {
      const z = f64x2.mul(vs, v128.load(zs + (<usize>i << 3)));
      if (mode == 1) prBinaryProba2(z, out + (<usize>i << 4));
      else prBinaryLogProba2(z, out + (<usize>i << 4));
    }
    if (i < r) {
      // The odd last row: both lanes compute it, the first pair is stored.
      const z = f64x2.splat(scale * load<f64>(zs + (<usize>i << 3)));
      if (mode == 1) prBinaryProba2(z, tmp);
      else prBinaryLogProba2(z, tmp);
      v128.store(out + (<usize>i << 4), v128.load(tmp));
    }
    return r;
  }
  // Two rows at a time, their scores two classes at a time (prDot2x2), then each row checked
  // and transformed in order; an odd last row alone.
  const outRow = <usize>K << 3;
  let i = 0;
  for (; i + 1 < rows; i += 2) {
    const x0 = X + <usize>i * rowBytes;
    const o0 = out + <usize>i * outRow;
    let k = 0;
    for (; k + 1 < K; k += 2) {
      const w = W + <usize>k * rowBytes;
      prDot2x2(x0, x0 + rowBytes, w, w + rowBytes, d, b + (<usize>k << 3), o0 + (<usize>k << 3), o0 + outRow + (<usize>k << 3));
    }
    if (k < K) {
      const bk = load<f64>(b + (<usize>k << 3));
      store<f64>(o0 + (<usize>k << 3), bk + prDot4(x0, W + <usize>k * rowBytes, d));
      store<f64>(o0 + outRow + (<usize>k << 3), bk + prDot4(x0 + rowBytes, W + <usize>k * rowBytes, d));
    }
    if (!prFiniteRow(K, o0)) return i;
    prTransform(mode, K, o0, tmp);
    if (!prFiniteRow(K, o0 + outRow)) return i + 1;
    prTransform(mode, K, o0 + outRow, tmp);
  }
  if (i < rows) {
    const x = X + <usize>i * rowBytes;
    const o = out + <usize>i * outRow;
    for (let k = 0; k < K; k++) store<f64>(o + (<usize>k << 3), load<f64>(b + (<usize>k << 3)) + prDot4(x, W + <usize>k * rowBytes, d));
    if (!prFiniteRow(K, o)) return i;
    prTransform(mode, K, o, tmp);
  }
  return rows;
}

/** Whether all K values at o are finite. */
// @ts-ignore: decorator
@inline
function prFiniteRow(K: i32, o: usize): bool {
  let s: f64 = 0;
  for (let k = 0; k < K; k++) s += load<f64>(o + (<usize>k << 3)) * 0;
  return s == 0;
}

/** The mode's output from a row of K finite scores at o, in place. */
// @ts-ignore: decorator
@inline
function prTransform(mode: i32, K: i32, o: usize, tmp: usize): void {
  if (mode == 3) prSoftmaxOut(K, o);
  else if (mode == 4) prLogSoftmaxOut(K, o, tmp);
  else if (mode == 5) prOvrOut(K, o);
}

/**
 * prDot4 of rows x0, x1 against weight rows w0, w1 (every load shared by two products; each
 * product's accumulators see exactly prDot4's sequence). Stores b[0] + x0·w0, b[1] + x0·w1 at
 * z0 and b[0] + x1·w0, b[1] + x1·w1 at z1.
 */
// @ts-ignore: decorator
@inline
function prDot2x2(x0: usize, x1: usize, w0: usize, w1: usize, d: i32, b: usize, z0: usize, z1: usize): void {
  let a00 = f64x2.splat(0);
  let c00 = f64x2.splat(0);
  let a01 = f64x2.splat(0);
  let c01 = f64x2.splat(0);
  let a10 = f64x2.splat(0);
  let c10 = f64x2.splat(0);
  let a11 = f64x2.splat(0);
  let c11 = f64x2.splat(0);
  let j = 0;
  for (; j + 3 < d; j += 4) {
    const o = <usize>j << 3;
    const u0 = v128.load(x0 + o);
    const u1 = v128.load(x1 + o);
    const v0 = v128.load(w0 + o);
    const v1 = v128.load(w1 + o);
    a00 = f64x2.add(a00, f64x2.mul(u0, v0));
    a01 = f64x2.add(a01, f64x2.mul(u0, v1));
    a10 = f64x2.add(a10, f64x2.mul(u1, v0));
    a11 = f64x2.add(a11, f64x2.mul(u1, v1));
    const p0 = v128.load(x0 + o, 16);
    const p1 = v128.load(x1 + o, 16);
    const q0 = v128.load(w0 + o, 16);
    const q1 = v128.load(w1 + o, 16);
    c00 = f64x2.add(c00, f64x2.mul(p0, q0));
    c01 = f64x2.add(c01, f64x2.mul(p0, q1));
    c10 = f64x2.add(c10, f64x2.mul(p1, q0));
    c11 = f64x2.add(c11, f64x2.mul(p1, q1));
  }
  let s00 = f64x2.extract_lane(a00, 0);
  let s01 = f64x2.extract_lane(a01, 0);
  let s10 = f64x2.extract_lane(a10, 0);
  let s11 = f64x2.extract_lane(a11, 0);
  for (; j < d; j++) {
    const o = <usize>j << 3;
    const u0 = load<f64>(x0 + o);
    const u1 = load<f64>(x1 + o);
    const v0 = load<f64>(w0 + o);
    const v1 = load<f64>(w1 + o);
    s00 += u0 * v0;
    s01 += u0 * v1;
    s10 += u1 * v0;
    s11 += u1 * v1;
  }
  const b0 = load<f64>(b);
  const b1 = load<f64>(b, 8);
  store<f64>(z0, b0 + (s00 + f64x2.extract_lane(a00, 1) + (f64x2.extract_lane(c00, 0) + f64x2.extract_lane(c00, 1))));
  store<f64>(z0, b1 + (s01 + f64x2.extract_lane(a01, 1) + (f64x2.extract_lane(c01, 0) + f64x2.extract_lane(c01, 1))), 8);
  store<f64>(z1, b0 + (s10 + f64x2.extract_lane(a10, 1) + (f64x2.extract_lane(c10, 0) + f64x2.extract_lane(c10, 1))));
  store<f64>(z1, b1 + (s11 + f64x2.extract_lane(a11, 1) + (f64x2.extract_lane(c11, 0) + f64x2.extract_lane(c11, 1))), 8);
}

// ---------------------------------------------------------------------------------------------
// Cholesky factorisation (src/linalg/choleskyWasm.ts): choleskyBlocked of src/linalg/cholesky.ts
// operation for operation. Every sum is kernels' dot in TypeScript (four accumulators over
// k ≡ 0, 1, 2, 3 mod 4, the tail into the first, combined (s0 + s1) + (s2 + s3)): here the
// lanes (s0, s1), (s2, s3) of two f64x2 vectors, as in prDot4.

/** Σ_{k<d} x[k]·y[k] in the order of dot in src/kernels/blas.ts. */
// @ts-ignore: decorator
@inline
function cholDot(x: usize, y: usize, d: i32): f64 {
  let a = f64x2.splat(0);
  let c = f64x2.splat(0);
  let k = 0;
  for (; k + 3 < d; k += 4) {
    const o = <usize>k << 3;
    a = f64x2.add(a, f64x2.mul(v128.load(x + o), v128.load(y + o)));
    c = f64x2.add(c, f64x2.mul(v128.load(x + o, 16), v128.load(y + o, 16)));
  }
  let s0 = f64x2.extract_lane(a, 0);
  for (; k < d; k++) s0 += load<f64>(x + (<usize>k << 3)) * load<f64>(y + (<usize>k << 3));
  return s0 + f64x2.extract_lane(a, 1) + (f64x2.extract_lane(c, 0) + f64x2.extract_lane(c, 1));
}

/** L[i, j] for j in [j0, j1), i in [i0, i1), one entry at a time (finishColumns). */
function cholFinish(n: i32, A: usize, j0: i32, j1: i32, i0: i32, i1: i32): void {
  const rb = <usize>n << 3;
  for (let i = i0; i < i1; i++) {
    const ri = A + <usize>i * rb;
    for (let j = j0; j < j1; j++) {
      const rj = A + <usize>j * rb;
      const p = ri + (<usize>j << 3);
      store<f64>(p, (load<f64>(p) - cholDot(ri, rj, j)) * (1 / load<f64>(rj + (<usize>j << 3))));
    }
  }
}

/**
 * Factors the n × n row-major matrix at byte offset A in place (lower triangle ← L); returns −1,
 * or the first pivot that is not positive with columns before it complete (as `cholesky`).
 * Rows below each block of four columns are done one at a time for all four columns: eight
 * f64x2 accumulators sharing each load of the row.
 */
export function choleskyRows(n: i32, A: usize): i32 {
  const rb = <usize>n << 3;
  for (let j0 = 0; j0 < n; j0 += 4) {
    const j1 = min(j0 + 4, n);
    // The block's own rows, column by column (diagonalBlock).
    for (let j = j0; j < j1; j++) {
      const rj = A + <usize>j * rb;
      const pj = rj + (<usize>j << 3);
      const s = load<f64>(pj) - cholDot(rj, rj, j);
      if (!(s > 0)) {
        cholFinish(n, A, j0, j, j1, n);
        return j;
      }
      const ljj = Math.sqrt(s);
      store<f64>(pj, ljj);
      const inv = 1 / ljj;
      for (let i = j + 1; i < j1; i++) {
        const ri = A + <usize>i * rb;
        const p = ri + (<usize>j << 3);
        store<f64>(p, (load<f64>(p) - cholDot(ri, rj, j)) * inv);
      }
    }
    if (j1 >= n) break;
    // Rows below (rowsBelow).
    const o = <usize>j0 << 3;
    const p0 = A + <usize>j0 * rb;
    const p1 = p0 + rb;
    const p2 = p1 + rb;
    const p3 = p2 + rb;
    const inv0 = 1 / load<f64>(p0 + o);
    const inv1 = 1 / load<f64>(p1 + o, 8);
    const inv2 = 1 / load<f64>(p2 + o, 16);
    const inv3 = 1 / load<f64>(p3 + o, 24);
    const l10 = load<f64>(p1 + o);
    const l20 = load<f64>(p2 + o);
    const l21 = load<f64>(p2 + o, 8);
    const l30 = load<f64>(p3 + o);
    const l31 = load<f64>(p3 + o, 8);
    const l32 = load<f64>(p3 + o, 16);
    for (let i = j0 + 4; i < n; i++) {
      const r = A + <usize>i * rb;
      let a0 = f64x2.splat(0);
      let a1 = f64x2.splat(0);
      let b0 = f64x2.splat(0);
      let b1 = f64x2.splat(0);
      let c0 = f64x2.splat(0);
      let c1 = f64x2.splat(0);
      let d0 = f64x2.splat(0);
      let d1 = f64x2.splat(0);
      for (let k = 0; k < j0; k += 4) {
        const q = <usize>k << 3;
        const x0 = v128.load(r + q);
        const x1 = v128.load(r + q, 16);
        a0 = f64x2.add(a0, f64x2.mul(x0, v128.load(p0 + q)));
        a1 = f64x2.add(a1, f64x2.mul(x1, v128.load(p0 + q, 16)));
        b0 = f64x2.add(b0, f64x2.mul(x0, v128.load(p1 + q)));
        b1 = f64x2.add(b1, f64x2.mul(x1, v128.load(p1 + q, 16)));
        c0 = f64x2.add(c0, f64x2.mul(x0, v128.load(p2 + q)));
        c1 = f64x2.add(c1, f64x2.mul(x1, v128.load(p2 + q, 16)));
        d0 = f64x2.add(d0, f64x2.mul(x0, v128.load(p3 + q)));
        d1 = f64x2.add(d1, f64x2.mul(x1, v128.load(p3 + q, 16)));
      }
      const ro = r + o;
      const y0 = (load<f64>(ro) - (f64x2.extract_lane(a0, 0) + f64x2.extract_lane(a0, 1) + (f64x2.extract_lane(a1, 0) + f64x2.extract_lane(a1, 1)))) * inv0;
      store<f64>(ro, y0);
      let s = f64x2.extract_lane(b0, 0);
      s += y0 * l10;
      const y1 = (load<f64>(ro, 8) - (s + f64x2.extract_lane(b0, 1) + (f64x2.extract_lane(b1, 0) + f64x2.extract_lane(b1, 1)))) * inv1;
      store<f64>(ro, y1, 8);
      s = f64x2.extract_lane(c0, 0);
      s += y0 * l20;
      s += y1 * l21;
      const y2 = (load<f64>(ro, 16) - (s + f64x2.extract_lane(c0, 1) + (f64x2.extract_lane(c1, 0) + f64x2.extract_lane(c1, 1)))) * inv2;
      store<f64>(ro, y2, 16);
      s = f64x2.extract_lane(d0, 0);
      s += y0 * l30;
      s += y1 * l31;
      s += y2 * l32;
      store<f64>(ro, (load<f64>(ro, 24) - (s + f64x2.extract_lane(d0, 1) + (f64x2.extract_lane(d1, 0) + f64x2.extract_lane(d1, 1)))) * inv3, 24);
    }
  }
  return -1;
}
