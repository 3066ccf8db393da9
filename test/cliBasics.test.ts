import { execFileSync } from 'node:child_process';
import { readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBreastCancer, loadIris } from '../src/datasets/load.js';
import { makeClassification } from '../src/datasets/generators.js';
import { Ridge } from '../src/models/linearRegression.js';
import { LogisticRegression } from '../src/models/logisticRegression.js';
import { logit, logitInTerminal, tempDir } from './cliHelpers.js';
import { ROOT } from './helpers.js';

// The command line as users run it: the built dist/cli/main.js in a child process, on temp files.
let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  const bc = loadBreastCancer();
  writeFileSync(join(dir, 'bc.json'), JSON.stringify(new LogisticRegression({ maxIter: 1000 }).fit(bc.X, bc.y, { featureNames: [...bc.featureNames] }).toJSON()));
  const iris = loadIris();
  writeFileSync(join(dir, 'iris.json'), JSON.stringify(new LogisticRegression().fit(iris.X, iris.y).toJSON()));
  writeFileSync(join(dir, 'ridge.json'), JSON.stringify(new Ridge({ alpha: 2 }).fit(iris.X, Array.from(iris.X.column(0))).toJSON()));
  writeFileSync(join(dir, 'unfitted.json'), JSON.stringify(new LogisticRegression().toJSON()));
});
afterAll(() => cleanup());

