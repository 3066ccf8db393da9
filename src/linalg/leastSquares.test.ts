import { afterEach, describe, expect, it } from 'vitest';
import { Random } from '../core/rng.js';
import { setKernelBackend } from '../kernels/backend.js';
import { centredNormalEquations, gram, gramWithRhs, leastSquares, needsExplicitCentring, residualProduct, residualWork, type LeastSquaresOptions } from './leastSquares.js';

afterEach(() => setKernelBackend('auto'));

interface Problem {
  m: number;
  n: number;
  A: Float64Array;
  b: Float64Array;
  center: Float64Array;
  weights: Float64Array | null;
}

/**
 * m × n rows with column j around mean·(1 + j/10) and spread 1; with `correlated`, columns 1… are
 * column 0 plus 0.01 × noise (κ ≈ 1e2–1e3 after centring). b is a linear function of the
 * centred rows plus noise, centred. `center` holds the exact weighted column means.
 */
function problem(seed: number, m: number, n: number, mean: number, weighted: boolean, correlated = false): Problem {
  const rng = new Random(seed);
  const A = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const a0 = rng.normal();
    for (let j = 0; j < n; j++) A[i * n + j] = mean * (1 + j / 10) + (correlated && j > 0 ? a0 + 0.01 * rng.normal() : j === 0 ? a0 : rng.normal());
  }
  const weights = weighted ? Float64Array.from({ length: m }, () => rng.uniform(0.1, 3)) : null;
  const center = new Float64Array(n);
  let S = 0;
  for (let i = 0; i < m; i++) {
    const s = weights === null ? 1 : weights[i];
    S += s;
    for (let j = 0; j < n; j++) center[j] += s * A[i * n + j];
  }
  for (let j = 0; j < n; j++) center[j] /= S;
  const coef = Float64Array.from({ length: n }, () => rng.normal());
  const b = new Float64Array(m);
  let bMean = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) b[i] += (A[i * n + j] - center[j]) * coef[j];
    b[i] += 0.1 * rng.normal();
    bMean += (weights === null ? 1 : weights[i]) * b[i];
  }
  bMean /= S;
  for (let i = 0; i < m; i++) b[i] -= bMean;
  return { m, n, A, b, center, weights };
}

/** The plain centred formulas, row by row: G = Σ s(a − μ)(a − μ)ᵀ, g = Σ s·r·(a − μ), Σ s·r². */
function reference(p: Problem, x: Float64Array): { G: Float64Array; g: Float64Array; rss: number } {
  const { m, n, A, b, center, weights } = p;
  const G = new Float64Array(n * n);
  const g = new Float64Array(n);
  const c = new Float64Array(n);
  let rss = 0;
  for (let i = 0; i < m; i++) {
    const s = weights === null ? 1 : weights[i];
    let z = 0;
    for (let j = 0; j < n; j++) {
      c[j] = A[i * n + j] - center[j];
      z += c[j] * x[j];
    }
    const r = b[i] - z;
    rss += s * r * r;
    for (let j = 0; j < n; j++) {
      g[j] += s * r * c[j];
      for (let k = 0; k < n; k++) G[j * n + k] += s * c[j] * c[k];
    }
  }
  return { G, g, rss };
}

/** The same rows with μ moved off the means and b shifted. */
function offCentre(p: Problem): Problem {
  return { ...p, center: p.center.map((v, j) => v + 0.7 - j / 5), b: p.b.map((v) => v + 3) };
}

function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let e = 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    e = Math.max(e, Math.abs(a[i] - b[i]));
    s = Math.max(s, Math.abs(b[i]));
  }
  return e / s;
}

function directRss(p: Problem, x: Float64Array): number {
  return reference(p, x).rss;
}

describe('gram (on the scaledWeightedGram kernel)', () => {
  it('equals Σ sᵢ(aᵢ − μ)(aᵢ − μ)ᵀ, full symmetric, on both backends', () => {
    const p = problem(1, 700, 9, 3, true);
    const ref = reference(p, new Float64Array(p.n)).G;
    for (const backend of ['ts', 'wasm'] as const) {
      setKernelBackend(backend);
      const G = gram(p.m, p.n, p.A, p.center, p.weights);
      expect(relDiff(G, ref)).toBeLessThan(1e-13);
      for (let j = 0; j < p.n; j++) for (let k = 0; k < p.n; k++) expect(G[j * p.n + k]).toBe(G[k * p.n + j]);
    }
  });
});

