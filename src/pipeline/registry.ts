import { LogitRangeError, LogitTypeError, describe } from '../core/errors.js';
import { FORMAT, FORMAT_VERSION, own } from '../core/serial.js';
import type { WarningHandler } from '../core/warnings.js';
import { ElasticNet, Lasso, LinearRegression, Ridge } from '../models/linearRegression.js';
import { LogisticRegression } from '../models/logisticRegression.js';
import { LabelEncoder } from '../preprocessing/labelEncoder.js';
import { MinMaxScaler } from '../preprocessing/minMaxScaler.js';
import { OneHotEncoder } from '../preprocessing/oneHotEncoder.js';
import { PolynomialFeatures } from '../preprocessing/polynomialFeatures.js';
import { SimpleImputer } from '../preprocessing/simpleImputer.js';
import { StandardScaler } from '../preprocessing/standardScaler.js';
import { LogisticRegressionCV } from '../selection/logisticRegressionCV.js';
import { TableEncoder } from '../table/encoder.js';
import { TableModel } from './tableModel.js';

/** Options every reader receives. */
export interface ReadOptions {
  /** Handed to models rebuilt from the document (their warnings on later fits). */
  onWarning?: WarningHandler;
  /**
   * Readers for classes outside logit (your own pipeline steps), by class name: each gets the
   * document and must validate it fully before building. Checked before logit's own classes.
   */
  readers?: Readonly<Record<string, DocumentReader>>;
}

/** Rebuilds one class from its (parsed) document. */
export type DocumentReader = (doc: unknown, options: ReadOptions) => unknown;

/**
 * The classes `fromJSON` can rebuild, by the `class` field of their documents. Pipeline is
 * handled by the dispatcher itself (it reads its steps through this table). To make a new class
 * loadable, add one line here.
 */
export const READERS: ReadonlyMap<string, DocumentReader> = new Map<string, DocumentReader>([
  ['LogisticRegression', (doc, o) => LogisticRegression.fromJSON(doc, { onWarning: o.onWarning })],
  ['LinearRegression', (doc, o) => LinearRegression.fromJSON(doc, { onWarning: o.onWarning })],
  ['Ridge', (doc, o) => Ridge.fromJSON(doc, { onWarning: o.onWarning })],
  ['Lasso', (doc, o) => Lasso.fromJSON(doc, { onWarning: o.onWarning })],
  ['ElasticNet', (doc, o) => ElasticNet.fromJSON(doc, { onWarning: o.onWarning })],
  ['StandardScaler', (doc) => StandardScaler.fromJSON(doc)],
  ['MinMaxScaler', (doc) => MinMaxScaler.fromJSON(doc)],
  ['PolynomialFeatures', (doc) => PolynomialFeatures.fromJSON(doc)],
  ['OneHotEncoder', (doc) => OneHotEncoder.fromJSON(doc)],
  ['SimpleImputer', (doc) => SimpleImputer.fromJSON(doc)],
  ['LabelEncoder', (doc) => LabelEncoder.fromJSON(doc)],
  ['TableEncoder', (doc) => TableEncoder.fromJSON(doc)],
  ['TableModel', (doc) => TableModel.fromJSON(doc)],
  ['LogisticRegressionCV', (doc, o) => LogisticRegressionCV.fromJSON(doc, { onWarning: o.onWarning })],
]);

/**
 * Checks a document's header (format "logit", a version this logit reads, a class it knows)
 * and hands it to that class's reader: first `options.readers`, then `self` (the Pipeline), then
 * {@link READERS}. Only own properties are read, so `__proto__` or `constructor` keys and class
 * names are plain data. Cost: O(1) plus the reader's.
 */
export function readDocument(doc: unknown, options: ReadOptions, self: { name: string; read: DocumentReader }): unknown {
  if (typeof doc === 'string') {
    throw new LogitTypeError('fromJSON needs the parsed document (JSON.parse it first, or use load(path) from logit/io), not a string', { parameter: 'doc', value: doc });
  }
  const format = own(doc, 'format', 'doc');
  if (format !== FORMAT) {
    throw new LogitRangeError(`not a logit model document: doc.format is ${describe(format)}, expected "logit"`, { parameter: 'doc.format', value: format });
  }
  const version = own(doc, 'version', 'doc');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new LogitRangeError(`doc.version must be a positive integer; found ${describe(version)}`, { parameter: 'doc.version', value: version });
  }
  if (version > FORMAT_VERSION) {
    throw new LogitRangeError(
      `this model was written by a newer logit (document version ${version}); this logit reads up to version ${FORMAT_VERSION}, so upgrade logit`,
      { parameter: 'doc.version', value: version },
    );
  }
  const cls = own(doc, 'class', 'doc');
  if (typeof cls !== 'string') throw new LogitTypeError(`doc.class must be a string naming a class; found ${describe(cls)}`, { parameter: 'doc.class', value: cls });
  const extra = options.readers === undefined ? undefined : own(options.readers, cls, 'options.readers');
  if (extra !== undefined) {
    if (typeof extra !== 'function') throw new LogitTypeError(`options.readers[${JSON.stringify(cls)}] must be a function; found ${describe(extra)}`, { parameter: 'options.readers', value: extra });
    return (extra as DocumentReader)(doc, options);
  }
  if (cls === self.name) return self.read(doc, options);
  const reader = READERS.get(cls);
  if (reader === undefined) {
    const known = [...READERS.keys(), self.name, ...(options.readers ? Object.keys(options.readers) : [])];
    throw new LogitRangeError(`doc.class ${describe(cls)} is not a class logit can load (known: ${known.join(', ')}); pass options.readers for your own classes`, {
      parameter: 'doc.class',
      value: cls,
    });
  }
  return reader(doc, options);
}
