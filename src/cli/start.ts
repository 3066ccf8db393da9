#!/usr/bin/env node
// `npm start`: logit's main job on the bundled breast cancer data (see demo.ts).
import { runDemo } from './demo.js';

process.stdout.write(runDemo().lines.join('\n') + '\n');
