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
// has no fused multiply-add, so each product is rounded as in JavaScript), and exp, log and
// log1p are the host's Math functions, imported: results agree bit for bit with the
// TypeScript path. (AssemblyScript's own musl-derived exp is about 1 ns per call faster but
// rounds differently in the last ulp, which a fit amplifies to ~1e-11.)
//
// Pointers are byte offsets into linear memory; arrays are f64 unless named otherwise.

// @ts-ignore: decorator
@external("env", "exp") declare function hostExp(x: f64): f64;
// @ts-ignore: decorator
@external("env", "log") declare function hostLog(x: f64): f64;
// @ts-ignore: decorator
@external("env", "log1p") declare function hostLog1p(x: f64): f64;

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

/**
 * Binary log-loss rows [0, rows): acc[0] += Σ sᵢℓᵢ, acc[1] += Σ gᵢ (intercept gradient),
 * grad[0..d) += Σ gᵢxᵢ, hw[i] = sᵢσ(1−σ) when hw ≠ 0. sw = 0 means unit weights.
 */
export function binaryRows(rows: i32, d: i32, X: usize, y: usize, sw: usize, w: usize, b: f64, grad: usize, acc: usize, hw: usize): void {
  let loss = load<f64>(acc);
  let gb = load<f64>(acc, 8);
  const rowBytes = <usize>d << 3;
  for (let i = 0; i < rows; i++) {
    const x = X + <usize>i * rowBytes;
    const z = dot8(x, w, d) + b;
    const yi = load<f64>(y + (<usize>i << 3));
    const si: f64 = sw == 0 ? 1 : load<f64>(sw + (<usize>i << 3));
    const e = hostExp(-Math.abs(z));
    const inv = 1 / (1 + e);
    let g: f64;
    if (z > 0) {
      loss += si * (hostLog1p(e) + (1 - yi) * z);
      g = ((1 - yi) - yi * e) * inv;
    } else {
      loss += si * (hostLog1p(e) - yi * z);
      g = (e * (1 - yi) - yi) * inv;
    }
    if (hw != 0) store<f64>(hw + (<usize>i << 3), si * e * inv * inv);
    g *= si;
    if (g == 0) continue;
    gb += g;
    axpy2(g, x, grad, d);
  }
  store<f64>(acc, loss);
  store<f64>(acc, gb, 8);
}

/** Squared error rows: acc[0] += Σ ½sᵢrᵢ², acc[1] += Σ sᵢrᵢ, grad += Σ sᵢrᵢxᵢ. */
export function squaredRows(rows: i32, d: i32, X: usize, y: usize, sw: usize, w: usize, b: f64, grad: usize, acc: usize): void {
  let loss = load<f64>(acc);
  let gb = load<f64>(acc, 8);
  const rowBytes = <usize>d << 3;
  for (let i = 0; i < rows; i++) {
    const x = X + <usize>i * rowBytes;
    const r = dot8(x, w, d) + b - load<f64>(y + (<usize>i << 3));
    const si: f64 = sw == 0 ? 1 : load<f64>(sw + (<usize>i << 3));
    loss += 0.5 * si * r * r;
    const g = si * r;
    if (g == 0) continue;
    gb += g;
    axpy2(g, x, grad, d);
  }
  store<f64>(acc, loss);
  store<f64>(acc, gb, 8);
}

/**
 * Softmax rows, K classes: W at w (K·d), intercepts at bias (K) or 0; yIdx i32 class indices.
 * acc[0] += Σ sᵢ(lse − z_y); grad (K·d) and gbias (K, when ≠ 0) accumulate Σ gᵢₖ·(xᵢ, 1).
 * scratch holds K doubles. When prob ≠ 0, also writes pᵢₖ to prob[i·K + k] (no gradient).
 */
