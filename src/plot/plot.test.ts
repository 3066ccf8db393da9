import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectCleanNumbers, expectWellFormed } from '../../test/svgCheck.js';
import { LogitRangeError, LogitTypeError } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import { Random } from '../core/rng.js';
import { precisionRecallCurve, rocCurve } from '../metrics/ranking.js';
import { thresholdSweep } from '../metrics/thresholdSweep.js';
import {
  plotCalibrationCurve,
  plotCoefficients,
  plotConfusionMatrix,
  plotDecisionBoundary,
  plotLossCurve,
  plotPrecisionRecallCurve,
  plotPredictedVsActual,
  plotResiduals,
  plotRocCurve,
  plotSigmoid,
  plotThresholdTradeoff,
} from './index.js';

// scikit-learn's roc_curve doc example: y = [0, 0, 1, 1], scores [0.1, 0.4, 0.35, 0.8]:
// AUC 0.75, average precision 0.8333….
const yToy = [0, 0, 1, 1];
const sToy = [0.1, 0.4, 0.35, 0.8];

const sigmoidInput = { z: [-3.2, -1.5, -0.4, 0.2, 0.9, 1.7, 2.8, -0.1, 0.6, -2.2], y: [0, 0, 0, 1, 1, 1, 1, 1, 0, 0] };
const expit = (z: number): number => 1 / (1 + Math.exp(-z));

/** Every chart on small, hand-checkable inputs; the snapshots pin their exact bytes. */
const charts: Record<string, () => string> = {
  roc: () => plotRocCurve(rocCurve(yToy, sToy, { dropIntermediate: false }), { threshold: 0.4 }),
  'precision-recall': () => plotPrecisionRecallCurve(precisionRecallCurve(yToy, sToy), { threshold: 0.4, prevalence: 0.5 }),
  'threshold-tradeoff': () =>
    plotThresholdTradeoff(
      thresholdSweep(yToy, sToy, Array.from({ length: 21 }, (_, k) => k / 20)),
      { threshold: 0.4 },
    ),
  sigmoid: () => plotSigmoid(sigmoidInput, { threshold: 0.4, classNames: ['fail', 'pass'], seed: 4 }),
  loss: () => plotLossCurve([0.693, 0.41, 0.3, 0.26, 0.251, 0.2503, 0.25]),
  'loss-log': () => plotLossCurve([10, 1, 0.1, 0.01, 0.001], { logScale: true }),
  'confusion-matrix': () => plotConfusionMatrix({ matrix: [[50, 3], [7, 40]], labels: ['benign', 'malignant'] }),
  'confusion-matrix-3': () => plotConfusionMatrix({ matrix: [[10, 0, 0], [0, 8, 2], [0, 1, 9]], labels: ['setosa', 'versicolor', 'virginica'] }, { normalize: 'pred' }),
  calibration: () => plotCalibrationCurve({ probTrue: [0.05, 0.3, 0.55, 0.8, 0.95], probPred: [0.1, 0.3, 0.5, 0.7, 0.9] }),
  coefficients: () =>
    plotCoefficients({ names: ['age', 'blood_pressure', 'cholesterol', 'exercise'], values: [0.8, 0.35, 0.2, -1.1], lo: [0.5, 0.1, -0.1, -1.5], hi: [1.1, 0.6, 0.5, -0.7] }),
  'decision-boundary': () =>
    plotDecisionBoundary(
      {
        X: [[0.1, 0.2], [0.8, 0.9], [0.3, 0.9], [0.9, 0.05], [0.4, 0.4], [0.6, 0.6]],
        y: ['no', 'yes', 'yes', 'no', 'no', 'yes'],
        predictProba: (g) => Array.from({ length: g.rows }, (_, r) => expit(6 * (g.get(r, 0) + g.get(r, 1) - 1))),
      },
      { gridSize: 24, featureNames: ['study', 'sleep'], xDomain: [0, 1], yDomain: [0, 1] },
    ),
  'predicted-vs-actual': () => plotPredictedVsActual({ yTrue: [1, 2, 3, 4, 5], yPred: [1.2, 1.8, 3.3, 3.9, 5.4] }, { target: 'price' }),
  residuals: () => plotResiduals({ yTrue: [1, 2, 3, 4, 5], yPred: [1.2, 1.8, 3.3, 3.9, 5.4] }),
};

