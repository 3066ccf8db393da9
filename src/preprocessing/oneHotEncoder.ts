import { LogitRangeError, LogitTypeError, NotFittedError, describe } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import * as check from '../core/options.js';
import { FORMAT, FORMAT_VERSION, decodeEnum, decodeInteger, own, readHeader, required, type ModelDocument } from '../core/serial.js';
import { asFeatureNames, decodeTraining, encodeTraining, trainingInfo, type TrainingInfo } from '../core/training.js';
import { compareLabels } from '../core/validate.js';
import { resolveInputNames, type TransformerFitOptions } from './featureNames.js';

/** A category: a string, a finite number or a boolean. */
export type Category = string | number | boolean;
/** What kind of values a column holds; every value of a column has the same kind. */
export type CategoryKind = 'string' | 'number' | 'boolean';
/** Rows of categorical values (`any[][]`), or a numeric Matrix. */
export type CategoryRows = Matrix | ArrayLike<ArrayLike<unknown>>;

export interface OneHotEncoderOptions {
  /**
   * `'auto'` (default): the sorted distinct values of each column seen by fit. Or one list per
   * column; numeric lists must be sorted ascending, string lists keep the order given (the
   * output columns follow it).
   */
  categories?: 'auto' | readonly (readonly Category[])[];
  /**
   * `null` (default): one column per category. `'first'`: drop each feature's first category
   * (its rows become all zeros), avoiding the collinearity of a full dummy set with an
   * intercept. `'if_binary'`: drop the first category only of features with exactly two. An
   * array names the category to drop in each feature (every one must be a fitted category).
   */
  drop?: null | 'first' | 'if_binary' | readonly Category[];
  /** A category fit never saw: `'error'` (default) throws, `'ignore'` encodes it as all zeros. */
  handleUnknown?: 'error' | 'ignore';
}

export interface OneHotEncoderParams {
  readonly categories: 'auto' | readonly (readonly Category[])[];
  readonly drop: null | 'first' | 'if_binary' | readonly Category[];
  readonly handleUnknown: 'error' | 'ignore';
}

interface Fitted {
  readonly kinds: readonly CategoryKind[];
  readonly categories: readonly (readonly Category[])[];
  /** Per feature: index of the dropped category, or −1. */
  readonly dropIdx: Int32Array;
  /** Per feature: category → output column offset within the feature's block (−1 when dropped). */
  readonly lookup: readonly Map<Category, number>[];
  /** Per feature: the first output column of its block. */
  readonly offsets: Int32Array;
  readonly nOut: number;
  readonly training: TrainingInfo;
}

const NAME = 'OneHotEncoder';

function kindOf(v: unknown): CategoryKind | null {
  const t = typeof v;
  if (t === 'string' || t === 'boolean') return t as CategoryKind;
  if (t === 'number' && Number.isFinite(v)) return 'number';
  return null;
}

/** −0 and 0 are one category (as in numpy); keep the +0 spelling. */
function normalise(v: Category): Category {
  return v === 0 ? 0 : v;
}

/** Checks X is rows of equal length d ≥ 1 (d = `cols` when given). Cost: O(n). */
function checkRows(X: unknown, cols?: number): { n: number; d: number; at: (i: number, j: number) => unknown } {
  if (X instanceof Matrix) {
    if (cols !== undefined && X.cols !== cols) throw new LogitRangeError(`X has ${X.cols} features (columns) but the model was fitted with ${cols}`, { parameter: 'X', value: X.cols });
    if (X.rows < 1 || X.cols < 1) throw new LogitRangeError(`X must have at least one row and one column; it is ${X.rows} × ${X.cols}`, { parameter: 'X' });
    return { n: X.rows, d: X.cols, at: (i, j) => X.data[i * X.cols + j] };
  }
  if (X === null || typeof X !== 'object' || typeof (X as ArrayLike<unknown>).length !== 'number' || typeof X === 'string') {
    throw new LogitTypeError(`X must be an array of rows (any[][]) or a Matrix; received ${describe(X)}`, { parameter: 'X', value: X });
  }
  const rows = X as ArrayLike<unknown>;
  if (rows.length < 1) throw new LogitRangeError('X has 0 rows; at least 1 is needed', { parameter: 'X', value: 0 });
  let d = cols;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as ArrayLike<unknown>;
    if (r === null || typeof r !== 'object' || typeof r.length !== 'number') {
      throw new LogitTypeError(`X[${i}] must be an array of values; received ${describe(r)}`, { parameter: 'X', row: i, value: r });
    }
    if (d === undefined) d = r.length;
    if (r.length !== d) {
      const what = cols === undefined ? `X[0] has ${d}` : `the model was fitted with ${d}`;
      throw new LogitRangeError(`X[${i}] has ${r.length} values but ${what}; every row needs the same number of features`, { parameter: 'X', row: i, value: r.length });
    }
  }
  if (d === undefined || d < 1) throw new LogitRangeError('X has rows but no columns; at least one feature is needed', { parameter: 'X', value: 0 });
  return { n: rows.length, d, at: (i, j) => (rows[i] as ArrayLike<unknown>)[j] };
}

