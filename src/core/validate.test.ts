import { describe, expect, it } from 'vitest';
import { LogitRangeError, LogitTypeError, isLogitError } from './errors.js';
import { Matrix } from './matrix.js';
import { asLabels, asMatrix, asSampleWeight, asVector, assertFinite, checkLabels, encodeLabels, uniqueLabels, type Label } from './validate.js';

describe('asMatrix', () => {
  it('returns a Matrix as is (no copy)', () => {
    const M = Matrix.zeros(3, 2);
    expect(asMatrix(M)).toBe(M);
  });

  it('names row and column of NaN and ±Infinity, for arrays and Matrix alike', () => {
    expect(() => asMatrix([[1, 2], [3, NaN]])).toThrow('X[1][1] is NaN; logit needs finite numbers (impute or drop the row)');
    const M = new Matrix(2, 2, new Float64Array([1, Infinity, 0, 0]));
    try {
      asMatrix(M);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LogitRangeError);
      expect(isLogitError(e)).toBe(true);
      expect(e).toMatchObject({ parameter: 'X', row: 0, column: 1, value: Infinity });
    }
    expect(() => asMatrix([[-Infinity]])).toThrow('X[0][0] is -Infinity');
  });

  it('rejects empty X, rows without columns and a wrong feature count', () => {
    expect(() => asMatrix([])).toThrow('X has 0 rows; at least 1 is needed');
    expect(() => asMatrix([[], []])).toThrow(/no columns/);
    expect(() => asMatrix([[1, 2]], { cols: 3 })).toThrow('X has 2 features (columns) but the model was fitted with 3');
  });

  it('rejects things that are not matrices', () => {
    expect(() => asMatrix('abc')).toThrow(LogitTypeError);
    expect(() => asMatrix(new Float64Array(4))).toThrow(/Matrix or an array of rows/);
    expect(() => asMatrix([1, 2, 3])).toThrow(/X\[0\] must be an array of numbers; received 1/);
  });
});

describe('asLabels / uniqueLabels / encodeLabels', () => {
  it('accepts numbers, strings or booleans of one kind', () => {
    expect(asLabels(['a', 'b'])).toEqual(['a', 'b']);
    expect(() => asLabels([1, 'a'])).toThrow('y[1] is "a" (string) but y[0] is a number; all labels must be of one kind');
    expect(() => asLabels([1, NaN])).toThrow('y[1] is NaN; numeric labels must be finite');
    expect(() => asLabels([null])).toThrow(LogitTypeError);
    expect(() => asLabels([1, 2], 'y', 3)).toThrow('y has 2 labels but X has 3 rows; they must match');
  });

  it('sorts as numpy: numbers ascending, strings by code unit, false before true', () => {
    expect(uniqueLabels([10, 2, 2, -1])).toEqual([-1, 2, 10]);
    expect(uniqueLabels(['b', 'B', 'a'])).toEqual(['B', 'a', 'b']);
    expect(uniqueLabels([true, false, true])).toEqual([false, true]);
  });

  it('encodeLabels names an unseen label', () => {
    expect(Array.from(encodeLabels(['x', 'y'], ['x', 'y']))).toEqual([0, 1]);
    expect(() => encodeLabels(['x', 'z'], ['x', 'y'])).toThrow('y[1] is "z", which is not one of the classes ["x", "y"]');
  });
});

