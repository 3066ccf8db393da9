import type { CompositeObjective } from '../core/objective.js';
import type { Random } from '../core/rng.js';
import type { MinimizeResult, SolverOptions } from './result.js';

/** An objective that can also estimate its smooth part from a mini-batch of rows. */
export interface StochasticObjective extends CompositeObjective {
  /** Number of rows. */
  readonly n: number;
  /** Unbiased estimate of the smooth part and its gradient from rows[from … from+count). */
  batchValueAndGradient(params: Float64Array, grad: Float64Array, rows: Int32Array, from: number, count: number): number;
}

export interface SgdOptions extends SolverOptions {
  /** Initial step η₀. */
  learningRate: number;
  /** Rows per step. */
  batchSize: number;
  /** Shuffles the rows every epoch. */
  rng: Random;
  /** Strong convexity μ of the smooth part (its L2 term), 0 if none: picks the step schedule. */
  strongConvexity: number;
  /** Steps already taken (for partialFit continuing a schedule); default 0. */
  step?: number;
  /** Epochs without an improvement of at least tol before stopping (default 3). */
  patience?: number;
  /**
   * Polyak–Ruppert averaging from the second epoch on (default true): the returned point is the
   * mean of the iterates since then, which cancels most of the noise of the last steps.
   */
  average?: boolean;
}

export interface SgdResult extends MinimizeResult {
  /** Steps taken in total, including `options.step`. */
  step: number;
}

/**
 * Mini-batch stochastic (proximal) gradient descent. Each epoch visits the rows in a fresh
 * random order in batches of `batchSize`; each step is x ← prox(x − ηₜ·ĝ) where ĝ is the batch
 * gradient estimate and prox soft-thresholds the L1 coordinates (xⱼ ← sign(xⱼ)·max(0, |xⱼ| − ηₜωⱼ)).
 * Step schedule: with an L2 term (μ > 0), ηₜ = η₀ / (1 + η₀·μ·t), the classical 1/t rate for
 * strongly convex objectives (Bottou, "Stochastic gradient descent tricks", 2012); without,
 * ηₜ = η₀ / √(1 + t/b) with b the number of batches per epoch.
 * With `average` (default), from the second epoch on the iterates are averaged (Polyak and
 * Juditsky, SIAM J. Control Optim. 30, 1992) and the average is what is evaluated and returned.
 * After every epoch the full objective is evaluated (one pass) for `history`; the run stops when
 * `patience` epochs in a row improve it by less than tol. `converged` reports that stop.
 * Cost per epoch: two passes over X (one in batches, one for the objective).
 */
export function sgd(obj: StochasticObjective, x: Float64Array, options: SgdOptions): SgdResult {
  const size = obj.size;
  const { maxIter, tol, learningRate: eta0, batchSize, rng, strongConvexity: mu } = options;
  const patience = options.patience ?? 3;
  const omega = obj.l1Weights;
  const g = new Float64Array(size);
  const order = new Int32Array(obj.n);
  for (let i = 0; i < obj.n; i++) order[i] = i;
  const batches = Math.ceil(obj.n / batchSize);
  const averaging = options.average ?? true;
  const avg = new Float64Array(size);
  let averaged = 0;
  /** The point reported after an epoch: the running average once averaging has started. */
  const current = (): Float64Array => (averaging && averaged > 0 ? avg : x);
  const full = (): number => {
    const p = current();
    let l1 = 0;
    for (let j = 0; j < size; j++) l1 += omega[j] * Math.abs(p[j]);
    return obj.valueAndGradient(p, g) + l1;
  };
  let t = options.step ?? 0;
  let f = full();
  let gmax = 0;
  const history = [f];
  if (options.onIteration) {
    // full() left the full gradient at the start in g.
    let g0 = 0;
    for (let j = 0; j < size; j++) g0 = Math.max(g0, Math.abs(g[j]));
    options.onIteration(0, f, g0);
  }
  let evaluations = 1;
  let stale = 0;
  let epoch = 0;
  let best = f;
  while (epoch < maxIter) {
    rng.shuffle(order);
    for (let b = 0; b < batches; b++) {
      const from = b * batchSize;
      const count = Math.min(batchSize, obj.n - from);
      obj.batchValueAndGradient(x, g, order, from, count);
      const eta = mu > 0 ? eta0 / (1 + eta0 * mu * t) : eta0 / Math.sqrt(1 + t / batches);
      for (let j = 0; j < size; j++) {
        let v = x[j] - eta * g[j];
        const shrink = eta * omega[j];
        if (shrink > 0) v = v > shrink ? v - shrink : v < -shrink ? v + shrink : 0;
        x[j] = v;
      }
      t++;
      if (averaging && epoch > 0) {
        averaged++;
        const r = 1 / averaged;
        for (let j = 0; j < size; j++) avg[j] += (x[j] - avg[j]) * r;
      }
    }
    epoch++;
    const fNew = full();
    evaluations++;
    history.push(fNew);
    gmax = 0;
    for (let j = 0; j < size; j++) gmax = Math.max(gmax, Math.abs(g[j]));
    options.onIteration?.(epoch, fNew, gmax);
    if (!Number.isFinite(fNew)) {
      return { value: fNew, gradMax: Infinity, nIter: epoch, converged: false, reason: 'non-finite', history, evaluations, step: t };
    }
    stale = best - fNew < tol ? stale + 1 : 0;
    best = Math.min(best, fNew);
    f = fNew;
    if (stale >= patience) {
      x.set(current());
      return { value: f, gradMax: gmax, nIter: epoch, converged: true, reason: 'loss-change', history, evaluations, step: t };
    }
  }
  x.set(current());
  return { value: f, gradMax: gmax, nIter: epoch, converged: false, reason: 'max-iter', history, evaluations, step: t };
}