function badValue(v: unknown, i: number, j: number): never {
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) {
    throw new LogitRangeError(`X[${i}][${j}] is ${describe(v)} (missing); ${NAME} needs a value in every cell: impute first (SimpleImputer, or fill with a "missing" category)`, {
      parameter: 'X',
      row: i,
      column: j,
      value: v,
    });
  }
  throw new LogitTypeError(`X[${i}][${j}] is ${describe(v)}; categories must be strings, finite numbers or booleans`, { parameter: 'X', row: i, column: j, value: v });
}

function checkParams(o: Record<string, unknown>, prefix: string): OneHotEncoderParams {
  const handleUnknown = check.oneOf(o, 'handleUnknown', ['error', 'ignore'] as const, 'error');
  const dropRaw = o.drop;
  let drop: OneHotEncoderParams['drop'] = null;
  if (Array.isArray(dropRaw)) {
    drop = Object.freeze(
      Array.from(dropRaw as unknown[], (v, j) => {
        if (kindOf(v) === null) throw new LogitTypeError(`${prefix}drop[${j}] is ${describe(v)}; categories are strings, finite numbers or booleans`, { parameter: 'drop', column: j, value: v });
        return normalise(v as Category);
      }),
    );
  } else if (dropRaw !== undefined && dropRaw !== null) drop = check.oneOf(o, 'drop', ['first', 'if_binary'] as const, 'first');
  const raw = o.categories;
  let categories: OneHotEncoderParams['categories'] = 'auto';
  if (raw !== undefined && raw !== 'auto') {
    if (!Array.isArray(raw) || raw.length === 0) {
      throw new LogitTypeError(`${prefix}categories must be 'auto' or one array of categories per column; received ${describe(raw)}`, { parameter: 'categories', value: raw });
    }
    // Array.from turns holes into undefined, so a sparse array cannot skip the checks.
    categories = Object.freeze(
      Array.from(raw as unknown[], (list: unknown, j: number) => {
        const p = `${prefix}categories[${j}]`;
        if (!Array.isArray(list) || list.length === 0) throw new LogitTypeError(`${p} must be a non-empty array of categories; received ${describe(list)}`, { parameter: 'categories', column: j, value: list });
        const kind = kindOf(list[0]);
        const seen = new Set<Category>();
        Array.from(list as unknown[]).forEach((v: unknown, k: number) => {
          const kv = kindOf(v);
          if (kv === null) throw new LogitTypeError(`${p}[${k}] is ${describe(v)}; categories must be strings, finite numbers or booleans`, { parameter: 'categories', column: j, value: v });
          if (kv !== kind) throw new LogitTypeError(`${p}[${k}] is ${describe(v)} (${kv}) but ${p}[0] is a ${kind}; a column's categories are all of one kind`, { parameter: 'categories', column: j, value: v });
          const c = normalise(v as Category);
          if (seen.has(c)) throw new LogitRangeError(`${p}[${k}] repeats the category ${describe(v)}`, { parameter: 'categories', column: j, value: v });
          if (kind !== 'string' && k > 0 && compareLabels(list[k - 1] as Category, c) > 0) {
            throw new LogitRangeError(`${p} must be sorted ascending for ${kind} categories (as scikit-learn requires); ${describe(list[k - 1])} comes before ${describe(v)}`, {
              parameter: 'categories',
              column: j,
              value: v,
            });
          }
          seen.add(c);
        });
        return Object.freeze(list.map((v: Category) => normalise(v)));
      }),
    );
  }
  return Object.freeze({ categories, drop, handleUnknown });
}

/**
 * One-hot (dummy) encoding of categorical columns (scikit-learn's OneHotEncoder, dense output):
 * a column with categories c₁ … c_m becomes m indicator columns, 1[x = cₖ]. Input is rows of
 * strings, finite numbers or booleans (`any[][]`), one kind per column; missing values are
 * refused (impute them first). Output is a Matrix with Σⱼ mⱼ columns (fewer with `drop`), named
 * `feature_category` by getFeatureNamesOut.
 * Cost: fit O(n·d + Σ mⱼ log mⱼ); transform O(n·d) lookups plus the O(n·Σ mⱼ) output.
 *
 * @example
 *   new OneHotEncoder().fitTransform([['red', 1], ['blue', 2], ['red', 2]]).toArray();
 *   // [[0, 1, 1, 0], [1, 0, 0, 1], [0, 1, 0, 1]]   (blue, red, 1, 2)
 */
