import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

// Runs the built package (npm test builds first), the way users get it.
describe("the built package's logit/io subpath", () => {
  it("import { readCsv } from 'logit/io' works through package.json exports and feeds TableEncoder and a model", () => {
    const script = `
      import { readCsv, readCsvChunks, readJson, readParquet } from 'logit/io';
      import { TableEncoder, LogisticRegression, Table } from 'logit';
      const t = await readCsv('fixtures/io/data.csv', { missing: ['n/a'] });
      const enc = new TableEncoder({ target: 'churned' }).fit(t);
      const { X, y, featureNames } = enc.transform(t);
      const m = new LogisticRegression().fit(X, y, { featureNames });
      let chunks = 0;
      for await (const c of readCsvChunks('fixtures/io/data.csv', { chunkRows: 500, missing: ['n/a'] })) chunks++;
      const pq = await readParquet('fixtures/io/table_snappy.parquet');
      const js = await readJson('fixtures/io/people.ndjson');
      console.log(JSON.stringify({ rows: t.numRows, isTable: t instanceof Table, names: featureNames, classes: m.classes,
        chunks, pq: pq.numRows, js: js.columnNames, kinds: [typeof readCsv, typeof readJson, typeof readParquet] }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    const res = JSON.parse(out);
    expect(res).toEqual({
      rows: 1100,
      isTable: true,
      names: ['age', 'income'],
      classes: ['no', 'yes'],
      chunks: 3,
      pq: 300,
      js: ['age', 'city', 'member', 'score'],
      kinds: ['function', 'function', 'function'],
    });
  });
});