describe('gramWithRhs (b as an extra column of the Gram kernel)', () => {
  for (const [name, p] of [
    ['centred, weighted', problem(12, 3000, 7, 0.3, true)],
    ['off-centre μ, uncentred b, mean 1e6', offCentre(problem(13, 2000, 9, 1e6, true))],
  ] as const) {
    it(`${name}: the Gram matrix of gram() bit for bit, and q, bb = the residual product and Σ sᵢbᵢ² at x = 0`, () => {
      for (const backend of ['wasm', 'ts'] as const) {
        setKernelBackend(backend);
        const { G, q, bb } = gramWithRhs(p.m, p.n, p.A, p.b, p.center, p.weights);
        expect(Array.from(G)).toEqual(Array.from(gram(p.m, p.n, p.A, p.center, p.weights)));
        const ref = reference(p, new Float64Array(p.n));
        expect(relDiff(q, ref.g)).toBeLessThan(1e-12);
        expect(Math.abs(bb - ref.rss) / ref.rss).toBeLessThan(1e-13);
      }
    });
  }
});

describe('centredNormalEquations (means and normal equations in one pass, on shifted rows)', () => {
  /** Rows in two groups far apart (first half around 0, second around 1e4): no single block of rows is representative. */
  function twoGroups(): Problem {
    const p = problem(21, 4000, 6, 0, true);
    const A = p.A.map((v, k) => (Math.floor(k / p.n) >= p.m / 2 ? v + 1e4 : v));
    const center = new Float64Array(p.n);
    let S = 0;
    for (let i = 0; i < p.m; i++) {
      const s = p.weights === null ? 1 : p.weights[i];
      S += s;
      for (let j = 0; j < p.n; j++) center[j] += s * A[i * p.n + j];
    }
    for (let j = 0; j < p.n; j++) center[j] /= S;
    return { ...p, A, center };
  }
  const cases: [string, Problem][] = [
    ['mean 0.3, weighted', problem(14, 3000, 7, 0.3, true)],
    ['mean 1e6, unweighted, correlated', problem(15, 2500, 8, 1e6, false, true)],
    ['mean 1e6, weighted', problem(16, 2000, 5, 1e6, true)],
    ['two groups of rows 1e4 apart', twoGroups()],
  ];
  for (const [name, p] of cases) {
    it(`${name}: μ, G, q and Σ sᵢbᵢ² as from the exact means`, () => {
      const pre = centredNormalEquations(p.m, p.n, p.A, p.b, p.weights);
      expect(pre).not.toBeNull();
      if (pre === null) return;
      expect(pre.finite).toBe(true);
      const ref = reference(p, new Float64Array(p.n));
      for (let j = 0; j < p.n; j++) expect(Math.abs(pre.center[j] - p.center[j])).toBeLessThan(1e-13 * Math.max(1, Math.abs(p.center[j])) + 1e-12 * Math.sqrt(ref.G[j * p.n + j] / p.m));
      expect(relDiff(pre.G, ref.G)).toBeLessThan(1e-12);
      expect(relDiff(pre.q, ref.g)).toBeLessThan(1e-12);
      expect(Math.abs(pre.bb - ref.rss) / ref.rss).toBeLessThan(1e-13);
      // The solution from these normal equations is the one leastSquares finds on its own.
      const opts = { center: pre.center, weights: p.weights };
      const own = leastSquares(p.m, p.n, p.A, p.b, opts);
      const given = leastSquares(p.m, p.n, p.A, p.b, { ...opts, normal: pre });
      expect(given.method).toBe(own.method); // the two groups make the columns nearly collinear: QR for both
      if (name !== 'two groups of rows 1e4 apart') expect(given.method).toBe('cholesky');
      expect(relDiff(given.x, own.x)).toBeLessThan(1e-12);
    });
  }

  it('reports a NaN or ±∞ anywhere in A through `finite`, also on a zero-weight row and outside the sampled rows', () => {
    const p = problem(18, 3000, 4, 1, true);
    for (const [i, j, v] of [[1, 2, NaN], [2999, 0, Infinity], [1500, 3, -Infinity]] as const) {
      const A = Float64Array.from(p.A);
      A[i * p.n + j] = v;
      const w = Float64Array.from(p.weights ?? []);
      w[i] = 0;
      for (const weights of [p.weights, w]) expect(centredNormalEquations(p.m, p.n, A, p.b, weights)?.finite).toBe(false);
    }
    expect(centredNormalEquations(p.m, p.n, p.A, p.b, new Float64Array(p.m))).toBeNull(); // no weight at all
  });
});