export class OneHotEncoder {
  readonly params: OneHotEncoderParams;
  private fitted: Fitted | null = null;

  constructor(options: OneHotEncoderOptions = {}) {
    const o = check.rejectUnknownOptions(options, ['categories', 'drop', 'handleUnknown'], NAME);
    this.params = checkParams(o, '');
  }

  /** Learns each column's categories (or checks them against the given ones). Returns `this`. */
  fit(X: CategoryRows, options: TransformerFitOptions = {}): this {
    const o = check.rejectUnknownOptions(options, ['featureNames'], `${NAME}.fit`);
    const { n, d, at } = checkRows(X);
    const training = trainingInfo(n, asFeatureNames(o.featureNames, d));
    const given = this.params.categories;
    if (given !== 'auto' && given.length !== d) {
      throw new LogitRangeError(`categories has ${given.length} lists but X has ${d} columns`, { parameter: 'categories', value: given.length });
    }
    const kinds: CategoryKind[] = [];
    const categories: Category[][] = [];
    for (let j = 0; j < d; j++) {
      const kind = kindOf(at(0, j)) ?? badValue(at(0, j), 0, j);
      const seen = new Set<Category>();
      for (let i = 0; i < n; i++) {
        const v = at(i, j);
        const kv = kindOf(v) ?? badValue(v, i, j);
        if (kv !== kind) {
          throw new LogitTypeError(`X[${i}][${j}] is ${describe(v)} (${kv}) but X[0][${j}] is a ${kind}; a column's values are all of one kind`, {
            parameter: 'X',
            row: i,
            column: j,
            value: v,
          });
        }
        seen.add(normalise(v as Category));
      }
      if (given === 'auto') {
        categories.push([...seen].sort(compareLabels));
      } else {
        const list = given[j];
        const listKind = kindOf(list[0]) as CategoryKind;
        if (listKind !== kind) {
          throw new LogitTypeError(`categories[${j}] holds ${listKind}s but column ${j} of X holds ${kind}s`, { parameter: 'categories', column: j });
        }
        if (this.params.handleUnknown === 'error') {
          const known = new Set(list);
          const unknown = [...seen].filter((c) => !known.has(c)).sort(compareLabels);
          if (unknown.length > 0) {
            throw new LogitRangeError(
              `column ${j} of X has categories not in categories[${j}] during fit: [${unknown.map(describe).join(', ')}]; add them or pass handleUnknown: 'ignore'`,
              { parameter: 'X', column: j, value: unknown[0] },
            );
          }
        }
        categories.push([...list]);
      }
      kinds.push(kind);
    }
    this.fitted = build(kinds, categories, this.params.drop, training);
    return this;
  }

  private state(method: string): Fitted {
    if (this.fitted === null) throw new NotFittedError(NAME, method);
    return this.fitted;
  }

  get isFitted(): boolean {
    return this.fitted !== null;
  }

  /** The categories of each column in output order (scikit-learn's `categories_`; a copy). */
  get categories(): Category[][] {
    return this.state('categories').categories.map((c) => [...c]);
  }

  /** Per column, the dropped category's index, or null (scikit-learn's `drop_idx_`). */
  get dropIdx(): (number | null)[] {
    return Array.from(this.state('dropIdx').dropIdx, (k) => (k < 0 ? null : k));
  }

  get nFeatures(): number {
    return this.state('nFeatures').kinds.length;
  }

  get nFeaturesOut(): number {
    return this.state('nFeaturesOut').nOut;
  }

  get featureNames(): string[] | null {
    const names = this.state('featureNames').training.featureNames;
    return names === null ? null : [...names];
  }

  /**
   * Output names `feature_category`, as scikit-learn (`color_red`); categories are written with
   * JavaScript's String(), so booleans read `true`/`false` and 1.0 reads `1` (scikit-learn
   * writes `True` and, for float columns, `1.0`). Cost: O(Σ mⱼ).
   */
  getFeatureNamesOut(inputNames?: readonly string[]): string[] {
    const s = this.state('getFeatureNamesOut');
    const names = resolveInputNames(inputNames, s.training.featureNames, s.kinds.length, NAME);
    const out: string[] = [];
    s.categories.forEach((cats, j) => cats.forEach((c, k) => k !== s.dropIdx[j] && out.push(`${names[j]}_${String(c)}`)));
    return out;
  }

