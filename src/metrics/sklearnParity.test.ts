import { describe, expect, it } from 'vitest';
import { expectClose, fixture } from '../../test/helpers.js';
import type { Label } from '../core/validate.js';
import { calibrationCurve } from './calibrationCurve.js';
import { accuracyScore } from './classification.js';
import { classificationReport } from './classificationReport.js';
import { balancedAccuracyScore, confusionMatrix, matthewsCorrcoef } from './confusion.js';
import { fbetaScore, f1Score, precisionScore, recallScore, type Average } from './prf.js';
import { brierScoreLoss, logLoss } from './probabilistic.js';
import { averagePrecisionScore, precisionRecallCurve, rocAucScore, rocCurve } from './ranking.js';
import { explainedVarianceScore, meanAbsoluteError, meanSquaredError, r2Score, rootMeanSquaredError } from './regression.js';

type Num = number | number[];
interface Prf {
  precision: Num;
  recall: Num;
  f1: Num;
  f05: Num;
  f2: Num;
}
interface ReportEntry {
  precision: number;
  recall: number;
  'f1-score': number;
  support: number;
}
interface Case {
  name: string;
  kind: 'binary' | 'multiclass' | 'regression' | 'calibration';
  yTrue: Label[];
  yScore: number[] | number[][];
  yPred: Label[];
  classes?: Label[];
  posLabel?: Label;
  sampleWeight: number[] | null;
  expected: Record<string, unknown> & {
    prf: Record<string, Prf>;
    prfLabels?: Record<string, Prf>;
    labels?: Label[];
    confusion: Record<string, number[][]>;
    confusionLabels?: number[][];
    report: string;
    reportLabels?: string;
    reportDict: Record<string, ReportEntry | number>;
  };
}

const cases = fixture<Case>('metrics.json').cases;
const TOL = 1e-12;

function close(actual: number | ArrayLike<number>, expected: unknown, label: string): void {
  const a = typeof actual === 'number' ? [actual] : Array.from(actual);
  const e = typeof expected === 'number' ? [expected] : (expected as number[]);
  expectClose(a, e, TOL, label);
}

function checkPrf(c: Case, table: Record<string, Prf>, labels: Label[] | undefined, w: { sampleWeight?: number[] }): void {
  for (const [key, exp] of Object.entries(table)) {
    const [avgText, zdText] = key.split('|');
    const average = (avgText === 'None' ? null : avgText) as Average | null;
    const opts = { average, zeroDivision: Number(zdText) as 0 | 1, posLabel: c.posLabel ?? 1, ...(labels ? { labels } : {}), ...w };
    close(precisionScore(c.yTrue, c.yPred, opts) as number, exp.precision, `${c.name} precision ${key}`);
    close(recallScore(c.yTrue, c.yPred, opts) as number, exp.recall, `${c.name} recall ${key}`);
    close(f1Score(c.yTrue, c.yPred, opts) as number, exp.f1, `${c.name} f1 ${key}`);
    close(fbetaScore(c.yTrue, c.yPred, { ...opts, beta: 0.5 }) as number, exp.f05, `${c.name} f0.5 ${key}`);
    close(fbetaScore(c.yTrue, c.yPred, { ...opts, beta: 2 }) as number, exp.f2, `${c.name} f2 ${key}`);
  }
}

function checkLabelMetrics(c: Case, w: { sampleWeight?: number[] }): void {
  const e = c.expected;
  close(accuracyScore(c.yTrue, c.yPred, w), e.accuracy, 'accuracy');
  close(balancedAccuracyScore(c.yTrue, c.yPred, w), e.balancedAccuracy, 'balanced accuracy');
  close(balancedAccuracyScore(c.yTrue, c.yPred, { ...w, adjusted: true }), e.balancedAccuracyAdjusted, 'adjusted balanced accuracy');
  close(matthewsCorrcoef(c.yTrue, c.yPred, w), e.mcc, 'mcc');
  checkPrf(c, e.prf, undefined, w);
  for (const [nz, m] of Object.entries(e.confusion)) {
    const normalize = nz === 'None' ? undefined : (nz as 'true' | 'pred' | 'all');
    const C = confusionMatrix(c.yTrue, c.yPred, { ...w, normalize });
    expect([C.rows, C.cols]).toEqual([m.length, m.length]);
    close(C.data, m.flat(), `confusion ${nz}`);
  }
  const r = classificationReport(c.yTrue, c.yPred, w);
  expect(r.text).toBe(e.report);
  for (const [key, v] of Object.entries(e.reportDict)) {
    if (key === 'accuracy') {
      close(r.accuracy as number, v, 'report accuracy');
      continue;
    }
    const entry = v as ReportEntry;
    const row =
      key === 'macro avg' ? r.macroAvg : key === 'weighted avg' ? r.weightedAvg : key === 'micro avg' ? r.microAvg : r.classes.find((x) => x.name === key)?.row;
    expect(row, key).toBeDefined();
    close([row!.precision, row!.recall, row!.f1Score, row!.support], [entry.precision, entry.recall, entry['f1-score'], entry.support], `report ${key}`);
  }
  if (e.labels !== undefined) {
    checkPrf(c, e.prfLabels!, e.labels, w);
    close(confusionMatrix(c.yTrue, c.yPred, { ...w, labels: e.labels }).data, e.confusionLabels!.flat(), 'confusion with labels');
    expect(classificationReport(c.yTrue, c.yPred, { ...w, labels: e.labels, digits: 4 }).text).toBe(e.reportLabels);
  }
}

