import { LogitRangeError, describe } from '../core/errors.js';
import * as check from '../core/options.js';
import { asMatrix, asSampleWeight, asVector, type MatrixLike } from '../core/validate.js';
import type { WarningHandler } from '../core/warnings.js';
import { emitWarning } from '../core/warnings.js';
import { fitLinear, prepareCd } from './linearFit.js';
import { normalizeLinearOptions } from './linearOptions.js';

export interface LassoPathOptions {
  /** The α grid (any order; fitted from the largest down), or omit for nAlphas log-spaced values. */
  alphas?: ArrayLike<number>;
  /** Grid size when alphas is omitted (default 100). */
  nAlphas?: number;
  /** αmin / αmax of the automatic grid (default 1e-3). */
  eps?: number;
  /** ρ: 1 (default) is the lasso, below 1 the elastic net. */
  l1Ratio?: number;
  fitIntercept?: boolean;
  positive?: boolean;
  sampleWeight?: ArrayLike<number>;
  maxIter?: number;
  tol?: number;
  onWarning?: WarningHandler;
}

export interface LassoPath {
  /** α values, descending (from the all-zero end of the path). */
  alphas: Float64Array;
  /** Coefficients per α (length d each). */
  coefs: Float64Array[];
  intercepts: Float64Array;
  /** Duality gap at each solution (NaN for l1Ratio 0, where the lasso dual does not apply). */
  dualityGaps: Float64Array;
  /** Coordinate-descent sweeps per α. */
  nIter: Int32Array;
}

/**
 * The lasso / elastic-net regularisation path of scikit-learn's `enet_path`: by default
 * nAlphas values log-spaced from αmax = max |X̃ᵀS ỹ|ⱼ / (S·ρ) (the smallest α whose solution is
 * all zeros) down to eps·αmax, each solved by coordinate descent warm-started from the
 * previous one on a single Gram matrix XᵀX. Objective per α: (1/2S)·Σ sᵢrᵢ² + α(ρ‖w‖₁ + (1−ρ)/2‖w‖²).
 * Cost: one O(n·d²) pass for XᵀX, then O(d²) per sweep.
 */
export function lassoPath(X: MatrixLike, y: ArrayLike<number>, options: LassoPathOptions = {}): LassoPath {
  const o = check.rejectUnknownOptions(options, ['alphas', 'nAlphas', 'eps', 'l1Ratio', 'fitIntercept', 'positive', 'sampleWeight', 'maxIter', 'tol', 'onWarning'], 'lassoPath');
  const M = asMatrix(X);
  const target = asVector(y, 'y', M.rows);
  const sw = asSampleWeight(o.sampleWeight, M.rows);
  const rho = check.inRange(o, 'l1Ratio', 1, 0, 1);
  if (rho === 0 && o.alphas === undefined) {
    throw new LogitRangeError('l1Ratio 0 (pure ridge) has no all-zero end to start an automatic grid from; pass alphas', { parameter: 'l1Ratio', value: 0 });
  }
  const fitIntercept = check.bool(o, 'fitIntercept', true);
  const base = {
    penalty: 'elasticnet' as const,
    l1Ratio: rho,
    fitIntercept,
    positive: check.bool(o, 'positive', false),
    maxIter: check.integer(o, 'maxIter', 1000, 0),
    tol: check.nonNegative(o, 'tol', 1e-4),
    solver: 'cd' as const,
  };
  const onWarning = check.optionalFunction<WarningHandler>(o, 'onWarning');
  const data = prepareCd(M, target, sw, fitIntercept);
  let alphas: Float64Array;
  if (o.alphas !== undefined) {
    alphas = Float64Array.from(o.alphas as ArrayLike<number>);
    if (alphas.length === 0) throw new LogitRangeError('alphas is empty', { parameter: 'alphas' });
    alphas.forEach((a, i) => {
      if (!(a > 0) || !Number.isFinite(a)) throw new LogitRangeError(`alphas[${i}] is ${describe(a)}; every α must be a finite number > 0`, { parameter: 'alphas', row: i, value: a });
    });
    alphas.sort().reverse();
  } else {
    const nAlphas = check.integer(o, 'nAlphas', 100, 1);
    const eps = check.inRange(o, 'eps', 1e-3, Number.MIN_VALUE, 1);
    const p = data.problem;
    let top = 0;
    if (p.kind === 'gram') for (const v of p.q) top = Math.max(top, base.positive ? v : Math.abs(v));
    else {
      for (let j = 0; j < p.d; j++) {
        let s = 0;
        for (let i = 0; i < p.n; i++) s += p.Xc[j * p.n + i] * p.y[i];
        top = Math.max(top, base.positive ? s : Math.abs(s));
      }
    }
    const alphaMax = top / (data.weightSum * rho);
    if (!(alphaMax > 0)) {
      throw new LogitRangeError('every feature is uncorrelated with y (αmax = 0): the whole path is zero; pass alphas explicitly', { parameter: 'alphas' });
    }
    alphas = Float64Array.from({ length: nAlphas }, (_, k) => (nAlphas === 1 ? alphaMax : alphaMax * eps ** (k / (nAlphas - 1))));
  }
  const coefs: Float64Array[] = [];
  const intercepts = new Float64Array(alphas.length);
  const dualityGaps = new Float64Array(alphas.length);
  const nIter = new Int32Array(alphas.length);
  let init: { coef: Float64Array; intercept: number } | null = null;
  const failed: number[] = [];
  alphas.forEach((alpha, k) => {
    const { params } = normalizeLinearOptions({ ...base, alpha }, 'lassoPath');
    const sol = fitLinear({ X: M, y: target, sampleWeight: sw, params, init, onWarning, source: 'lassoPath', cdData: data, quiet: true });
    init = { coef: sol.coef, intercept: sol.intercept };
    coefs.push(sol.coef);
    intercepts[k] = sol.intercept;
    dualityGaps[k] = sol.dualityGap ?? NaN; // no gap without an L1 term (l1Ratio 0)
    nIter[k] = sol.nIter;
    if (!sol.converged) failed.push(alpha);
  });
  if (failed.length > 0) {
    emitWarning(onWarning, {
      code: 'convergence',
      source: 'lassoPath',
      message: `coordinate descent did not converge in maxIter=${base.maxIter} sweeps for ${failed.length} of ${alphas.length} alphas (smallest: ${Math.min(...failed).toPrecision(3)}); increase maxIter or loosen tol.`,
    });
  }
  return { alphas, coefs, intercepts, dualityGaps, nIter };
}
