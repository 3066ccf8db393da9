import { describe, expect, it } from 'vitest';
import { Random } from '../core/rng.js';
import { expNonPositive, log1pUnit, logAtLeast1 } from './elementary.js';

/** |a − b| in units of b's last place (subnormal spacing below the normal range). */
function ulps(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / (Math.max(Math.abs(b), 2.2250738585072014e-308) * 2.220446049250313e-16);
}

describe('kernel elementary functions', () => {
  const rng = new Random(31);
  it('expNonPositive is within 1 ulp of Math.exp on (−746, 0], subnormals included', () => {
    let worst = 0;
    for (let i = 0; i < 200000; i++) {
      const x = -rng.random() * [746, 40, 1, 1e-6][i % 4];
      worst = Math.max(worst, ulps(expNonPositive(x), Math.exp(x)));
    }
    expect(worst).toBeLessThanOrEqual(1);
  });
  it('expNonPositive special values', () => {
    expect(expNonPositive(0)).toBe(1);
    expect(expNonPositive(-0)).toBe(1);
    expect(expNonPositive(-745.13)).toBe(Math.exp(-745.13)); // the smallest subnormal
    expect(expNonPositive(-800)).toBe(0);
    expect(expNonPositive(-Infinity)).toBe(0);
    expect(expNonPositive(NaN)).toBeNaN();
    expect(expNonPositive(-1e-300)).toBe(1);
  });
  it('log1pUnit is within 2 ulp of Math.log1p on [0, 1] and exact for tiny arguments', () => {
    let worst = 0;
    for (let i = 0; i < 200000; i++) {
      const x = i % 2 === 0 ? rng.random() : Math.exp(-700 * rng.random());
      worst = Math.max(worst, ulps(log1pUnit(x), Math.log1p(x)));
    }
    expect(worst).toBeLessThanOrEqual(2);
    expect(log1pUnit(0)).toBe(0);
    expect(log1pUnit(1e-300)).toBe(1e-300);
    expect(log1pUnit(5e-324)).toBe(5e-324);
    expect(log1pUnit(1)).toBe(Math.LN2);
  });
  it('logAtLeast1 is within 2 ulp of Math.log on [1, 1e6]', () => {
    let worst = 0;
    for (let i = 0; i < 200000; i++) {
      const y = 1 + rng.random() * [1, 10, 1e6][i % 3];
      worst = Math.max(worst, ulps(logAtLeast1(y), Math.log(y)));
    }
    expect(worst).toBeLessThanOrEqual(2);
    expect(logAtLeast1(1)).toBe(0);
    expect(logAtLeast1(2)).toBe(Math.LN2);
    expect(logAtLeast1(1024)).toBe(Math.log(1024));
  });
});
