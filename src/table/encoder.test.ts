import { describe, expect, it } from 'vitest';
import { LogitRangeError, LogitTypeError, NotFittedError } from '../core/errors.js';
import { LogisticRegression } from '../models/logisticRegression.js';
import { TableEncoder } from './encoder.js';
import { Table } from './table.js';

const train = Table.fromRows([
  { age: 30, city: 'Oslo', member: true, y: 'yes' },
  { age: 40, city: 'Lima', member: false, y: 'no' },
  { age: null, city: 'Oslo', member: true, y: 'yes' },
  { age: 20, city: null, member: null, y: 'no' },
  { age: 50, city: 'Cairo', member: false, y: 'yes' },
]);

function bits(v: number): bigint {
  return new BigUint64Array(new Float64Array([v]).buffer)[0];
}

describe('TableEncoder', () => {
  it('one-hot encodes sorted levels, booleans as 0/1, imputes median / most frequent and reports counts', () => {
    const enc = new TableEncoder({ target: 'y' }).fit(train);
    const { X, featureNames, y, imputed } = enc.transform(train);
    expect(featureNames).toEqual(['age', 'city_Cairo', 'city_Lima', 'city_Oslo', 'member']);
    // age median of 30, 40, 20, 50 = 35; city most frequent = Oslo; member tie true/false -> false (smallest).
    expect(X.toArray()).toEqual([
      [30, 0, 0, 1, 1],
      [40, 0, 1, 0, 0],
      [35, 0, 0, 1, 1],
      [20, 0, 0, 1, 0],
      [50, 1, 0, 0, 0],
    ]);
    expect(y).toEqual(['yes', 'no', 'yes', 'no', 'yes']);
    expect({ ...imputed }).toEqual({ age: 1, city: 1, member: 1 });
    expect({ ...enc.imputed }).toEqual({ age: 1, city: 1, member: 1 });
    expect(enc.features[0]).toEqual({ name: 'age', kind: 'number', fill: 35 });
    expect(enc.targetLabels(train)).toEqual(y);
  });

  it('rows of the one-hot block sum to 1 (unknown ignored: 0) and X is finite', () => {
    const enc = new TableEncoder({ target: 'y', handleUnknown: 'ignore' }).fit(train);
    const test = Table.fromRows([{ age: 1, city: 'Paris', member: false }, { age: 2, city: 'Lima', member: true }]);
    const { X, y } = enc.transform(test);
    expect(y).toBeNull();
    expect([1, 2, 3].map((j) => X.get(0, j))).toEqual([0, 0, 0]);
    expect([1, 2, 3].reduce((s, j) => s + X.get(1, j), 0)).toBe(1);
    expect(X.data.every(Number.isFinite)).toBe(true);
  });

  it('drop first / if_binary remove one indicator', () => {
    const first = new TableEncoder({ target: 'y', drop: 'first' }).fit(train);
    expect(first.featureNames).toEqual(['age', 'city_Lima', 'city_Oslo', 'member']);
    const t = Table.fromRows([{ a: 'u', b: 'p' }, { a: 'v', b: 'q' }, { a: 'u', b: 'r' }]);
    const bin = new TableEncoder({ drop: 'if_binary' }).fit(t);
    expect(bin.featureNames).toEqual(['a_v', 'b_p', 'b_q', 'b_r']);
    expect(bin.transform(t).X.toArray()).toEqual([
      [0, 1, 0, 0],
      [1, 0, 1, 0],
      [0, 0, 0, 1],
    ]);
  });

  it('column overrides and features choose what is encoded and how', () => {
    const t = Table.fromRows([{ zip: 1000, n: 1, y: 0 }, { zip: 2000, n: 2, y: 1 }]);
    const enc = new TableEncoder({ target: 'y', features: ['zip'], columns: { zip: 'category' } }).fit(t);
    expect(enc.featureNames).toEqual(['zip_1000', 'zip_2000']);
    expect(enc.transform(t).y).toEqual([0, 1]);
    // a test table where zip arrived as category text still encodes
    const test = Table.fromRows([{ zip: '2000' }]);
    expect(enc.transform(test).X.toArray()).toEqual([[0, 1]]);
  });

  it('errors name the column, row and what to do', () => {
    expect(() => new TableEncoder({ target: 'label' }).fit(train)).toThrow('the table has no column "label" (the target); its columns are "age", "city", "member", "y"');
    expect(() => new TableEncoder({ features: ['agee'] }).fit(train)).toThrow('the table has no column "agee" (a feature)');
    expect(() => new TableEncoder({ columns: { zipp: 'category' } }).fit(train)).toThrow('TableEncoder: option columns names "zipp", which is not a column');
    expect(() => new TableEncoder({ target: 'y', missing: 'error' }).fit(train)).toThrow(
      `row 2: column "age" is missing a value; pass { missing: 'impute' } to TableEncoder or drop the row`,
    );
    const enc = new TableEncoder({ target: 'y' }).fit(train);
    expect(() => enc.transform(Table.fromRows([{ age: 1, city: 'Paris', member: true }]))).toThrow(
      `row 0: column "city" has "Paris", a category not seen in fit (known: "Cairo", "Lima", "Oslo"); pass { handleUnknown: 'ignore' } to encode it as all zeros`,
    );
    expect(() => enc.targetLabels(Table.fromRows([{ y: 'a' }, { y: null }]))).toThrow('row 1: target column "y" is missing a value; drop the row or fill in its label');
    expect(() => new TableEncoder({ target: 'y', features: ['y'] })).toThrow(LogitRangeError);
    expect(() => new TableEncoder({ hadnleUnknown: 'ignore' } as never)).toThrow(/did you mean "handleUnknown"/);
    expect(() => new TableEncoder().transform(train)).toThrow(NotFittedError);
    expect(() => new TableEncoder().fit([[1]] as never)).toThrow(LogitTypeError);
    expect(() => new TableEncoder().fit(Table.fromRows([{ a: null }, { a: null }]))).toThrow('column "a" has no values (all 2 rows are missing)');
    const clash = Table.fromRows([{ a: 'b', a_b: 1 }]);
    expect(() => new TableEncoder().fit(clash)).toThrow('the feature name "a_b" would come from both column "a" and column "a_b"');
  });

  it('does not modify the table it encodes', () => {
    const before = train.toRows();
    new TableEncoder({ target: 'y', columns: { member: 'number' } }).fitTransform(train);
    expect(train.toRows()).toEqual(before);
  });

  it('feeds a model: labels come back as given', () => {
    const { X, y, featureNames } = new TableEncoder({ target: 'y' }).fitTransform(train);
    const m = new LogisticRegression().fit(X, y as string[], { featureNames });
    expect(m.classes).toEqual(['no', 'yes']);
    expect(m.featureNames).toEqual(featureNames);
  });
});

