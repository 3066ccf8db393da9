import { describe, expect, it } from 'vitest';
import type { Objective } from '../core/objective.js';
import { gradientDescent } from './gradientDescent.js';
import { lbfgs } from './lbfgs.js';

/** Rosenbrock's banana, the classic hard case for line searches: minimum 0 at (1, 1, …). */
function rosenbrock(n: number): Objective {
  return {
    size: n,
    valueAndGradient(x, g) {
      let f = 0;
      g.fill(0);
      for (let i = 0; i < n - 1; i++) {
        const a = x[i + 1] - x[i] * x[i];
        const b = 1 - x[i];
        f += 100 * a * a + b * b;
        g[i] += -400 * x[i] * a - 2 * b;
        g[i + 1] += 200 * a;
      }
      return f;
    },
  };
}

/** ½ xᵀ diag(h) x − bᵀx, minimum at x = b / h. */
function quadratic(h: number[], b: number[]): Objective {
  return {
    size: h.length,
    valueAndGradient(x, g) {
      let f = 0;
      for (let i = 0; i < h.length; i++) {
        f += 0.5 * h[i] * x[i] * x[i] - b[i] * x[i];
        g[i] = h[i] * x[i] - b[i];
      }
      return f;
    },
  };
}

describe('lbfgs', () => {
  it('minimises Rosenbrock in 10 dimensions to a gradient below 1e-10', () => {
    const x = new Float64Array(10).fill(-1.2);
    const res = lbfgs(rosenbrock(10), x, { maxIter: 1000, tol: 1e-10 });
    expect(res.converged).toBe(true);
    expect(res.reason).toBe('gradient');
    for (const v of x) expect(v).toBeCloseTo(1, 8);
    expect(res.history.length).toBe(res.nIter + 1);
    // f never increases along the iterates (strong Wolfe sufficient decrease).
    for (let k = 1; k < res.history.length; k++) expect(res.history[k]).toBeLessThanOrEqual(res.history[k - 1] * (1 + 1e-12));
  });

  it('solves an ill-conditioned quadratic exactly', () => {
    const h = [1, 10, 100, 1e4, 1e6];
    const b = [1, 2, 3, 4, 5];
    const x = new Float64Array(5);
    const res = lbfgs(quadratic(h, b), x, { maxIter: 500, tol: 1e-12 });
    expect(res.converged).toBe(true);
    h.forEach((hi, i) => expect(x[i]).toBeCloseTo(b[i] / hi, 10));
  });

  it('reports max-iter without converging and calls onIteration each step', () => {
    const x = new Float64Array(4).fill(-1.2);
    const seen: number[] = [];
    const res = lbfgs(rosenbrock(4), x, { maxIter: 3, tol: 1e-12, onIteration: (k) => seen.push(k) });
    expect(res.converged).toBe(false);
    expect(res.reason).toBe('max-iter');
    expect(res.nIter).toBe(3);
    expect(seen).toEqual([0, 1, 2, 3]);
  });

  it('stops at once when started at the optimum', () => {
    const x = Float64Array.of(1, 0.2);
    const res = lbfgs(quadratic([1, 10], [1, 2]), x, { maxIter: 100, tol: 1e-12 });
    expect(res.nIter).toBe(0);
    expect(res.converged).toBe(true);
  });
});

describe('gradientDescent', () => {
  it('converges on a well-scaled quadratic and stops on the loss change', () => {
    const x = new Float64Array(2);
    const res = gradientDescent(quadratic([1, 2], [1, 1]), x, { maxIter: 10_000, tol: 1e-14, learningRate: 0.4 });
    expect(res.converged).toBe(true);
    expect(res.reason).toBe('loss-change');
    expect(x[0]).toBeCloseTo(1, 6);
    expect(x[1]).toBeCloseTo(0.5, 6);
  });

  it('detects divergence, keeps the best point seen and never returns NaN', () => {
    const x = Float64Array.of(1, 1);
    const res = gradientDescent(quadratic([1, 100], [0, 0]), x, { maxIter: 10_000, tol: 0, learningRate: 0.5 });
    expect(res.reason).toBe('diverged');
    expect(res.converged).toBe(false);
    expect(Number.isFinite(res.value)).toBe(true);
    expect(Array.from(x).every(Number.isFinite)).toBe(true);
    expect(res.value).toBe(Math.min(...res.history));
  });
});
