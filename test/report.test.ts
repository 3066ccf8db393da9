import { describe, expect, it } from 'vitest';
import { Matrix } from '../src/core/matrix.js';
import { loadBreastCancer, loadIris } from '../src/datasets/load.js';
import { Pipeline } from '../src/pipeline/pipeline.js';
import { calibrationCurve } from '../src/metrics/calibrationCurve.js';
import { rocAucScore } from '../src/metrics/ranking.js';
import { LogisticRegression } from '../src/models/logisticRegression.js';
import { StandardScaler } from '../src/preprocessing/standardScaler.js';
import { buildClassifierReport, classifierReportSections, coefficientSlice, dataSummarySection, htmlTable, renderReport, weightPlane } from '../src/report/index.js';
import { expectClose } from './helpers.js';
import { trainTestSplit } from '../src/selection/trainTestSplit.js';
import { breastCancerReportInput, classifierReportHtml, regressorReportHtml, studyHoursReportInput, wideClassifierReportHtml } from './reportData.js';
import { expectCleanNumbers, expectWellFormed } from './svgCheck.js';

/** Everything that would make a browser reach for the network or run code. */
function expectSelfContained(html: string): void {
  expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|@import|url\((?!#)/i);
  expect(html).not.toMatch(/(src|href)="(?!#)/);
  // The only absolute URL is the SVG namespace, which is an identifier, not a request.
  expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toMatch(/https?:\/\//);
  expect(html).toContain(`Content-Security-Policy" content="default-src 'none'`);
}

function sectionIds(html: string): string[] {
  return [...html.matchAll(/<section id="([\w-]+)"/g)].map((m) => m[1]);
}

describe('renderReport', () => {
  it('escapes text, includes the chart stylesheet once and links every section from the contents', () => {
    const html = renderReport(
      [
        { id: 'a', title: 'A <b>', lead: 'x & y', charts: ['<svg class="logit-plot"></svg>'] },
        { id: 'b', title: 'B', html: htmlTable(['k', 'v'], [['<x>', 1.5]]), caption: 'c > d', wide: true },
      ],
      { title: 'T & co', subtitle: 'sub', facts: [['rows', '<3']] },
    );
    expectWellFormed(html, true);
    expectSelfContained(html);
    expect(html).toContain('<h1>T &amp; co</h1>');
    expect(html).toContain('<h2 id="a-h">A &lt;b&gt;</h2>');
    expect(html).toContain('<p class="lead">x &amp; y</p>');
    expect(html).toContain('<dd>&lt;3</dd>');
    expect(html).toContain('<th scope="row">&lt;x&gt;</th><td class="num">1.5</td>');
    expect(html).toContain('<a href="#a">A &lt;b&gt;</a> <a href="#b">B</a>');
    expect(html).toContain('<section id="b" class="wide"');
    expect(html.match(/svg\.logit-plot \.curve\{/g)!.length).toBe(1);
  });

  it('rejects duplicate or malformed section ids', () => {
    expect(() => renderReport([{ id: 'a', title: 'x' }, { id: 'a', title: 'y' }])).toThrow(/sections\[1\]\.id "a"/);
    expect(() => renderReport([{ id: '1a', title: 'x' }])).toThrow(/sections\[0\]/);
    expect(() => renderReport('x' as never)).toThrow(/sections must be an array/);
  });
});

describe('dataSummarySection', () => {
  it('reports size, split, class shares and missing values per column', () => {
    const s = dataSummarySection({ rows: 10, columns: 3, target: 'y', trainRows: 8, testRows: 2, classes: [{ label: 'a', count: 3 }, { label: 'b', count: 7 }], missing: [{ column: 'age', count: 2 }, { column: 'x', count: 0 }] });
    expect(s.lead).toBe('10 rows × 3 feature columns, target “y”; 8 rows to train, 2 held out to evaluate.');
    expect(s.html).toContain('<td class="num">70.0 %</td>');
    expect(s.html).toContain('<th scope="row">age</th><td class="num">2</td><td class="num">20.0 %</td>');
    expect(s.html).not.toContain('>x<');
    expect(s.caption).toBe('2 missing values in 1 column (imputed before training).');
    expect(dataSummarySection({ rows: 1, columns: 1, missing: [] }).caption).toBe('No missing values.');
    expect(() => dataSummarySection({ rows: -1, columns: 1 })).toThrow(/data.rows/);
  });
});

describe('coefficientSlice', () => {
  it('picks the two largest standardized coefficients and holds the other features at their means', () => {
    // Column 2 has the largest raw coefficient but tiny spread; |w|·sd ranks columns 0 and 3 first.
    const X = Matrix.from([
      [0, 5, 1.0, 10],
      [2, 5, 1.01, 30],
      [4, 7, 1.02, 20],
      [6, 7, 1.03, 40],
    ]);
    const p = coefficientSlice(X, [1, 0.5, 100, -0.3], ['a', 'b', 'c', 'd']);
    expect(p.features).toEqual([3, 0]); // |−0.3|·11.18 = 3.35 > 1·2.24 > 100·0.011 > 0.5·1
    expect(p.points.row(1)).toEqual(Float64Array.from([30, 2]));
    const lifted = p.lift(Matrix.from([[-1, 99]]));
    expect(Array.from(lifted.row(0))).toEqual([99, 6, 1.015, -1]);
    expect(p.note).toMatch(/^d × a\. A slice.*other 2 features are held at their test-set means/);
  });
});

describe('buildClassifierReport', () => {
  it('a two-feature binary report holds every section, the real AUC and the chosen threshold highlighted', () => {
    const input = studyHoursReportInput();
    const html = buildClassifierReport(input);
    expectWellFormed(html, true);
    expectSelfContained(html);
    expectCleanNumbers(html.replace(/<style>[\s\S]*?<\/style>/, ''));
    expect(sectionIds(html)).toEqual(['data', 'loss', 'sigmoid', 'boundary', 'roc', 'pr', 'threshold', 'confusion', 'calibration', 'coefficients']);
    const p = input.model.predictProba(input.XTest).column(1);
    const auc = rocAucScore(input.yTest, p);
    const cal = calibrationCurve(input.yTest, p, { nBins: 5, posLabel: 'pass' });
    expect(html).toContain(`over ${cal.probTrue.length} probability bins`);
    expect(html).toContain(`samples per bin: ${Array.from(cal.counts).join(', ')} (marker area ∝ count)`);
    expect(html).toContain(`<dt>ROC AUC</dt><dd>${auc.toFixed(3)}</dd>`);
    expect(html).toContain(`model (AUC = ${auc.toFixed(3)})`);
    expect(html).toMatch(/<tr class="hl"><th scope="row" class="num">0\.40<\/th>/);
    expect(html.match(/<tr class="hl">/g)!.length).toBe(1);
    expect(html).toContain('Decision boundary</h2>');
    // Deterministic: the same inputs give the same bytes.
    expect(classifierReportHtml()).toBe(html);
  });

  it('a 30-feature report draws a labelled projection and says what it shows', () => {
    const html = wideClassifierReportHtml();
    expectWellFormed(html, true);
    expect(html).toContain('Decision boundary (a 2-D projection)');
    expect(html).toContain('Projection onto w and the widest direction across it; each point sits at its own P');
    expect(html).toContain('A projection of all 30 features onto one plane through the test-set mean');
  });

  it('weightPlane: each projected sample, lifted back, has exactly its own predicted probability', () => {
    const input = breastCancerReportInput();
    const X = input.XTest as Matrix;
    const model = input.model as LogisticRegression;
    const plane = weightPlane(X, model.coef.row(0))!;
    const direct = model.predictProba(X).column(1);
    const lifted = model.predictProba(plane.lift(plane.points)).column(1);
    expectClose(lifted, direct, 1e-12, 'P(lift(project(x))) vs P(x)');
    // The vertical axis is orthogonal to w: moving along it leaves every probability unchanged.
    const moved = new Matrix(plane.points.rows, 2, plane.points.data.map((v, k) => (k % 2 === 1 ? v + 3 : v)));
    expectClose(model.predictProba(plane.lift(moved)).column(1), direct, 1e-12, 'moving along the vertical axis');
    expect(weightPlane(X, new Float64Array(30))).toBeNull();
  });

  it('uses the model threshold when none is given and rejects a threshold outside (0, 1)', () => {
    const input = breastCancerReportInput();
    const { sections, facts } = classifierReportSections(input);
    expect(facts[1][0]).toBe('accuracy at t = 0.50');
    expect(sections.find((s) => s.id === 'threshold')!.html).toMatch(/<tr class="hl"><th scope="row" class="num">0\.50/);
    expect(() => classifierReportSections({ ...input, threshold: 1 })).toThrow(/threshold must lie strictly between 0 and 1/);
    expect(() => classifierReportSections({ ...input, featureNames: ['a'] })).toThrow(/featureNames has 1 names but XTest has 30 columns/);
    expect(() => classifierReportSections({ ...input, model: {} as never })).toThrow(/model must be a fitted classifier/);
  });

  it('works for a Pipeline: without coefficients at the top, wide data is shown as a labelled slice', () => {
    const data = loadBreastCancer();
    const y = data.y.map((k) => data.targetNames[k]);
    const s = trainTestSplit(data.X, y, { testSize: 0.25, stratify: true, seed: 7 });
    const pipe = new Pipeline([['scale', new StandardScaler()], ['model', new LogisticRegression({ C: 1 })]]).fit(s.XTrain, s.yTrain);
    const html = buildClassifierReport({ model: pipe, XTest: s.XTest, yTest: s.yTest, featureNames: data.featureNames });
    expectWellFormed(html, true);
    expect(sectionIds(html)).toEqual(['data', 'sigmoid', 'boundary', 'roc', 'pr', 'threshold', 'confusion', 'calibration']);
    expect(html).toContain('Decision boundary (a 2-D slice)');
    expect(html).toContain('Slice: the other 28 features held at their test-set means');
    expect(html).toContain('mean radius × mean texture. A slice, not the data&#39;s full picture: the first two features vary');
  });

  it('a multiclass report has the confusion matrix and per-class coefficients, not the binary charts', () => {
    const iris = loadIris();
    const y = iris.y.map((k) => iris.targetNames[k]);
    const s = trainTestSplit(iris.X, y, { testSize: 0.3, stratify: true, seed: 3 });
    const scaler = new StandardScaler().fit(s.XTrain);
    const model = new LogisticRegression({ C: 1 }).fit(scaler.transform(s.XTrain), s.yTrain);
    const html = buildClassifierReport({ model, XTest: scaler.transform(s.XTest), yTest: s.yTest, featureNames: iris.featureNames });
    expectWellFormed(html, true);
    expect(sectionIds(html)).toEqual(['data', 'loss', 'confusion', 'roc', 'coefficients']);
    expect(html.match(/<svg /g)!.length).toBe(1 + 1 + 3 + 3);
    const P = model.predictProba(scaler.transform(s.XTest));
    const aucSetosa = rocAucScore(s.yTest.map((v) => (v === 'setosa' ? 1 : 0)), P.column(0));
    expect(html).toContain(`setosa (AUC = ${aucSetosa.toFixed(3)})`);
    expect(html).toContain('drawn for two-class models only');
  });
});

describe('buildRegressorReport', () => {
  it('holds predicted-vs-actual, residuals and coefficients, self-contained and well formed', () => {
    const html = regressorReportHtml();
    expectWellFormed(html, true);
    expectSelfContained(html);
    expect(sectionIds(html)).toEqual(['data', 'predicted', 'residuals', 'coefficients']);
    expect(html).toMatch(/<dt>R²<\/dt><dd>0\.\d{4}<\/dd>/);
    expect(regressorReportHtml()).toBe(html);
  });
});