  /**
   * The indicator matrix (n × nFeaturesOut). An unseen category throws naming row, column and
   * value, or with handleUnknown 'ignore' gives all zeros in that feature's block.
   * Cost: O(n·d) plus the O(n·nFeaturesOut) output.
   */
  transform(X: CategoryRows): Matrix {
    const s = this.state('transform');
    const { n, d, at } = checkRows(X, s.kinds.length);
    const out = new Matrix(n, s.nOut);
    const ignore = this.params.handleUnknown === 'ignore';
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) {
        const v = at(i, j);
        if (kindOf(v) === null) badValue(v, i, j);
        const k = s.lookup[j].get(normalise(v as Category));
        if (k === undefined) {
          if (ignore) continue;
          throw new LogitRangeError(
            `X[${i}][${j}] is ${describe(v)}, a category fit did not see in column ${j}` +
              `${s.training.featureNames ? ` (${JSON.stringify(s.training.featureNames[j])})` : ''}; known: [${s.categories[j]
                .slice(0, 10)
                .map(describe)
                .join(', ')}${s.categories[j].length > 10 ? ', …' : ''}]; pass handleUnknown: 'ignore' to encode it as all zeros`,
            { parameter: 'X', row: i, column: j, value: v },
          );
        }
        if (k >= 0) out.data[i * s.nOut + s.offsets[j] + k] = 1;
      }
    }
    return out;
  }

  /** `fit(X).transform(X)`. */
  fitTransform(X: CategoryRows, options: TransformerFitOptions = {}): Matrix {
    return this.fit(X, options).transform(X);
  }

  /**
   * Back from indicators to categories: per feature block, the category whose column is 1; an
   * all-zero block is the dropped category, or null (unknown) when nothing was dropped.
   * Cost: O(n·nFeaturesOut).
   */
  inverseTransform(X: Matrix | ArrayLike<ArrayLike<number>>): (Category | null)[][] {
    const s = this.state('inverseTransform');
    const M = X instanceof Matrix ? X : Matrix.from(X, 'X');
    if (M.cols !== s.nOut) throw new LogitRangeError(`X has ${M.cols} columns but the encoder outputs ${s.nOut}`, { parameter: 'X', value: M.cols });
    const out: (Category | null)[][] = [];
    for (let i = 0; i < M.rows; i++) {
      const row: (Category | null)[] = [];
      s.categories.forEach((cats, j) => {
        const width = cats.length - (s.dropIdx[j] >= 0 ? 1 : 0);
        let found = -1;
        for (let c = 0; c < width; c++) {
          const v = M.data[i * s.nOut + s.offsets[j] + c];
          if (v !== 0 && v !== 1) throw new LogitRangeError(`X[${i}][${s.offsets[j] + c}] is ${describe(v)}; indicators are 0 or 1`, { parameter: 'X', row: i, column: s.offsets[j] + c, value: v });
          if (v === 1) {
            if (found >= 0) throw new LogitRangeError(`X[${i}] has two 1s in the block of feature ${j}`, { parameter: 'X', row: i, column: s.offsets[j] + c });
            found = c;
          }
        }
        if (found < 0) row.push(s.dropIdx[j] >= 0 ? cats[s.dropIdx[j]] : null);
        else row.push(cats[s.dropIdx[j] >= 0 && found >= s.dropIdx[j] ? found + 1 : found]);
      });
      out.push(row);
    }
    return out;
  }

  toJSON(): ModelDocument {
    const s = this.fitted;
    const { categories, drop, handleUnknown } = this.params;
    return {
      format: FORMAT,
      version: FORMAT_VERSION,
      class: NAME,
      params: { categories: categories === 'auto' ? 'auto' : categories.map((c) => [...c]), drop: Array.isArray(drop) ? [...drop] : drop, handleUnknown },
      state:
        s === null
          ? null
          : {
              nFeatures: s.kinds.length,
              kinds: [...s.kinds],
              categories: s.categories.map((c) => [...c]),
              nFeaturesOut: s.nOut,
              training: encodeTraining(s.training),
            },
    };
  }

  /**
   * Rebuilds an encoder from `toJSON()` output, checking every field first: category kinds,
   * distinctness and order, agreement with the `categories` parameter, nFeaturesOut.
   */
  static fromJSON(doc: unknown): OneHotEncoder {
    const { params, state } = readHeader(doc, NAME);
    const drop = own(params, 'drop', 'doc.params');
    const enc = new OneHotEncoder({
      categories: required(params, 'categories', 'doc.params') as OneHotEncoderParams['categories'],
      drop: drop === null || Array.isArray(drop) ? (drop as Category[] | null) : decodeEnum(drop, 'doc.params.drop', ['first', 'if_binary'] as const),
      handleUnknown: decodeEnum(required(params, 'handleUnknown', 'doc.params'), 'doc.params.handleUnknown', ['error', 'ignore'] as const),
    });
    if (state === null) return enc;
    const p = 'doc.state';
    const d = decodeInteger(required(state, 'nFeatures', p), `${p}.nFeatures`, 1);
    const kindsRaw = required(state, 'kinds', p);
    if (!Array.isArray(kindsRaw) || kindsRaw.length !== d) throw new LogitRangeError(`${p}.kinds must be an array of ${d} kinds; found ${describe(kindsRaw)}`, { parameter: `${p}.kinds` });
    const kinds = Array.from(kindsRaw as unknown[], (k, j) => decodeEnum(k, `${p}.kinds[${j}]`, ['string', 'number', 'boolean'] as const));
    const catsRaw = required(state, 'categories', p);
    if (!Array.isArray(catsRaw) || catsRaw.length !== d) throw new LogitRangeError(`${p}.categories must be an array of ${d} lists; found ${describe(catsRaw)}`, { parameter: `${p}.categories` });
    // The same checks as the constructor's categories option, then kind and order against the parameters.
    const checked = checkParams({ categories: catsRaw }, `${p}.`).categories as readonly (readonly Category[])[];
    const given = enc.params.categories;
    checked.forEach((cats, j) => {
      if (kindOf(cats[0]) !== kinds[j]) throw new LogitRangeError(`${p}.categories[${j}] holds ${kindOf(cats[0])}s but ${p}.kinds[${j}] is ${kinds[j]}`, { parameter: `${p}.categories`, column: j });
      if (given === 'auto') {
        for (let k = 1; k < cats.length; k++) {
          if (compareLabels(cats[k - 1], cats[k]) >= 0) throw new LogitRangeError(`${p}.categories[${j}] must be sorted (categories 'auto')`, { parameter: `${p}.categories`, column: j });
        }
      } else if (given.length !== d || given[j].length !== cats.length || given[j].some((c, k) => c !== cats[k])) {
        throw new LogitRangeError(`${p}.categories[${j}] differs from doc.params.categories[${j}]`, { parameter: `${p}.categories`, column: j });
      }
    });
    const training = decodeTraining(required(state, 'training', p), `${p}.training`, d);
    const fitted = build(kinds, checked.map((c) => [...c]), enc.params.drop, training);
    const nOut = decodeInteger(required(state, 'nFeaturesOut', p), `${p}.nFeaturesOut`, 0);
    if (nOut !== fitted.nOut) throw new LogitRangeError(`${p}.nFeaturesOut is ${nOut} but the categories give ${fitted.nOut}`, { parameter: `${p}.nFeaturesOut`, value: nOut });
    enc.fitted = fitted;
    return enc;
  }
}

