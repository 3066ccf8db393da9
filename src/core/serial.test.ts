import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeDouble, decodeNumber, decodeNumbers, encodeNumber, encodeNumbers, own, plainCopy } from './serial.js';

const bits = (v: number): string => {
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, v);
  return b.getBigUint64(0).toString(16);
};

describe('serial number encoding', () => {
  it('every double survives encodeNumber → JSON text → decodeDouble bit for bit (NaN as the canonical NaN)', () => {
    fc.assert(
      fc.property(fc.double(), (v) => {
        const back = decodeDouble(JSON.parse(JSON.stringify(encodeNumber(v))), 'v');
        return Number.isNaN(v) ? Number.isNaN(back) : bits(back) === bits(v);
      }),
      { numRuns: 2000 },
    );
    for (const v of [-0, 0, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, 0.1 + 0.2, 1 / 3, Infinity, -Infinity]) {
      expect(bits(decodeDouble(JSON.parse(JSON.stringify(encodeNumber(v))), 'v'))).toBe(bits(v));
    }
  });

  it('NaN and ±∞ are written as strings, never as the null JSON would print; decodeNumber refuses them', () => {
    expect(JSON.stringify(encodeNumbers([NaN, Infinity, -Infinity, -0, 1.5]))).toBe('["NaN","Infinity","-Infinity","-0",1.5]');
    expect(() => decodeNumber('NaN', 'doc.x')).toThrow('doc.x must be finite; found NaN');
    expect(() => decodeNumber('Infinity', 'doc.x')).toThrow('doc.x must be finite; found Infinity');
    expect(() => decodeNumber(null, 'doc.x')).toThrow('doc.x must be a number; found null');
    expect(() => decodeDouble('nan', 'doc.x')).toThrow('doc.x must be a number; found "nan"');
    expect(() => decodeDouble('__proto__', 'doc.x')).toThrow('doc.x must be a number');
    expect(() => decodeDouble('toString', 'doc.x')).toThrow('doc.x must be a number');
    expect(() => decodeNumbers([1, 'Infinity'], 'doc.v')).toThrow('doc.v[1] must be finite; found Infinity');
  });

  it('own and plainCopy read own properties only and copy into a null-prototype object', () => {
    const doc = JSON.parse('{"__proto__":{"a":1},"b":2}');
    expect(own(doc, '__proto__', 'doc')).toEqual({ a: 1 });
    expect(own(Object.create({ b: 3 }), 'b', 'doc')).toBeUndefined();
    const copy = plainCopy(doc, 'doc');
    expect(Object.getPrototypeOf(copy)).toBeNull();
    expect(Object.keys(copy)).toEqual(['__proto__', 'b']);
    expect(({} as { a?: number }).a).toBeUndefined();
  });
});
