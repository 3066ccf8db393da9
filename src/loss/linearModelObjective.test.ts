import { describe, expect, it } from 'vitest';
import { Matrix } from '../core/matrix.js';
import { Random } from '../core/rng.js';
import { checkGradient } from '../optim/checkGradient.js';
import { choleskyDamped, choleskySolve } from '../linalg/cholesky.js';
import { relDiff } from '../../test/helpers.js';
import { LinearModelObjective, preconditioner, type LossKind } from './linearModelObjective.js';

const rng = new Random(11);
const n = 50;
const d = 4;
const K = 3;
// Columns on very different scales and offsets, as raw data has them.
const colScale = [1, 100, 0.01, 5];
const colShift = [0, 1000, -3, 20];
const X = new Matrix(n, d, Float64Array.from({ length: n * d }, (_, k) => colShift[k % d] + colScale[k % d] * rng.normal()));
// Finite differences on the raw, badly scaled X are dominated by truncation error (curvatures
// differ by 1e8 between columns), so the unpreconditioned objective is checked on N(0, 1) data.
const Xstd = new Matrix(n, d, Float64Array.from({ length: n * d }, () => rng.normal()));
const y01 = Float64Array.from({ length: n }, () => (rng.random() < 0.5 ? 1 : 0));
const yReal = Float64Array.from({ length: n }, () => rng.normal(1, 2));
const yIdx = Int32Array.from({ length: n }, () => rng.int(K));
const sw = Float64Array.from({ length: n }, () => rng.uniform(0.2, 3));

function objective(kind: LossKind, fitIntercept: boolean, weighted: boolean, l2: number, preconditioned: boolean): LinearModelObjective {
  const weights = weighted ? sw : null;
  const pc = preconditioned ? preconditioner(X, weights, fitIntercept) : { center: null, scale: null };
  return new LinearModelObjective({
    kind,
    X: preconditioned ? X : Xstd,
    y: kind === 'binary' ? y01 : yReal,
    yIdx,
    nClasses: K,
    sampleWeight: weights,
    fitIntercept,
    l2,
    center: pc.center,
    scale: pc.scale,
  });
}

function randomTheta(size: number, scale = 0.3): Float64Array {
  return Float64Array.from({ length: size }, () => scale * rng.normal());
}

const variants: [LossKind, boolean, boolean, number, boolean][] = [];
for (const kind of ['binary', 'multinomial', 'squared'] as const) {
  for (const fitIntercept of [true, false]) {
    for (const weighted of [false, true]) {
      for (const l2 of [0, 0.7]) {
        for (const pre of [false, true]) variants.push([kind, fitIntercept, weighted, l2, pre]);
      }
    }
  }
}
const label = (v: (typeof variants)[number]): string =>
  `${v[0]}, ${v[1] ? 'intercept' : 'no intercept'}, ${v[2] ? 'weights' : 'no weights'}, L2 ${v[3]}, ${v[4] ? 'preconditioned' : 'raw'}`;

