import { LogitRangeError, LogitTypeError, NotFittedError, describe } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import * as check from '../core/options.js';
import {
  FORMAT,
  FORMAT_VERSION,
  decodeBoolean,
  decodeEnum,
  decodeInteger,
  decodeNumber,
  encodeNumber,
  own,
  readHeader,
  required,
  type ModelDocument,
} from '../core/serial.js';
import { decodeTraining, encodeTraining, trainingInfo, type TrainingInfo } from '../core/training.js';
import { compareLabels, type Label } from '../core/validate.js';
import { KINDS, asKindOverrides, checkOverrideNames, type ColumnKind } from './cells.js';
import { Table, type Column } from './table.js';

const NAME = 'TableEncoder';

export type MissingPolicy = 'impute' | 'error';
export type UnknownPolicy = 'error' | 'ignore';
export type DropPolicy = null | 'first' | 'if_binary';

export interface TableEncoderOptions {
  /** The column holding the labels (default none: only features are encoded). */
  target?: string | null;
  /** The feature columns, in output order (default every column but the target, in table order). */
  features?: readonly string[] | null;
  /** Kind overrides applied before learning, e.g. `{ zip: 'category' }` for a numeric code. */
  columns?: Record<string, ColumnKind> | null;
  /** Missing feature values: 'impute' (default; median / most frequent) or 'error'. */
  missing?: MissingPolicy;
  /** A category not seen in fit: 'error' (default, as scikit-learn) or 'ignore' (all zeros). */
  handleUnknown?: UnknownPolicy;
  /** Drop one indicator per category column: null (default), 'first', or 'if_binary' (two-level columns only). */
  drop?: DropPolicy;
}

/** What {@link TableEncoder.transform} returns. */
export interface EncodedTable {
  /** One row per table row, one column per feature name. */
  readonly X: Matrix;
  /** `age`, `member`, `city_Lima`, `city_Oslo`, ...: numbers and booleans keep their names; categories get `column_level`. */
  readonly featureNames: string[];
  /** The target labels when the encoder has a target and the table holds it, else null. */
  readonly y: Label[] | null;
  /** How many cells of each feature column were imputed in this table. */
  readonly imputed: Record<string, number>;
}

/** What the encoder learned about one feature column. */
export type FeatureSpec =
  | { readonly name: string; readonly kind: 'number'; readonly fill: number }
  | { readonly name: string; readonly kind: 'boolean'; readonly fill: boolean }
  | { readonly name: string; readonly kind: 'category'; readonly fill: string; readonly levels: readonly string[]; readonly dropIndex: number };

interface Fitted {
  readonly target: { readonly name: string; readonly kind: ColumnKind } | null;
  readonly features: readonly FeatureSpec[];
  readonly featureNames: readonly string[];
  /** Cells imputed per feature column in the fitting table. */
  readonly imputed: readonly number[];
  readonly training: TrainingInfo;
}

interface Params {
  readonly target: string | null;
  readonly features: readonly string[] | null;
  readonly columns: readonly (readonly [string, ColumnKind])[];
  readonly missing: MissingPolicy;
  readonly handleUnknown: UnknownPolicy;
  readonly drop: DropPolicy;
}

function quoteList(names: readonly string[], max = 12): string {
  const shown = names.slice(0, max).map((n) => JSON.stringify(n));
  return names.length > max ? `${shown.join(', ')}, … (${names.length} in all)` : shown.join(', ');
}

function checkName(v: unknown, parameter: string): string {
  if (typeof v !== 'string') throw new LogitTypeError(`${NAME} option ${parameter} must be a column name (a string); received ${describe(v)}`, { parameter, value: v });
  return v;
}

function checkNameList(v: unknown, parameter: string): string[] {
  if (!Array.isArray(v)) throw new LogitTypeError(`${NAME} option ${parameter} must be an array of column names; received ${describe(v)}`, { parameter, value: v });
  const seen = new Set<string>();
  return v.map((s, j) => {
    const name = checkName(s, `${parameter}[${j}]`);
    if (seen.has(name)) throw new LogitRangeError(`${NAME} option ${parameter} names ${JSON.stringify(name)} twice`, { parameter, column: j, value: name });
    seen.add(name);
    return name;
  });
}

/** The output names of one feature column. */
function namesOf(f: FeatureSpec): string[] {
  if (f.kind !== 'category') return [f.name];
  const out: string[] = [];
  f.levels.forEach((level, k) => {
    if (k !== f.dropIndex) out.push(`${f.name}_${level}`);
  });
  return out;
}

