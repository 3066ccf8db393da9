import { describe, expect, it } from 'vitest';
import { loadBreastCancer, loadIris } from '../datasets/index.js';
import { LinearRegression } from '../models/linearRegression.js';
import { LogisticRegression } from '../models/logisticRegression.js';
import { Matrix } from '../core/matrix.js';
import { accuracyScore } from '../metrics/classification.js';
import { brierScoreLoss, logLoss } from '../metrics/probabilistic.js';
import { averagePrecisionScore, rocAucScore } from '../metrics/ranking.js';
import { balancedAccuracyScore, matthewsCorrcoef } from '../metrics/confusion.js';
import { f1Score, precisionScore, recallScore } from '../metrics/prf.js';
import { r2Score, meanSquaredError } from '../metrics/regression.js';
import { getScorer, scorerNames } from './scoring.js';

describe('getScorer', () => {
  const iris = loadIris();
  const X = Matrix.from(iris.X.toArray().map((r) => r.slice(0, 2)));
  const y = iris.y;
  const multi = new LogisticRegression({ maxIter: 500 }).fit(X, y);
  const yb = y.map((v) => (v === y[0] ? 'setosa' : 'other'));
  const binary = new LogisticRegression().fit(X, yb);

  it('names call the metric on the model’s outputs, losses negated (greater is better)', () => {
    expect(getScorer('accuracy')(multi, X, y)).toBe(accuracyScore(y, multi.predict(X)));
    expect(getScorer('neg_log_loss')(multi, X, y)).toBe(-logLoss(y, multi.predictProba(X)));
    expect(getScorer('roc_auc_ovr')(multi, X, y)).toBe(rocAucScore(y, multi.predictProba(X), { multiClass: 'ovr' }));
    // Binary AUC ranks by the decision function; the probabilities rank the same way.
    expect(getScorer('roc_auc')(binary, X, yb)).toBeCloseTo(rocAucScore(yb, binary.predictProba(X).column(1)), 14);
    expect(getScorer(undefined)(multi, X, y)).toBe(multi.score(X, y));
  });

  it('binary label and probability scorers: string labels take the model’s classes[1] as positive', () => {
    const pred = binary.predict(X);
    const P = binary.predictProba(X);
    expect(binary.classes).toEqual(['other', 'setosa']);
    expect(getScorer('f1')(binary, X, yb)).toBe(f1Score(yb, pred, { posLabel: 'setosa' }));
    expect(getScorer('precision_macro')(binary, X, yb)).toBe(precisionScore(yb, pred, { average: 'macro' }));
    expect(getScorer('recall_weighted')(multi, X, y)).toBe(recallScore(y, multi.predict(X), { average: 'weighted' }));
    expect(getScorer('neg_brier_score')(binary, X, yb)).toBe(-brierScoreLoss(yb, P.column(1), { posLabel: 'setosa' }));
    expect(getScorer('average_precision')(binary, X, yb)).toBeCloseTo(averagePrecisionScore(yb, P.column(1), { posLabel: 'setosa' }), 14);
    expect(getScorer('balanced_accuracy')(multi, X, y)).toBe(balancedAccuracyScore(y, multi.predict(X)));
    expect(getScorer('matthews_corrcoef')(multi, X, y)).toBe(matthewsCorrcoef(y, multi.predict(X)));
  });

  it('pass sampleWeight through', () => {
    const w = Array.from({ length: y.length }, (_, i) => 1 + (i % 3));
    expect(getScorer('accuracy')(multi, X, y, w)).toBe(accuracyScore(y, multi.predict(X), { sampleWeight: w }));
    expect(getScorer('neg_log_loss')(multi, X, y, w)).toBe(-logLoss(y, multi.predictProba(X), { sampleWeight: w }));
  });

  it('regression scorers', () => {
    const { X: data, y: target } = loadBreastCancer();
    const Xr = Matrix.from(data.toArray().map((r) => r.slice(1, 4)));
    const t = Float64Array.from(data.toArray().map((r) => r[0]));
    const lin = new LinearRegression().fit(Xr, t);
    expect(getScorer('r2')(lin, Xr, Array.from(t))).toBe(r2Score(t, lin.predict(Xr)));
    expect(getScorer('neg_mean_squared_error')(lin, Xr, Array.from(t))).toBe(-meanSquaredError(t, lin.predict(Xr)));
    expect(target.length).toBe(t.length);
  });

  it('a function is used as is; unknown names and missing methods are errors naming scoring', () => {
    const f = () => 42;
    expect(getScorer(f)).toBe(f);
    expect(() => getScorer('acuracy')).toThrow(/scoring "acuracy" is not a known scorer; use one of .*accuracy/);
    expect(() => getScorer(3 as never)).toThrow('scoring must be a scorer name or a function; received 3');
    const { X: data } = loadBreastCancer();
    const Xr = Matrix.from(data.toArray().map((r) => r.slice(1, 3)));
    const lin = new LinearRegression().fit(Xr, Float64Array.from(data.toArray().map((r) => r[0])));
    expect(() => getScorer('neg_log_loss')(lin, Xr, [0, 1])).toThrow('scoring "neg_log_loss" needs a model with predictProba(); this one has none');
    expect(() => getScorer('roc_auc')(multi, X, y)).toThrow(/is binary but the model has 3 classes/);
    expect(() => getScorer('r2')(binary, X, yb)).toThrow(/regression metric; y holds strings/);
    expect(scorerNames()).toContain('neg_log_loss');
  });
});
