import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectWarnings, fixture } from '../../test/helpers.js';
import type { Label } from '../core/validate.js';
import { kFold, type Fold } from './kFold.js';
import { stratifiedKFold } from './stratifiedKFold.js';

interface FoldCase {
  name: string;
  kind: 'kfold' | 'stratified';
  n?: number;
  y?: Label[];
  nSplits: number;
  folds: { train: number[]; test: number[] }[];
  warned?: boolean;
}

const cases = fixture<FoldCase>('selection.json').cases.filter((c) => c.kind === 'kfold' || c.kind === 'stratified');

/** Every fold: train and test disjoint, ascending, together 0 … n−1; tests partition 0 … n−1. */
function expectPartition(folds: Fold[], n: number): void {
  const seen = new Int32Array(n);
  for (const f of folds) {
    expect(f.train).toBeInstanceOf(Int32Array);
    expect(f.train.length + f.test.length).toBe(n);
    const both = [...f.train, ...f.test].sort((a, b) => a - b);
    expect(both).toEqual(Array.from({ length: n }, (_, i) => i));
    for (let k = 1; k < f.test.length; k++) expect(f.test[k]).toBeGreaterThan(f.test[k - 1]);
    for (let k = 1; k < f.train.length; k++) expect(f.train[k]).toBeGreaterThan(f.train[k - 1]);
    for (const i of f.test) seen[i]++;
  }
  expect(Array.from(seen).every((c) => c === 1)).toBe(true);
}

describe('kFold and stratifiedKFold equal scikit-learn without shuffle', () => {
  for (const c of cases) {
    it(c.name, () => {
      const { warnings, onWarning } = collectWarnings();
      const folds = c.kind === 'kfold' ? kFold(c.n as number, { nSplits: c.nSplits }) : stratifiedKFold(c.y as Label[], { nSplits: c.nSplits, onWarning });
      expect(folds.map((f) => ({ train: Array.from(f.train), test: Array.from(f.test) }))).toEqual(c.folds);
      if (c.kind === 'stratified') {
        expect(warnings.length > 0).toBe(c.warned);
        if (c.warned) expect(warnings[0]).toMatchObject({ code: 'small-class', source: 'stratifiedKFold' });
      }
    });
  }
});

describe('shuffled folds', () => {
  it('kFold: a partition with sizes ⌊n/k⌋ or ⌈n/k⌉, reproducible by seed, different across seeds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 60 }), fc.integer({ min: 2, max: 10 }), fc.integer(), (n, k, seed) => {
        fc.pre(k <= n);
        const folds = kFold(n, { nSplits: k, shuffle: true, seed });
        expectPartition(folds, n);
        for (const f of folds) expect(f.test.length === Math.floor(n / k) || f.test.length === Math.ceil(n / k)).toBe(true);
        expect(kFold(n, { nSplits: k, shuffle: true, seed })).toEqual(folds);
      }),
    );
    const a = kFold(50, { shuffle: true, seed: 1 }).map((f) => Array.from(f.test));
    const b = kFold(50, { shuffle: true, seed: 2 }).map((f) => Array.from(f.test));
    expect(a).not.toEqual(b);
    expect(a).not.toEqual(kFold(50).map((f) => Array.from(f.test)));
  });

  it('stratifiedKFold: a partition, each class spread within one row per fold, fold sizes within one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 6, maxLength: 80 }),
        fc.integer({ min: 2, max: 6 }),
        fc.boolean(),
        fc.integer(),
        (y, k, shuffle, seed) => {
          const counts = new Map<string, number>();
          for (const v of y) counts.set(v, (counts.get(v) ?? 0) + 1);
          fc.pre(Math.min(...counts.values()) >= k);
          const folds = stratifiedKFold(y, shuffle ? { nSplits: k, shuffle, seed } : { nSplits: k });
          expectPartition(folds, y.length);
          const sizes = folds.map((f) => f.test.length);
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
          for (const [cls, total] of counts) {
            for (const f of folds) {
              const m = Array.from(f.test).filter((i) => y[i] === cls).length;
              expect(m === Math.floor(total / k) || m === Math.ceil(total / k)).toBe(true);
            }
          }
        },
      ),
    );
  });

  it('stratifiedKFold shuffles within classes: same per-fold class counts as unshuffled, different rows', () => {
    const y = Array.from({ length: 60 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const plain = stratifiedKFold(y);
    const mixed = stratifiedKFold(y, { shuffle: true, seed: 7 });
    const count = (f: Fold, c: number) => Array.from(f.test).filter((i) => y[i] === c).length;
    for (let f = 0; f < 5; f++) {
      expect(count(mixed[f], 1)).toBe(count(plain[f], 1));
      expect(count(mixed[f], 0)).toBe(count(plain[f], 0));
    }
    expect(mixed.map((f) => Array.from(f.test))).not.toEqual(plain.map((f) => Array.from(f.test)));
  });
});

describe('fold argument errors', () => {
  it('name the argument', () => {
    expect(() => kFold(3, { nSplits: 4 })).toThrow('kFold: nSplits is 4 but there are only 3 rows');
    expect(() => kFold(10, { nSplits: 1 })).toThrow('option nSplits must be an integer ≥ 2; received 1');
    expect(() => kFold(10, { seed: 3 })).toThrow('seed has no effect without shuffle: true');
    expect(() => kFold(2.5)).toThrow('kFold: n must be an integer ≥ 1; received 2.5');
    expect(() => kFold(10, { nsplits: 3 } as never)).toThrow(/did you mean "nSplits"/);
    expect(() => stratifiedKFold([0, 0, 1, 1], { nSplits: 3 })).toThrow('no class of y has that many members (largest: 2)');
    expect(() => stratifiedKFold([])).toThrow('y is empty');
    expect(() => stratifiedKFold([0, 'a'] as never)).toThrow(/all labels must be of one kind/);
  });

  it('never mutate y', () => {
    const y = [2, 1, 2, 1, 2, 1];
    stratifiedKFold(y, { nSplits: 3, shuffle: true, seed: 1 });
    expect(y).toEqual([2, 1, 2, 1, 2, 1]);
  });
});
