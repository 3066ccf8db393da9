import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../src/core/rng.js';
import { loadIris } from '../src/datasets/load.js';
import { load, readCsv } from '../src/io/index.js';
import { LogisticRegression } from '../src/models/logisticRegression.js';
import { TableModel } from '../src/pipeline/tableModel.js';
import { killWhen, logit, logitInTerminal, tempDir } from './cliHelpers.js';

// End to end: the built dist/cli/main.js in a child process, on temporary files.

let dir: string;
let cleanup: () => void;

/** A students table: hours studied, city, membership, a prior score with gaps; passed depends on them. */
function studentsCsv(n: number, seed: number): string {
  const rng = new Random(seed);
  const cities = ['Oslo', 'Lima', 'Cairo'];
  const lines = ['hours,city,member,prior,passed'];
  for (let i = 0; i < n; i++) {
    const h = rng.uniform(0, 10);
    const c = cities[rng.int(3)];
    const m = rng.uniform() < 0.5;
    const prior = rng.uniform() < 0.1 ? '' : rng.uniform(0, 100).toFixed(1);
    const z = -3 + 0.7 * h + (c === 'Oslo' ? 0.8 : 0) + (m ? 0.5 : 0) + 0.01 * (prior === '' ? 50 : Number(prior));
    lines.push(`${h.toFixed(2)},${c},${m},${prior},${rng.uniform() < 1 / (1 + Math.exp(-z)) ? 'yes' : 'no'}`);
  }
  return lines.join('\n') + '\n';
}

/** Two interleaved half-moons (seed 002's exercise): x1, x2, label. */
function moonsCsv(n: number, seed: number): string {
  const rng = new Random(seed);
  const lines = ['x1,x2,label'];
  for (let i = 0; i < n; i++) {
    const upper = i % 2 === 0;
    const t = rng.uniform(0, Math.PI);
    const x = upper ? Math.cos(t) : 1 - Math.cos(t);
    const y = upper ? Math.sin(t) : 0.5 - Math.sin(t);
    lines.push(`${(x + rng.normal(0, 0.1)).toFixed(4)},${(y + rng.normal(0, 0.1)).toFixed(4)},${upper ? 'a' : 'b'}`);
  }
  return lines.join('\n') + '\n';
}

/** y = 4 + 3·x1 − 2·x2 + noise (seed 001). */
function linearCsv(n: number, seed: number): string {
  const rng = new Random(seed);
  const lines = ['x1,x2,y'];
  for (let i = 0; i < n; i++) {
    const a = rng.uniform(0, 2);
    const b = rng.uniform(0, 2);
    lines.push(`${a},${b},${4 + 3 * a - 2 * b + rng.normal(0, 0.1)}`);
  }
  return lines.join('\n') + '\n';
}

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  writeFileSync(join(dir, 'students.csv'), studentsCsv(300, 3));
  writeFileSync(join(dir, 'moons.csv'), moonsCsv(300, 5));
  writeFileSync(join(dir, 'line.csv'), linearCsv(200, 7));
  const iris = loadIris();
  writeFileSync(join(dir, 'iris.csv'), ['sepal_length,sepal_width,petal_length,petal_width,species', ...iris.X.toArray().map((r, i) => `${r.join(',')},${iris.targetNames[iris.y[i]]}`)].join('\n') + '\n');
  // The model every later test reads.
  const r = logit(['train', 'students.csv', '--target', 'passed', '--out', 'model.json', '--report', 'train.html', '--threshold', 'f1', '--quiet'], { cwd: dir });
  if (r.code !== 0) throw new Error(`training the shared model failed: ${r.stderr}`);
});
afterAll(() => cleanup());

const read = (f: string): string => readFileSync(join(dir, f), 'utf8');

