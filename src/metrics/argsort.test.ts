import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argsortAscending } from './argsort.js';

describe('argsortAscending (radix sort on the bit patterns)', () => {
  it('equals a stable comparator sort on finite doubles: negatives, ±0, duplicates, subnormals, huge values', () => {
    const special = [0, -0, 1, -1, 5e-324, -5e-324, 1.7976931348623157e308, -1.7976931348623157e308, 0.5, 0.5, 2 ** -1074 * 3];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(...special)), { maxLength: 300 }), (xs) => {
        const v = Float64Array.from(xs);
        const got = Array.from(argsortAscending(v));
        const want = xs.map((_, i) => i).sort((a, b) => (v[a] < v[b] ? -1 : v[a] > v[b] ? 1 : Object.is(v[a], -0) && Object.is(v[b], 0) ? -1 : Object.is(v[a], 0) && Object.is(v[b], -0) ? 1 : a - b));
        expect(got).toEqual(want);
      }),
    );
  });

  it('handles a subarray view, an empty array and one value; does not touch the input', () => {
    const buf = Float64Array.from([9, 3, 1, 2, 8]);
    expect(Array.from(argsortAscending(buf.subarray(1, 4)))).toEqual([1, 2, 0]);
    expect(Array.from(buf)).toEqual([9, 3, 1, 2, 8]);
    expect(argsortAscending(new Float64Array(0)).length).toBe(0);
    expect(Array.from(argsortAscending(Float64Array.of(4)))).toEqual([0]);
  });
});
