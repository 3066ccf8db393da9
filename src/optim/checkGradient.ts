import { LogitRangeError, LogitTypeError, describe } from '../core/errors.js';
import type { Objective } from '../core/objective.js';

export interface GradientCheck {
  /** ‖a − n‖∞ / max(‖a‖∞, ‖n‖∞): the largest error relative to the largest gradient component. */
  maxRelativeError: number;
  /** ‖a − n‖∞. */
  maxAbsoluteError: number;
  /** Index of the component with the largest absolute error. */
  worstIndex: number;
  /** The analytic gradient a. */
  analytic: Float64Array;
  /** The central-difference gradient n. */
  numeric: Float64Array;
}

export interface CheckGradientOptions {
  /** Relative step: hᵢ = step·max(1, |xᵢ|). Default ∛ε ≈ 6e-6, the step that balances truncation and rounding error for central differences. */
  step?: number;
}

const DEFAULT_STEP = Math.cbrt(2.220446049250313e-16);

/**
 * Compares an analytic gradient with central differences, (f(x + hᵢeᵢ) − f(x − hᵢeᵢ)) / 2hᵢ,
 * the check seed 004 insists on before trusting a derivation. Pass either an
 * {@link Objective} (value and gradient in one call) or a function and its gradient.
 * A correct gradient gives a relative error around 1e-9 or below; 1e-6 and above means a bug.
 * Cost: 2·size evaluations of f plus one gradient.
 */
export function checkGradient(objective: Objective, x: ArrayLike<number>, options?: CheckGradientOptions): GradientCheck;
export function checkGradient(
  f: (x: Float64Array) => number,
  gradient: (x: Float64Array) => ArrayLike<number>,
  x: ArrayLike<number>,
  options?: CheckGradientOptions,
): GradientCheck;
export function checkGradient(a: unknown, b: unknown, c?: unknown, d?: unknown): GradientCheck {
  let f: (x: Float64Array) => number;
  let grad: (x: Float64Array) => ArrayLike<number>;
  let x0: unknown;
  let options: CheckGradientOptions | undefined;
  if (typeof a === 'object' && a !== null && typeof (a as Objective).valueAndGradient === 'function') {
    const obj = a as Objective;
    const scratch = new Float64Array(obj.size);
    f = (x) => obj.valueAndGradient(x, scratch);
    grad = (x) => {
      const g = new Float64Array(obj.size);
      obj.valueAndGradient(x, g);
      return g;
    };
    x0 = b;
    options = c as CheckGradientOptions | undefined;
  } else if (typeof a === 'function' && typeof b === 'function') {
    f = a as typeof f;
    grad = b as typeof grad;
    x0 = c;
    options = d as CheckGradientOptions | undefined;
  } else {
    throw new LogitTypeError(`checkGradient needs an Objective or (f, gradient) functions; received ${describe(a)}`, {
      parameter: 'objective',
      value: a,
    });
  }
  if (x0 === null || typeof x0 !== 'object' || typeof (x0 as ArrayLike<number>).length !== 'number') {
    throw new LogitTypeError(`checkGradient's x must be an array of numbers; received ${describe(x0)}`, { parameter: 'x', value: x0 });
  }
  const x = Float64Array.from(x0 as ArrayLike<number>);
  const step = options?.step ?? DEFAULT_STEP;
  if (!(step > 0)) throw new LogitRangeError(`step must be > 0; received ${describe(step)}`, { parameter: 'step', value: step });
  const analytic = Float64Array.from(grad(x.slice()));
  if (analytic.length !== x.length) {
    throw new LogitRangeError(`the gradient has ${analytic.length} components but x has ${x.length}`, {
      parameter: 'gradient',
      value: analytic.length,
    });
  }
  const numeric = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const h = step * Math.max(1, Math.abs(xi));
    x[i] = xi + h;
    const fp = f(x);
    x[i] = xi - h;
    const fm = f(x);
    x[i] = xi;
    numeric[i] = (fp - fm) / ((xi + h) - (xi - h));
  }
  let maxAbs = 0;
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < x.length; i++) {
    const e = Math.abs(analytic[i] - numeric[i]);
    if (!(e <= maxAbs)) {
      maxAbs = e === e ? e : Infinity;
      worst = i;
    }
    scale = Math.max(scale, Math.abs(analytic[i]), Math.abs(numeric[i]));
  }
  const maxRelativeError = maxAbs === 0 ? 0 : scale > 0 ? maxAbs / scale : Infinity;
  return { maxRelativeError, maxAbsoluteError: maxAbs, worstIndex: worst, analytic, numeric };
}