export function softmaxRows(rows: i32, d: i32, K: i32, X: usize, yIdx: usize, sw: usize, w: usize, bias: usize, grad: usize, gbias: usize, acc: usize, scratch: usize, prob: usize): void {
  let loss = load<f64>(acc);
  const rowBytes = <usize>d << 3;
  for (let i = 0; i < rows; i++) {
    const x = X + <usize>i * rowBytes;
    let m = -Infinity;
    for (let k = 0; k < K; k++) {
      const z = dot8(x, w + <usize>k * rowBytes, d) + (bias == 0 ? 0 : load<f64>(bias + (<usize>k << 3)));
      store<f64>(scratch + (<usize>k << 3), z);
      if (z > m) m = z;
    }
    let sum: f64 = 0;
    const yi = yIdx == 0 ? 0 : load<i32>(yIdx + (<usize>i << 2));
    const zy = load<f64>(scratch + (<usize>yi << 3));
    for (let k = 0; k < K; k++) {
      const e = hostExp(load<f64>(scratch + (<usize>k << 3)) - m);
      store<f64>(scratch + (<usize>k << 3), e);
      sum += e;
    }
    const si: f64 = sw == 0 ? 1 : load<f64>(sw + (<usize>i << 3));
    if (prob != 0) {
      for (let k = 0; k < K; k++) store<f64>(prob + ((<usize>i * K + k) << 3), load<f64>(scratch + (<usize>k << 3)) / sum);
      continue;
    }
    loss += si * (m + hostLog(sum) - zy);
    const inv = si / sum;
    for (let k = 0; k < K; k++) {
      const g = load<f64>(scratch + (<usize>k << 3)) * inv - (k == yi ? si : 0);
      if (g == 0) continue;
      if (gbias != 0) store<f64>(gbias + (<usize>k << 3), load<f64>(gbias + (<usize>k << 3)) + g);
      axpy2(g, x, grad + <usize>k * rowBytes, d);
    }
  }
  store<f64>(acc, loss);
}

/**
 * Scaled rows for the Gram kernel: B[i, a] = (X[i, a] − μₐ)/σₐ (either optional), B[i, d] = 1
 * when ones; B has leading dimension D.
 */
export function scaleRows(rows: i32, d: i32, X: usize, center: usize, scale: usize, ones: i32, B: usize, D: i32): void {
  for (let i = 0; i < rows; i++) {
    const x = X + ((<usize>i * d) << 3);
    const o = B + ((<usize>i * D) << 3);
    for (let j = 0; j < d; j++) {
      let v = load<f64>(x + (<usize>j << 3));
      if (center != 0) v -= load<f64>(center + (<usize>j << 3));
      if (scale != 0) v /= load<f64>(scale + (<usize>j << 3));
      store<f64>(o + (<usize>j << 3), v);
    }
    if (ones != 0) store<f64>(o + (<usize>d << 3), 1);
  }
}

/**
 * Upper triangle of H (D × D, leading dimension ldH) += Σᵢ (hᵢ·B[i,a])·B[i,b], rows in order,
 * so every entry sees the same sequence of additions as a row-at-a-time loop. h = 0 means ones.
 * A row a of H is skipped when every hᵢ·B[i,a] of the block is 0; otherwise zero products are
 * added like any other (no per-entry branch in the inner loop).
 * ca needs `rows` doubles. Register-blocked: each pair of H entries stays in a register across
 * all rows of the block.
 */
export function gramRows(rows: i32, D: i32, B: usize, h: usize, H: usize, ldH: i32, ca: usize): void {
  const rowBytes = <usize>D << 3;
  for (let a = 0; a < D; a++) {
    let any = false;
    for (let i = 0; i < rows; i++) {
      const hi: f64 = h == 0 ? 1 : load<f64>(h + (<usize>i << 3));
      const c = hi * load<f64>(B + <usize>i * rowBytes + (<usize>a << 3));
      store<f64>(ca + (<usize>i << 3), c);
      if (c != 0) any = true;
    }
    if (!any) continue;
    const hrow = H + ((<usize>a * ldH) << 3);
    let b = a;
    // Scalar lead-in to an even b so vector loads of B rows and H rows pair up from here.
    if (b & 1) {
      let s = load<f64>(hrow + (<usize>b << 3));
      for (let i = 0; i < rows; i++) {
        s += load<f64>(ca + (<usize>i << 3)) * load<f64>(B + <usize>i * rowBytes + (<usize>b << 3));
      }
      store<f64>(hrow + (<usize>b << 3), s);
      b++;
    }
    for (; b + 3 < D; b += 4) {
      const ph = hrow + (<usize>b << 3);
      let s0 = v128.load(ph);
      let s1 = v128.load(ph, 16);
      let pb = B + (<usize>b << 3);
      for (let i = 0; i < rows; i++) {
        const vc = f64x2.splat(load<f64>(ca + (<usize>i << 3)));
        s0 = f64x2.add(s0, f64x2.mul(vc, v128.load(pb)));
        s1 = f64x2.add(s1, f64x2.mul(vc, v128.load(pb, 16)));
        pb += rowBytes;
      }
      v128.store(ph, s0);
      v128.store(ph, s1, 16);
    }
    for (; b < D; b++) {
      let s = load<f64>(hrow + (<usize>b << 3));
      for (let i = 0; i < rows; i++) {
        s += load<f64>(ca + (<usize>i << 3)) * load<f64>(B + <usize>i * rowBytes + (<usize>b << 3));
      }
      store<f64>(hrow + (<usize>b << 3), s);
    }
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
