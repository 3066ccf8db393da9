import { LogitRangeError, LogitTypeError, describe } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import { FORMAT, FORMAT_VERSION, readHeader, required, type ModelDocument } from '../core/serial.js';
import type { Label } from '../core/validate.js';
import { LinearRegression } from '../models/linearRegression.js';
import { LogisticRegression } from '../models/logisticRegression.js';
import { Pipeline } from './pipeline.js';
import { TableEncoder } from '../table/encoder.js';
import type { Table } from '../table/table.js';

const NAME = 'TableModel';

/** The final estimator of a table model. */
export type Estimator = LogisticRegression | LinearRegression;

/**
 * What `logit train` saves: a {@link TableEncoder} that turns a table into a design matrix
 * (one-hot categories, booleans as 0/1, imputed missing values, the target column as labels)
 * followed by a {@link Pipeline} of numeric steps ending in the model (optional
 * PolynomialFeatures, StandardScaler, LogisticRegression or LinearRegression). One JSON
 * document holds both:
 *
 *   { format: 'logit', version: 1, class: 'TableModel', params: { encoder: {…}, pipeline: {…} }, state: null }
 *
 * The encoder is a step of its own because a Pipeline's steps map matrices to matrices, while the
 * encoder maps a table to a matrix. Cost of predict: O(n·d) to encode plus the pipeline's.
 */
export class TableModel {
  readonly encoder: TableEncoder;
  readonly pipeline: Pipeline;

  constructor(encoder: TableEncoder, pipeline: Pipeline) {
    this.encoder = encoder;
    this.pipeline = pipeline;
    const final = pipeline.finalStep;
    if (!(final instanceof LogisticRegression) && !(final instanceof LinearRegression)) {
      throw new LogitTypeError(`${NAME}: the pipeline must end in LogisticRegression or a LinearRegression; it ends in ${describe(final)}`, { parameter: 'pipeline' });
    }
  }

  /** The final step: the model. */
  get model(): Estimator {
    return this.pipeline.finalStep as Estimator;
  }

  get kind(): 'classifier' | 'regressor' {
    return this.model instanceof LogisticRegression ? 'classifier' : 'regressor';
  }

  /** The target column the encoder was told (null when none). */
  get target(): string | null {
    return this.encoder.params.target;
  }

  /** The table columns the model reads, in order. */
  get inputColumns(): string[] {
    return this.encoder.features.map((f) => f.name);
  }

  /** Names of the model's inputs: the encoder's feature names through every transformer (`age^2`, `city_Oslo`…). */
  get featureNames(): string[] {
    return this.pipeline.getFeatureNamesOut(this.encoder.featureNames);
  }

  /**
   * Fits the encoder on `table`, then the pipeline on its design matrix and target labels
   * (numbers for a regressor). Returns `this`. Cost: O(n·d) plus the pipeline's fit.
   */
  fit(table: Table): this {
    const { X, y, featureNames } = this.encoder.fit(table).transform(table);
    if (y === null) throw new LogitRangeError(`${NAME}.fit: the encoder has no target column; pass { target } to the TableEncoder`, { parameter: 'target' });
    this.pipeline.fit(X, this.kind === 'regressor' ? numericTarget(y, this.target as string) : y, { featureNames });
    return this;
  }

  /** The design matrix of `table` (the target column, when present, is ignored: it may have gaps where labels are unknown). */
  encode(table: Table): Matrix {
    const target = this.target;
    return this.encoder.transform(target !== null && table.has(target) ? table.drop([target]) : table).X;
  }

  /** The final model's inputs for `table`: encoded, then through every transformer of the pipeline. Cost: O(n·d) per step. */
  modelInputs(table: Table): Matrix {
    let Z = this.encode(table);
    const steps = this.pipeline.steps;
    for (let i = 0; i < steps.length - 1; i++) Z = (steps[i][1].transform as (X: Matrix) => Matrix)(Z);
    return Z;
  }

  /** Labels (classifier, with the model's threshold or `threshold`) or values (regressor) for every row. */
  predict(table: Table, options: { threshold?: number } = {}): Label[] | Float64Array {
    const X = this.encode(table);
    if (options.threshold !== undefined && this.kind === 'classifier') return this.pipeline.predict(X, { threshold: options.threshold });
    return this.pipeline.predict(X);
  }

  /** P(class | row), n × K in the order of `classes` (classifiers only). */
  predictProba(table: Table): Matrix {
    return this.pipeline.predictProba(this.encode(table));
  }

  /** One document: the encoder's and the pipeline's (see the class comment). */
  toJSON(): ModelDocument {
    return { format: FORMAT, version: FORMAT_VERSION, class: NAME, params: { encoder: this.encoder.toJSON(), pipeline: this.pipeline.toJSON() }, state: null };
  }

  /**
   * Rebuilds a table model, validating the encoder and every pipeline step with their own
   * readers and then that they fit together: both fitted, the encoder's width equal to the
   * pipeline's input width, and a model at the end. Throws before returning anything.
   */
  static fromJSON(doc: unknown): TableModel {
    const { params } = readHeader(doc, NAME);
    const encoder = TableEncoder.fromJSON(required(params, 'encoder', 'doc.params'));
    const pipeline = Pipeline.fromJSON(required(params, 'pipeline', 'doc.params'));
    if (!(pipeline instanceof Pipeline)) throw new LogitRangeError('doc.params.pipeline must be a Pipeline document', { parameter: 'doc.params.pipeline' });
    const m = new TableModel(encoder, pipeline);
    if (pipeline.isFitted) {
      const first = pipeline.steps[0][1];
      const width = first.nFeatures;
      if (typeof width === 'number' && width !== encoder.nFeaturesOut) {
        throw new LogitRangeError(`doc.params: the encoder makes ${encoder.nFeaturesOut} features but the pipeline's first step takes ${width}`, { parameter: 'doc.params' });
      }
    }
    return m;
  }
}

/** Regression targets must be numbers; a label that is not names its row. */
function numericTarget(y: readonly Label[], target: string): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (typeof v !== 'number') {
      throw new LogitTypeError(`target column ${JSON.stringify(target)} has ${describe(v)} in row ${i}; linear regression needs a numeric target (use --model logistic for labels)`, {
        parameter: 'target',
        row: i,
        value: v,
      });
    }
    out[i] = v;
  }
  return out;
}
