import { LogitRangeError, LogitTypeError, NotFittedError, describe } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import * as check from '../core/options.js';
import { FORMAT, FORMAT_VERSION, decodeBoolean, decodeDouble, decodeEnum, decodeInteger, decodeNumber, encodeNumber, encodeNumbers, readHeader, required, type ModelDocument } from '../core/serial.js';
import { asFeatureNames, decodeTraining, encodeTraining, trainingInfo, type TrainingInfo } from '../core/training.js';
import { resolveInputNames, type TransformerFitOptions } from './featureNames.js';

export type ImputeStrategy = 'mean' | 'median' | 'most_frequent' | 'constant';

export interface SimpleImputerOptions {
  /** How each column's fill value is found (default `'mean'`). */
  strategy?: ImputeStrategy;
  /** The fill value of strategy `'constant'` (default 0). */
  fillValue?: number;
  /** The value that marks a missing entry (default NaN; null and undefined in number[][] rows also count as NaN). */
  missingValues?: number;
  /** Keep columns with no observed value, filled with 0 (default false: they are dropped, as scikit-learn does). */
  keepEmptyFeatures?: boolean;
}

export interface SimpleImputerParams {
  readonly strategy: ImputeStrategy;
  readonly fillValue: number;
  readonly missingValues: number;
  readonly keepEmptyFeatures: boolean;
}

/** Rows of numbers in which NaN, null or undefined mark missing values, or a Matrix. */
export type RowsWithMissing = Matrix | ArrayLike<ArrayLike<number | null | undefined>>;

interface Fitted {
  readonly statistics: Float64Array;
  /** Input columns kept in the output (those with a finite statistic). */
  readonly kept: Int32Array;
  readonly training: TrainingInfo;
}

const NAME = 'SimpleImputer';

function checkParams(o: Record<string, unknown>): SimpleImputerParams {
  const missingValues = o.missingValues === undefined ? NaN : o.missingValues;
  if (typeof missingValues !== 'number' || missingValues === Infinity || missingValues === -Infinity) {
    throw new LogitTypeError(`option missingValues must be NaN or a finite number; received ${describe(missingValues)}`, { parameter: 'missingValues', value: missingValues });
  }
  return Object.freeze({
    strategy: check.oneOf(o, 'strategy', ['mean', 'median', 'most_frequent', 'constant'] as const, 'mean'),
    fillValue: check.finite(o, 'fillValue', 0),
    missingValues,
    keepEmptyFeatures: check.bool(o, 'keepEmptyFeatures', false),
  });
}

/**
 * Copies X into a Matrix with missing entries as NaN in a separate mask. ±Infinity is refused;
 * NaN (or null) is refused unless missingValues is NaN. Cost: O(n·d).
 */
function readRows(X: unknown, missingValues: number, cols?: number): { M: Matrix; missing: Uint8Array } {
  const nanMissing = Number.isNaN(missingValues);
  let n: number;
  let d: number;
  let at: (i: number, j: number) => unknown;
  if (X instanceof Matrix) {
    n = X.rows;
    d = X.cols;
    at = (i, j) => X.data[i * X.cols + j];
  } else {
    if (X === null || typeof X !== 'object' || typeof (X as ArrayLike<unknown>).length !== 'number') {
      throw new LogitTypeError(`X must be a Matrix or an array of rows (number[][]); received ${describe(X)}`, { parameter: 'X', value: X });
    }
    const rows = X as ArrayLike<ArrayLike<unknown>>;
    n = rows.length;
    d = n > 0 && rows[0] !== null && typeof rows[0] === 'object' ? rows[0].length : 0;
    for (let i = 0; i < n; i++) {
      const r = rows[i];
      if (r === null || typeof r !== 'object' || typeof r.length !== 'number') throw new LogitTypeError(`X[${i}] must be an array of numbers; received ${describe(r)}`, { parameter: 'X', row: i, value: r });
      if (r.length !== d) throw new LogitRangeError(`X[${i}] has ${r.length} values but X[0] has ${d}; every row needs the same number of features`, { parameter: 'X', row: i, value: r.length });
    }
    at = (i, j) => rows[i][j];
  }
  if (n < 1 || d < 1) throw new LogitRangeError(`X must have at least one row and one column; it is ${n} × ${d}`, { parameter: 'X' });
  if (cols !== undefined && d !== cols) throw new LogitRangeError(`X has ${d} features (columns) but the model was fitted with ${cols}`, { parameter: 'X', value: d });
  const M = new Matrix(n, d);
  const missing = new Uint8Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      let v = at(i, j);
      if (v === null || v === undefined) {
        if (!nanMissing) throw new LogitRangeError(`X[${i}][${j}] is ${describe(v)} but missingValues is ${missingValues}; use a number`, { parameter: 'X', row: i, column: j, value: v });
        v = NaN;
      }
      if (typeof v !== 'number') throw new LogitTypeError(`X[${i}][${j}] is ${describe(v)}; ${NAME} needs numbers (or null for missing)`, { parameter: 'X', row: i, column: j, value: v });
      if (v === Infinity || v === -Infinity) throw new LogitRangeError(`X[${i}][${j}] is ${describe(v)}; ${NAME} needs finite numbers or missing values`, { parameter: 'X', row: i, column: j, value: v });
      if (Number.isNaN(v) && !nanMissing) {
        throw new LogitRangeError(`X[${i}][${j}] is NaN but missingValues is ${missingValues}; NaN is only allowed as the missing marker`, { parameter: 'X', row: i, column: j, value: v });
      }
      const k = i * d + j;
      M.data[k] = v;
      missing[k] = nanMissing ? (Number.isNaN(v) ? 1 : 0) : v === missingValues ? 1 : 0;
    }
  }
  return { M, missing };
}

