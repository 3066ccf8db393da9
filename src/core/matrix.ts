import { LogitRangeError, LogitTypeError, describe } from './errors.js';

/**
 * A dense row-major matrix of doubles: element (i, j) lives at `data[i * cols + j]`.
 *
 * `new Matrix(rows, cols, data)` wraps an existing `Float64Array` without copying, so data
 * produced elsewhere (a file reader, a worker, WebAssembly memory) is used in place.
 * Every public function that takes `X` accepts a `Matrix` as is, or a `number[][]`, which it
 * copies once into a `Matrix`.
 */
export class Matrix {
  /** Number of rows (samples). */
  readonly rows: number;
  /** Number of columns (features). */
  readonly cols: number;
  /** The `rows × cols` values, row after row. Shared, not copied. */
  readonly data: Float64Array;

  /**
   * Wraps `data` (length `rows · cols`) without copying; allocates zeros when `data` is omitted.
   * Cost: O(1) when wrapping, O(rows · cols) when allocating.
   */
  constructor(rows: number, cols: number, data?: Float64Array) {
    Matrix.checkShape(rows, cols);
    if (data === undefined) {
      data = new Float64Array(rows * cols);
    } else if (!(data instanceof Float64Array)) {
      throw new LogitTypeError(`Matrix data must be a Float64Array; received ${describe(data)}`, {
        parameter: 'data',
        value: data,
      });
    } else if (data.length !== rows * cols) {
      throw new LogitRangeError(
        `Matrix data has ${data.length} values but rows × cols = ${rows} × ${cols} = ${rows * cols}`,
        { parameter: 'data', value: data.length },
      );
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  /**
   * Copies a `number[][]` (or any array of array-likes) into a new Matrix. Rows must all have
   * the same length and every entry must be a number; NaN and ±Infinity are stored as given
   * (use a model's `fit` or `asMatrix` to reject them). Cost: O(rows · cols).
   */
  static from(rows: ArrayLike<ArrayLike<number>>, name = 'rows'): Matrix {
    if (rows === null || typeof rows !== 'object' || typeof rows.length !== 'number') {
      throw new LogitTypeError(`${name} must be an array of rows; received ${describe(rows)}`, {
        parameter: name,
        value: rows,
      });
    }
    const n = rows.length;
    if (n === 0) return new Matrix(0, 0);
    const first = rows[0];
    if (first === null || typeof first !== 'object' || typeof first.length !== 'number') {
      throw new LogitTypeError(`${name}[0] must be an array of numbers; received ${describe(first)}`, {
        parameter: name,
        row: 0,
        value: first,
      });
    }
    const d = first.length;
    const out = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      const r = rows[i];
      if (r === null || typeof r !== 'object' || typeof r.length !== 'number') {
        throw new LogitTypeError(`${name}[${i}] must be an array of numbers; received ${describe(r)}`, {
          parameter: name,
          row: i,
          value: r,
        });
      }
      if (r.length !== d) {
        throw new LogitRangeError(
          `${name}[${i}] has ${r.length} values but ${name}[0] has ${d}; every row needs the same number of features`,
          { parameter: name, row: i, value: r.length },
        );
      }
      const off = i * d;
      for (let j = 0; j < d; j++) {
        const v = r[j];
        if (typeof v !== 'number') {
          throw new LogitTypeError(`${name}[${i}][${j}] is ${describe(v)}; logit needs numbers`, {
            parameter: name,
            row: i,
            column: j,
            value: v,
          });
        }
        out[off + j] = v;
      }
    }
    return new Matrix(n, d, out);
  }

  /** Throws unless rows and cols are non-negative integers. */
  private static checkShape(rows: number, cols: number): void {
    if (!Number.isInteger(rows) || rows < 0) {
      throw new LogitRangeError(`Matrix rows must be a non-negative integer; received ${describe(rows)}`, {
        parameter: 'rows',
        value: rows,
      });
    }
    if (!Number.isInteger(cols) || cols < 0) {
      throw new LogitRangeError(`Matrix cols must be a non-negative integer; received ${describe(cols)}`, {
        parameter: 'cols',
        value: cols,
      });
    }
  }

  /** A `rows × cols` matrix of zeros. */
  static zeros(rows: number, cols: number): Matrix {
    return new Matrix(rows, cols);
  }

  /**
   * A `rows × cols` matrix of zeros in shared memory (a SharedArrayBuffer), for large data: with
   * worker threads running (`kernels.setThreads`), passes that can read X in place from the
   * workers do so instead of the calling thread copying rows to them (today: prediction, split
   * across the threads). Fill it in place (`data.set(...)`, a file read into `data`). Where
   * SharedArrayBuffer is unavailable (browsers without cross-origin isolation) it is an ordinary
   * matrix. Everything else behaves as with any Matrix. Cost: O(rows · cols).
   */
  static shared(rows: number, cols: number): Matrix {
    Matrix.checkShape(rows, cols);
    if (typeof SharedArrayBuffer === 'undefined') return new Matrix(rows, cols);
    return new Matrix(rows, cols, new Float64Array(new SharedArrayBuffer(rows * cols * 8)));
  }

  /** Element (i, j). No bounds check beyond the typed array's own (out of range gives `undefined`). */
  get(i: number, j: number): number {
    return this.data[i * this.cols + j];
  }

  /** Sets element (i, j). */
  set(i: number, j: number, value: number): void {
    this.data[i * this.cols + j] = value;
  }

  /** Row i as a view into `data` (no copy): writing to it writes to the matrix. */
  row(i: number): Float64Array {
    if (!Number.isInteger(i) || i < 0 || i >= this.rows) {
      throw new LogitRangeError(`row index must be an integer in [0, ${this.rows - 1}]; received ${describe(i)}`, {
        parameter: 'i',
        value: i,
      });
    }
    return this.data.subarray(i * this.cols, (i + 1) * this.cols);
  }

  /** Column j as a new array (columns are strided, so this copies). Cost: O(rows). */
  column(j: number): Float64Array {
    if (!Number.isInteger(j) || j < 0 || j >= this.cols) {
      throw new LogitRangeError(`column index must be an integer in [0, ${this.cols - 1}]; received ${describe(j)}`, {
        parameter: 'j',
        value: j,
      });
    }
    const out = new Float64Array(this.rows);
    for (let i = 0; i < this.rows; i++) out[i] = this.data[i * this.cols + j];
    return out;
  }

  /** A deep copy. Cost: O(rows · cols). */
  clone(): Matrix {
    return new Matrix(this.rows, this.cols, this.data.slice());
  }

  /** The values as a new `number[][]`. Cost: O(rows · cols). */
  toArray(): number[][] {
    const out: number[][] = new Array(this.rows);
    for (let i = 0; i < this.rows; i++) {
      out[i] = Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols));
    }
    return out;
  }

  /** The rows listed in `indices`, copied into a new Matrix (used by splits and folds). Cost: O(k · cols). */
  selectRows(indices: ArrayLike<number>): Matrix {
    const d = this.cols;
    const out = new Float64Array(indices.length * d);
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k];
      if (!Number.isInteger(i) || i < 0 || i >= this.rows) {
        throw new LogitRangeError(`row index ${describe(i)} at position ${k} is outside [0, ${this.rows - 1}]`, {
          parameter: 'indices',
          row: k,
          value: i,
        });
      }
      out.set(this.data.subarray(i * d, (i + 1) * d), k * d);
    }
    return new Matrix(indices.length, d, out);
  }

  /** The transpose as a new Matrix. Cost: O(rows · cols). */
  transpose(): Matrix {
    const { rows: n, cols: d, data } = this;
    const out = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) out[j * n + i] = data[i * d + j];
    }
    return new Matrix(d, n, out);
  }
}
