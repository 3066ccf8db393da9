import { describe, expect, it } from 'vitest';
import { collectWarnings, expectClose, fixture } from '../../test/helpers.js';
import { Matrix } from '../core/matrix.js';
import type { Label } from '../core/validate.js';
import { loadBreastCancer, loadIris } from '../datasets/index.js';
import { LinearRegression, Ridge } from '../models/linearRegression.js';
import { LogisticRegression } from '../models/logisticRegression.js';
import { accuracyScore } from '../metrics/classification.js';
import { logLoss } from '../metrics/probabilistic.js';
import { crossValidate, crossValPredict } from './crossValidate.js';
import { expandGrid, gridSearchCV } from './gridSearchCV.js';
import { kFold } from './kFold.js';
import { stratifiedKFold } from './stratifiedKFold.js';

interface CvRun {
  data: 'iris' | 'iris-binary' | 'cancer-regression';
  model?: 'LinearRegression' | 'Ridge';
  scoring: string;
  C?: number;
  nSplits?: number;
  test: number[];
  train: number[];
}
interface AnyCase {
  name: string;
  kind: string;
  runs?: unknown[];
  proba?: number[][];
  predict?: number[];
  decisionBinary?: number[];
}
const cases = fixture<AnyCase>('selection.json').cases;
const byKind = (k: string) => cases.find((c) => c.kind === k) as AnyCase;

const iris = loadIris();
const binaryRows = iris.y.map((v, i) => (v > 0 ? i : -1)).filter((i) => i >= 0);
const Xb = iris.X.selectRows(binaryRows);
const cancer = loadBreastCancer();
const Xr = Matrix.from(cancer.X.toArray().map((r) => r.slice(1, 6)));
const yr = Float64Array.from(cancer.X.toArray().map((r) => r[0]));

// Tight tolerance: logit and scikit-learn's newton-cg both sit at the optimum.
const logreg = (C = 1) => new LogisticRegression({ C, tol: 1e-10, maxIter: 1000 });

describe('crossValidate against scikit-learn’s cross_validate (default folds)', () => {
  for (const run of byKind('crossValidate').runs as CvRun[]) {
    it(`${run.data} ${run.model ?? `LogisticRegression C=${run.C}`} ${run.scoring}`, () => {
      let r;
      if (run.data === 'cancer-regression') {
        const f = run.model === 'Ridge' ? () => new Ridge({ alpha: 3 }) : () => new LinearRegression();
        r = crossValidate(f, Xr, yr, { scoring: run.scoring as 'r2', returnTrainScore: true });
        expectClose(r.testScore, run.test, 1e-9, 'test');
        expectClose(r.trainScore!, run.train, 1e-9, 'train');
        return;
      }
      const [X, y] = run.data === 'iris' ? [iris.X, iris.y] : [Xb, binaryRows.map((i) => (iris.y[i] === 2 ? 1 : 0))];
      r = crossValidate(() => logreg(run.C), X, y, { cv: run.nSplits ?? 5, scoring: run.scoring as 'accuracy', returnTrainScore: true });
      expectClose(r.testScore, run.test, 1e-6, 'test');
      expectClose(r.trainScore!, run.train, 1e-6, 'train');
      expect(r.fitTime.length).toBe(run.test.length);
      for (const t of [...r.fitTime, ...r.scoreTime]) expect(t).toBeGreaterThanOrEqual(0);
    });
  }
});

