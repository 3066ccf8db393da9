import { LogitRangeError, NotFittedError, describe } from '../core/errors.js';
import { FORMAT, FORMAT_VERSION, readHeader, required, type ModelDocument } from '../core/serial.js';
import { asLabels, compareLabels, encodeLabels, uniqueLabels, type Label } from '../core/validate.js';

const NAME = 'LabelEncoder';

/**
 * Maps labels to 0 … K−1 in sorted order and back (scikit-learn's LabelEncoder): classes are
 * the distinct labels sorted as `np.unique` sorts them (numbers ascending, strings by code unit,
 * false before true). For targets y, not features (use OneHotEncoder for categorical features).
 * Cost: fit O(n + K log K); transform and inverseTransform O(n).
 */
export class LabelEncoder {
  private fitted: { readonly classes: readonly Label[] } | null = null;

  /** Learns the sorted distinct labels. Returns `this`. */
  fit(y: ArrayLike<Label>): this {
    const labels = asLabels(y, 'y');
    if (labels.length === 0) throw new LogitRangeError('y has 0 labels; at least 1 is needed', { parameter: 'y', value: 0 });
    this.fitted = { classes: uniqueLabels(labels) };
    return this;
  }

  private state(method: string): { readonly classes: readonly Label[] } {
    if (this.fitted === null) throw new NotFittedError(NAME, method);
    return this.fitted;
  }

  get isFitted(): boolean {
    return this.fitted !== null;
  }

  /** The sorted distinct labels (scikit-learn's `classes_`; a copy). */
  get classes(): Label[] {
    return [...this.state('classes').classes];
  }

  /** Each label's index in `classes`; a label fit did not see throws naming its row. Cost: O(n). */
  transform(y: ArrayLike<Label>): Float64Array {
    const s = this.state('transform');
    return Float64Array.from(encodeLabels(asLabels(y, 'y'), s.classes));
  }

  /** `fit(y).transform(y)`. */
  fitTransform(y: ArrayLike<Label>): Float64Array {
    return this.fit(y).transform(y);
  }

  /** classes[k] for each index k; an index outside 0 … K−1 throws naming its row. Cost: O(n). */
  inverseTransform(indices: ArrayLike<number>): Label[] {
    const s = this.state('inverseTransform');
    const K = s.classes.length;
    return Array.from({ length: indices.length }, (_, i) => {
      const k = indices[i];
      if (!Number.isInteger(k) || k < 0 || k >= K) {
        throw new LogitRangeError(`indices[${i}] is ${describe(k)}; an index must be an integer in [0, ${K - 1}]`, { parameter: 'indices', row: i, value: k });
      }
      return s.classes[k];
    });
  }

  toJSON(): ModelDocument {
    return { format: FORMAT, version: FORMAT_VERSION, class: NAME, params: {}, state: this.fitted === null ? null : { classes: [...this.fitted.classes] } };
  }

  /** Rebuilds from `toJSON()` output; classes must be distinct labels of one kind in sorted order. */
  static fromJSON(doc: unknown): LabelEncoder {
    const { params, state } = readHeader(doc, NAME);
    const extra = Object.keys(params);
    if (extra.length > 0) throw new LogitRangeError(`doc.params of a LabelEncoder must be empty; found ${JSON.stringify(extra[0])}`, { parameter: 'doc.params' });
    const enc = new LabelEncoder();
    if (state === null) return enc;
    const classes = asLabels(required(state, 'classes', 'doc.state'), 'doc.state.classes');
    if (classes.length === 0 || classes.some((c, k) => k > 0 && compareLabels(classes[k - 1], c) >= 0)) {
      throw new LogitRangeError('doc.state.classes must be at least one distinct label in sorted order', { parameter: 'doc.state.classes' });
    }
    enc.fitted = { classes };
    return enc;
  }
}