describe('metrics agree with scikit-learn to 1e-12 (fixtures/metrics.json)', () => {
  for (const c of cases) {
    const w = c.sampleWeight === null ? {} : { sampleWeight: c.sampleWeight };
    const e = c.expected;
    it(`${c.kind}: ${c.name}`, () => {
      if (c.kind === 'calibration') {
        for (const [key, exp] of Object.entries(e as unknown as Record<string, { probTrue: number[]; probPred: number[] }>)) {
          const [strategy, nBins] = key.split('|');
          const opts = { strategy: strategy as 'uniform', nBins: Number(nBins), ...(c.posLabel == null ? {} : { posLabel: c.posLabel }) };
          const cc = calibrationCurve(c.yTrue, c.yScore as number[], opts);
          close(cc.probTrue, exp.probTrue, `${key} probTrue`);
          close(cc.probPred, exp.probPred, `${key} probPred`);
        }
        return;
      }
      if (c.kind === 'regression') {
        const yt = c.yTrue as number[];
        const yp = c.yPred as number[];
        close(meanSquaredError(yt, yp, w), e.mse, 'mse');
        close(rootMeanSquaredError(yt, yp, w), e.rmse, 'rmse');
        close(meanAbsoluteError(yt, yp, w), e.mae, 'mae');
        close(r2Score(yt, yp, w), e.r2, 'r2');
        close(explainedVarianceScore(yt, yp, w), e.evs, 'evs');
        return;
      }
      if (c.kind === 'binary') {
        const s = c.yScore as number[];
        const pos = c.posLabel as Label;
        const ybin = c.yTrue.map((v) => (v === pos ? 1 : 0));
        for (const [key, drop] of [
          ['roc', true],
          ['rocAll', false],
        ] as const) {
          const exp = e[key] as { fpr: number[]; tpr: number[]; thresholds: number[] };
          const roc = rocCurve(c.yTrue, s, { posLabel: pos, dropIntermediate: drop, ...w });
          close(roc.fpr, exp.fpr, `${key} fpr`);
          close(roc.tpr, exp.tpr, `${key} tpr`);
          close(roc.thresholds, exp.thresholds, `${key} thresholds`);
        }
        close(rocAucScore(ybin, s, w), e.auc, 'auc');
        close(rocAucScore(ybin, s, { ...w, maxFpr: 0.3 }), e.aucMaxFpr, 'partial auc');
        const pr = precisionRecallCurve(c.yTrue, s, { posLabel: pos, ...w });
        const epr = e.pr as { precision: number[]; recall: number[]; thresholds: number[] };
        close(pr.precision, epr.precision, 'pr precision');
        close(pr.recall, epr.recall, 'pr recall');
        close(pr.thresholds, epr.thresholds, 'pr thresholds');
        close(averagePrecisionScore(c.yTrue, s, { posLabel: pos, ...w }), e.ap, 'ap');
        close(logLoss(ybin, s, w), e.logLoss, 'log loss');
        close(logLoss(ybin, s, { ...w, normalize: false }), e.logLossSum, 'log loss sum');
        close(logLoss(ybin, s.map((p) => [1 - p, p]), w), e.logLoss, 'log loss from a matrix');
        close(brierScoreLoss(c.yTrue, s, { posLabel: pos, ...w }), e.brier, 'brier');
        checkLabelMetrics(c, w);
        return;
      }
      const P = c.yScore as number[][];
      const classes = c.classes as Label[];
      close(logLoss(c.yTrue, P, { ...w, labels: classes }), e.logLoss, 'log loss');
      for (const key of Object.keys(e).filter((k) => k.startsWith('ov'))) {
        const [mc, avg] = key.split('|');
        const average = avg === 'None' ? null : (avg as 'macro');
        const got = rocAucScore(c.yTrue, P, { multiClass: mc as 'ovr', average, ...w });
        close(got as number, e[key], key);
      }
      checkLabelMetrics(c, w);
    });
  }
});