describe('every chart', () => {
  for (const [name, draw] of Object.entries(charts)) {
    it(`${name} matches its snapshot, is well formed, rounded and deterministic`, async () => {
      const svg = draw();
      expectWellFormed(svg);
      expectCleanNumbers(svg);
      expect(draw()).toBe(svg);
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="logit-plot [^"]*" viewBox="0 0 \d+ \d+" width="\d+" height="\d+" role="img" aria-labelledby="([\w-]+)-title \1-desc">/);
      expect(svg).toMatch(/<title id="[\w-]+-title">[^<]+<\/title>\n<desc id="[\w-]+-desc">[^<]{20,}<\/desc>/);
      await expect(svg).toMatchFileSnapshot(`./__snapshots__/${name}.svg`);
    });
  }
});

describe('common options', () => {
  it('title, description, id, size, showTitle and embedStyle reach the SVG', () => {
    const svg = plotLossCurve([3, 2, 1], { title: 'Fit <1>', description: 'a & b', id: 'my-loss', width: 500, height: 300, showTitle: false, embedStyle: false });
    expect(svg).toContain('<title id="my-loss-title">Fit &lt;1&gt;</title>');
    expect(svg).toContain('<desc id="my-loss-desc">a &amp; b</desc>');
    expect(svg).toContain('viewBox="0 0 500 300"');
    expect(svg).not.toContain('<style>');
    expect(svg).not.toContain('class="title"');
    expect(plotLossCurve([3, 2, 1])).toContain('<style>');
  });

  it('unknown options and bad common options throw naming the option', () => {
    expect(() => plotLossCurve([1], { logscale: true } as never)).toThrow(/did you mean "logScale"/);
    expect(() => plotLossCurve([1], { width: 50 })).toThrow(LogitRangeError);
    expect(() => plotLossCurve([1], { id: '1 bad' })).toThrow(/option id/);
    expect(() => plotLossCurve([1], { title: 3 } as never)).toThrow(LogitTypeError);
  });
});

describe('plotRocCurve', () => {
  it('shows the AUC from the curve (trapezoids) or as given, and the operating point of the threshold', () => {
    const roc = rocCurve(yToy, sToy, { dropIntermediate: false });
    expect(plotRocCurve(roc)).toContain('model (AUC = 0.750)');
    expect(plotRocCurve(roc, { auc: 0.9, label: 'logit' })).toContain('logit (AUC = 0.900)');
    // t = 0.4 predicts positive for 0.4 and 0.8: TPR 1/2, FPR 1/2.
    expect(plotRocCurve(roc, { threshold: 0.4 })).toContain('t = 0.40: FPR 0.50, TPR 0.50');
    expect(plotRocCurve(roc, { threshold: 0.36 })).toContain('t = 0.36: FPR 0.50, TPR 0.50');
    expect(plotRocCurve(roc, { threshold: 0.3 })).toContain('t = 0.30: FPR 0.50, TPR 1.00');
  });

  it('accepts an infinite first threshold (scikit-learn ≥ 1.3) and rejects bad curves naming the field', () => {
    const svg = plotRocCurve({ fpr: [0, 0.5, 1], tpr: [0, 1, 1], thresholds: [Infinity, 0.5, 0.1] }, { threshold: 0.5 });
    expect(svg).toContain('FPR 0.50, TPR 1.00');
    expect(() => plotRocCurve({ fpr: [0, 1], tpr: [0] })).toThrow(/curve.tpr has 1 values but curve.fpr has 2/);
    expect(() => plotRocCurve({ fpr: [0, 1.5], tpr: [0, 1] })).toThrow(/curve.fpr\[1\] is 1.5/);
    expect(() => plotRocCurve({ fpr: [0, NaN], tpr: [0, 1] })).toThrow(LogitRangeError);
    expect(() => plotRocCurve({ tpr: [0, 1] } as never)).toThrow(/curve.fpr is missing/);
    expect(() => plotRocCurve([0, 1] as never)).toThrow(LogitTypeError);
    expect(() => plotRocCurve({ fpr: [0, 1], tpr: [0, 1] }, { threshold: 0.5 })).toThrow(/needs curve.thresholds/);
  });
});

