import { describe, expect, it } from 'vitest';
import { mapTo } from './arrays.js';

describe('mapTo', () => {
  it('returns what TypedArray.from(src, f) returns, for each array type, with the index passed', () => {
    const src = [3, -1.5, 0, 7];
    const f = (v: number, i: number) => v * 2 + i;
    const f64 = mapTo(Float64Array, src, f);
    const i32 = mapTo(Int32Array, src, f);
    const u8 = mapTo(Uint8Array, src, f);
    expect(f64).toBeInstanceOf(Float64Array);
    expect(i32).toBeInstanceOf(Int32Array);
    expect(u8).toBeInstanceOf(Uint8Array);
    expect(Array.from(f64)).toEqual(Array.from(Float64Array.from(src, f)));
    expect(Array.from(i32)).toEqual(Array.from(Int32Array.from(src, f)));
    expect(Array.from(u8)).toEqual(Array.from(Uint8Array.from(src, f)));
    // Labels of any kind in, numbers out; an empty source gives an empty array.
    expect(Array.from(mapTo(Uint8Array, ['a', 'b', 'a'], (v) => (v === 'a' ? 1 : 0)))).toEqual([1, 0, 1]);
    expect(mapTo(Float64Array, Int32Array.of(), (v) => v).length).toBe(0);
  });
});
