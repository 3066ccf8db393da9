import { describe, expect, it } from 'vitest';
import { decisionBoundary } from './decisionBoundary.js';
import { LogisticRegression } from './logisticRegression.js';

describe('decisionBoundary (seed 000)', () => {
  const X = [
    [0, 0],
    [1, 0.5],
    [0.2, 1],
    [2, 2],
    [2.5, 1.5],
    [1.8, 2.6],
  ];
  const y = [0, 0, 0, 1, 1, 1];

  it('points on the line get probability 0.5 (or the chosen threshold)', () => {
    for (const multiClass of ['auto', 'multinomial'] as const) {
      const m = new LogisticRegression({ multiClass }).fit(X, y);
      for (const threshold of [0.5, 0.2, 0.9]) {
        const { x1, x2, vertical } = decisionBoundary(m, [-1, 0, 1, 2, 3], { threshold });
        expect(vertical).toBe(false);
        const P = m.predictProba(Array.from(x1, (v, i) => [v, x2[i]]));
        for (let i = 0; i < P.rows; i++) expect(P.get(i, 1)).toBeCloseTo(threshold, 10);
      }
    }
  });

  it('a model that ignores x2 gives the vertical line x1 = −b/w1', () => {
    const m = new LogisticRegression({ tol: 1e-10 }).fit(
      [
        [0, 5],
        [0, -5],
        [1, 5],
        [1, -5],
        [3, 5],
        [3, -5],
        [4, 5],
        [4, -5],
      ],
      [0, 0, 0, 0, 1, 1, 1, 1],
    );
    // Symmetric in x2, so w2 is 0 up to rounding; check the fitted weight first.
    expect(Math.abs(m.coef.get(0, 1))).toBeLessThan(1e-10 * Math.abs(m.coef.get(0, 0)));
    const b = decisionBoundary(m, [-2, 0, 2]);
    expect(b.vertical).toBe(true);
    expect(Array.from(b.x2)).toEqual([-2, 0, 2]);
    for (const v of b.x1) expect(v).toBeCloseTo(-m.intercept[0] / m.coef.get(0, 0), 12);
    expect(b.x1[0]).toBeCloseTo(2, 6);
  });

  it('refuses models it cannot draw', () => {
    const three = new LogisticRegression().fit(X, [0, 1, 2, 0, 1, 2]);
    expect(() => decisionBoundary(three, [0])).toThrow(/2 features and 2 classes; this model has 2 features and 3 classes/);
    const wide = new LogisticRegression().fit([[0, 0, 0], [1, 1, 1]], [0, 1]);
    expect(() => decisionBoundary(wide, [0])).toThrow(/this model has 3 features/);
    const m = new LogisticRegression().fit(X, y);
    expect(() => decisionBoundary(m, [0], { threshold: 1 })).toThrow(/strictly between 0 and 1/);
    expect(() => decisionBoundary({} as LogisticRegression, [0])).toThrow(/needs a fitted LogisticRegression/);
  });
});