/** The lookup tables for fitted categories. Cost: O(Σ mⱼ). */
function build(kinds: CategoryKind[], categories: Category[][], drop: OneHotEncoderParams['drop'], training: TrainingInfo): Fitted {
  const d = kinds.length;
  const dropIdx = new Int32Array(d).fill(-1);
  if (Array.isArray(drop)) {
    if (drop.length !== d) throw new LogitRangeError(`drop names ${drop.length} categories but X has ${d} columns`, { parameter: 'drop', value: drop.length });
    const missing = drop.map((c, j) => [j, c] as const).filter(([j, c]) => !categories[j].includes(c));
    if (missing.length > 0) {
      throw new LogitRangeError(
        `drop names categories that are not among the fitted ones: ${missing.map(([j, c]) => `${describe(c)} in column ${j}`).join(', ')}`,
        { parameter: 'drop', column: missing[0][0], value: missing[0][1] },
      );
    }
  }
  const offsets = new Int32Array(d);
  const lookup: Map<Category, number>[] = [];
  let nOut = 0;
  for (let j = 0; j < d; j++) {
    const cats = categories[j];
    if (drop === 'first' || (drop === 'if_binary' && cats.length === 2)) dropIdx[j] = 0;
    else if (Array.isArray(drop)) dropIdx[j] = cats.indexOf((drop as readonly Category[])[j]);
    const map = new Map<Category, number>();
    let col = 0;
    cats.forEach((c, k) => map.set(c, k === dropIdx[j] ? -1 : col++));
    offsets[j] = nOut;
    nOut += col;
    lookup.push(map);
  }
  return { kinds, categories, dropIdx, lookup, offsets, nOut, training };
}