describe('crossValidate properties', () => {
  it('each test score is the fold model’s score on its test rows; models are fresh per fold', () => {
    const folds = stratifiedKFold(iris.y, { nSplits: 3, shuffle: true, seed: 2 });
    const made: LogisticRegression[] = [];
    const r = crossValidate(() => (made.push(logreg()), made[made.length - 1]), iris.X, iris.y, { cv: folds, returnEstimator: true });
    expect(r.estimators).toHaveLength(3);
    expect(new Set(r.estimators).size).toBe(3);
    folds.forEach((f, k) => {
      const m = r.estimators![k] as LogisticRegression;
      const ref = logreg().fit(iris.X.selectRows(f.train), Array.from(f.train, (i) => iris.y[i]));
      expect(m.coef.data).toEqual(ref.coef.data);
      expect(r.testScore[k]).toBe(accuracyScore(Array.from(f.test, (i) => iris.y[i]), m.predict(iris.X.selectRows(f.test))));
    });
    expect(r.folds).toEqual(folds);
  });

  it('fitParams.sampleWeight reaches fit restricted to the training rows; scorers see no weights', () => {
    const w = iris.y.map((_, i) => 1 + (i % 4));
    const folds = kFold(150, { nSplits: 3, shuffle: true, seed: 9 });
    const r = crossValidate(() => logreg(), iris.X, iris.y, { cv: folds, scoring: 'neg_log_loss', fitParams: { sampleWeight: w }, returnEstimator: true });
    folds.forEach((f, k) => {
      const ref = logreg().fit(iris.X.selectRows(f.train), Array.from(f.train, (i) => iris.y[i]), { sampleWeight: Array.from(f.train, (i) => w[i]) });
      expect((r.estimators![k] as LogisticRegression).coef.data).toEqual(ref.coef.data);
      expect(r.testScore[k]).toBe(-logLoss(Array.from(f.test, (i) => iris.y[i]), ref.predictProba(iris.X.selectRows(f.test)), { labels: [0, 1, 2] }));
    });
  });

  it('errors name the argument', () => {
    expect(() => crossValidate(() => logreg(), iris.X, iris.y.slice(1))).toThrow('y has 149 values but X has 150 rows');
    expect(() => crossValidate(() => logreg(), iris.X, iris.y, { cv: 1 })).toThrow('option cv must be an integer ≥ 2; received 1');
    expect(() => crossValidate(() => logreg(), iris.X, iris.y, { cv: [{ train: [0, 1], test: [150] }] })).toThrow('cv[0].test[0] is 150; indices must be integers in [0, 149]');
    expect(() => crossValidate(() => logreg(), iris.X, iris.y, { scoring: 'auc' as never })).toThrow(/scoring "auc" is not a known scorer/);
    expect(() => crossValidate(logreg() as never, iris.X, iris.y)).toThrow(/needs a factory function/);
    expect(() => crossValidate(() => ({}) as never, iris.X, iris.y)).toThrow(/the factory must return a model with a fit method/);
    expect(() => crossValidate(() => logreg(), iris.X, iris.y, { fitParams: { sampleWeight: [1, 2] } })).toThrow(/fitParams.sampleWeight/);
  });
});

describe('crossValPredict', () => {
  const c = byKind('crossValPredict');
  it('matches scikit-learn’s cross_val_predict (predict, predictProba, binary decisionFunction)', () => {
    const P = crossValPredict(() => logreg(), iris.X, iris.y, { method: 'predictProba' }) as Matrix;
    expectClose(P.data, c.proba!.flat(), 1e-6, 'proba');
    const pred = crossValPredict(() => logreg(), iris.X, iris.y) as Label[];
    expect(pred).toEqual(c.predict);
    const yb = binaryRows.map((i) => iris.y[i]);
    const D = crossValPredict(() => logreg(0.5), Xb, yb, { cv: 4, method: 'decisionFunction' }) as Matrix;
    expect(D.cols).toBe(1);
    expectClose(D.data, c.decisionBinary!, 1e-6, 'decision');
  });

  it('regressors give a Float64Array; a class missing from a fold gets probability 0; non-partitions are refused', () => {
    const pr = crossValPredict(() => new LinearRegression(), Xr, yr, { cv: 4 });
    expect(pr).toBeInstanceOf(Float64Array);
    // Rows sorted by class, unshuffled kFold(3): fold k's training part lacks class k.
    const P = crossValPredict(() => logreg(), iris.X, iris.y, { cv: kFold(150, { nSplits: 3 }), method: 'predictProba' }) as Matrix;
    for (let i = 0; i < 150; i++) expect(P.get(i, iris.y[i])).toBe(0);
    expect(() => crossValPredict(() => logreg(), iris.X, iris.y, { cv: kFold(150, { nSplits: 3 }), method: 'decisionFunction' })).toThrow(
      /fold 0's training part has 2 of the 3 classes/,
    );
    expect(() => crossValPredict(() => logreg(), iris.X, iris.y, { cv: [{ train: [0, 1, 2], test: [3, 4] }] })).toThrow(/row 0 is in 0 test parts/);
  });
});

