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
  if (options.report) {
    const { writeReport } = await import('./report.js');
    const m = r.model;
    const n = r.XTrain.rows + r.XTest.rows;
    const counts = new Map<string, number>();
    for (const v of [...r.yTrain, ...r.yTest]) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
    writeReport(
      options.out,
      {
        title: 'logit demo: breast cancer',
        subtitle: 'LogisticRegression (L2, C = 1) on the Wisconsin diagnostic breast cancer data (UCI, CC BY 4.0), 30 features standardised on the training split',
        modelName: 'LogisticRegression(penalty l2, C 1)',
        estimator: m,
        Z: r.XTest,
        featureNames: r.featureNames,
        y: r.yTest,
        data: {
          rows: n,
          columns: r.featureNames.length,
          target: 'diagnosis',
          source: 'bundled breast cancer data',
          classes: [...counts].sort().map(([label, count]) => ({ label, count })),
          missing: [],
          trainRows: r.XTrain.rows,
          testRows: r.XTest.rows,
        },
      },
      options.force === true,
    );
    ctx.note(`logit: report written to ${options.out}`);
  }
  ctx.printJson({
    command: 'demo',
    dataset: 'breast cancer (Wisconsin diagnostic)',
    seed: options.seed,
    trainAccuracy: r.trainAccuracy,
    testAccuracy: r.testAccuracy,
    nIter: r.nIter,
    converged: r.converged,
    warnings: r.warnings,
    report: options.report ? options.out : null,
  });
}
