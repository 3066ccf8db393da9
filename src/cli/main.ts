#!/usr/bin/env node
// `logit`: the command line (bin entry). `logit --help` lists the commands; each has --help with examples.
import { main } from './program.js';

process.exitCode = await main(process.argv.slice(2));