interface GsRun {
  scoring: string;
  bestParams: { C: number };
  bestIndex: number;
  bestScore: number;
  mean: number[];
  std: number[];
  rank: number[];
  params: { C: number }[];
  bestCoef: number[][];
}

describe('gridSearchCV', () => {
  for (const run of byKind('gridSearch').runs as GsRun[]) {
    it(`chooses scikit-learn’s C with ${run.scoring}, same mean/std/rank`, () => {
      const gs = gridSearchCV((p: { C: number }) => logreg(p.C), { C: [0.001, 0.01, 0.1, 1, 10] }, iris.X, iris.y, { scoring: run.scoring as 'accuracy' });
      expect(gs.bestParams).toEqual(run.bestParams);
      expect(gs.bestIndex).toBe(run.bestIndex);
      expect(gs.cvResults.params).toEqual(run.params);
      expectClose(gs.cvResults.meanTestScore, run.mean, 1e-6, 'mean');
      expectClose(gs.cvResults.stdTestScore, run.std, 1e-5, 'std');
      expect(Array.from(gs.cvResults.rankTestScore)).toEqual(run.rank);
      expect(gs.bestScore).toBeCloseTo(run.bestScore, 6);
      expectClose(gs.bestEstimator!.coef.data, run.bestCoef.flat(), 1e-5, 'refit coef');
      expect(gs.cvResults.splitTestScores.rows).toBe(5);
      expect(gs.cvResults.splitTestScores.cols).toBe(5);
    });
  }

  it('expandGrid follows ParameterGrid: keys sorted, last key fastest, lists of grids in turn', () => {
    expect(expandGrid({ b: [1, 2], a: ['x', 'y'] })).toEqual([
      { a: 'x', b: 1 },
      { a: 'x', b: 2 },
      { a: 'y', b: 1 },
      { a: 'y', b: 2 },
    ]);
    expect(expandGrid([{ C: [1] }, { C: [2], penalty: ['l1'] }])).toEqual([{ C: 1 }, { C: 2, penalty: 'l1' }]);
    expect(expandGrid({})).toEqual([{}]);
    expect(() => expandGrid({ C: [] })).toThrow('paramGrid.C must be a non-empty array of values to try; received an array of length 0');
  });

  it('ranks ties equally (min rank) and picks the first best; refit: false leaves no estimator', () => {
    const { warnings, onWarning } = collectWarnings();
    const gs = gridSearchCV(
      (p: { fitIntercept: boolean; tag: number }) => new LogisticRegression({ fitIntercept: p.fitIntercept, onWarning }),
      { fitIntercept: [true], tag: [1, 2, 3] },
      iris.X,
      iris.y,
      { refit: false, cv: 3, returnTrainScore: true },
    );
    expect(Array.from(gs.cvResults.rankTestScore)).toEqual([1, 1, 1]);
    expect(gs.bestIndex).toBe(0);
    expect(gs.bestEstimator).toBeNull();
    expect(gs.cvResults.meanTrainScore).toHaveLength(3);
    expect(warnings.every((w) => w.code === 'convergence')).toBe(true);
  });
});