describe('plotPrecisionRecallCurve', () => {
  it('computes scikit-learn\'s average precision from the steps and marks the threshold', () => {
    const pr = precisionRecallCurve(yToy, sToy);
    // AP = (1 − 0.5)·2/3 + (0.5 − 0)·1 = 0.8333.
    expect(plotPrecisionRecallCurve(pr)).toContain('model (AP = 0.833)');
    // t = 0.4 → {0.4, 0.8} positive: precision 1/2, recall 1/2.
    expect(plotPrecisionRecallCurve(pr, { threshold: 0.4 })).toContain('t = 0.40: precision 0.50, recall 0.50');
  });

  it('draws a curve given in rising-recall order the same way', () => {
    const pr = precisionRecallCurve(yToy, sToy);
    const rev = { precision: pr.precision.slice().reverse(), recall: pr.recall.slice().reverse() };
    expect(plotPrecisionRecallCurve(rev)).toBe(plotPrecisionRecallCurve({ precision: pr.precision, recall: pr.recall }));
  });

  it('rejects thresholds of the wrong length and probabilities outside [0, 1]', () => {
    expect(() => plotPrecisionRecallCurve({ precision: [0.5, 1], recall: [1, 0], thresholds: [0.1, 0.2, 0.3] })).toThrow(/curve.thresholds has 3 values/);
    expect(() => plotPrecisionRecallCurve({ precision: [0.5, 1], recall: [1, 0] }, { prevalence: 2 })).toThrow(/prevalence/);
  });
});

describe('plotSigmoid', () => {
  it('puts the threshold at z* = logit(t) and counts predictions in the description', () => {
    const svg = plotSigmoid(sigmoidInput, { threshold: 0.4, classNames: ['fail', 'pass'] });
    expect(svg).toContain('threshold 0.40 (z = −0.41)');
    // z ≥ −0.405: −0.4, 0.2, 0.9, 1.7, 2.8, −0.1, 0.6 → 7 predicted pass; correct: 0.2, 0.9, 1.7, 2.8, −0.1 (pass) + −3.2, −1.5, −2.2 (fail) = 8.
    expect(svg).toContain('7 predicted pass, 8 of 10 correct');
  });

  it('draws a seeded subsample of many points: same seed same picture, another seed another', () => {
    const rng = new Random(1);
    const n = 5000;
    const z = Array.from({ length: n }, () => rng.normal(0, 3));
    const y = z.map((v) => (rng.random() < expit(v) ? 1 : 0));
    const a = plotSigmoid({ z, y }, { maxPoints: 300, seed: 7 });
    expect(a.match(/<circle /g)!.length).toBe(300 + 2); // + the two legend swatches
    expect(a).toContain('300 of 5000 samples shown');
    expect(plotSigmoid({ z, y }, { maxPoints: 300, seed: 7 })).toBe(a);
    expect(plotSigmoid({ z, y }, { maxPoints: 300, seed: 8 })).not.toBe(a);
  });

  it('stays finite for scores near ±1e308 and validates its inputs', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e308, max: 1e308, noNaN: true }), { minLength: 1, maxLength: 30 }), (z) => {
        const svg = plotSigmoid({ z, y: z.map((_, i) => i % 2) });
        expectCleanNumbers(svg);
        expectWellFormed(svg);
      }),
      { numRuns: 40, seed: 4 },
    );
    expect(() => plotSigmoid({ z: [1, 2], y: [0] })).toThrow(/y has 1 values but z has 2/);
    expect(() => plotSigmoid({ z: [1, 2, 3], y: ['a', 'b', 'c'] })).toThrow(/3 classes/);
    expect(() => plotSigmoid({ z: [1, NaN], y: [0, 1] })).toThrow(/z\[1\] is NaN/);
    expect(() => plotSigmoid({ z: [1, 2], y: [0, 1] }, { threshold: 1 })).toThrow(/strictly between 0 and 1/);
  });
});

describe('plotLossCurve', () => {
  it('decimates long histories keeping the spikes and the final value', () => {
    const v = Array.from({ length: 20000 }, (_, i) => 1 / (1 + i) + (i === 12345 ? 5 : 0));
    const svg = plotLossCurve(v, { maxPoints: 200 });
    expect(svg).toContain('(final 0.0001 after 20000 iterations)');
    const d = svg.match(/<path class="s0" d="([^"]+)"/)![1];
    const pts = d.split(/[ML]/).filter(Boolean);
    expect(pts.length).toBeLessThanOrEqual(203);
    // The spike (loss 5.00008) is the highest point drawn: the smallest y pixel.
    const ys = pts.map((p) => Number(p.split(',')[1]));
    expect(Math.min(...ys)).toBeLessThan(ys[0]);
  });

  it('refuses a log scale for values ≤ 0, naming the index', () => {
    expect(() => plotLossCurve([1, 0.5, 0], { logScale: true })).toThrow(/lossHistory\[2\] is 0/);
    expect(() => plotLossCurve([])).toThrow(/lossHistory has 0 values/);
    expect(plotLossCurve([0.5])).toContain('after 1 iteration)');
  });
});

