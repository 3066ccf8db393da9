import { describe, expect, it } from 'vitest';
import { collectWarnings } from '../../test/helpers.js';
import { LogitTypeError } from '../core/errors.js';
import { loadBreastCancer, loadIris } from '../datasets/load.js';
import { StandardScaler } from '../preprocessing/standardScaler.js';
import { Lasso, LinearRegression, Ridge } from './linearRegression.js';
import { LogisticRegression } from './logisticRegression.js';

const bc = loadBreastCancer();
const Xs = new StandardScaler().fitTransform(bc.X);
const iris = loadIris();

/** A recorder for onIteration calls. */
function recorder(): { calls: [number, number][]; onIteration: (k: number, f: number) => void } {
  const calls: [number, number][] = [];
  return { calls, onIteration: (k, f) => void calls.push([k, f]) };
}

describe('LogisticRegression onIteration', () => {
  const cases = [
    { solver: 'lbfgs', penalty: 'l2' },
    { solver: 'newton', penalty: 'l2' },
    { solver: 'owlqn', penalty: 'l1' },
    { solver: 'sgd', penalty: 'l2' },
    { solver: 'gd', penalty: 'l2' },
  ] as const;
  for (const { solver, penalty } of cases) {
    it(`replays lossHistory call by call with solver '${solver}' (two classes)`, () => {
      const rec = recorder();
      const { onWarning } = collectWarnings();
      const m = new LogisticRegression({ solver, penalty, maxIter: 30, onIteration: rec.onIteration, onWarning }).fit(Xs, bc.y);
      expect(rec.calls.map((c) => c[0])).toEqual(Array.from({ length: m.nIter + 1 }, (_, k) => k));
      expect(Float64Array.from(rec.calls, (c) => c[1])).toEqual(m.lossHistory);
    });
  }

  it('replays lossHistory for softmax on iris (three classes)', () => {
    const rec = recorder();
    const m = new LogisticRegression({ onIteration: rec.onIteration, maxIter: 500 }).fit(iris.X, iris.y);
    expect(m.lossHistory.length).toBeGreaterThan(2);
    expect(Float64Array.from(rec.calls, (c) => c[1])).toEqual(m.lossHistory);
  });

  it('restarts the count for each one-vs-rest sub-problem', () => {
    const rec = recorder();
    new LogisticRegression({ multiClass: 'ovr', maxIter: 500, onIteration: rec.onIteration }).fit(iris.X, iris.y);
    expect(rec.calls.filter((c) => c[0] === 0)).toHaveLength(3);
    // Within a sub-problem the count goes up by one each call.
    for (let i = 1; i < rec.calls.length; i++) {
      const [k, prev] = [rec.calls[i][0], rec.calls[i - 1][0]];
      expect(k === 0 || k === prev + 1).toBe(true);
    }
  });

  it('is not called by the separation check that runs after an unpenalised fit', () => {
    // Perfectly separated by x: the check continues the solver internally, silently.
    const X = [[-3], [-2], [-1], [1], [2], [3]];
    const y = [0, 0, 0, 1, 1, 1];
    const rec = recorder();
    const { warnings, onWarning } = collectWarnings();
    const m = new LogisticRegression({ penalty: 'none', onIteration: rec.onIteration, onWarning }).fit(X, y);
    expect(warnings.some((w) => w.code === 'separation')).toBe(true);
    expect(rec.calls).toHaveLength(m.lossHistory.length);
  });

  it('is not serialised and does not change the fit', () => {
    const rec = recorder();
    const withHook = new LogisticRegression({ onIteration: rec.onIteration }).fit(Xs, bc.y);
    const without = new LogisticRegression().fit(Xs, bc.y);
    expect(withHook.coef.toArray()).toEqual(without.coef.toArray());
    const doc = withHook.toJSON();
    expect(Object.keys(doc.params)).not.toContain('onIteration');
    expect(JSON.stringify(doc.params)).toBe(JSON.stringify(without.toJSON().params));
  });

  it('rejects a non-function, naming the option', () => {
    expect(() => new LogisticRegression({ onIteration: 3 as never })).toThrow(LogitTypeError);
    expect(() => new LogisticRegression({ onIteration: 3 as never })).toThrow(/onIteration must be a function; received 3/);
  });

  it('a hook that throws aborts fit and leaves the previous fitted state intact', () => {
    let fail = false;
    const m = new LogisticRegression({
      onIteration: (k) => {
        if (fail && k === 2) throw new Error('stop');
      },
    }).fit(Xs, bc.y);
    const before = m.coef.toArray();
    fail = true;
    expect(() => m.fit(iris.X, iris.y)).toThrow('stop');
    expect(m.classes).toEqual([0, 1]);
    expect(m.coef.toArray()).toEqual(before);
  });
});

describe('LinearRegression onIteration', () => {
  const X = bc.X;
  const y = Array.from(bc.X.column(0));
  const Xr = new StandardScaler().fitTransform(bc.X.toArray().map((r) => r.slice(1)));

  it("lstsq (exact) reports once: (0, F at the solution)", () => {
    const rec = recorder();
    const m = new Ridge({ alpha: 2, onIteration: rec.onIteration }).fit(X, y);
    expect(rec.calls).toEqual([[0, m.lossHistory[0]]]);
  });

  it("gd replays lossHistory", () => {
    const rec = recorder();
    const { onWarning } = collectWarnings();
    const m = new LinearRegression({ solver: 'gd', maxIter: 50, onIteration: rec.onIteration, onWarning }).fit(Xr, y);
    expect(rec.calls.map((c) => c[0])).toEqual(Array.from({ length: m.nIter + 1 }, (_, k) => k));
    expect(Float64Array.from(rec.calls, (c) => c[1])).toEqual(m.lossHistory);
  });

  it('cd (lasso) replays lossHistory sweep by sweep', () => {
    const rec = recorder();
    const m = new Lasso({ alpha: 0.05, onIteration: rec.onIteration }).fit(Xr, y);
    expect(m.nIter).toBeGreaterThan(1);
    expect(rec.calls.map((c) => c[0])).toEqual(Array.from({ length: m.nIter + 1 }, (_, k) => k));
    expect(Float64Array.from(rec.calls, (c) => c[1])).toEqual(m.lossHistory);
    expect(Object.keys(m.toJSON().params)).not.toContain('onIteration');
  });
});
