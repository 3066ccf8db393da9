import type { LinearRegression } from '../models/linearRegression.js';
import type { LogisticRegression } from '../models/logisticRegression.js';
import type { LabelEncoder } from '../preprocessing/labelEncoder.js';
import type { MinMaxScaler } from '../preprocessing/minMaxScaler.js';
import type { OneHotEncoder } from '../preprocessing/oneHotEncoder.js';
import type { PolynomialFeatures } from '../preprocessing/polynomialFeatures.js';
import type { SimpleImputer } from '../preprocessing/simpleImputer.js';
import type { StandardScaler } from '../preprocessing/standardScaler.js';
import type { LogisticRegressionCV } from '../selection/logisticRegressionCV.js';
import type { TableEncoder } from '../table/encoder.js';
import type { TableModel } from './tableModel.js';
import { Pipeline } from './pipeline.js';
import { readDocument, type ReadOptions } from './registry.js';

/** Everything logit's fromJSON can return (Ridge, Lasso and ElasticNet are LinearRegressions). */
export type LogitObject =
  | LogisticRegression
  | LinearRegression
  | StandardScaler
  | MinMaxScaler
  | PolynomialFeatures
  | OneHotEncoder
  | SimpleImputer
  | LabelEncoder
  | TableEncoder
  | TableModel
  | LogisticRegressionCV
  | Pipeline;

/**
 * Rebuilds whichever class a (parsed) logit document holds: any model, transformer or
 * Pipeline, by its `class` field. The header is checked first (format "logit", a version this
 * logit reads), then the class's own reader checks every field (types, shapes, finiteness)
 * before building, so a bad document throws a LogitTypeError/LogitRangeError naming the field
 * and nothing half-built escapes. Keys such as `__proto__` are read as plain data; nothing is
 * evaluated. Narrow the result with instanceof.
 *
 *   const model = fromJSON(JSON.parse(text));
 *   if (model instanceof Pipeline) model.predict(X);
 *
 * Cost: O(size of the document).
 */
export function fromJSON(doc: unknown, options: ReadOptions = {}): LogitObject {
  return readDocument(doc, options, { name: 'Pipeline', read: (d, o) => Pipeline.fromJSON(d, o) }) as LogitObject;
}
