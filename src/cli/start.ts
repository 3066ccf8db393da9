#!/usr/bin/env node
// `npm start`: `logit demo`, logit's main job on the bundled breast cancer data (see demo.ts),
// writing report.html. A report.html left by an earlier run is kept (`logit demo --force`
// replaces it), so `npm start` can be run again and again.
import { existsSync } from 'node:fs';
import { main } from './program.js';

const keep = existsSync('report.html');
process.exitCode = await main(['demo', ...(keep ? ['--no-report'] : [])]);
if (keep) process.stderr.write('logit: report.html exists and was kept; run `npx logit demo --force` to rewrite it\n');