describe('residualProduct (on the fused squared-error pass)', () => {
  // 3000 rows × 7: several 64 KB blocks (1170 rows each) and a partial last block.
  const cases = [
    { name: 'centred, weighted', p: problem(2, 3000, 7, 0.3, true) },
    { name: 'centred, unweighted', p: problem(3, 3000, 7, 0.3, false) },
    // μ not the mean and b not centred: Σ sᵢrᵢ ≠ 0, so the μ·Σ sᵢrᵢ term of the shifted form counts.
    { name: 'off-centre μ, uncentred b', p: offCentre(problem(6, 3000, 7, 0.3, true)) },
  ];
  for (const { name, p } of cases) {
    it(`${name}: shift and blocks both give Σ sᵢrᵢ(aᵢ − μ) and Σ sᵢrᵢ²`, () => {
      const x = Float64Array.from({ length: p.n }, (_, j) => 0.5 - j / 7);
      const ref = reference(p, x);
      for (const byBlocks of [false, true]) {
        const out = new Float64Array(p.n);
        const rss = residualProduct(p.m, p.n, p.A, p.b, x, p.center, p.weights, byBlocks, out, residualWork(p.m, p.n, byBlocks));
        expect(relDiff(out, ref.g)).toBeLessThan(1e-12);
        expect(Math.abs(rss - ref.rss) / ref.rss).toBeLessThan(1e-13);
      }
    });
  }

  it('without a centre: Σ sᵢ(bᵢ − aᵢ·x)·aᵢ', () => {
    const p = { ...problem(4, 500, 5, 2, true) };
    const x = Float64Array.from({ length: p.n }, (_, j) => j - 2);
    const ref = reference({ ...p, center: new Float64Array(p.n) }, x);
    const out = new Float64Array(p.n);
    const rss = residualProduct(p.m, p.n, p.A, p.b, x, null, p.weights, false, out, residualWork(p.m, p.n, false));
    expect(relDiff(out, ref.g)).toBeLessThan(1e-12);
    expect(Math.abs(rss - ref.rss) / ref.rss).toBeLessThan(1e-13);
  });

  it('gives the same bits on the TypeScript and WebAssembly kernels, shifted and by blocks', () => {
    const p = problem(5, 3000, 7, 50, true);
    const x = Float64Array.from({ length: p.n }, (_, j) => 0.5 - j / 7);
    for (const byBlocks of [false, true]) {
      const runs = (['ts', 'wasm'] as const).map((backend) => {
        setKernelBackend(backend);
        const out = new Float64Array(p.n);
        const rss = residualProduct(p.m, p.n, p.A, p.b, x, p.center, p.weights, byBlocks, out, residualWork(p.m, p.n, byBlocks));
        return { out: Array.from(out), rss };
      });
      expect(runs[1]).toEqual(runs[0]);
    }
  });

  it('needsExplicitCentring is true exactly when some |μⱼ| exceeds the column spread', () => {
    const n = 2;
    const G = Float64Array.of(4, 0, 0, 100); // S = 1: spreads 2 and 10
    expect(needsExplicitCentring(n, Float64Array.of(2, -10), G, 1)).toBe(false);
    expect(needsExplicitCentring(n, Float64Array.of(2.001, 0), G, 1)).toBe(true);
    expect(needsExplicitCentring(n, Float64Array.of(0, -10.01), G, 1)).toBe(true);
    expect(needsExplicitCentring(n, null, G, 1)).toBe(false);
  });
});

