import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError, EXIT_DATA, EXIT_USAGE, formatError } from './errors.js';
import { num, table } from './format.js';
import { checkWritable, writeAtomic } from './output.js';
import { createProgress } from './progress.js';
import { topCoefficients } from './summary.js';

const dir = mkdtempSync(join(tmpdir(), 'logit-cli-units-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeAtomic', () => {
  it('writes, refuses to replace without force, replaces with force, and leaves no temporary file', () => {
    const f = join(dir, 'a.txt');
    writeAtomic(f, 'one', { force: false, flag: '--out' });
    expect(readFileSync(f, 'utf8')).toBe('one');
    expect(() => writeAtomic(f, 'two', { force: false, flag: '--out' })).toThrow(/a\.txt already exists; pass --force/);
    expect(readFileSync(f, 'utf8')).toBe('one');
    writeAtomic(f, 'two', { force: true, flag: '--out' });
    expect(readFileSync(f, 'utf8')).toBe('two');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a directory as the target, or a directory that does not exist, is a usage error; no temporary file is left', () => {
    const sub = join(dir, 'sub');
    expect(() => checkWritable(dir, true, '--out')).toThrow(/is a directory/);
    expect(() => writeAtomic(join(sub, 'f.txt'), 'x', { force: false, flag: '--report' })).toThrow(/--report .*sub.*does not exist; create it first/);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('formatError', () => {
  it('one line; exit codes from the error; the stack only with debug', () => {
    expect(formatError(new CliError('bad\nthing', EXIT_USAGE), false)).toEqual({ line: 'logit: bad | thing', exitCode: EXIT_USAGE });
    expect(formatError(new CliError('no column', EXIT_DATA, 'd.csv'), false).line).toBe('logit: d.csv: no column');
    const e = new Error('boom');
    expect(formatError(e, false).line).toMatch(/^logit: internal error: boom \(please report this/);
    expect(formatError(e, true).line.split('\n').length).toBeGreaterThan(1);
  });
});

describe('text layout', () => {
  it('num keeps 4 significant digits and spells the non-finite', () => {
    expect([num(0.123456), num(1234567), num(1e-7), num(NaN), num(-Infinity), num(0)]).toEqual(['0.1235', '1.235e+6', '1e-7', 'NaN', '−∞', '0']);
  });

  it('table aligns numeric columns right and text left', () => {
    expect(table([['name', 'v'], ['a', '1.5'], ['bbb', '−10']], 0)).toEqual(['name    v', 'a     1.5', 'bbb   −10']);
  });

  it('topCoefficients sorts by |β| and gives e^β for classifiers', () => {
    const c = topCoefficients([0.5, -2, 1], ['a', 'b', 'c'], 2, true);
    expect(c.map((x) => x.feature)).toEqual(['b', 'c']);
    expect(c[0].oddsRatio).toBe(Math.exp(-2));
    expect(topCoefficients([1], ['a'], 5, false)[0]).toEqual({ feature: 'a', coef: 1 });
  });
});

describe('progress', () => {
  function sink(): { stream: NodeJS.WriteStream; text: () => string } {
    const parts: string[] = [];
    const stream = { isTTY: false, write: (s: string) => (parts.push(s), true) } as unknown as NodeJS.WriteStream;
    return { stream, text: () => parts.join('') };
  }

  it("'lines' prints the start and a final line; 'none' prints nothing", () => {
    const s = sink();
    const p = createProgress('fit', 50, 'lines', s.stream);
    p.onIteration(0, 0.69314718);
    for (let k = 1; k <= 12; k++) p.onIteration(k, 1 / k);
    p.done({ nIter: 12, converged: true });
    const lines = s.text().trim().split('\n');
    expect(lines[0]).toMatch(/^fit: iteration 0\/50, loss 0\.693147, \d+\.\d\d s$/);
    expect(lines.at(-1)).toMatch(/^fit: converged after 12 iterations, loss 0\.0833333, \d+\.\d\d s$/);
    expect(lines.length).toBeLessThanOrEqual(4);
    const q = sink();
    const none = createProgress('fit', 50, 'none', q.stream);
    none.onIteration(0, 1);
    none.done({ nIter: 1, converged: true });
    expect(q.text()).toBe('');
  });
});