describe('logit train', () => {
  it('prints the data, pipeline, split, held-out metrics, confusion matrix and named coefficients with odds ratios', () => {
    const r = logit(['train', 'students.csv', '-t', 'passed', '-o', 'm1.json', '--seed', '4'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^logit train: students\.csv → m1\.json$/m);
    expect(r.stdout).toMatch(/data: 300 rows × 5 columns; target "passed" \(2 classes: no, yes\)/);
    expect(r.stdout).toMatch(/pipeline: TableEncoder → StandardScaler → LogisticRegression\(penalty l2, C 1\); 6 model inputs/);
    expect(r.stdout).toMatch(/split: 240 training rows, 60 held out \(stratified\), seed 4/);
    expect(r.stdout).toMatch(/Held-out metrics on 60 rows \(predicting yes when P\(yes\) ≥ 0\.5\)/);
    for (const m of ['accuracy', 'precision', 'recall', 'F1', 'ROC AUC', 'average precision', 'log loss']) expect(r.stdout).toMatch(new RegExp(`^  ${m}\\s+\\d`, 'm'));
    expect(r.stdout).toMatch(/true \\ predicted\s+no\s+yes/);
    expect(r.stdout).toMatch(/feature\s+log-odds\s+odds ratio/);
    expect(r.stdout).toMatch(/^ {2}hours\s+\+\d\.\d{3}\s+\d/m);
    expect(r.stdout).toMatch(/^ {2}city_Oslo\s/m);
    // Progress went to stderr as plain lines (a pipe), the summary to stdout.
    expect(r.stderr).toMatch(/^train: iteration 0\/100, loss 0\.693147/m);
    expect(r.stderr).toMatch(/^train: converged after \d+ iterations/m);
    expect(r.stderr).not.toMatch(/\u001b\[|█/);
    const doc = JSON.parse(read('m1.json'));
    expect(doc).toMatchObject({ format: 'logit', class: 'TableModel' });
  });

  it('--json: one document with the split, metrics, confusion matrix and coefficients; no progress', () => {
    const r = logit(['train', 'students.csv', '-t', 'passed', '-o', 'm2.json', '--json', '--penalty', 'l1', '--C', '0.5'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    expect(j.command).toBe('train');
    expect(j.split).toEqual({ train: 240, test: 60, seed: 1, stratified: true });
    expect(j.evaluation.kind).toBe('classifier');
    const cm = j.evaluation.confusion as number[][];
    expect(cm.flat().reduce((a: number, b: number) => a + b, 0)).toBe(60);
    expect(j.evaluation.metrics.accuracy).toBeCloseTo((cm[0][0] + cm[1][1]) / 60, 12);
    expect(j.model.params.penalty).toBe('l1');
    expect(j.model.params.C).toBe(0.5);
    const coefs = j.model.coefficients[0].coefficients as { feature: string; coef: number; oddsRatio: number }[];
    for (const c of coefs) expect(c.oddsRatio).toBeCloseTo(Math.exp(c.coef), 12);
    expect(j.out).toBe('m2.json');
  });

  it('--threshold f1 tunes on the training rows, saves the threshold, and predict uses it', () => {
    const doc = JSON.parse(read('model.json'));
    const t = doc.params.pipeline.params.steps.at(-1)[1].params.threshold;
    expect(typeof t).toBe('number');
    expect(t).toBeGreaterThan(0);
    expect(t).toBeLessThan(1);
    const p = logit(['predict', 'model.json', 'students.csv', '--proba'], { cwd: dir });
    expect(p.code).toBe(0);
    const rows = p.stdout.trim().split('\n').slice(1).map((l) => l.split(','));
    for (const [label, , p1] of rows) expect(label).toBe(Number(p1) >= t ? 'yes' : 'no');
  });

  it('the library reads what logit train wrote: load() gives a TableModel predicting as logit predict does', async () => {
    const model = await load(join(dir, 'model.json'));
    expect(model).toBeInstanceOf(TableModel);
    const ours = (model as TableModel).predict(await readCsv(join(dir, 'students.csv')));
    const p = logit(['predict', 'model.json', 'students.csv'], { cwd: dir });
    const theirs = p.stdout.trim().split('\n').slice(1).map((l) => l.split(',')[0]);
    expect(Array.from(ours as ArrayLike<unknown>, String)).toEqual(theirs);
  });

  it('--poly 3 bends the boundary: the moons a plain model misclassifies are separated (seed 002)', () => {
    const plain = JSON.parse(logit(['train', 'moons.csv', '-t', 'label', '-o', 'plain.json', '--json'], { cwd: dir }).stdout);
    const poly = JSON.parse(logit(['train', 'moons.csv', '-t', 'label', '-o', 'poly.json', '--poly', '3', '--C', '100', '--json', '--report', 'moons.html'], { cwd: dir }).stdout);
    expect(plain.evaluation.metrics.accuracy).toBeLessThan(0.92);
    expect(poly.evaluation.metrics.accuracy).toBeGreaterThan(0.95);
    expect(poly.model.features).toContain('x1^2 x2');
    // Two features: the report draws the data itself with the boundary.
    const moons = read('moons.html');
    expect(moons).toMatch(/<h2[^>]*>Decision boundary<\/h2>/);
    expect(moons).toMatch(/over the table.{1,6}s two features/);
  });

  it('--model linear: R², RMSE and coefficients near the truth (y = 4 + 3·x1 − 2·x2)', () => {
    const r = logit(['train', 'line.csv', '-t', 'y', '-o', 'line.json', '--model', 'linear', '--no-scale', '--json', '--report', 'line.html'], { cwd: dir });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.evaluation.kind).toBe('regressor');
    expect(j.evaluation.metrics.r2).toBeGreaterThan(0.99);
    const c = Object.fromEntries((j.model.coefficients[0].coefficients as { feature: string; coef: number }[]).map((x) => [x.feature, x.coef]));
    expect(c.x1).toBeCloseTo(3, 1);
    expect(c.x2).toBeCloseTo(-2, 1);
    expect(j.model.coefficients[0].intercept).toBeCloseTo(4, 1);
    expect(read('line.html')).toMatch(/>Predicted vs actual<\/h2>/);
    expect(read('line.html')).toMatch(/>Residuals<\/h2>/);
  });

  it('three classes: softmax, a 3 × 3 confusion matrix, coefficients per class; the report leaves out the binary-only charts', () => {
    const r = logit(['train', 'iris.csv', '-t', 'species', '-o', 'iris.json', '--report', 'iris.html'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/3 classes: setosa, versicolor, virginica/);
    expect(r.stdout).toMatch(/predicting the most probable class; precision, recall, F1 macro-averaged/);
    expect(r.stdout).toMatch(/true \\ predicted\s+setosa\s+versicolor\s+virginica/);
    expect(r.stdout.match(/^Largest coefficients for class \w+ \(softmax scores/gm)).toHaveLength(3);
    const html = read('iris.html');
    expect(html).toContain('>Confusion matrix</h2>');
    expect(html).not.toContain('>ROC curve</h2>');
    const t = logit(['train', 'iris.csv', '-t', 'species', '-o', 'iris2.json', '--threshold', 'f1'], { cwd: dir });
    expect(t.code).toBe(1);
    expect(t.stderr).toMatch(/^logit: --threshold applies to two classes; species has 3\n$/);
  });

  it('the report is one self-contained HTML file with every chart', () => {
    const html = read('train.html');
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    for (const title of ['Data', 'Training loss', 'Sigmoid of the linear score', 'Decision boundary (a 2-D projection)', 'ROC curve', 'Precision–recall curve', 'Threshold trade-off', 'Calibration', 'Confusion matrix', 'Coefficients']) {
      expect(html).toContain(`>${title}</h2>`);
    }
    // The tuned threshold is the one the report marks and explains.
    expect(html).toMatch(/maximises F1 on the training rows/);
    // Coefficients by their encoded names.
    expect(html).toMatch(/city_Oslo/);
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(9);
  });
});

describe('logit predict', () => {
  it('writes one row per input row to a file, and refuses to overwrite it without --force', () => {
    const r = logit(['predict', 'model.json', 'students.csv', '--out', 'preds.csv'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const lines = read('preds.csv').trim().split('\n');
    expect(lines[0]).toBe('prediction');
    expect(lines).toHaveLength(301);
    expect(new Set(lines.slice(1))).toEqual(new Set(['yes', 'no']));
    const again = logit(['predict', 'model.json', 'students.csv', '--out', 'preds.csv'], { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toBe("logit: preds.csv already exists; pass --force to overwrite it, or choose another --out\n");
    const forced = logit(['predict', 'model.json', 'students.csv', '--out', 'preds.csv', '--force', '--proba'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(read('preds.csv').split('\n')[0]).toBe('prediction,proba_no,proba_yes');
  });

  it('composes in a pipe: data from stdin, CSV to stdout; probabilities sum to 1', () => {
    const input = read('students.csv').split('\n').slice(0, 11).join('\n') + '\n';
    const r = logit(['predict', 'model.json', '-', '--proba'], { cwd: dir, input });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const rows = r.stdout.trim().split('\n');
    expect(rows[0]).toBe('prediction,proba_no,proba_yes');
    expect(rows).toHaveLength(11);
    for (const row of rows.slice(1)) {
      const [, a, b] = row.split(',').map(Number);
      expect(a + b).toBeCloseTo(1, 12);
    }
    // The same rows from the file give the same predictions.
    const fromFile = logit(['predict', 'model.json', 'students.csv', '--proba'], { cwd: dir }).stdout.trim().split('\n').slice(0, 11);
    expect(rows).toEqual(fromFile);
  });

  it('--json writes an array of row objects; --threshold overrides the model’s', () => {
    const lo = JSON.parse(logit(['predict', 'model.json', 'students.csv', '--json', '--threshold', '0.01'], { cwd: dir }).stdout) as { prediction: string }[];
    const hi = JSON.parse(logit(['predict', 'model.json', 'students.csv', '--json', '--threshold', '0.99'], { cwd: dir }).stdout) as { prediction: string }[];
    expect(lo).toHaveLength(300);
    const count = (a: { prediction: string }[]): number => a.filter((r) => r.prediction === 'yes').length;
    expect(count(lo)).toBeGreaterThan(count(hi));
  });
});

describe('logit predict: other formats and bare model documents', () => {
  it('reads JSON arrays and NDJSON by extension, with the same predictions as the CSV', () => {
    const rows = read('students.csv').trim().split('\n').slice(1, 21).map((l) => {
      const [hours, city, member, prior] = l.split(',');
      return { hours: Number(hours), city, member: member === 'true', prior: prior === '' ? null : Number(prior) };
    });
    writeFileSync(join(dir, 'some.json'), JSON.stringify(rows));
    writeFileSync(join(dir, 'some.ndjson'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const csv = logit(['predict', 'model.json', 'students.csv', '--proba'], { cwd: dir }).stdout.trim().split('\n').slice(0, 21);
    const json = logit(['predict', 'model.json', 'some.json', '--proba'], { cwd: dir });
    const ndjson = logit(['predict', 'model.json', 'some.ndjson', '--proba'], { cwd: dir });
    expect(json.code).toBe(0);
    expect(json.stdout.trim().split('\n')).toEqual(csv);
    expect(ndjson.stdout.trim().split('\n')).toEqual(csv);
  });

  it('a bare LogisticRegression document reads the numeric columns in order', () => {
    const iris = loadIris();
    writeFileSync(join(dir, 'bare.json'), JSON.stringify(new LogisticRegression().fit(iris.X, iris.y).toJSON()));
    writeFileSync(join(dir, 'irisx.csv'), ['a,b,c,d', ...iris.X.toArray().map((r) => r.join(','))].join('\n') + '\n');
    const r = logit(['predict', 'bare.json', 'irisx.csv'], { cwd: dir });
    expect(r.code).toBe(0);
    const pred = r.stdout.trim().split('\n').slice(1).map(Number);
    expect(pred).toEqual(new LogisticRegression().fit(iris.X, iris.y).predict(iris.X));
  });
});

describe('logit evaluate and inspect', () => {
  it('evaluate prints metrics and the confusion matrix; --json parses; --report writes HTML', () => {
    const r = logit(['evaluate', 'model.json', 'students.csv', '--target', 'passed'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^logit evaluate: model\.json on students\.csv \(300 rows\)/);
    expect(r.stdout).toMatch(/Evaluation metrics on 300 rows/);
    expect(r.stdout).toMatch(/true \\ predicted/);
    const j = JSON.parse(logit(['evaluate', 'model.json', 'students.csv', '-t', 'passed', '--json', '--report', 'eval.html'], { cwd: dir }).stdout);
    expect(j.evaluation.n).toBe(300);
    expect(j.evaluation.metrics.rocAuc).toBeGreaterThan(0.8);
    expect(read('eval.html')).toMatch(/>ROC curve<\/h2>/);
  });

  it('predict ignores the target column (gaps and all); evaluate reads a renamed label column as it is', () => {
    const lines = read('students.csv').trim().split('\n');
    const gappy = [lines[0], ...lines.slice(1, 6).map((l, i) => (i === 2 ? l.replace(/,(yes|no)$/, ',') : l))].join('\n') + '\n';
    writeFileSync(join(dir, 'gappy.csv'), gappy);
    const p = logit(['predict', 'model.json', 'gappy.csv'], { cwd: dir });
    expect(p.code).toBe(0);
    expect(p.stdout.trim().split('\n')).toHaveLength(6);
    writeFileSync(join(dir, 'renamed.csv'), read('students.csv').replace('passed', 'outcome'));
    const e = JSON.parse(logit(['evaluate', 'model.json', 'renamed.csv', '-t', 'outcome', '--json'], { cwd: dir }).stdout);
    const same = JSON.parse(logit(['evaluate', 'model.json', 'students.csv', '-t', 'passed', '--json'], { cwd: dir }).stdout);
    expect(e.evaluation).toEqual(same.evaluation);
  });

  it('inspect shows the pipeline, the columns it reads, classes, threshold and coefficients by name', () => {
    const r = logit(['inspect', 'model.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^model\.json: LogisticRegression \(pipeline: TableEncoder → StandardScaler → LogisticRegression/);
    expect(r.stdout).toMatch(/Reads the columns: "hours", "city", "member", "prior"; target "passed"/);
    expect(r.stdout).toMatch(/Classes: "no", "yes" \(positive: "yes"\)/);
    expect(r.stdout).toMatch(/Decision threshold: P\(yes\) ≥ 0\.\d+/);
    expect(r.stdout).toMatch(/^ {2}city_Lima\s/m);
  });
});

describe('errors: exit codes and one-line messages', () => {
  const cases: [string, string[], number, RegExp, Record<string, string>?][] = [
    ['a missing data file', ['train', 'nope.csv', '-t', 'y', '-o', 'x.json'], 2, /^logit: cannot read nope\.csv: no such file; check the path$/],
    ['a missing target column', ['train', 'students.csv', '-t', 'grade', '-o', 'x.json'], 2, /^logit: students\.csv: has no column "grade" for --target; its columns are "hours", "city", "member", "prior", "passed"$/],
    ['an unknown extension', ['train', 'data.xlsx', '-t', 'y', '-o', 'x.json'], 1, /cannot tell the format of data\.xlsx from its extension; .* or pass --format$/],
    ['a bad cell in a numeric column', ['predict', 'model.json', 'bad.csv'], 2, /^logit: .*bad\.csv:3.*"hours"/, { 'bad.csv': 'hours,city,member,prior\n1,Oslo,true,3\nabc,Lima,false,4\n' }],
    ['an unseen category', ['predict', 'model.json', 'paris.csv'], 2, /^logit: .*paris\.csv:2: column "city" has "Paris", a category not seen in fit/, { 'paris.csv': 'hours,city,member,prior\n1,Paris,true,3\n' }],
    ['a model file that is not JSON', ['predict', 'broken.json', 'students.csv'], 2, /^logit: broken\.json:1:2: not valid JSON/, { 'broken.json': '{oops' }],
    ['a solver that cannot do the penalty', ['train', 'students.csv', '-t', 'passed', '-o', 'x.json', '--penalty', 'l1', '--solver', 'lbfgs'], 1, /^logit: --solver 'lbfgs' does not support --penalty 'l1'/],
    ['--C with a linear model', ['train', 'line.csv', '-t', 'y', '-o', 'x.json', '--model', 'linear', '--C', '2'], 1, /^logit: --C is the inverse penalty strength of --model logistic; linear regression takes --alpha$/],
    ['a text target for regression', ['train', 'students.csv', '-t', 'passed', '-o', 'x.json', '--model', 'linear'], 2, /linear regression needs a numeric target/],
    ['an existing output without --force', ['train', 'students.csv', '-t', 'passed', '-o', 'model.json'], 1, /^logit: model\.json already exists; pass --force to overwrite it, or choose another --out$/],
    ['an output directory that does not exist', ['train', 'students.csv', '-t', 'passed', '-o', 'no/such/dir/m.json'], 1, /^logit: --out no\/such\/dir\/m\.json: the directory .* does not exist; create it first$/],
    ['--proba with a regression model', ['predict', 'line.json', 'line.csv', '--proba'], 1, /^logit: --proba needs a classifier; this model is a regression$/],
  ];
  for (const [what, args, code, message, files] of cases) {
    it(`${what}: exit ${code}`, () => {
      for (const [name, content] of Object.entries(files ?? {})) writeFileSync(join(dir, name), content);
      const r = logit(args, { cwd: dir });
      expect(r.stderr.trimEnd()).toMatch(message);
      expect(r.code).toBe(code);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });
  }

  it('--debug adds the stack trace to a data error', () => {
    const r = logit(['predict', 'model.json', 'paris.csv', '--debug'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\n\s+at /);
  });
});

describe('files are never clobbered', () => {
  it('--force overwrites; without it the old file stays byte for byte', () => {
    const before = read('model.json');
    expect(logit(['train', 'students.csv', '-t', 'passed', '-o', 'model.json', '--seed', '9', '-q'], { cwd: dir }).code).toBe(1);
    expect(read('model.json')).toBe(before);
    writeFileSync(join(dir, 'old.json'), before);
    expect(logit(['train', 'students.csv', '-t', 'passed', '-o', 'old.json', '--seed', '9', '-q', '--force'], { cwd: dir }).code).toBe(0);
    expect(read('old.json')).not.toBe(before);
    expect(JSON.parse(read('old.json')).class).toBe('TableModel');
  });

  it('a run killed mid-write leaves the old file intact (and no partial file in its place)', async () => {
    writeFileSync(join(dir, 'keep.json'), '{"old": true}\n');
    const { stderr, signal } = await killWhen(['train', 'students.csv', '-t', 'passed', '-o', 'keep.json', '--force', '-q'], 'holding mid-write', {
      cwd: dir,
      env: { LOGIT_TEST_HOLD_MIDWRITE: '1' },
    });
    expect(signal).toBe('SIGKILL');
    const tmp = /holding mid-write of (.*)\n/.exec(stderr)?.[1] as string;
    // The half-written bytes went to a temporary file beside the target, never into it.
    expect(tmp).toMatch(/\.keep\.json\.[0-9a-f]{12}\.tmp$/);
    expect(readFileSync(tmp, 'utf8').length).toBeGreaterThan(0);
    expect(read('keep.json')).toBe('{"old": true}\n');
    expect(readdirSync(dir).filter((f) => f.startsWith('.keep.json.'))).toHaveLength(1);
  });
});

describe('progress', () => {
  it('in a terminal: a live bar with iteration, loss and elapsed time (a pipe gets plain lines: see train above)', () => {
    const tty = logitInTerminal(['train', 'students.csv', '-t', 'passed', '-o', 'tty.json', '--solver', 'lbfgs'], dir);
    expect(tty.code).toBe(0);
    expect(tty.stdout).toMatch(/train \[[█░]+\] iteration \d+\/\d+ \| loss \d\.\d+ \| \d+s/);
    expect(tty.stdout).toMatch(/\u001b\[/);
    expect(tty.stdout).not.toMatch(/train: iteration 0\/100/);
  });
});

describe('logit demo', () => {
  it('writes report.html (respecting --out and --force) and prints the demo', () => {
    const r = logit(['demo', '--quiet'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/breast cancer/);
    const html = read('report.html');
    expect(html).toMatch(/logit demo: breast cancer/);
    expect(html).toMatch(/Decision boundary \(a 2-D projection\)/);
    const again = logit(['demo', '--quiet'], { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/report\.html already exists; pass --force/);
    writeFileSync(join(dir, 'report.html'), 'old');
    expect(logit(['demo', '--quiet', '--force', '--seed', '1'], { cwd: dir }).code).toBe(0);
    expect(read('report.html')).toMatch(/logit demo: breast cancer/);
  });
});