describe('LinearModelObjective derivatives agree with finite differences', () => {
  for (const v of variants) {
    it(`checkGradient < 1e-6 for ${label(v)}`, () => {
      const obj = objective(...v);
      const theta = randomTheta(obj.size, 0.3);
      expect(checkGradient(obj, theta).maxRelativeError).toBeLessThan(1e-6);
    });

    it(`Hessian-vector product and dense Hessian match gradient differences for ${label(v)}`, () => {
      const obj = objective(...v);
      const theta = randomTheta(obj.size, 0.3);
      const dir = randomTheta(obj.size, 1);
      const hv = new Float64Array(obj.size);
      obj.hessianVectorProduct(theta, dir, hv);
      // Central difference of the gradient along dir: (∇F(θ + εv) − ∇F(θ − εv)) / 2ε.
      const eps = 1e-5 / Math.max(...Array.from(dir, Math.abs));
      const gp = new Float64Array(obj.size);
      const gm = new Float64Array(obj.size);
      obj.valueAndGradient(theta.map((t, j) => t + eps * dir[j]), gp);
      obj.valueAndGradient(theta.map((t, j) => t - eps * dir[j]), gm);
      const fd = gp.map((g, j) => (g - gm[j]) / (2 * eps));
      const scale = Math.max(...Array.from(fd, Math.abs));
      for (let j = 0; j < obj.size; j++) expect(Math.abs(hv[j] - fd[j])).toBeLessThan(1e-6 * scale);
      const H = new Float64Array(obj.size * obj.size);
      const g = new Float64Array(obj.size);
      const f = obj.valueGradientHessian(theta, g, H);
      const g2 = new Float64Array(obj.size);
      expect(f).toBeCloseTo(obj.valueAndGradient(theta, g2), 12);
      for (let j = 0; j < obj.size; j++) expect(g[j]).toBeCloseTo(g2[j], 12);
      for (let a = 0; a < obj.size; a++) {
        let s = 0;
        for (let b = 0; b < obj.size; b++) {
          s += H[a * obj.size + b] * dir[b];
          expect(H[a * obj.size + b]).toBe(H[b * obj.size + a]);
        }
        expect(Math.abs(s - hv[a])).toBeLessThan(1e-10 * Math.max(1, scale));
      }
    });
  }

  it('checkGradient catches a wrong gradient', () => {
    const f = (x: Float64Array): number => x[0] ** 3 + 2 * x[1];
    const wrong = (x: Float64Array): number[] => [2 * x[0] ** 2, 2];
    expect(checkGradient(f, wrong, [1.5, -1]).maxRelativeError).toBeGreaterThan(0.1);
    const right = (x: Float64Array): number[] => [3 * x[0] ** 2, 2];
    expect(checkGradient(f, right, [1.5, -1]).maxRelativeError).toBeLessThan(1e-9);
  });
});

describe('LinearModelObjective values', () => {
  it('preconditioning is a change of variables: same F at corresponding points, toModel∘fromModel = id', () => {
    for (const kind of ['binary', 'multinomial', 'squared'] as const) {
      for (const fitIntercept of [true, false]) {
        const pc = preconditioner(X, sw, fitIntercept);
        const base = { kind, X, y: kind === 'binary' ? y01 : yReal, yIdx, nClasses: K, sampleWeight: sw, fitIntercept, l2: 0.5 };
        const raw = new LinearModelObjective(base);
        const pre = new LinearModelObjective({ ...base, ...pc });
        const model = randomTheta(raw.size, 0.01);
        const theta = new Float64Array(pre.size);
        pre.fromModel(model, theta);
        const back = new Float64Array(pre.size);
        pre.toModel(theta, back);
        for (let j = 0; j < model.length; j++) expect(back[j]).toBeCloseTo(model[j], 12);
        const g = new Float64Array(raw.size);
        expect(pre.valueAndGradient(theta, g)).toBeCloseTo(raw.valueAndGradient(model, g), 10);
      }
    }
  });

  it('is (1/S)·Σ sᵢℓᵢ + (λ/2S)·‖W‖² and unscaled() recovers C·Σ sᵢℓᵢ + ½‖W‖²', () => {
    const obj = objective('binary', true, true, 2, false);
    const noPen = objective('binary', true, true, 0, false);
    const params = randomTheta(obj.size, 0.01);
    const g = new Float64Array(obj.size);
    const F = obj.valueAndGradient(params, g);
    const data = noPen.valueAndGradient(params, g) * noPen.weightSum;
    let S = 0;
    for (const s of sw) S += s;
    let w2 = 0;
    for (let j = 0; j < d; j++) w2 += params[j] ** 2;
    expect(F).toBeCloseTo(data / S + (2 / (2 * S)) * w2, 12);
    expect(obj.unscaled(F)).toBeCloseTo(0.5 * data + 0.5 * w2, 9); // λ = 2 means C = 0.5
  });

  it('the intercept is not penalised', () => {
    const obj = objective('squared', true, false, 5, false);
    const a = new Float64Array(obj.size);
    const b = a.slice();
    b[d] = 3;
    const g = new Float64Array(obj.size);
    const fa = obj.valueAndGradient(a, g);
    const fb = obj.valueAndGradient(b, g);
    let direct = 0;
    for (let i = 0; i < n; i++) direct += 0.5 * (3 - yReal[i]) ** 2 - 0.5 * yReal[i] ** 2;
    expect(fb - fa).toBeCloseTo(direct / n, 10);
  });

  it('l1Weights are λ₁/(S·σⱼ) on weights and 0 on intercepts', () => {
    const pc = preconditioner(X, null, true);
    const obj = new LinearModelObjective({ kind: 'binary', X, y: y01, sampleWeight: null, fitIntercept: true, l2: 0, l1: 3, ...pc });
    for (let j = 0; j < d; j++) expect(obj.l1Weights[j]).toBeCloseTo(3 / (n * pc.scale[j]), 15);
    expect(obj.l1Weights[d]).toBe(0);
  });

  it('preconditioner: weighted means and standard deviations; constant columns get σ = 1', () => {
    const M = Matrix.from([
      [1, 5, 0],
      [3, 5, 0],
      [5, 5, 0],
    ]);
    const { center, scale } = preconditioner(M, null, true);
    expect(Array.from(center as Float64Array)).toEqual([3, 5, 0]);
    expect(scale[0]).toBeCloseTo(Math.sqrt(8 / 3), 15);
    expect(scale[1]).toBe(1);
    expect(scale[2]).toBe(1);
    const rms = preconditioner(M, null, false);
    expect(rms.center).toBeNull();
    expect(rms.scale[1]).toBeCloseTo(5, 15);
  });
});