describe('asVector / asSampleWeight', () => {
  it('checks type, length and finiteness', () => {
    expect(Array.from(asVector([1, 2], 'y'))).toEqual([1, 2]);
    expect(() => asVector([1, '2'], 'y')).toThrow('y[1] is "2"; logit needs numbers');
    expect(() => asVector([1, Infinity], 'y')).toThrow('y[1] is Infinity; logit needs finite numbers');
    expect(() => asVector([1], 'y', 2)).toThrow('y has 1 values but X has 2 rows');
  });

  it('a Float64Array: the same checks and messages, and a copy (the input is neither returned nor changed)', () => {
    const y = Float64Array.of(1, -2.5, 3);
    const v = asVector(y, 'y', 3);
    expect(v).not.toBe(y);
    expect(Array.from(v)).toEqual([1, -2.5, 3]);
    v[0] = 9;
    expect(y[0]).toBe(1);
    expect(() => asVector(Float64Array.of(1, Number.NaN, Infinity), 'y')).toThrow('y[1] is NaN; logit needs finite numbers');
    expect(() => asVector(Float64Array.of(0, 0, -Infinity), 'sampleWeight')).toThrow('sampleWeight[2] is -Infinity; logit needs finite numbers');
    expect(() => asVector(new Float64Array(2), 'y', 3)).toThrow('y has 2 values but X has 3 rows');
    // Other typed arrays take the general path.
    expect(Array.from(asVector(Float32Array.of(0.5, 2), 'y'))).toEqual([0.5, 2]);
    expect(() => asVector(Float32Array.of(0.5, Number.NaN), 'y')).toThrow('y[1] is NaN; logit needs finite numbers');
  });

  it('sample weights must be ≥ 0 and not all zero', () => {
    expect(asSampleWeight(undefined, 3)).toBeNull();
    expect(() => asSampleWeight([1, -1], 2)).toThrow('sampleWeight[1] is -1; weights must be ≥ 0');
    expect(() => asSampleWeight([0, 0], 2)).toThrow(/sums to 0/);
  });

  it('small integer labels (flat tables) give what the Set / Map path gives, and fall back for anything else', () => {
    const rng = (k: number) => (k * 7919) % 1000;
    // ≥ 256 labels take the table path; a non-integer, a negative, a large value, a string or a
    // boolean anywhere sends the whole array down the general path.
    const ints = Array.from({ length: 3000 }, (_, i) => rng(i) % 10);
    const general = (y: readonly Label[]) => [...new Set(y)].sort((a, b) => (a as number) - (b as number));
    expect(uniqueLabels(ints)).toEqual(general(ints));
    expect(Array.from(encodeLabels(ints, uniqueLabels(ints)))).toEqual(ints);
    for (const odd of [2.5, -1, 70000]) {
      const y = [...ints.slice(0, 2000), odd, ...ints.slice(2000)];
      const classes = uniqueLabels(y);
      expect(classes).toEqual(general(y));
      const idx = encodeLabels(y, classes);
      expect(y.every((v, i) => classes[idx[i]] === v)).toBe(true);
    }
    const withZero = [...ints.slice(0, 300), -0];
    expect(uniqueLabels(withZero)).toEqual(general(withZero));
    expect(Object.is(uniqueLabels(withZero)[0], 0)).toBe(true);
    expect(uniqueLabels(Float64Array.from(ints))).toEqual(general(ints));
    // A label outside the classes is named with its row, from either path.
    expect(() => encodeLabels([...ints.slice(0, 500), 11], uniqueLabels(ints))).toThrow(
      'y[500] is 11, which is not one of the classes [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]',
    );
    expect(() => encodeLabels([...ints.slice(0, 500), 3.5], uniqueLabels(ints))).toThrow('y[500] is 3.5, which is not one of the classes');
    expect(() => encodeLabels([...ints.slice(0, 500), '3'], uniqueLabels(ints))).toThrow('y[500] is "3", which is not one of the classes');
    expect(Array.from(encodeLabels(['b', 'a', 'b'], ['a', 'b']))).toEqual([1, 0, 1]);
  });

  it('checkLabels: the checks and messages of asLabels, returning the input itself (no copy)', () => {
    const y = ['b', 'a', 'b'];
    expect(checkLabels(y)).toBe(y);
    expect(asLabels(y)).not.toBe(y);
    expect(asLabels(y)).toEqual(y);
    const typed = Float64Array.of(2, 0, 2);
    expect(checkLabels(typed)).toBe(typed);
    expect(uniqueLabels(typed)).toEqual([0, 2]);
    expect(Array.from(encodeLabels(typed, [0, 2]))).toEqual([1, 0, 1]);
    for (const [bad, message] of [
      [[1, Number.NaN], 'y[1] is NaN; numeric labels must be finite'],
      [[1, null], 'y[1] is null; labels must be numbers, strings or booleans'],
      [[1, 'a'], 'y[1] is "a" (string) but y[0] is a number; all labels must be of one kind'],
      ['ab', 'y must be an array of labels'],
    ] as const) {
      expect(() => checkLabels(bad)).toThrow(message);
      expect(() => asLabels(bad)).toThrow(message);
    }
    expect(() => checkLabels([1, 2], 'y', 3)).toThrow('y has 2 labels but X has 3 rows; they must match');
  });

  it('never writes to its inputs', () => {
    const y = [3, 1, 2];
    const frozen = Object.freeze([...y]);
    asVector(frozen, 'y');
    asLabels(frozen);
    expect(frozen).toEqual(y);
  });
});

describe('assertFinite', () => {
  it('finds the first NaN or ±Infinity wherever it sits (every lane of the unrolled pass and the tail)', () => {
    for (let n = 1; n <= 11; n++) {
      for (let p = 0; p < n; p++) {
        for (const bad of [NaN, Infinity, -Infinity]) {
          const data = Float64Array.from({ length: n }, (_, k) => (k % 2 ? -1.5e308 : 1e-310));
          data[p] = bad;
          if (p + 1 < n) data[n - 1] = NaN; // a later bad value must not be the one reported
          if (p === n - 1) data[p] = bad;
          const cols = 3;
          expect(() => assertFinite(data, cols, 'X')).toThrow(`X[${Math.floor(p / cols)}][${p % cols}] is`);
        }
      }
    }
  });
  it('accepts finite extremes and -0', () => {
    expect(() => assertFinite(Float64Array.of(-0, 0, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE), 5, 'X')).not.toThrow();
  });
});
