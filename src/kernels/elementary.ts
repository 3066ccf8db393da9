/**
 * exp, log1p and log on the restricted domains the loss kernels need, built from +, −, ×, ÷ and
 * exact powers of two only, so that the TypeScript kernels and their WebAssembly twins
 * (assembly/kernels.ts repeats these functions operation for operation) round identically.
 * Calling the host's Math.exp from WebAssembly costs a wasm→JS transition per call (about
 * 50 ns, more than the arithmetic of a 100-feature row), which is why the kernels do not.
 *
 * Method: classic argument reduction (Cody and Waite, "Software Manual for the Elementary
 * Functions", 1980; Tang, ACM TOMS 15, 1989): exp(x) = 2^k·exp(r) with |r| ≤ ln2/2 and ln 2
 * split into a 32-bit head (k·LN2_HI is exact) and a tail; log via 2·atanh(s), s = f/(2 + f),
 * with |s| ≤ 3 − 2√2 ≈ 0.172. Both series are Taylor series summed by Horner's rule with enough
 * terms that truncation is below 1e-18; measured error ≤ 2 ulp against Math (see the tests).
 */

const LOG2E = 1.4426950408889634;
/** ln 2 = LN2_HI + LN2_LO, LN2_HI with 32 significant bits (k·LN2_HI exact for |k| < 2^21). */
const LN2_HI = 0.6931471803691238;
const LN2_LO = 1.9082149292705877e-10;
const LN2 = 0.6931471805599453;
const SQRT2 = 1.4142135623730951;
const SQRT2_MINUS_1 = 0.41421356237309503;
/** 2^−64, to step into the subnormal range without a second rounding. */
const TWO_M64 = 5.421010862427522e-20;

/** POW2_NEG[i] = 2^−i, i ≤ 1020, exact (repeated halving of 1 is exact down to 2^−1022). */
const POW2_NEG = new Float64Array(1021);
POW2_NEG[0] = 1;
for (let i = 1; i < 1021; i++) POW2_NEG[i] = POW2_NEG[i - 1] * 0.5;

/**
 * e^x for x ≤ 0 (and x = +0): 1 at 0, down to the subnormals, 0 below −746, NaN for NaN.
 * Not for x > 0. Cost: O(1), one Horner polynomial of degree 13.
 */
export function expNonPositive(x: number): number {
  if (!(x >= -746)) return x === x ? 0 : x;
  const k = Math.floor(x * LOG2E + 0.5);
  const r = x - k * LN2_HI - k * LN2_LO;
  // Σ_{m ≤ 13} r^m/m!: |r| ≤ 0.347, the first omitted term is below 5e-18.
  let p = 1.6059043836821613e-10;
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
  let i = -k;
  if (i > 1020) {
    p *= TWO_M64;
    i -= 64;
  }
  return p * POW2_NEG[i];
}

/** 2·atanh(s) = log((1 + s)/(1 − s)) for |s| ≤ 0.172: 2s + 2s·Σ_{m=1}^{10} s^{2m}/(2m + 1). */
function log2atanh(s: number): number {
  const s2 = s * s;
  let t = 0.043478260869565216; // 1/23
  t = t * s2 + 0.047619047619047616; // 1/21
  t = t * s2 + 0.05263157894736842; // 1/19
  t = t * s2 + 0.058823529411764705; // 1/17
  t = t * s2 + 0.06666666666666667; // 1/15
  t = t * s2 + 0.07692307692307693; // 1/13
  t = t * s2 + 0.09090909090909091; // 1/11
  t = t * s2 + 0.1111111111111111; // 1/9
  t = t * s2 + 0.14285714285714285; // 1/7
  t = t * s2 + 0.2; // 1/5
  t = t * s2 + 0.3333333333333333; // 1/3
  const twoS = 2 * s;
  return twoS + twoS * (t * s2);
}

/**
 * log(1 + x) for 0 ≤ x ≤ 1, accurate for tiny x (log1p(1e-300) = 1e-300). Above √2 − 1 it
 * uses log(1 + x) = ln 2 + log(1 + (x − 1)/2). Cost: O(1), one division.
 */
export function log1pUnit(x: number): number {
  if (x < 1e-17) return x; // log1p(x) = x − x²/2 + …, and x²/2 is below half an ulp of x
  if (x <= SQRT2_MINUS_1) return log2atanh(x / (2 + x));
  const f = (x - 1) * 0.5;
  return LN2 + log2atanh(f / (2 + f));
}

/**
 * log(y) for finite y ≥ 1 (the softmax normaliser Σₖ e^{zₖ − max z} ∈ [1, K]): y = 2^k·m with
 * m ∈ (√2/2, √2] by exact halvings, then k·ln 2 + log(1 + (m − 1)) (m − 1 is exact).
 * Cost: O(log₂ y).
 */
export function logAtLeast1(y: number): number {
  let k = 0;
  let m = y;
  while (m > SQRT2) {
    m *= 0.5;
    k++;
  }
  const f = m - 1;
  return k * LN2_HI + (k * LN2_LO + log2atanh(f / (2 + f)));
}