describe('TableEncoder toJSON / fromJSON', () => {
  const encoders = [
    new TableEncoder({ target: 'y' }),
    new TableEncoder({ target: 'y', drop: 'first', handleUnknown: 'ignore', columns: { member: 'number' } }),
    new TableEncoder({ features: ['city', 'age'], missing: 'impute', drop: 'if_binary' }),
  ];

  it('round trips through JSON text and transforms identically, bit for bit', () => {
    const half = Table.fromRows([{ age: 35.000000000000014, city: 'Lima', member: null, y: 'no' }]);
    for (const e of encoders) {
      e.fit(train);
      const back = TableEncoder.fromJSON(JSON.parse(JSON.stringify(e.toJSON())));
      expect(back.toJSON()).toEqual(e.toJSON());
      for (const t of [train, half]) {
        const a = e.transform(t);
        const b = back.transform(t);
        expect(b.featureNames).toEqual(a.featureNames);
        expect(Array.from(b.X.data, bits)).toEqual(Array.from(a.X.data, bits));
        expect(b.y).toEqual(a.y);
      }
    }
  });

  it('an unfitted encoder round trips its params', () => {
    const e = new TableEncoder({ target: 'y', drop: 'first' });
    const back = TableEncoder.fromJSON(JSON.parse(JSON.stringify(e.toJSON())));
    expect(back.params).toEqual(e.params);
    expect(() => back.featureNames).toThrow(NotFittedError);
  });

  it('keeps -0 as an imputation value', () => {
    const e = new TableEncoder().fit(Table.fromRows([{ x: -0 }, { x: null }]));
    const back = TableEncoder.fromJSON(JSON.parse(JSON.stringify(e.toJSON())));
    expect(Object.is(back.features[0].fill, -0)).toBe(true);
  });

  const good = () => JSON.parse(JSON.stringify(new TableEncoder({ target: 'y' }).fit(train).toJSON()));
  const cases: [string, (d: any) => void, RegExp][] = [
    ['wrong class', (d) => (d.class = 'StandardScaler'), /reads only "TableEncoder"/],
    ['newer version', (d) => (d.version = 99), /newer logit/],
    ['bad kind', (d) => (d.state.features[0].kind = 'text'), /doc.state.features\[0\].kind must be one of/],
    ['non-finite fill', (d) => (d.state.features[0].fill = null), /doc.state.features\[0\].fill must be a number/],
    ['fill not a level', (d) => (d.state.features[1].fill = 'Rome'), /fill "Rome" is not one of its levels/],
    ['repeated level', (d) => (d.state.features[1].levels = ['Lima', 'Lima']), /repeats "Lima"/],
    ['dropIndex disagrees', (d) => (d.state.features[1].dropIndex = 0), /dropIndex is 0 but drop null/],
    ['feature names disagree', (d) => (d.state.featureNames[1] = 'city_Paris'), /featureNames do not match/],
    ['imputed count wrong length', (d) => (d.state.imputed = [1]), /imputed must be an array of 3 counts/],
    ['missing state field', (d) => delete d.state.features, /doc.state.features is missing/],
    ['target mismatch', (d) => (d.state.target.name = 'z'), /doc.state.target names "z"/],
    ['bad boolean fill', (d) => (d.state.features[2].fill = 'yes'), /must be true or false/],
    ['bad drop', (d) => (d.params.drop = 'last'), /doc.params.drop must be one of/],
    ['columns as object', (d) => (d.params.columns = { __proto__: 'x' }), /doc.params.columns must be an array/],
    ['feature named like the target', (d) => (d.state.features[0].name = 'y'), /repeats a column name or the target/],
  ];
  for (const [what, mutate, message] of cases) {
    it(`rejects a document with ${what}`, () => {
      const d = good();
      mutate(d);
      expect(() => TableEncoder.fromJSON(d)).toThrow(message);
    });
  }

  it('hostile keys stay data: __proto__ as a column override name and in state objects', () => {
    const t = JSON.parse('[{"__proto__": "a", "y": 1}, {"__proto__": "b", "y": 0}]');
    const e = new TableEncoder({ target: 'y', columns: JSON.parse('{"__proto__": "category"}') }).fit(Table.fromRows(t));
    expect(e.featureNames).toEqual(['__proto___a', '__proto___b']);
    const text = JSON.stringify(e.toJSON());
    const back = TableEncoder.fromJSON(JSON.parse(text));
    expect(back.featureNames).toEqual(e.featureNames);
    const d = JSON.parse(text);
    d.state.features[0] = JSON.parse('{"__proto__": {"polluted": true}, "name": "__proto__", "kind": "category", "fill": "a", "levels": ["a", "b"], "dropIndex": -1}');
    TableEncoder.fromJSON(d);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const bad = JSON.parse(text);
    bad.state = JSON.parse('{"__proto__": {"features": []}}');
    expect(() => TableEncoder.fromJSON(bad)).toThrow(/doc.state.target is missing/);
  });
});