function featureNamesOf(features: readonly FeatureSpec[]): string[] {
  const out: string[] = [];
  const from = new Map<string, string>();
  for (const f of features) {
    for (const n of namesOf(f)) {
      const prev = from.get(n);
      if (prev !== undefined) {
        throw new LogitRangeError(
          `${NAME}: the feature name ${JSON.stringify(n)} would come from both column ${JSON.stringify(prev)} and column ${JSON.stringify(f.name)}; rename one of them`,
          { parameter: 'features', value: n },
        );
      }
      from.set(n, f.name);
      out.push(n);
    }
  }
  return out;
}

function dropIndexFor(drop: DropPolicy, nLevels: number): number {
  if (drop === 'first') return 0;
  if (drop === 'if_binary') return nLevels === 2 ? 0 : -1;
  return -1;
}

/** Median of the non-NaN values (mean of the two middle ones for an even count). O(n log n). */
function median(values: Float64Array): number {
  const present = values.filter((v) => !Number.isNaN(v)).sort();
  const m = present.length;
  if (m === 0) return NaN;
  const h = m >> 1;
  return m % 2 === 1 ? present[h] : (present[h - 1] + present[h]) / 2;
}

/** The most frequent non-null value; ties go to the smallest in label order (as scikit-learn's SimpleImputer). O(n). */
function mostFrequent<T extends string | boolean>(values: readonly (T | null)[]): T | null {
  const counts = new Map<T, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | null = null;
  let bestCount = 0;
  for (const [v, c] of counts) {
    if (c > bestCount || (c === bestCount && best !== null && compareLabels(v, best) < 0)) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

function isMissing(c: Column, i: number): boolean {
  return c.kind === 'number' ? Number.isNaN(c.values[i]) : c.values[i] === null;
}

/**
 * Turns a {@link Table} into a design matrix with feature names, and its target column into
 * labels -- the step between a CSV file and `model.fit(X, y)`:
 *
 *   const enc = new TableEncoder({ target: 'churned' }).fit(train);
 *   const { X, y, featureNames } = enc.transform(train);
 *   const model = new LogisticRegression().fit(X, y, { featureNames });
 *   model.predict(enc.transform(test).X);
 *
 * Per feature column, fit learns (from the training table only):
 * - numbers: kept as is; a missing value becomes the training median;
 * - booleans: true → 1, false → 0; a missing value becomes the most frequent value;
 * - categories: one indicator column per level, levels sorted (`city_Lima`, `city_Oslo`), as
 *   scikit-learn's OneHotEncoder; `drop` removes the first level's indicator (always, or only for
 *   two-level columns); a missing value becomes the most frequent level (ties: smallest level);
 *   a level not seen in fit throws, or with `handleUnknown: 'ignore'` encodes as all zeros.
 * With `missing: 'error'`, a missing feature value throws instead, naming file:line (or row)
 * and column. A missing target value always throws. Columns of another kind than in fit (a
 * test file where `zip` read as numbers) are converted to the learned kind first.
 *
 * Cost: fit O(n·c + Σ n log n) for c feature columns (medians sort); transform O(n·d) for d
 * output features.
 */
export class TableEncoder {
  readonly params: Params;
  private fitted: Fitted | null = null;

  constructor(options: TableEncoderOptions = {}) {
    const o = check.rejectUnknownOptions(options, ['target', 'features', 'columns', 'missing', 'handleUnknown', 'drop'], NAME);
    const target = o.target === undefined || o.target === null ? null : checkName(o.target, 'target');
    const features = o.features === undefined || o.features === null ? null : checkNameList(o.features, 'features');
    if (features !== null && target !== null && features.includes(target)) {
      throw new LogitRangeError(`${NAME}: the target ${JSON.stringify(target)} is also listed in features`, { parameter: 'features', value: target });
    }
    if (features !== null && features.length === 0) throw new LogitRangeError(`${NAME} option features is empty; name at least one column`, { parameter: 'features' });
    const columns = [...asKindOverrides(o.columns, NAME)];
    const drop = o.drop === undefined || o.drop === null ? null : check.oneOf(o, 'drop', ['first', 'if_binary'] as const, 'first');
    this.params = Object.freeze({
      target,
      features: features === null ? null : Object.freeze(features),
      columns: Object.freeze(columns.map((p) => Object.freeze(p))),
      missing: check.oneOf(o, 'missing', ['impute', 'error'] as const, 'impute'),
      handleUnknown: check.oneOf(o, 'handleUnknown', ['error', 'ignore'] as const, 'error'),
      drop,
    });
  }

  private asTable(table: unknown, method: string): Table {
    if (!(table instanceof Table)) {
      throw new LogitTypeError(`${NAME}.${method} needs a Table (Table.fromRows, or readCsv from 'logit/io'); received ${describe(table)}`, {
        parameter: 'table',
        value: table,
      });
    }
    return table;
  }

  private noColumn(table: Table, name: string, role: string): LogitRangeError {
    return new LogitRangeError(`${table.origin?.file ?? 'the table'} has no column ${JSON.stringify(name)} (${role}); its columns are ${quoteList(table.columnNames)}`, {
      parameter: role.startsWith('the target') ? 'target' : 'features',
      value: name,
    });
  }

  /** Learns kinds, levels and imputation values from `table`. Returns `this`. Cost: see the class. */
  fit(table: Table): this {
    const t0 = this.asTable(table, 'fit');
    const p = this.params;
    const overrides = new Map(p.columns);
    checkOverrideNames(overrides, t0.columnNames, t0.origin?.file ?? NAME);
    const t = overrides.size > 0 ? t0.cast(Object.fromEntries(p.columns.filter(([n, k]) => t0.kind(n) !== k))) : t0;
    if (t.numRows === 0) throw new LogitRangeError(`${NAME}.fit: the table has no rows`, { parameter: 'table', value: 0 });
    if (p.target !== null && !t.has(p.target)) throw this.noColumn(t, p.target, 'the target');
    const names = p.features ?? t.columnNames.filter((n) => n !== p.target);
    if (names.length === 0) throw new LogitRangeError(`${NAME}.fit: the table has no column besides the target ${JSON.stringify(p.target)}`, { parameter: 'features' });
    const features: FeatureSpec[] = [];
    const imputed: number[] = [];
    for (const name of names) {
      if (!t.has(name)) throw this.noColumn(t, name, 'a feature');
      const c = t.columnView(name);
      let nMissing = 0;
      let firstMissing = -1;
      for (let i = 0; i < t.numRows; i++) {
        if (isMissing(c, i)) {
          if (firstMissing < 0) firstMissing = i;
          nMissing++;
        }
      }
      if (nMissing === t.numRows) {
        throw new LogitRangeError(`${NAME}.fit: column ${JSON.stringify(name)} has no values (all ${t.numRows} rows are missing); leave it out of features`, {
          parameter: 'features',
          value: name,
        });
      }
      if (nMissing > 0 && p.missing === 'error') throw this.missingError(t, name, firstMissing, false);
      imputed.push(nMissing);
      if (c.kind === 'number') features.push({ name, kind: 'number', fill: median(c.values) });
      else if (c.kind === 'boolean') features.push({ name, kind: 'boolean', fill: mostFrequent(c.values) as boolean });
      else {
        const levels = [...new Set(c.values.filter((v): v is string => v !== null))].sort(compareLabels);
        features.push({ name, kind: 'category', fill: mostFrequent(c.values) as string, levels, dropIndex: dropIndexFor(p.drop, levels.length) });
      }
    }
    const featureNames = featureNamesOf(features);
    let target: Fitted['target'] = null;
    if (p.target !== null) {
      const kind = t.kind(p.target);
      target = { name: p.target, kind };
      this.labelsOf(t, target);
    }
    this.fitted = { target, features, featureNames, imputed, training: trainingInfo(t.numRows, featureNames) };
    return this;
  }

  private missingError(t: Table, column: string, row: number, isTarget: boolean): LogitRangeError {
    const hint = isTarget ? 'drop the row or fill in its label' : `pass { missing: 'impute' } to ${NAME} or drop the row`;
    return new LogitRangeError(`${t.where(row)}: ${isTarget ? 'target ' : ''}column ${JSON.stringify(column)} is missing a value; ${hint}`, {
      parameter: isTarget ? 'target' : column,
      row,
      value: null,
    });
  }

  private state(method: string): Fitted {
    if (this.fitted === null) throw new NotFittedError(NAME, method);
    return this.fitted;
  }

  /** The output feature names, in column order of X (a copy). */
  get featureNames(): string[] {
    return [...this.state('featureNames').featureNames];
  }

  /** True once fit (or fromJSON of a fitted encoder) has succeeded. */
  get isFitted(): boolean {
    return this.fitted !== null;
  }

  /** The output feature names, as every transformer's getFeatureNamesOut (lets a Pipeline name its columns). */
  getFeatureNamesOut(): string[] {
    return this.featureNames;
  }

  /** Number of output features (columns of X). */
  get nFeaturesOut(): number {
    return this.state('nFeaturesOut').featureNames.length;
  }

  /** What was learned per feature column: kind, imputation value, levels and dropped level index (-1: none). */
  get features(): FeatureSpec[] {
    return this.state('features').features.map((f) => (f.kind === 'category' ? { ...f, levels: [...f.levels] } : { ...f }));
  }

  /** The target column's name and kind, or null. */
  get target(): { name: string; kind: ColumnKind } | null {
    const t = this.state('target').target;
    return t === null ? null : { ...t };
  }

  /** How many cells of each feature column were imputed in the table passed to fit. */
  get imputed(): Record<string, number> {
    const s = this.state('imputed');
    const out: Record<string, number> = Object.create(null);
    s.features.forEach((f, j) => Object.defineProperty(out, f.name, { value: s.imputed[j], enumerable: true }));
    return out;
  }

  /** A column as the kind the encoder learned (converted if the table holds it as another kind). */
  private columnAs(t: Table, name: string, kind: ColumnKind, role: string): Column {
    if (!t.has(name)) throw this.noColumn(t, name, role);
    if (t.kind(name) === kind) return t.columnView(name);
    return t.select([name]).cast(Object.fromEntries([[name, kind]])).columnView(name);
  }

  private labelsOf(t: Table, target: { name: string; kind: ColumnKind }): Label[] {
    const c = this.columnAs(t, target.name, target.kind, 'the target');
    const n = t.numRows;
    const out: Label[] = new Array(n);
    for (let i = 0; i < n; i++) {
      if (isMissing(c, i)) throw this.missingError(t, target.name, i, true);
      out[i] = c.values[i] as Label;
    }
    return out;
  }

  /** The target column's labels, as numbers, strings or booleans as the table holds them. Cost: O(n). */
  targetLabels(table: Table): Label[] {
    const s = this.state('targetLabels');
    const t = this.asTable(table, 'targetLabels');
    if (s.target === null) throw new LogitRangeError(`${NAME}.targetLabels: the encoder has no target; pass { target: 'column' } to the constructor`, { parameter: 'target' });
    return this.labelsOf(t, s.target);
  }

  /** The design matrix of `table` (see the class comment), plus the labels when the table has the target. Cost: O(n·d). */
  transform(table: Table): EncodedTable {
    const s = this.state('transform');
    const t = this.asTable(table, 'transform');
    const n = t.numRows;
    const d = s.featureNames.length;
    const data = new Float64Array(n * d);
    const imputed: Record<string, number> = Object.create(null);
    let off = 0;
    for (const f of s.features) {
      const c = this.columnAs(t, f.name, f.kind, 'a feature');
      let nImputed = 0;
      const onMissing = (i: number) => {
        if (this.params.missing === 'error') throw this.missingError(t, f.name, i, false);
        nImputed++;
      };
      if (f.kind === 'number') {
        const v = c.values as Float64Array;
        for (let i = 0; i < n; i++) {
          let x = v[i];
          if (Number.isNaN(x)) {
            onMissing(i);
            x = f.fill;
          }
          data[i * d + off] = x;
        }
        off += 1;
      } else if (f.kind === 'boolean') {
        const v = c.values as readonly (boolean | null)[];
        for (let i = 0; i < n; i++) {
          let b = v[i];
          if (b === null) {
            onMissing(i);
            b = f.fill;
          }
          data[i * d + off] = b ? 1 : 0;
        }
        off += 1;
      } else {
        const v = c.values as readonly (string | null)[];
        const slot = new Map<string, number>();
        let k = 0;
        f.levels.forEach((level, l) => {
          if (l !== f.dropIndex) slot.set(level, k++);
        });
        const known = new Set(f.levels);
        for (let i = 0; i < n; i++) {
          let level = v[i];
          if (level === null) {
            onMissing(i);
            level = f.fill;
          }
          const j = slot.get(level);
          if (j !== undefined) data[i * d + off + j] = 1;
          else if (!known.has(level) && this.params.handleUnknown === 'error') {
            throw new LogitRangeError(
              `${t.where(i)}: column ${JSON.stringify(f.name)} has ${describe(level)}, a category not seen in fit (known: ${quoteList(f.levels)}); pass { handleUnknown: 'ignore' } to encode it as all zeros`,
              { parameter: f.name, row: i, value: level },
            );
          }
        }
        off += k;
      }
      Object.defineProperty(imputed, f.name, { value: nImputed, enumerable: true });
    }
    const y = s.target !== null && t.has(s.target.name) ? this.labelsOf(t, s.target) : null;
    return { X: new Matrix(n, d, data), featureNames: [...s.featureNames], y, imputed };
  }

  /** `fit(table).transform(table)`. */
  fitTransform(table: Table): EncodedTable {
    return this.fit(table).transform(table);
  }

  toJSON(): ModelDocument {
    const s = this.fitted;
    const p = this.params;
    return {
      format: FORMAT,
      version: FORMAT_VERSION,
      class: NAME,
      params: {
        target: p.target,
        features: p.features === null ? null : [...p.features],
        columns: p.columns.map(([n, k]) => [n, k]),
        missing: p.missing,
        handleUnknown: p.handleUnknown,
        drop: p.drop,
      },
      state:
        s === null
          ? null
          : {
              target: s.target === null ? null : { name: s.target.name, kind: s.target.kind },
              features: s.features.map((f) =>
                f.kind === 'category'
                  ? { name: f.name, kind: f.kind, fill: f.fill, levels: [...f.levels], dropIndex: f.dropIndex }
                  : { name: f.name, kind: f.kind, fill: f.kind === 'number' ? encodeNumber(f.fill) : f.fill },
              ),
              featureNames: [...s.featureNames],
              imputed: [...s.imputed],
              training: encodeTraining(s.training),
            },
    };
  }

  /**
   * Rebuilds an encoder from {@link TableEncoder.toJSON}'s document, checking every field first:
   * kinds, distinct names and levels, imputation values of the right type (finite numbers, a
   * known level), dropped indices that agree with `drop`, feature names that agree with the
   * columns, counts and training info. Only own properties are read, so `__proto__` or
   * `constructor` keys are inert; nothing is built until everything checks out.
   */
  static fromJSON(doc: unknown): TableEncoder {
    const { params, state } = readHeader(doc, NAME);
    const P = 'doc.params';
    const target = nullOr(required(params, 'target', P), (v) => str(v, `${P}.target`));
    const features = nullOr(required(params, 'features', P), (v) => strList(v, `${P}.features`));
    const columnsRaw = required(params, 'columns', P);
    if (!Array.isArray(columnsRaw)) throw new LogitTypeError(`${P}.columns must be an array of [name, kind] pairs; found ${describe(columnsRaw)}`, { parameter: `${P}.columns` });
    const columns: Record<string, ColumnKind> = Object.create(null);
    // Array.from: a sparse array's holes become undefined and get checked, instead of skipped.
    Array.from(columnsRaw as unknown[]).forEach((pair, j) => {
      const path = `${P}.columns[${j}]`;
      if (!Array.isArray(pair) || pair.length !== 2) throw new LogitTypeError(`${path} must be a [name, kind] pair; found ${describe(pair)}`, { parameter: path });
      const name = str(pair[0], `${path}[0]`);
      if (Object.prototype.hasOwnProperty.call(columns, name)) throw new LogitRangeError(`${path} repeats the column ${JSON.stringify(name)}`, { parameter: path });
      Object.defineProperty(columns, name, { value: decodeEnum(pair[1], `${path}[1]`, KINDS), enumerable: true });
    });
    const missing = decodeEnum(required(params, 'missing', P), `${P}.missing`, ['impute', 'error'] as const);
    const handleUnknown = decodeEnum(required(params, 'handleUnknown', P), `${P}.handleUnknown`, ['error', 'ignore'] as const);
    const dropRaw = own(params, 'drop', P);
    const drop: DropPolicy = dropRaw === null || dropRaw === undefined ? null : decodeEnum(dropRaw, `${P}.drop`, ['first', 'if_binary'] as const);
    const enc = new TableEncoder({ target, features, columns, missing, handleUnknown, drop });
    if (state === null) return enc;

    const S = 'doc.state';
    const targetRaw = required(state, 'target', S);
    let fittedTarget: Fitted['target'] = null;
    if (targetRaw !== null) {
      fittedTarget = { name: str(required(targetRaw, 'name', `${S}.target`), `${S}.target.name`), kind: decodeEnum(required(targetRaw, 'kind', `${S}.target`), `${S}.target.kind`, KINDS) };
    }
    if ((fittedTarget?.name ?? null) !== target) {
      throw new LogitRangeError(`${S}.target names ${describe(fittedTarget?.name ?? null)} but ${P}.target is ${describe(target)}`, { parameter: `${S}.target` });
    }
    const featsRaw = required(state, 'features', S);
    if (!Array.isArray(featsRaw) || featsRaw.length === 0) {
      throw new LogitTypeError(`${S}.features must be a non-empty array; found ${describe(featsRaw)}`, { parameter: `${S}.features` });
    }
    const seen = new Set<string>();
    const specs: FeatureSpec[] = Array.from(featsRaw as unknown[], (f, j) => {
      const path = `${S}.features[${j}]`;
      const name = str(required(f, 'name', path), `${path}.name`);
      if (seen.has(name) || name === target) throw new LogitRangeError(`${path}.name ${JSON.stringify(name)} repeats a column name or the target`, { parameter: `${path}.name` });
      seen.add(name);
      const kind = decodeEnum(required(f, 'kind', path), `${path}.kind`, KINDS);
      const fill = required(f, 'fill', path);
      if (kind === 'number') return { name, kind, fill: decodeNumber(fill, `${path}.fill`) };
      if (kind === 'boolean') return { name, kind, fill: decodeBoolean(fill, `${path}.fill`) };
      const levels = strList(required(f, 'levels', path), `${path}.levels`);
      if (levels.length === 0) throw new LogitRangeError(`${path}.levels is empty`, { parameter: `${path}.levels` });
      const fillLevel = str(fill, `${path}.fill`);
      if (!levels.includes(fillLevel)) throw new LogitRangeError(`${path}.fill ${JSON.stringify(fillLevel)} is not one of its levels`, { parameter: `${path}.fill` });
      const dropIndex = decodeInteger(required(f, 'dropIndex', path), `${path}.dropIndex`, -1, levels.length - 1);
      if (dropIndex !== dropIndexFor(drop, levels.length)) {
        throw new LogitRangeError(`${path}.dropIndex is ${dropIndex} but drop ${describe(drop)} with ${levels.length} levels gives ${dropIndexFor(drop, levels.length)}`, {
          parameter: `${path}.dropIndex`,
        });
      }
      return { name, kind, fill: fillLevel, levels, dropIndex };
    });
    if (features !== null && (features.length !== specs.length || features.some((n, j) => specs[j].name !== n))) {
      throw new LogitRangeError(`${S}.features do not match ${P}.features`, { parameter: `${S}.features` });
    }
    const featureNames = featureNamesOf(specs);
    const storedNames = strList(required(state, 'featureNames', S), `${S}.featureNames`);
    if (storedNames.length !== featureNames.length || storedNames.some((n, j) => n !== featureNames[j])) {
      throw new LogitRangeError(`${S}.featureNames do not match the features' columns and levels (expected ${quoteList(featureNames)})`, { parameter: `${S}.featureNames` });
    }
    const imputedRaw = required(state, 'imputed', S);
    if (!Array.isArray(imputedRaw) || imputedRaw.length !== specs.length) {
      throw new LogitRangeError(`${S}.imputed must be an array of ${specs.length} counts; found ${describe(imputedRaw)}`, { parameter: `${S}.imputed` });
    }
    const training = decodeTraining(required(state, 'training', S), `${S}.training`, featureNames.length);
    const imputed = Array.from(imputedRaw as unknown[], (v, j) => decodeInteger(v, `${S}.imputed[${j}]`, 0, training.nSamples - 1));
    enc.fitted = { target: fittedTarget, features: specs, featureNames, imputed, training };
    return enc;
  }
}

function nullOr<T>(v: unknown, read: (v: unknown) => T): T | null {
  return v === null ? null : read(v);
}

function str(v: unknown, path: string): string {
  if (typeof v !== 'string') throw new LogitTypeError(`${path} must be a string; found ${describe(v)}`, { parameter: path, value: v });
  return v;
}

function strList(v: unknown, path: string): string[] {
  if (!Array.isArray(v)) throw new LogitTypeError(`${path} must be an array of strings; found ${describe(v)}`, { parameter: path, value: v });
  const seen = new Set<string>();
  return Array.from(v as unknown[], (s, j) => {
    const name = str(s, `${path}[${j}]`);
    if (seen.has(name)) throw new LogitRangeError(`${path}[${j}] repeats ${JSON.stringify(name)}`, { parameter: path, value: name });
    seen.add(name);
    return name;
  });
}
