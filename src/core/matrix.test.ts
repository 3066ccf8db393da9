import { describe, expect, it } from 'vitest';
import { LogitRangeError, LogitTypeError } from './errors.js';
import { Matrix } from './matrix.js';

describe('Matrix', () => {
  it('new Matrix(rows, cols, data) wraps the Float64Array without copying', () => {
    const data = new Float64Array([1, 2, 3, 4, 5, 6]);
    const M = new Matrix(2, 3, data);
    expect(M.data).toBe(data);
    data[4] = 50;
    expect(M.get(1, 1)).toBe(50);
  });

  it('get, set, row (a view), column (a copy), toArray', () => {
    const M = Matrix.from([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect([M.rows, M.cols]).toEqual([2, 3]);
    expect(M.get(1, 2)).toBe(6);
    const r = M.row(1);
    r[0] = 40;
    expect(M.get(1, 0)).toBe(40);
    const c = M.column(2);
    c[0] = 99;
    expect(M.get(0, 2)).toBe(3);
    expect(Array.from(c)).toEqual([99, 6]);
    M.set(0, 0, -1);
    expect(M.toArray()).toEqual([
      [-1, 2, 3],
      [40, 5, 6],
    ]);
  });

  it('selectRows, transpose and clone copy', () => {
    const M = Matrix.from([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(M.selectRows([2, 0]).toArray()).toEqual([
      [5, 6],
      [1, 2],
    ]);
    expect(M.transpose().toArray()).toEqual([
      [1, 3, 5],
      [2, 4, 6],
    ]);
    const C = M.clone();
    C.set(0, 0, 100);
    expect(M.get(0, 0)).toBe(1);
    expect(() => M.selectRows([3])).toThrow(/outside \[0, 2\]/);
  });

  it('Matrix.from rejects ragged rows naming the row and both lengths', () => {
    expect(() =>
      Matrix.from(
        [
          [1, 2],
          [3, 4, 5],
        ],
        'X',
      ),
    ).toThrow(LogitRangeError);
    expect(() => Matrix.from([[1, 2], [3]], 'X')).toThrow('X[1] has 1 values but X[0] has 2');
  });

  it('Matrix.from rejects non-numbers naming row and column', () => {
    expect(() => Matrix.from([[1, '2' as unknown as number]], 'X')).toThrow(LogitTypeError);
    expect(() => Matrix.from([[1, '2' as unknown as number]], 'X')).toThrow('X[0][1] is "2"');
  });

  it('the constructor checks the data length and type', () => {
    expect(() => new Matrix(2, 2, new Float64Array(3))).toThrow(/3 values but rows × cols = 2 × 2 = 4/);
    expect(() => new Matrix(2, 2, [1, 2, 3, 4] as unknown as Float64Array)).toThrow(LogitTypeError);
    expect(() => new Matrix(-1, 2)).toThrow(LogitRangeError);
  });

  it('row index out of range throws', () => {
    expect(() => Matrix.zeros(2, 2).row(2)).toThrow(/\[0, 1\]/);
  });

  it('Matrix.shared allocates zeros in a SharedArrayBuffer (where there is one) and checks its shape like the constructor', () => {
    const m = Matrix.shared(3, 4);
    expect([m.rows, m.cols, m.data.length]).toEqual([3, 4, 12]);
    expect(Array.from(m.data)).toEqual(new Array(12).fill(0));
    expect(m.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    m.set(2, 3, 5);
    expect(m.get(2, 3)).toBe(5);
    expect(Matrix.shared(0, 5).data.length).toBe(0);
    expect(() => Matrix.shared(-1, 2)).toThrow('Matrix rows must be a non-negative integer; received -1');
    expect(() => Matrix.shared(2, 1.5)).toThrow('Matrix cols must be a non-negative integer; received 1.5');
  });
});