describe('plotDecisionBoundary', () => {
  /** The bold contour's vertices, mapped back from pixels to data coordinates. */
  function boundaryPoints(svg: string, domain: [number, number]): [number, number][] {
    const d = svg.match(/<path class="contour-main" d="([^"]+)"/)![1];
    const frame = svg.match(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="none"/)!.slice(1).map(Number);
    const [x0, y0, w, h] = frame;
    return d
      .split(/[ML]/)
      .filter(Boolean)
      .map((p) => p.split(',').map(Number))
      // Only the visible part: the grid reaches one cell beyond the frame (clipped away).
      .filter(([px, py]) => px >= x0 && px <= x0 + w && py >= y0 && py <= y0 + h)
      .map(([px, py]) => [domain[0] + ((px - x0) / w) * (domain[1] - domain[0]), domain[0] + ((y0 + h - py) / h) * (domain[1] - domain[0])]);
  }

  it('traces the 0.5 contour of σ(a·(x1 + x2 − 1)) on the line x1 + x2 = 1', () => {
    const predictProba = (g: Matrix) => Array.from({ length: g.rows }, (_, r) => expit(4 * (g.get(r, 0) + g.get(r, 1) - 1)));
    const svg = plotDecisionBoundary({ X: [[0.2, 0.2], [0.8, 0.8]], y: [0, 1], predictProba }, { gridSize: 50, xDomain: [0, 1], yDomain: [0, 1] });
    const pts = boundaryPoints(svg, [0, 1]);
    expect(pts.length).toBeGreaterThan(20);
    // Linear interpolation of a smooth function between cell centres: error ≪ one cell (0.02).
    for (const [a, b] of pts) expect(Math.abs(a + b - 1)).toBeLessThan(0.005);
  });

  it('a threshold not among the levels gets its own bold contour', () => {
    const predictProba = (g: Matrix) => Array.from({ length: g.rows }, (_, r) => expit(4 * (g.get(r, 0) - 0.5)));
    const svg = plotDecisionBoundary({ X: [[0.2, 0.2], [0.8, 0.8]], y: [0, 1], predictProba }, { gridSize: 40, xDomain: [0, 1], yDomain: [0, 1], threshold: 0.25 });
    // σ(4(x − 0.5)) = 0.25 at x = 0.5 + logit(0.25)/4 = 0.2253.
    for (const [a] of boundaryPoints(svg, [0, 1])) expect(Math.abs(a - (0.5 + Math.log(1 / 3) / 4))).toBeLessThan(0.005);
    expect(svg).toContain('P(1) = 0.25 (decision boundary)');
  });

  it('accepts a model-style n × 2 probability matrix and validates what predictProba returns', () => {
    const X = [[0, 0], [1, 1]];
    const M = (g: Matrix) => {
      const P = new Matrix(g.rows, 2);
      for (let r = 0; r < g.rows; r++) {
        const p = expit(g.get(r, 0) - 0.5);
        P.set(r, 0, 1 - p);
        P.set(r, 1, p);
      }
      return P;
    };
    expect(plotDecisionBoundary({ X, y: [0, 1], predictProba: M }, { gridSize: 10 })).toContain('contour-main');
    expect(() => plotDecisionBoundary({ X, y: [0, 1], predictProba: () => [0.5] }, { gridSize: 10 })).toThrow(/returned 1 values for 144 grid points/);
    expect(() => plotDecisionBoundary({ X, y: [0, 1], predictProba: (g) => new Float64Array(g.rows).fill(1.5) }, { gridSize: 10 })).toThrow(/\[0\] is 1.5/);
    expect(() => plotDecisionBoundary({ X: [[0, 0, 0]], y: [0], predictProba: M })).toThrow(/X has 3 columns/);
    expect(() => plotDecisionBoundary({ X, y: [0, 1], predictProba: 3 as never })).toThrow(/predictProba must be a function/);
    expect(() => plotDecisionBoundary({ X, y: [0, 1], predictProba: M }, { xDomain: [1, 0] })).toThrow(/xDomain/);
    expect(() => plotDecisionBoundary({ X, y: [0, 1], predictProba: M }, { levels: [0, 0.5] })).toThrow(/levels\[0\]/);
  });
});