describe('liftFlatDirections', () => {
  const dirs = (obj: LinearModelObjective, l2: number): Float64Array[] => {
    const out: Float64Array[] = [];
    const D = obj.fitIntercept ? d + 1 : d;
    for (let a = l2 === 0 ? 0 : d; a < D; a++) {
      const u = new Float64Array(obj.size);
      for (let c = 0; c < K; c++) u[a === d ? K * d + c : c * d + a] = 1;
      out.push(u);
    }
    return out;
  };
  const dot = (a: Float64Array, b: Float64Array): number => a.reduce((s, v, i) => s + v * b[i], 0);

  for (const fitIntercept of [true, false]) {
    for (const l2 of [0, 0.7]) {
      it(`softmax, ${fitIntercept ? 'intercept' : 'no intercept'}, L2 ${l2}: lifts exactly the flat directions; solves of gradients unchanged`, () => {
        const obj = objective('multinomial', fitIntercept, true, l2, true);
        const size = obj.size;
        const theta = randomTheta(size);
        const g = new Float64Array(size);
        const H = new Float64Array(size * size);
        const f = obj.valueGradientHessian(theta, g, H);
        const U = dirs(obj, l2);
        expect(U.length).toBe((fitIntercept ? 1 : 0) + (l2 === 0 ? d : 0));
        for (const u of U) {
          // The premise: F does not change along u, and the gradient has no component along it.
          const moved = theta.map((v, j) => v + 0.7 * u[j]);
          expect(Math.abs(obj.valueAndGradient(moved, new Float64Array(size)) - f)).toBeLessThan(1e-13 * Math.abs(f));
          expect(Math.abs(dot(g, u))).toBeLessThan(1e-13);
        }
        const lifted = H.slice();
        obj.liftFlatDirections(lifted);
        if (U.length === 0) {
          expect(lifted).toEqual(H);
          return;
        }
        // H' = H + Σ c·uuᵀ with c = (Σ over u's K diagonal entries)/K², nothing else.
        const expected = H.slice();
        for (const u of U) {
          let diag = 0;
          for (let j = 0; j < size; j++) if (u[j] === 1) diag += H[j * (size + 1)];
          for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) if (u[a] === 1 && u[b] === 1) expected[a * size + b] += diag / (K * K);
        }
        expect(lifted).toEqual(expected);
        // Positive definite at the first attempt, and the solve of the gradient is H's
        // minimum-norm one: it solves H·x = g, has no component along any u, and does not depend
        // on the size of the lift.
        const L = new Float64Array(size * size);
        expect(choleskyDamped(size, lifted, L)).toBe(0);
        const x = g.slice();
        choleskySolve(size, L, x);
        const Hx = new Float64Array(size);
        for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) Hx[a] += H[a * size + b] * x[b];
        expect(relDiff(Hx, g)).toBeLessThan(1e-9);
        for (const u of U) expect(Math.abs(dot(x, u))).toBeLessThan(1e-9 * Math.sqrt(dot(x, x)));
        const bigger = lifted.map((v, j) => v + 9 * (v - H[j]));
        const L10 = new Float64Array(size * size);
        expect(choleskyDamped(size, bigger, L10)).toBe(0);
        const x10 = g.slice();
        choleskySolve(size, L10, x10);
        expect(relDiff(x10, x)).toBeLessThan(1e-9);
      });
    }
  }

  it('leaves binary and squared-error Hessians alone', () => {
    for (const kind of ['binary', 'squared'] as const) {
      const obj = objective(kind, true, false, 0, true);
      const H = new Float64Array(obj.size * obj.size);
      obj.valueGradientHessian(randomTheta(obj.size), new Float64Array(obj.size), H);
      const before = H.slice();
      obj.liftFlatDirections(H);
      expect(H).toEqual(before);
    }
  });
});