/**
 * Fills missing values column by column (scikit-learn's SimpleImputer, numeric data):
 *
 *   mean:          x̄ⱼ = Σ xᵢⱼ / nⱼ over the nⱼ observed entries
 *   median:        the middle observed value (mean of the two middle ones for even nⱼ)
 *   most_frequent: the most common observed value, the smallest on ties
 *   constant:      fillValue
 *
 * A column with no observed value has no statistic (NaN): it is dropped from the output, as
 * scikit-learn does, unless `keepEmptyFeatures` (then it is filled with 0) or strategy
 * 'constant'. getFeatureNamesOut lists the columns kept. Missing entries are NaN by default;
 * null and undefined in array rows count as NaN.
 * Cost: fit O(n·d) (median and most_frequent O(n·d·log n)); transform O(n·d).
 */
export class SimpleImputer {
  readonly params: SimpleImputerParams;
  private fitted: Fitted | null = null;

  constructor(options: SimpleImputerOptions = {}) {
    this.params = checkParams(check.rejectUnknownOptions(options, ['strategy', 'fillValue', 'missingValues', 'keepEmptyFeatures'], NAME));
  }

  /** Learns each column's fill value. Returns `this`. */
  fit(X: RowsWithMissing, options: TransformerFitOptions = {}): this {
    const o = check.rejectUnknownOptions(options, ['featureNames'], `${NAME}.fit`);
    const { M, missing } = readRows(X, this.params.missingValues);
    const training = trainingInfo(M.rows, asFeatureNames(o.featureNames, M.cols));
    const { rows: n, cols: d, data } = M;
    const { strategy, keepEmptyFeatures } = this.params;
    const statistics = new Float64Array(d);
    const observed: number[] = [];
    for (let j = 0; j < d; j++) {
      observed.length = 0;
      for (let i = 0; i < n; i++) if (!missing[i * d + j]) observed.push(data[i * d + j]);
      statistics[j] = columnStatistic(observed, strategy, this.params.fillValue, keepEmptyFeatures);
    }
    this.fitted = { statistics, kept: keptColumns(statistics), training };
    return this;
  }

  private state(method: string): Fitted {
    if (this.fitted === null) throw new NotFittedError(NAME, method);
    return this.fitted;
  }

  get isFitted(): boolean {
    return this.fitted !== null;
  }

  /** The fill value of each input column, NaN for a dropped empty column (scikit-learn's `statistics_`; a copy). */
  get statistics(): Float64Array {
    return this.state('statistics').statistics.slice();
  }

  get nFeatures(): number {
    return this.state('nFeatures').statistics.length;
  }

  get nFeaturesOut(): number {
    return this.state('nFeaturesOut').kept.length;
  }

  get featureNames(): string[] | null {
    const names = this.state('featureNames').training.featureNames;
    return names === null ? null : [...names];
  }

  /** The names of the columns kept (all but the dropped empty ones). Cost: O(d). */
  getFeatureNamesOut(inputNames?: readonly string[]): string[] {
    const s = this.state('getFeatureNamesOut');
    const names = resolveInputNames(inputNames, s.training.featureNames, s.statistics.length, NAME);
    return Array.from(s.kept, (j) => names[j]);
  }

