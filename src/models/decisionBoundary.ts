import { LogitRangeError, LogitTypeError, describe } from '../core/errors.js';
import * as check from '../core/options.js';
import { LogisticRegression } from './logisticRegression.js';

export interface DecisionBoundary {
  /** First-feature coordinates of the boundary points. */
  x1: Float64Array;
  /** Second-feature coordinates of the boundary points. */
  x2: Float64Array;
  /** True when the boundary is the vertical line x1 = −(b − logit t)/w1 (w2 ≈ 0); `x2` then holds the values passed in. */
  vertical: boolean;
}

/**
 * The line where a two-feature binary logistic model gives P(classes[1]) = threshold
 * (default 0.5, i.e. w1·x1 + w2·x2 + b = 0), seed 000's `get_decision_boundary`:
 *
 *   x2 = −(w1·x1 + b − z*) / w2,   z* = logit(threshold)  (halved for two-class softmax models)
 *
 * When |w2| ≤ 1e-10·|w1| the line is vertical, x1 = −(b − z*)/w1, and `values` are used as its
 * x2 coordinates. Throws when both weights are 0 (every point then has the same probability).
 * Cost: O(m) for m values.
 */
export function decisionBoundary(
  model: LogisticRegression,
  values: ArrayLike<number>,
  options: { threshold?: number } = {},
): DecisionBoundary {
  if (!(model instanceof LogisticRegression)) {
    throw new LogitTypeError(`decisionBoundary needs a fitted LogisticRegression; received ${describe(model)}`, { parameter: 'model' });
  }
  const o = check.rejectUnknownOptions(options, ['threshold'], 'decisionBoundary');
  const t = check.inRange(o, 'threshold', 0.5, 0, 1);
  if (t === 0 || t === 1) {
    throw new LogitRangeError(`threshold must be strictly between 0 and 1 (the boundary is at infinity otherwise); received ${t}`, {
      parameter: 'threshold',
      value: t,
    });
  }
  if (model.classes.length !== 2 || model.nFeatures !== 2) {
    throw new LogitRangeError(
      `decisionBoundary draws a line for 2 features and 2 classes; this model has ${model.nFeatures} features and ${model.classes.length} classes`,
      { parameter: 'model' },
    );
  }
  const coef = model.coef;
  const w1 = coef.get(0, 0);
  const w2 = coef.get(0, 1);
  let zStar = Math.log(t) - Math.log1p(-t);
  if (model.mode === 'multinomial') zStar /= 2;
  const b = model.intercept[0] - zStar;
  const x = Float64Array.from(values);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      throw new LogitRangeError(`values[${i}] is ${describe(x[i])}; decisionBoundary needs finite numbers`, { parameter: 'values', row: i, value: x[i] });
    }
  }
  if (w1 === 0 && w2 === 0) {
    throw new LogitRangeError('both weights are 0: every point has the same probability, so there is no boundary', { parameter: 'model' });
  }
  if (Math.abs(w2) <= 1e-10 * Math.abs(w1)) {
    return { x1: new Float64Array(x.length).fill(-b / w1), x2: x, vertical: true };
  }
  const x2 = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) x2[i] = -(w1 * x[i] + b) / w2;
  return { x1: x, x2, vertical: false };
}