describe('leastSquares: Cholesky path against the QR path', () => {
  const cases: { name: string; p: Problem; ridge: number }[] = [
    { name: 'weighted, centred', p: problem(10, 2500, 8, 0.2, true), ridge: 0 },
    { name: 'weighted, centred, ridge', p: problem(11, 2500, 8, 0.2, true), ridge: 30 },
    { name: 'unweighted, centred, ridge, correlated columns', p: problem(12, 2500, 8, 0.2, false, true), ridge: 0.5 },
    { name: 'weighted, centred, correlated columns', p: problem(13, 2500, 8, 0.2, true, true), ridge: 0 },
  ];
  for (const { name, p, ridge } of cases) {
    it(`${name}: same x and residual sum of squares to 1e-12`, () => {
      const opts: LeastSquaresOptions = { center: p.center, weights: p.weights, ridge };
      const chol = leastSquares(p.m, p.n, p.A, p.b, opts);
      const qr = leastSquares(p.m, p.n, p.A, p.b, { ...opts, method: 'qr' });
      expect(chol.method).toBe('cholesky');
      expect(relDiff(chol.x, qr.x)).toBeLessThan(1e-12);
      const rss = directRss(p, chol.x);
      expect(Math.abs(chol.residualSumOfSquares - rss) / rss).toBeLessThan(1e-12);
      expect(Math.abs(qr.residualSumOfSquares - directRss(p, qr.x)) / rss).toBeLessThan(1e-12);
    });
  }

  it('off-centre μ and uncentred b (as leastSquares allows): same x to 1e-12', () => {
    const p = offCentre(problem(17, 2500, 8, 0.2, true));
    const opts: LeastSquaresOptions = { center: p.center, weights: p.weights, ridge: 4 };
    const chol = leastSquares(p.m, p.n, p.A, p.b, opts);
    const qr = leastSquares(p.m, p.n, p.A, p.b, { ...opts, method: 'qr' });
    expect(chol.method).toBe('cholesky');
    expect(relDiff(chol.x, qr.x)).toBeLessThan(1e-12);
  });

  it('without a centre (fitIntercept false) and with a ridge', () => {
    const p = problem(14, 1500, 6, 1, true);
    const opts: LeastSquaresOptions = { weights: p.weights, ridge: 3 };
    const chol = leastSquares(p.m, p.n, p.A, p.b, opts);
    const qr = leastSquares(p.m, p.n, p.A, p.b, { ...opts, method: 'qr' });
    expect(chol.method).toBe('cholesky');
    expect(relDiff(chol.x, qr.x)).toBeLessThan(1e-12);
  });

  it('keeps its digits on badly centred columns (mean 1e6, spread 1, κ ≈ 1e3)', () => {
    // Shifting the centring into an intercept would lose about 8 digits here (measured: 1e-8
    // relative error in x); the refinement pass centres explicitly instead.
    for (const mean of [1e6, 1e8]) {
      for (const weighted of [false, true]) {
        const p = problem(15, 3000, 6, mean, weighted, true);
        const opts: LeastSquaresOptions = { center: p.center, weights: p.weights, ridge: 0.1 };
        const chol = leastSquares(p.m, p.n, p.A, p.b, opts);
        const qr = leastSquares(p.m, p.n, p.A, p.b, { ...opts, method: 'qr' });
        expect(chol.method).toBe('cholesky');
        expect(relDiff(chol.x, qr.x)).toBeLessThan(1e-12);
        const rss = directRss(p, chol.x);
        expect(Math.abs(chol.residualSumOfSquares - rss) / rss).toBeLessThan(1e-12);
      }
    }
  });

  it('gives the same bits on the TypeScript and WebAssembly kernels (well and badly centred)', () => {
    for (const mean of [0.2, 1e6]) {
      const p = problem(16, 3000, 7, mean, true, true);
      const runs = (['ts', 'wasm'] as const).map((backend) => {
        setKernelBackend(backend);
        const r = leastSquares(p.m, p.n, p.A, p.b, { center: p.center, weights: p.weights, ridge: 2 });
        return { x: Array.from(r.x), rss: r.residualSumOfSquares, method: r.method };
      });
      expect(runs[0].method).toBe('cholesky');
      expect(runs[1]).toEqual(runs[0]);
    }
  });
});
