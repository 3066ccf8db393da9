import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

// The README is the front door: its library example must run as written against the built package.
describe('README', () => {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8');

  it('the library example runs against the built package and every line does what its comment says', () => {
    const m = /## Library example\n+```ts\n([\s\S]*?)```/.exec(text);
    expect(m, 'README has a "## Library example" ts block').not.toBeNull();
    const checks = `
      if (!(P.rows === XTest.length || P.rows === XTest.rows)) throw new Error('P rows');
      if (lr.threshold !== threshold) throw new Error('threshold not kept');
      if (!lr.certificate.converged) throw new Error('not converged');
      const { fromJSON } = await import('logit');
      const back = fromJSON(JSON.parse(JSON.stringify(model)));
      const a = back.predictProba(XTest).data, b = P.data;
      if (a.length !== b.length || a.some((v, i) => v !== b[i])) throw new Error('round trip changed predictions');
      console.log('ok');`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', m![1] + checks], { cwd: ROOT, encoding: 'utf8' });
    expect(out.trim()).toBe('ok');
  });

  it('names exactly two set-up commands, and they are package scripts', () => {
    const quick = /## Quick start\n+```sh\n([\s\S]*?)```/.exec(text)![1].trim().split('\n');
    expect(quick.map((l) => l.replace(/\s+#.*$/, ''))).toEqual(['npm install && npm start', 'npm test']);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.start).toBeTruthy();
    expect(pkg.scripts.test).toBeTruthy();
  });
});
