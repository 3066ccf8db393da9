import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../test/helpers.js';
import { LinearRegression } from '../models/linearRegression.js';
import { LogisticRegression } from '../models/logisticRegression.js';
import { StandardScaler } from '../preprocessing/standardScaler.js';
import { asFeatureNames } from './training.js';
import { VERSION } from './version.js';

describe('training metadata in model documents', () => {
  it('VERSION equals package.json’s version', () => {
    expect(VERSION).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('every fitted model records feature names, rows, date and logit version, and keeps them through JSON', () => {
    const X = [
      [0, 1],
      [1, 0],
      [2, 2],
      [3, 3],
    ];
    const names = ['age', 'income'];
    const before = Date.now();
    const models = [
      new LogisticRegression().fit(X, [0, 0, 1, 1], { featureNames: names }),
      new LinearRegression().fit(X, [1, 2, 3, 5], { featureNames: names }),
      new StandardScaler().fit(X, { featureNames: names }),
    ];
    for (const m of models) {
      expect(m.featureNames).toEqual(names);
      const doc = JSON.parse(JSON.stringify(m.toJSON()));
      expect(doc.state.training.featureNames).toEqual(names);
      expect(doc.state.training.nSamples).toBe(4);
      expect(doc.state.training.logitVersion).toBe(VERSION);
      expect(Date.parse(doc.state.training.fittedAt)).toBeGreaterThanOrEqual(before - 1000);
      const Ctor = m.constructor as unknown as { fromJSON(d: unknown): { featureNames: string[] | null } };
      expect(Ctor.fromJSON(doc).featureNames).toEqual(names);
      doc.state.training.featureNames = ['only-one'];
      expect(() => Ctor.fromJSON(doc)).toThrow('doc.state.training.featureNames has 1 names but X has 2 features');
    }
    expect(new LogisticRegression().fit(X, [0, 0, 1, 1]).featureNames).toBeNull();
  });

  it('asFeatureNames checks count, type and uniqueness', () => {
    expect(() => asFeatureNames(['a'], 2)).toThrow('featureNames has 1 names but X has 2 features');
    expect(() => asFeatureNames(['a', 3], 2)).toThrow('featureNames[1] is 3; names must be strings');
    expect(() => asFeatureNames(['a', 'a'], 2)).toThrow('featureNames[1] repeats the name "a"');
  });
});

describe('LogisticRegression threshold (option and property)', () => {
  const X = [[0], [1], [2], [3], [4], [5]];
  const y = [0, 0, 1, 0, 1, 1];
  it('predict uses the model threshold, a call can override it, and toJSON keeps it', () => {
    const m = new LogisticRegression({ threshold: 0.9 }).fit(X, y);
    const p = m.predictProba(X).column(1);
    expect(m.predict(X)).toEqual(Array.from(p, (v) => (v >= 0.9 ? 1 : 0)));
    expect(m.predict(X, { threshold: 0.1 })).toEqual(Array.from(p, (v) => (v >= 0.1 ? 1 : 0)));
    m.threshold = 0.2;
    expect(m.predict(X)).toEqual(Array.from(p, (v) => (v >= 0.2 ? 1 : 0)));
    const back = LogisticRegression.fromJSON(JSON.parse(JSON.stringify(m)));
    expect(back.threshold).toBe(0.2);
    expect(back.predict(X)).toEqual(m.predict(X));
    m.threshold = null;
    expect(m.predict(X)).toEqual(Array.from(p, (v) => (v > 0.5 ? 1 : 0)));
  });

  it('is checked: range, and two classes only', () => {
    expect(() => new LogisticRegression({ threshold: 2 })).toThrow('option threshold must be in [0, 1]; received 2');
    expect(() => new LogisticRegression({ threshold: 0.3 }).fit(X, [0, 1, 2, 0, 1, 2])).toThrow('the threshold option applies to two classes; y has 3');
    const three = new LogisticRegression().fit(X, [0, 1, 2, 0, 1, 2]);
    expect(() => {
      three.threshold = 0.4;
    }).toThrow('threshold applies to two classes; this model has 3');
    const two = new LogisticRegression().fit(X, y);
    expect(() => {
      two.threshold = -0.1;
    }).toThrow('option threshold must be in [0, 1]; received -0.1');
  });
});