describe('plotConfusionMatrix, plotCoefficients, plotCalibrationCurve, regression charts', () => {
  it('confusion cells show counts and shares of the true class', () => {
    const svg = plotConfusionMatrix({ matrix: [[50, 3], [7, 40]], labels: ['benign', 'malignant'] });
    expect(svg).toContain('>50<');
    expect(svg).toContain('94.3 %'); // 50 / 53
    expect(svg).toContain('14.9 %'); // 7 / 47
    expect(() => plotConfusionMatrix({ matrix: [[1, 2]], labels: ['a'] })).toThrow(/square/);
    expect(() => plotConfusionMatrix({ matrix: [[1, -2], [0, 1]], labels: ['a', 'b'] })).toThrow(/matrix\[0\]\[1\] is -2/);
    expect(() => plotConfusionMatrix({ matrix: [[1, 2], [0, 1]], labels: ['a'] })).toThrow(/labels must hold 2/);
  });

  it('coefficients are sorted by magnitude and limited to maxBars', () => {
    const svg = plotCoefficients({ names: ['a', 'b', 'c', 'd'], values: [0.1, -3, 2, 0.5] }, { maxBars: 2 });
    expect(svg).toContain('The 2 largest of 4 coefficients by magnitude: b −3.000, c 2.000.');
    expect(svg).toContain('largest 2 of 4 by |coefficient|');
    expect(() => plotCoefficients({ names: ['a'], values: [1], lo: [0] } as never)).toThrow(/both lo and hi/);
    expect(() => plotCoefficients({ names: ['a'], values: [1], lo: [2], hi: [3] })).toThrow(/lo ≤ value ≤ hi/);
    expect(() => plotCoefficients({ names: ['a', 'b'], values: [1] })).toThrow(/names has 2 values but values has 1/);
    expect(() => plotCoefficients({ names: [1] as never, values: [1] })).toThrow(/names\[0\]/);
  });

  it('calibration reports the largest gap; regression charts report R² and RMSE', () => {
    expect(plotCalibrationCurve({ probTrue: [0.2, 0.9], probPred: [0.1, 0.7] })).toContain('largest gap between predicted probability and observed frequency is 0.200');
    const withCounts = plotCalibrationCurve({ probTrue: [0.2, 0.9], probPred: [0.1, 0.7], counts: [4, 16] });
    expect(withCounts).toContain('samples per bin: 4, 16');
    // Radius 2.5 + 5.5·√(n / max): 5.25 for 4 of 16, 8 for 16.
    expect(withCounts).toMatch(/r="5.25"\/>.*r="8"\/>/);
    expect(() => plotCalibrationCurve({ probTrue: [0.2], probPred: [0.1], counts: [1, 2] })).toThrow(/curve.counts has 2 values/);
    // SSE = 0.04+0.04+0.09+0.01+0.16 = 0.34, SST = 10: R² = 0.966, RMSE = √0.068 = 0.261.
    expect(plotPredictedVsActual({ yTrue: [1, 2, 3, 4, 5], yPred: [1.2, 1.8, 3.3, 3.9, 5.4] })).toContain('R² 0.966, RMSE 0.261');
    expect(plotResiduals({ yTrue: [1, 2, 3, 4, 5], yPred: [1.2, 1.8, 3.3, 3.9, 5.4] })).toContain('largest absolute residual 0.400');
    expect(() => plotResiduals({ yTrue: [1], yPred: [1, 2] })).toThrow(/yPred has 2 values but yTrue has 1/);
    expect(() => plotCalibrationCurve({ probTrue: [0.2], probPred: [1.2] })).toThrow(/curve.probPred\[0\]/);
  });

  it('threshold trade-off reads thresholdSweep rows in any order and finds the F1 peak', () => {
    const rows = thresholdSweep(yToy, sToy, [0.9, 0.1, 0.5, 0.38]);
    const svg = plotThresholdTradeoff(rows);
    // F1 at 0.38 (0.4, 0.8 positive... and 0.35? no): TP 1, FP 1, FN 1 → 0.5; at 0.1: 2/(2+2) → 0.667.
    expect(svg).toContain('F1 peaks at 0.667 at threshold 0.10');
    expect(plotThresholdTradeoff([...rows].reverse())).toBe(svg);
    expect(() => plotThresholdTradeoff([{ threshold: 0.5 }] as never)).toThrow(LogitRangeError);
    expect(() => plotThresholdTradeoff([null, null] as never)).toThrow(/rows\[0\]/);
  });
});

describe('random inputs', () => {
  it('ROC and PR charts of random scores are well formed with no NaN', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 2, maxLength: 60 }), (pairs) => {
        const y = pairs.map(([b]) => (b ? 1 : 0));
        if (!y.includes(0) || !y.includes(1)) return;
        const s = pairs.map(([, v]) => v);
        for (const svg of [plotRocCurve(rocCurve(y, s), { threshold: 0.5, embedStyle: false }), plotPrecisionRecallCurve(precisionRecallCurve(y, s), { threshold: 0.5, embedStyle: false })]) {
          expectWellFormed(svg);
          expectCleanNumbers(svg);
        }
      }),
      { numRuns: 60, seed: 11 },
    );
  });
});