describe('logit --help and usage errors', () => {
  it('--help lists every command and the exit codes', () => {
    const r = logit(['--help'], { cwd: dir });
    expect(r.code).toBe(0);
    for (const c of ['train', 'predict', 'evaluate', 'inspect', 'demo']) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    expect(r.stdout).toMatch(/Exit codes: 0 success, 1 usage error, 2 data or model error/);
  });

  it('every command has --help with examples', () => {
    for (const c of ['train', 'predict', 'evaluate', 'inspect', 'demo']) {
      const r = logit([c, '--help'], { cwd: dir });
      expect(r.code, c).toBe(0);
      expect(r.stdout, c).toMatch(/Examples:\n\s+logit /);
    }
  });

  it('npx logit runs this checkout (prepare links node_modules/.bin/logit to dist/cli/main.js)', () => {
    execFileSync(process.execPath, [join(ROOT, 'dist', 'cli', 'linkBin.js')]);
    const link = join(ROOT, 'node_modules', '.bin', 'logit');
    expect(readlinkSync(link)).toBe(join('..', '..', 'dist', 'cli', 'main.js'));
    expect(statSync(join(ROOT, 'dist', 'cli', 'main.js')).mode & 0o111).toBe(0o111);
    // Executable through its shebang, as npm's bin links run it.
    expect(execFileSync(link, ['--version'], { encoding: 'utf8' }).trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('--version prints the version', () => {
    const r = logit(['--version'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  const usage: [string, string[], RegExp][] = [
    ['an unknown command', ['trian'], /^logit: unknown command 'trian' \(Did you mean train\?\); see 'logit --help'\n$/],
    ['an unknown option', ['inspect', 'm.json', '--colour'], /^logit: unknown option '--colour'; see 'logit inspect --help'\n$/],
    ['a missing argument', ['inspect'], /^logit: missing required argument 'model'; see 'logit inspect --help'\n$/],
    ['a missing required option', ['train', 'd.csv', '--out', 'm.json'], /required option '-t, --target <column>' not specified; see 'logit train --help'/],
    ['a non-number', ['train', 'd.csv', '-t', 'y', '-o', 'm.json', '--C', 'abc'], /option '--C <C>' argument 'abc' is invalid\. expected a number, got "abc"; see/],
    ['a number out of range', ['train', 'd.csv', '-t', 'y', '-o', 'm.json', '--test-size', '1.5'], /--test-size <fraction>' argument '1\.5' is invalid\. must be strictly between 0 and 1/],
    ['a bad threshold', ['train', 'd.csv', '-t', 'y', '-o', 'm.json', '--threshold', 'best'], /expected f1, youden or a probability in \[0, 1\], got "best"/],
    ['a bad choice', ['train', 'd.csv', '-t', 'y', '-o', 'm.json', '--penalty', 'l3'], /argument 'l3' is invalid\. Allowed choices are none, l2, l1, elasticnet/],
    ['a bad thread count', ['train', 'd.csv', '-t', 'y', '-o', 'm.json', '--threads', '0'], /--threads <n\|auto>' argument '0' is invalid\. must be "auto" or an integer from 1 to 256, got 0/],
  ];
  for (const [what, args, message] of usage) {
    it(`${what} exits 1 with one line`, () => {
      const r = logit(args, { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
    });
  }
});

describe('logit inspect', () => {
  it('shows hyper-parameters, classes, named coefficients with odds ratios, fit and training metadata', () => {
    const r = logit(['inspect', 'bc.json', '--top', '3'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^bc\.json: LogisticRegression$/m);
    expect(r.stdout).toMatch(/^ {2}C: 1$/m);
    expect(r.stdout).toMatch(/^Classes: 0, 1 \(positive: 1\)$/m);
    expect(r.stdout).toMatch(/feature\s+log-odds\s+odds ratio/);
    expect(r.stdout).toMatch(/^ {2}worst concavity\s+−1\.\d{3}\s+0\.\d+$/m);
    expect(r.stdout).toMatch(/\(intercept\)/);
    expect(r.stdout).toMatch(/Fit: solver newton, converged in \d+ iterations/);
    expect(r.stdout).toMatch(/Training: 569 rows, 30 features, fitted \d{4}-\d\d-\d\dT.* by logit \d/);
    // --top 3: three features and the intercept.
    expect(r.stdout.split('\n').filter((l) => /^ {2}\S.*[+−]\d+\.\d{3}\s+\S+$/.test(l))).toHaveLength(4);
  });

  it('--json has the same facts as data, coefficients sorted by |β| with e^β', () => {
    const r = logit(['inspect', 'bc.json', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const model = LogisticRegression.fromJSON(JSON.parse(readFileSync(join(dir, 'bc.json'), 'utf8')));
    expect(doc.estimator).toBe('LogisticRegression');
    expect(doc.classes).toEqual([0, 1]);
    expect(doc.features).toEqual(model.featureNames);
    const coefs = doc.coefficients[0].coefficients as { feature: string; coef: number; oddsRatio: number }[];
    expect(coefs).toHaveLength(30);
    for (let k = 1; k < coefs.length; k++) expect(Math.abs(coefs[k].coef)).toBeLessThanOrEqual(Math.abs(coefs[k - 1].coef));
    const names = model.featureNames as string[];
    for (const c of coefs) {
      expect(c.coef).toBe(model.coef.get(0, names.indexOf(c.feature)));
      expect(c.oddsRatio).toBe(Math.exp(c.coef));
    }
    expect(doc.coefficients[0].intercept).toBe(model.intercept[0]);
    expect(doc.training.nSamples).toBe(569);
  });

  it('multinomial: one block per class, softmax scores without odds ratios; regression: plain coefficients', () => {
    const m = logit(['inspect', 'iris.json'], { cwd: dir });
    expect(m.code).toBe(0);
    expect(m.stdout.match(/^Coefficients for class \d \(softmax scores per unit of each model input\):$/gm)).toHaveLength(3);
    expect(m.stdout).not.toMatch(/odds ratio/);
    const r = logit(['inspect', 'ridge.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ridge\.json: Ridge$/m);
    expect(r.stdout).toMatch(/feature\s+coefficient/);
    expect(r.stdout).not.toMatch(/Classes/);
  });

  const bad: [string, string, RegExp][] = [
    ['missing.json', '', /^logit: cannot read missing\.json: no such file; check the path$/],
    ['broken.json', '{\n  "format": "logit",\n  "version": 1,\n  oops\n}', /^logit: broken\.json:4:3: not valid JSON \(.*\); expected a logit model document written by logit train$/],
    ['empty.json', '', /^logit: empty\.json is empty; expected a logit model document/],
    ['foreign.json', '{"hello": "world"}', /^logit: foreign\.json: not a logit model document \(no "format": "logit"\)/],
    ['newer.json', '{"format":"logit","version":99,"class":"LogisticRegression","params":{},"state":null}', /newer logit \(document version 99\).*upgrade logit/],
    ['tampered.json', '', /^logit: tampered\.json: not a valid model file: doc\.state\.coef\[0\] must have 30 values; found 29$/],
    ['unfitted.json', '', /^logit: unfitted\.json: holds an unfitted model \(state is null\); train it first with logit train$/],
  ];
  for (const [file, content, message] of bad) {
    it(`${file}: exits 2 with one line naming the file`, () => {
      if (file === 'tampered.json') {
        const doc = JSON.parse(readFileSync(join(dir, 'bc.json'), 'utf8'));
        doc.state.coef[0].pop();
        writeFileSync(join(dir, file), JSON.stringify(doc));
      } else if (file !== 'missing.json' && file !== 'unfitted.json') {
        writeFileSync(join(dir, file), content);
      }
      const r = logit(['inspect', file], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd()).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });
  }

  it('--debug adds the stack trace', () => {
    const r = logit(['inspect', 'tampered.json', '--debug'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').length).toBeGreaterThan(3);
    expect(r.stderr).toMatch(/\n\s+at /);
  });
});

describe('logit demo', () => {
  it('prints the demo; progress goes to standard error as plain lines when it is a pipe', () => {
    const r = logit(['demo', '--no-report'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/breast cancer/);
    expect(r.stdout).toMatch(/Threshold table/);
    expect(r.stderr).toMatch(/^demo: iteration 0\/100, loss 0\.693147, \d+\.\d+ s$/m);
    expect(r.stderr).toMatch(/^demo: converged after \d+ iterations, loss \d\.\d+, \d+\.\d+ s$/m);
    // No terminal control sequences in a pipe.
    expect(r.stderr).not.toMatch(/\u001b\[/);
  });

  it('--quiet prints no progress; --json prints one parseable document and no progress', () => {
    const q = logit(['demo', '--no-report', '--quiet'], { cwd: dir });
    expect(q.code).toBe(0);
    expect(q.stderr).toBe('');
    const j = logit(['demo', '--no-report', '--json'], { cwd: dir });
    expect(j.code).toBe(0);
    expect(j.stderr).toBe('');
    const doc = JSON.parse(j.stdout);
    expect(doc.command).toBe('demo');
    expect(doc.converged).toBe(true);
    expect(doc.testAccuracy).toBeGreaterThan(0.94);
  });

  it('in a terminal: a live bar with iteration, loss and elapsed time', () => {
    const r = logitInTerminal(['demo', '--no-report'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/demo \[[█░]+\] iteration \d+\/\d+ \| loss \d\.\d+ \| \d+s/);
    // Redrawn in place (carriage return / cursor control), not as plain lines.
    expect(r.stdout).toMatch(/\u001b\[/);
    expect(r.stdout).not.toMatch(/demo: iteration 0\/100/);
  });
});

describe('logit train --threads', () => {
  it('a fit large enough to be split gives the same model file on 1 and 2 threads', () => {
    // 3,000 × 100 after encoding (≥ 2¹⁸ entries): the training split is sliced and, with two
    // threads, split across a worker.
    const data = makeClassification({ nSamples: 3750, nFeatures: 100, nInformative: 8, seed: 12 });
    const header = [...Array.from({ length: 100 }, (_, j) => `x${j}`), 'y'].join(',');
    const rows = Array.from({ length: data.X.rows }, (_, i) => [...data.X.row(i), data.y[i]].join(','));
    writeFileSync(join(dir, 'wide.csv'), `${header}\n${rows.join('\n')}\n`);
    const models: string[] = [];
    for (const t of ['1', '2']) {
      const r = logit(['train', 'wide.csv', '-t', 'y', '-o', `wide-${t}.json`, '--threads', t, '--seed', '3', '-q'], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      // Everything but the training timestamps must agree.
      models.push(JSON.stringify(JSON.parse(readFileSync(join(dir, `wide-${t}.json`), 'utf8')), (k, v) => (k === 'fittedAt' ? undefined : v)));
    }
    expect(models[1]).toBe(models[0]);
  });
});
