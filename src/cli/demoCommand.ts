import { Context, type CommonOptions } from './context.js';
import { runDemo } from './demo.js';
import { checkWritable } from './output.js';

export interface DemoCommandOptions extends CommonOptions {
  out: string;
  report: boolean;
  seed: number;
  force?: boolean;
}

/**
 * `logit demo` (and `npm start`): logit's main job on the bundled breast cancer data (see
 * demo.ts), with the progress display, then the HTML report at --out (default report.html),
 * which is never overwritten without --force.
 */
export async function demoCommand(options: DemoCommandOptions): Promise<void> {
  const ctx = new Context(options);
  if (options.report) checkWritable(options.out, options.force === true, '--out');
  const progress = ctx.progress('demo', 100);
  const r = runDemo(options.seed, { onIteration: progress.onIteration });
  progress.done({ nIter: r.nIter, converged: r.converged });
  ctx.print(r.lines);
  ctx.printJson({
    command: 'demo',
    dataset: 'breast cancer (Wisconsin diagnostic)',
    seed: options.seed,
    trainAccuracy: r.trainAccuracy,
    testAccuracy: r.testAccuracy,
    nIter: r.nIter,
    converged: r.converged,
    warnings: r.warnings,
    report: null,
  });
}