describe('sampledHessian', () => {
  // (1/S_B)·Σ_{i∈B} sᵢ∇²ℓᵢ + F's own penalty curvature, B = 64 blocks of consecutive rows spread
  // over X (here fewer rows than 64 blocks: every step-th row), against the full Hessian of the
  // same objective built on those rows alone (its L2 scaled so that its curvature λ/S matches).
  for (const kind of ['binary', 'multinomial'] as const) {
    for (const step of [2, 3]) {
      it(`${kind}, step ${step}: the Hessian of the objective on the sampled rows`, () => {
        const pc = preconditioner(X, sw, true);
        const l2 = 0.7;
        const full = new LinearModelObjective({ kind, X, y: y01, yIdx, nClasses: K, sampleWeight: sw, fitIntercept: true, l2, ...pc });
        const m = Math.ceil(n / step);
        const blocks = Math.min(64, m);
        const per = Math.max(1, Math.floor(m / blocks));
        const rows: number[] = [];
        for (let c = 0; c < blocks; c++) {
          const i0 = Math.floor((c * n) / blocks);
          for (let i = i0; i < Math.min(n, i0 + per); i++) rows.push(i);
        }
        const Xs = new Matrix(rows.length, d, Float64Array.from(rows.flatMap((i) => Array.from(X.data.subarray(i * d, (i + 1) * d)))));
        const swS = Float64Array.from(rows, (i) => sw[i]);
        const SB = swS.reduce((a, v) => a + v, 0);
        const S = sw.reduce((a, v) => a + v, 0);
        const sub = new LinearModelObjective({
          kind,
          X: Xs,
          y: Float64Array.from(rows, (i) => y01[i]),
          yIdx: Int32Array.from(rows, (i) => yIdx[i]),
          nClasses: K,
          sampleWeight: swS,
          fitIntercept: true,
          l2: (l2 * SB) / S,
          ...pc,
        });
        const theta = randomTheta(full.size);
        const H = new Float64Array(full.size ** 2);
        expect(full.sampledHessian(theta, step, H)).toBe(true);
        const ref = new Float64Array(full.size ** 2);
        sub.valueGradientHessian(theta, new Float64Array(full.size), ref);
        expect(relDiff(H, ref)).toBeLessThan(1e-12);
        for (let a = 0; a < full.size; a++) for (let b = 0; b < a; b++) expect(H[a * full.size + b]).toBe(H[b * full.size + a]);
      });
    }
  }
});
