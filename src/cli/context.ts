import { writeStdout } from './output.js';
import { createProgress, progressMode, type Progress } from './progress.js';

/** The options every command takes (see main.ts). */
export interface CommonOptions {
  json?: boolean;
  quiet?: boolean;
  debug?: boolean;
}

/** Output channels of one command run: results on standard output, notes and progress on standard error. */
export class Context {
  readonly json: boolean;
  readonly quiet: boolean;
  constructor(options: CommonOptions) {
    this.json = options.json === true;
    this.quiet = options.quiet === true;
  }

  /** Text result lines (suppressed with --json, which prints one document instead). */
  print(lines: readonly string[]): void {
    if (!this.json) writeStdout(lines.join('\n') + '\n');
  }

  /** The --json document: one JSON value and a newline. */
  printJson(value: unknown): void {
    if (this.json) writeStdout(JSON.stringify(value, null, 2) + '\n');
  }

  /** A note on standard error (warnings, where files went), silenced by --quiet. */
  note(line: string): void {
    if (!this.quiet) process.stderr.write(`${line}\n`);
  }

  /** A progress display for a fit; none with --quiet or --json. */
  progress(label: string, maxIter: number): Progress {
    return createProgress(label, maxIter, progressMode(process.stderr, this.quiet || this.json));
  }
}
