// The one objective every contender is judged by, computed in float64 JavaScript on the
// coefficients each contender returns, so no library grades its own homework. Scalings are
// scikit-learn's (the library logit matches):
//
//   logistic, L2:       C·Σᵢ ℓᵢ + ½‖W‖²_F        ℓᵢ = log(1 + e^{zᵢ}) − yᵢzᵢ (binary, y ∈ {0, 1})
//   logistic, L1:       C·Σᵢ ℓᵢ + ‖W‖₁                or logΣₖ e^{zᵢₖ} − zᵢ,yᵢ (multinomial)
//   least squares:      Σᵢ (yᵢ − xᵢ·w − b)²
//   ridge:              Σᵢ (yᵢ − xᵢ·w − b)² + α‖w‖²
//
// Intercepts are never penalised (liblinear does penalise its intercept, so its solution scores a
// little worse here; that is its objective being different, not a bug in this function).
// Cost: O(n·d·K), one pass over X.

/** log(1 + e^z) without overflow or cancellation. */
function softplus(z) {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/**
 * @param {object} spec  { model: 'binary' | 'multinomial' | 'linear', penalty: 'l2' | 'l1' | 'none', C, alpha }
 * @param {Float64Array} X  n × d row-major
 * @param {Float64Array} y  0/1 (binary), class index (multinomial) or real target (linear)
 * @param {number[][]} coef  K rows of d weights (K = 1 for binary and linear)
 * @param {number[]} intercept  K intercepts
 * @returns {number}
 */
export function objective(spec, n, d, X, y, coef, intercept) {
  const K = coef.length;
  let data = 0;
  if (spec.model === 'binary') {
    const w = coef[0];
    const b = intercept[0] ?? 0;
    for (let i = 0; i < n; i++) {
      let z = b;
      const off = i * d;
      for (let j = 0; j < d; j++) z += X[off + j] * w[j];
      data += softplus(z) - y[i] * z;
    }
  } else if (spec.model === 'multinomial') {
    const z = new Float64Array(K);
    for (let i = 0; i < n; i++) {
      const off = i * d;
      let m = -Infinity;
      for (let k = 0; k < K; k++) {
        let s = intercept[k] ?? 0;
        const w = coef[k];
        for (let j = 0; j < d; j++) s += X[off + j] * w[j];
        z[k] = s;
        if (s > m) m = s;
      }
      let sum = 0;
      for (let k = 0; k < K; k++) sum += Math.exp(z[k] - m);
      data += m + Math.log(sum) - z[y[i]];
    }
  } else if (spec.model === 'linear') {
    const w = coef[0];
    const b = intercept[0] ?? 0;
    for (let i = 0; i < n; i++) {
      let r = y[i] - b;
      const off = i * d;
      for (let j = 0; j < d; j++) r -= X[off + j] * w[j];
      data += r * r;
    }
  } else {
    throw new Error(`objective: unknown model ${spec.model}`);
  }
  let l1 = 0;
  let l2 = 0;
  for (const row of coef) {
    for (const v of row) {
      l1 += Math.abs(v);
      l2 += v * v;
    }
  }
  if (spec.model === 'linear') return spec.penalty === 'l2' ? data + spec.alpha * l2 : data;
  const C = spec.C;
  if (spec.penalty === 'l1') return C * data + l1;
  if (spec.penalty === 'none') return C * data;
  return C * data + 0.5 * l2;
}

/** (value − best)/|best|: how far above the best objective any contender reached (0 for the best). */
export function relativeGap(value, best) {
  return (value - best) / Math.max(Math.abs(best), Number.MIN_VALUE);
}
