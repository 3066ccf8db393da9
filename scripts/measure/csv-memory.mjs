// Peak memory while streaming a ~1 GB CSV through readCsvChunks (the issue asks for "a few
// hundred MB" at most). Writes /tmp/logit-csv-memory.csv once (about 1 GB: numbers, a category,
// a boolean, missing cells and quoted fields with commas and line breaks), then reads it in a
// child process and reports that process's peak resident set size.
//
//   npm run build && node scripts/measure/csv-memory.mjs [chunkRows=10000] [sizeGB=1]
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const FILE = '/tmp/logit-csv-memory.csv';

async function generate(bytes) {
  const out = createWriteStream(FILE);
  out.write('id,x,y,group,flag,note\n');
  let written = 0;
  let i = 0;
  while (written < bytes) {
    let block = '';
    for (let k = 0; k < 2000; k++, i++) {
      const x = i % 101 === 0 ? '' : ((i * 7919) % 100003) / 997;
      const y = (((i * 104729) % 65536) - 32768) / 1024;
      const group = ['north', 'south', 'east', 'west', ''][i % 5];
      const flag = i % 3 === 0 ? 'true' : 'false';
      const note = i % 1000 === 0 ? `"row ${i}, with a comma\nand a line break"` : `n${i % 97}`;
      block += `${i},${x},${y},${group},${flag},${note}\n`;
    }
    written += Buffer.byteLength(block);
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function read(chunkRows) {
  const { readCsvChunks } = await import('logit/io');
  const t0 = process.hrtime.bigint();
  let rows = 0;
  let chunks = 0;
  let checksum = 0;
  for await (const t of readCsvChunks(FILE, { chunkRows })) {
    rows += t.numRows;
    chunks++;
    const y = t.column('y').values;
    checksum += y[0];
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const usage = process.resourceUsage();
  const cpu = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  const maxRssMB = usage.maxRSS / 1024;
  console.log(JSON.stringify({ rows, chunks, seconds: +seconds.toFixed(1), cpu: +cpu.toFixed(1), maxRssMB: +maxRssMB.toFixed(0), checksum }));
}

if (process.argv[2] === '--read') {
  await read(Number(process.argv[3]));
} else {
  const chunkRows = Number(process.argv[2] ?? 10000);
  const gb = Number(process.argv[3] ?? 1);
  if (!existsSync(FILE) || Math.abs(statSync(FILE).size - gb * 2 ** 30) > 2 ** 24) {
    console.log(`writing ${FILE} (${gb} GB)...`);
    await generate(gb * 2 ** 30);
  }
  const size = statSync(FILE).size;
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--read', String(chunkRows)], { encoding: 'utf8' });
  if (child.status !== 0) {
    console.error(child.stderr);
    process.exit(1);
  }
  const r = JSON.parse(child.stdout);
  console.log(`file ${(size / 2 ** 20).toFixed(0)} MB, ${r.rows} rows in ${r.chunks} chunks of ${chunkRows}`);
  console.log(`read in ${r.seconds} s wall, ${r.cpu} s CPU (${(size / 2 ** 20 / r.cpu).toFixed(1)} MB per CPU second); peak RSS of the reading process ${r.maxRssMB} MB`);
  console.log('delete the file when done: rm ' + FILE);
}
