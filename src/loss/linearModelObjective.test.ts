import { describe, expect, it } from 'vitest';
import { Matrix } from '../core/matrix.js';
import { Random } from '../core/rng.js';
import { checkGradient } from '../optim/checkGradient.js';
import { LinearModelObjective, type LossKind } from './linearModelObjective.js';

const rng = new Random(11);
const n = 50;
const d = 4;
const K = 3;
const X = new Matrix(n, d, Float64Array.from({ length: n * d }, () => rng.normal()));
const y01 = Float64Array.from({ length: n }, () => (rng.random() < 0.5 ? 1 : 0));
const yReal = Float64Array.from({ length: n }, () => rng.normal(1, 2));
const yIdx = Int32Array.from({ length: n }, () => rng.int(K));
const sw = Float64Array.from({ length: n }, () => rng.uniform(0.2, 3));

function objective(kind: LossKind, fitIntercept: boolean, weighted: boolean, l2: number): LinearModelObjective {
  return new LinearModelObjective({
    kind,
    X,
    y: kind === 'binary' ? y01 : yReal,
    yIdx,
    nClasses: K,
    sampleWeight: weighted ? sw : null,
    fitIntercept,
    l2,
  });
}

describe('LinearModelObjective gradients agree with central differences', () => {
  for (const kind of ['binary', 'multinomial', 'squared'] as const) {
    for (const fitIntercept of [true, false]) {
      for (const weighted of [false, true]) {
        for (const l2 of [0, 0.7]) {
          const name = `${kind}, ${fitIntercept ? 'intercept' : 'no intercept'}, ${weighted ? 'weights' : 'no weights'}, L2 ${l2}`;
          it(`checkGradient < 1e-6 for ${name}`, () => {
            const obj = objective(kind, fitIntercept, weighted, l2);
            const x = Float64Array.from({ length: obj.size }, () => rng.normal());
            const res = checkGradient(obj, x);
            expect(res.maxRelativeError).toBeLessThan(1e-6);
          });
        }
      }
    }
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
  it('is (1/S)·Σ sᵢℓᵢ + (λ/2S)·‖W‖² and unscaled() recovers C·Σ sᵢℓᵢ + ½‖W‖²', () => {
    const obj = objective('binary', true, true, 2);
    const params = Float64Array.from({ length: obj.size }, () => rng.normal());
    const g = new Float64Array(obj.size);
    const data = obj.dataTerm(params, g);
    const F = obj.valueAndGradient(params, g);
    let S = 0;
    for (const s of sw) S += s;
    let w2 = 0;
    for (let j = 0; j < d; j++) w2 += params[j] ** 2;
    expect(F).toBeCloseTo(data / S + (2 / (2 * S)) * w2, 12);
    // λ = 2 means C = 0.5.
    expect(obj.unscaled(F)).toBeCloseTo(0.5 * data + 0.5 * w2, 10);
  });

  it('the intercept is not penalised', () => {
    const obj = objective('squared', true, false, 5);
    const a = new Float64Array(obj.size);
    const b = a.slice();
    b[d] = 3; // only the intercept differs
    const g = new Float64Array(obj.size);
    const fa = obj.valueAndGradient(a, g);
    const fb = obj.valueAndGradient(b, g);
    let direct = 0;
    for (let i = 0; i < n; i++) direct += 0.5 * (3 - yReal[i]) ** 2 - 0.5 * yReal[i] ** 2;
    expect(fb - fa).toBeCloseTo(direct / n, 12);
  });
});
