import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDemo } from '../src/cli/demo.js';
import { ROOT } from './helpers.js';

// These run the built package (npm test builds first), the way users get it.
describe('the built package', () => {
  it("import { LogisticRegression } from 'logit' works through package.json exports", () => {
    const script = `
      import { LogisticRegression, Matrix, loadIris } from 'logit';
      const { X, y } = loadIris();
      const m = new LogisticRegression().fit(X, y);
      console.log(JSON.stringify({ acc: m.score(X, y), isMatrix: m.coef instanceof Matrix }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    const res = JSON.parse(out);
    expect(res.isMatrix).toBe(true);
    expect(res.acc).toBeGreaterThan(0.95);
  });

  it("the root entry 'logit' loads no package and no node: module (the core has no dependencies)", () => {
    // Walk the static import graph of dist/index.js: every specifier must be relative.
    const seen = new Set<string>();
    const bare = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const spec = m[1] ?? m[2] ?? m[3];
        if (spec.startsWith('.')) visit(join(dirname(file), spec));
        else bare.add(spec);
      }
    };
    visit(join(ROOT, 'dist', 'index.js'));
    expect(seen.size).toBeGreaterThan(50);
    expect([...bare]).toEqual([]);
  });

  it("charts and reports come from 'logit/plot'", () => {
    const script = `
      import { plotRocCurve, renderReport } from 'logit/plot';
      import { rocCurve } from 'logit';
      const svg = plotRocCurve(rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]));
      console.log(JSON.stringify({ svg: svg.startsWith('<svg'), report: typeof renderReport }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ svg: true, report: 'function' });
  });

  it('npm start (node dist/cli/start.js) prints the report and exits 0', () => {
    const out = execFileSync(process.execPath, ['dist/cli/start.js'], { cwd: ROOT, encoding: 'utf8' });
    expect(out).toMatch(/breast cancer/);
    expect(out).toMatch(/converged in \d+ iterations/);
    expect(out).toMatch(/Accuracy: train \d+\.\d %, test \d+\.\d %/);
    expect(out).toMatch(/Threshold table/);
    expect(out).toMatch(/Largest coefficients/);
  });
});

describe('runDemo', () => {
  it('converges, generalises, and its threshold table trades FN for FP', () => {
    const r = runDemo();
    expect(r.converged).toBe(true);
    expect(r.testAccuracy).toBeGreaterThan(0.94);
    expect(r.trainAccuracy).toBeGreaterThan(0.97);
    const table = r.lines.filter((l) => /^\s+0\.\d\s/.test(l));
    expect(table).toHaveLength(5);
    const fp = table.map((l) => Number(l.trim().split(/\s+/)[5]));
    const fn = table.map((l) => Number(l.trim().split(/\s+/)[6]));
    for (let k = 1; k < 5; k++) {
      expect(fp[k]).toBeLessThanOrEqual(fp[k - 1]);
      expect(fn[k]).toBeGreaterThanOrEqual(fn[k - 1]);
    }
  });
});
