import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { collectWarnings } from '../../test/helpers.js';
import { LogitRangeError } from '../core/errors.js';
import { makeMoons } from '../datasets/generators.js';
import { LogisticRegression } from '../models/logisticRegression.js';
import { Pipeline } from '../pipeline/pipeline.js';
import { PolynomialFeatures } from '../preprocessing/polynomialFeatures.js';
import { StandardScaler } from '../preprocessing/standardScaler.js';
import { load, save } from './modelFile.js';

// Faults injected into node:fs/promises to simulate a crash at a chosen point of a save.
const faults = vi.hoisted(() => ({ failRename: false, failMidWrite: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const crash = (what: string): Error => Object.assign(new Error(`simulated crash ${what}`), { code: 'EIO' });
  return {
    ...real,
    rename: async (a: string, b: string) => {
      if (faults.failRename) throw crash('before rename');
      return real.rename(a, b);
    },
    link: async (a: string, b: string) => {
      if (faults.failRename) throw crash('before link');
      return real.link(a, b);
    },
    open: async (...args: Parameters<typeof real.open>) => {
      const fh = await real.open(...args);
      if (!faults.failMidWrite || !String(args[0]).endsWith('.tmp')) return fh;
      return new Proxy(fh, {
        get(target, key) {
          if (key === 'writeFile') {
            return async (data: string) => {
              await target.writeFile(data.slice(0, data.length >> 1));
              throw crash('half way through writing');
            };
          }
          const v = Reflect.get(target, key);
          return typeof v === 'function' ? v.bind(target) : v;
        },
      });
    },
  };
});

const dir = mkdtempSync(join(tmpdir(), 'logit-modelfile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const { onWarning } = collectWarnings();
const { X, y } = makeMoons({ nSamples: 80, noise: 0.1, seed: 3 });
const pipeline = (C: number): Pipeline =>
  new Pipeline([
    ['poly', new PolynomialFeatures({ degree: 3 })],
    ['scale', new StandardScaler()],
    ['model', new LogisticRegression({ C, onWarning })],
  ]).fit(X, y);
const strays = (): string[] => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('save / load', () => {
  it('round trip: the loaded pipeline predicts bit for bit the same; the file is the document', async () => {
    const path = join(dir, 'moons.json');
    const pipe = pipeline(10);
    await save(pipe, path);
    const text = readFileSync(path, 'utf8');
    expect(text).toBe(`${JSON.stringify(pipe)}\n`);
    const back = (await load(path, { onWarning })) as Pipeline;
    expect(back).toBeInstanceOf(Pipeline);
    expect(back.predictProba(X).data).toEqual(pipe.predictProba(X).data);
    expect(Array.from(back.predictProba(X).data).every((v, i) => Object.is(v, pipe.predictProba(X).data[i]))).toBe(true);
    expect(strays()).toEqual([]);
  });

  it('refuses to overwrite unless force is set, leaving the old file as it was', async () => {
    const path = join(dir, 'keep.json');
    await save(pipeline(1), path);
    const before = readFileSync(path, 'utf8');
    await expect(save(pipeline(2), path)).rejects.toThrow(`${path} already exists; pass { force: true } to replace it`);
    expect(readFileSync(path, 'utf8')).toBe(before);
    await save(pipeline(2), path, { force: true });
    expect(readFileSync(path, 'utf8')).not.toBe(before);
    expect(((await load(path)) as Pipeline).namedSteps.model).toBeInstanceOf(LogisticRegression);
    expect(strays()).toEqual([]);
    await expect(save({} as never, path)).rejects.toThrow('save needs a logit model');
    await expect(save(pipeline(1), path, { force: 'yes' } as never)).rejects.toThrow('option force must be true or false');
  });

  it('a crash half way through writing, or just before the rename, leaves the old file intact', async () => {
    const path = join(dir, 'crash.json');
    await save(pipeline(1), path);
    const before = readFileSync(path, 'utf8');
    for (const fault of ['failMidWrite', 'failRename'] as const) {
      for (const force of [true, false]) {
        faults[fault] = true;
        try {
          const target = force ? path : join(dir, `fresh-${fault}.json`);
          await expect(save(pipeline(5), target, { force })).rejects.toThrow(/simulated crash/);
          expect(existsSync(join(dir, `fresh-${fault}.json`))).toBe(false);
        } finally {
          faults[fault] = false;
        }
        expect(readFileSync(path, 'utf8')).toBe(before);
        expect(strays()).toEqual([]);
      }
    }
    expect(((await load(path)) as Pipeline).predict(X)).toEqual(pipeline(1).predict(X));
  });

  it('a temporary file left by a killed process does not disturb load or the next save', async () => {
    const path = join(dir, 'killed.json');
    await save(pipeline(1), path);
    const p3 = pipeline(3);
    const full = JSON.stringify(p3);
    const stray = join(dir, '.killed.json.99999.deadbeef0000.tmp');
    writeFileSync(stray, full.slice(0, full.length / 3));
    expect(((await load(path)) as Pipeline).predict(X)).toEqual(pipeline(1).predict(X));
    await save(p3, path, { force: true });
    expect(readFileSync(path, 'utf8')).toBe(`${full}\n`);
    rmSync(stray);
  });

  it('load rejects missing, truncated, non-JSON and hostile files, naming the file', async () => {
    await expect(load(join(dir, 'nope.json'))).rejects.toThrow(/could not read the model file .*nope\.json/);
    const full = JSON.stringify(pipeline(1));
    const truncated = join(dir, 'truncated.json');
    writeFileSync(truncated, full.slice(0, full.length - 40));
    await expect(load(truncated)).rejects.toThrow(/truncated\.json is not valid JSON/);
    const bad = join(dir, 'bad.json');
    const doc = JSON.parse(full);
    doc.params.steps[2][1].state.coef[0][3] = 'Infinity';
    writeFileSync(bad, JSON.stringify(doc));
    const err = await load(bad).catch((e) => e);
    expect(err).toBeInstanceOf(LogitRangeError);
    expect(err.message).toMatch(/bad\.json: doc\.params\.steps\[2\] \("model"\): doc\.state\.coef\[0\]\[3\] must be finite; found Infinity/);
    const hostile = join(dir, 'hostile.json');
    writeFileSync(hostile, full.replace('{"format"', '{"__proto__":{"polluted":true},"format"'));
    await load(hostile);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    const bom = join(dir, 'bom.json');
    writeFileSync(bom, `\uFEFF${full}`);
    expect(await load(bom)).toBeInstanceOf(Pipeline);
  });

  it('save refuses a model whose document would not load back', async () => {
    const custom = new Pipeline([['mine', { fit: () => undefined, transform: (Z: unknown) => Z, toJSON: () => ({ format: 'logit', version: 1, class: 'Mine', params: {}, state: null }) } as never], ['model', new LogisticRegression()]]);
    await expect(save(custom, join(dir, 'custom.json'))).rejects.toThrow('save would write a document that does not load back: doc.params.steps[0] ("mine"): doc.class "Mine" is not a class logit can load');
    expect(existsSync(join(dir, 'custom.json'))).toBe(false);
  });
});