  /** X with each missing entry replaced by its column's statistic, empty columns dropped; a new Matrix. Cost: O(n·d). */
  transform(X: RowsWithMissing): Matrix {
    const s = this.state('transform');
    const d = s.statistics.length;
    const { M, missing } = readRows(X, this.params.missingValues, d);
    const m = s.kept.length;
    const out = new Matrix(M.rows, m);
    for (let i = 0; i < M.rows; i++) {
      for (let c = 0; c < m; c++) {
        const k = i * d + s.kept[c];
        out.data[i * m + c] = missing[k] ? s.statistics[s.kept[c]] : M.data[k];
      }
    }
    return out;
  }

  /** `fit(X).transform(X)`. */
  fitTransform(X: RowsWithMissing, options: TransformerFitOptions = {}): Matrix {
    return this.fit(X, options).transform(X);
  }

  toJSON(): ModelDocument {
    const s = this.fitted;
    const { strategy, fillValue, missingValues, keepEmptyFeatures } = this.params;
    return {
      format: FORMAT,
      version: FORMAT_VERSION,
      class: NAME,
      params: { strategy, fillValue: encodeNumber(fillValue), missingValues: encodeNumber(missingValues), keepEmptyFeatures },
      state: s === null ? null : { nFeatures: s.statistics.length, statistics: encodeNumbers(s.statistics), training: encodeTraining(s.training) },
    };
  }

  /** Rebuilds from `toJSON()` output; statistics must be finite except NaN for dropped empty columns (never with 'constant' or keepEmptyFeatures). */
  static fromJSON(doc: unknown): SimpleImputer {
    const { params, state } = readHeader(doc, NAME);
    const p = 'doc.params';
    const missingValues = decodeDouble(required(params, 'missingValues', p), `${p}.missingValues`);
    const imp = new SimpleImputer({
      strategy: decodeEnum(required(params, 'strategy', p), `${p}.strategy`, ['mean', 'median', 'most_frequent', 'constant'] as const),
      fillValue: decodeNumber(required(params, 'fillValue', p), `${p}.fillValue`),
      missingValues,
      keepEmptyFeatures: decodeBoolean(required(params, 'keepEmptyFeatures', p), `${p}.keepEmptyFeatures`),
    });
    if (state === null) return imp;
    const sp = 'doc.state';
    const d = decodeInteger(required(state, 'nFeatures', sp), `${sp}.nFeatures`, 1);
    const raw = required(state, 'statistics', sp);
    if (!Array.isArray(raw) || raw.length !== d) throw new LogitRangeError(`${sp}.statistics must be an array of ${d} numbers; found ${describe(raw)}`, { parameter: `${sp}.statistics` });
    const mayDrop = imp.params.strategy !== 'constant' && !imp.params.keepEmptyFeatures;
    const statistics = Float64Array.from(raw, (v, j) => (mayDrop && v === 'NaN' ? NaN : decodeNumber(v, `${sp}.statistics[${j}]`)));
    if (imp.params.strategy === 'constant' && statistics.some((v) => v !== imp.params.fillValue)) {
      throw new LogitRangeError(`${sp}.statistics must all equal fillValue for strategy 'constant'`, { parameter: `${sp}.statistics` });
    }
    const kept = keptColumns(statistics);
    if (kept.length === 0) throw new LogitRangeError(`${sp}.statistics has no observed column; the imputer would output nothing`, { parameter: `${sp}.statistics` });
    const training = decodeTraining(required(state, 'training', sp), `${sp}.training`, d);
    imp.fitted = { statistics, kept, training };
    return imp;
  }
}

function keptColumns(statistics: Float64Array): Int32Array {
  const kept: number[] = [];
  statistics.forEach((v, j) => !Number.isNaN(v) && kept.push(j));
  return Int32Array.from(kept);
}

/** One column's fill value from its observed entries (modified: sorted in place). */
function columnStatistic(observed: number[], strategy: ImputeStrategy, fillValue: number, keepEmpty: boolean): number {
  if (strategy === 'constant') return fillValue;
  const m = observed.length;
  if (m === 0) return keepEmpty ? 0 : NaN;
  if (strategy === 'mean') {
    let sum = 0;
    for (const v of observed) sum += v;
    return sum / m;
  }
  observed.sort((a, b) => a - b);
  if (strategy === 'median') {
    const h = m >> 1;
    return m % 2 === 1 ? observed[h] : (observed[h - 1] + observed[h]) / 2;
  }
  // most_frequent: runs in the sorted values; strict > keeps the smallest value on ties.
  let best = observed[0];
  let bestCount = 0;
  for (let a = 0; a < m; ) {
    let b = a;
    while (b < m && observed[b] === observed[a]) b++;
    if (b - a > bestCount) {
      best = observed[a];
      bestCount = b - a;
    }
    a = b;
  }
  return best === 0 ? 0 : best;
}
