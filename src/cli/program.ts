/**
 * The `logit` program: commands, options, help texts, and the mapping of failures to exit
 * codes (0 success, 1 usage error, 2 data or model error; see errors.ts). The executable is
 * main.ts.
 */
import { Command, CommanderError, Option } from 'commander';
import { VERSION } from '../core/version.js';
import { EXIT_USAGE, formatError } from './errors.js';
import { integerAtLeast, openFraction, positiveNumber, probability, threadCount, thresholdChoice, unitInterval } from './parse.js';

/**
 * An action that loads its command's module on first use, so `logit --help` or `logit inspect`
 * do not pay for the table readers and the chart code at start-up.
 */
function lazy<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string): (...args: unknown[]) => Promise<void> {
  return async (...args) => {
    const mod = await load();
    await (mod[name] as (...a: unknown[]) => Promise<void>)(...args);
  };
}

/** Options every command takes. */
function common(cmd: Command): Command {
  return cmd
    .option('--json', 'print machine-readable JSON on standard output instead of text')
    .option('-q, --quiet', 'no progress and no notes on standard error')
    .option('--debug', 'print the stack trace with an error');
}

const formatOption = new Option('--format <format>', 'table format (default: from the extension; "-" is csv)').choices(['csv', 'tsv', 'json', 'ndjson', 'parquet']);

/** Builds the program; `run` parses and dispatches. Exported for tests that want the help text. */
export function buildProgram(): Command {
  const program = new Command('logit')
    .description('Linear models from the command line: logistic and linear regression with scikit-learn\'s numbers.')
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: () => {} }) // errors are printed once, as one line, by main()
    .addHelpText(
      'after',
      `
Exit codes: 0 success, 1 usage error, 2 data or model error.
Examples:
  logit train data.csv --target passed --out model.json --report report.html
  logit predict model.json new.csv --proba --out predictions.csv
  cat new.csv | logit predict model.json - > predictions.csv
  logit evaluate model.json test.csv --target passed
  logit inspect model.json
  logit demo`,
    );

  common(
    program
      .command('train')
      .description('fit a model on a table, evaluate it on a held-out split, save it')
      .argument('<data>', 'table to learn from: .csv, .tsv, .json, .ndjson or .parquet ("-": standard input)')
      .requiredOption('-t, --target <column>', 'the column to predict')
      .requiredOption('-o, --out <model.json>', 'where to write the model (the whole pipeline, one JSON document; "-": standard output)')
      .addOption(new Option('--model <kind>', 'logistic (classification) or linear (regression)').choices(['logistic', 'linear']).default('logistic'))
      .addOption(new Option('--penalty <penalty>', 'penalty on the weights (default: l2 for logistic, none for linear)').choices(['none', 'l2', 'l1', 'elasticnet']))
      .option('--C <C>', 'inverse regularisation strength of logistic regression (smaller: stronger; reg_lambda = 1/C)', positiveNumber)
      .option('--alpha <alpha>', 'penalty strength of linear regression (ridge, lasso, elastic net)', positiveNumber)
      .option('--l1-ratio <rho>', 'elastic-net mixing in [0, 1] (1: pure L1)', unitInterval)
      .option('--solver <solver>', 'solver (logistic: auto, lbfgs, newton, owlqn, proxnewton, sgd, gd; linear: auto, lstsq, cd, gd)', 'auto')
      .option('--max-iter <n>', 'iteration limit of the solver', integerAtLeast(0))
      .option('--poly <degree>', 'add polynomial features of this degree (before scaling)', integerAtLeast(1))
      .option('--no-scale', 'do not standardise the features (StandardScaler is on by default)')
      .option('--test-size <fraction>', 'held-out fraction for evaluation (stratified for classification)', openFraction, 0.2)
      .option('--seed <n>', 'seed of the split', integerAtLeast(0), 1)
      .option('--threshold <f1|youden|p>', 'binary: tune the decision threshold on the training rows for F1 or Youden\'s J, or fix it (a probability)', thresholdChoice)
      .option('--report <report.html>', 'write a self-contained HTML report')
      .option('--threads <n|auto>', 'threads for fits of large data (n·d ≥ 262,144); the model is the same bit for bit on any number', threadCount, 'auto')
      .addOption(formatOption)
      .option('-f, --force', 'overwrite existing output files')
      .addHelpText(
        'after',
        `
The pipeline: categories one-hot encoded, missing values imputed, optional polynomial features,
standardisation (unless --no-scale), then the model. Progress goes to standard error (a live bar
on a terminal, plain lines otherwise); the summary goes to standard output.
Examples:
  logit train students.csv --target passed --out model.json
  logit train students.csv --target passed --penalty l1 --C 0.5 --threshold f1 --out model.json --report report.html
  logit train moons.csv --target label --poly 3 --out model.json
  logit train houses.parquet --target price --model linear --penalty l2 --alpha 10 --out price.json --json`,
      )
      .action(lazy(() => import('./trainCommand.js'), 'trainCommand')),
  );

  common(
    program
      .command('predict')
      .description('predict labels (or probabilities) for the rows of a table')
      .argument('<model>', 'model file written by logit train')
      .argument('<data>', 'table to predict ("-": standard input)')
      .option('--proba', 'also write one probability column per class')
      .option('--threshold <p>', 'binary: predict the positive class when its probability ≥ p (overrides the model\'s)', probability)
      .option('-o, --out <file>', 'where to write the predictions as CSV ("-": standard output)', '-')
      .addOption(formatOption)
      .option('-f, --force', 'overwrite an existing output file')
      .addHelpText(
        'after',
        `
The output has one row per input row, in order: the column "prediction", then with --proba
"proba_<class>" per class. With --json the rows are written as a JSON array instead.
Examples:
  logit predict model.json new.csv --out predictions.csv
  logit predict model.json new.csv --proba --threshold 0.3
  cat new.csv | logit predict model.json - | head`,
      )
      .action(lazy(() => import('./predictCommand.js'), 'predictCommand')),
  );

  common(
    program
      .command('evaluate')
      .description('score a saved model on a labelled table')
      .argument('<model>', 'model file written by logit train')
      .argument('<data>', 'labelled table ("-": standard input)')
      .requiredOption('-t, --target <column>', 'the column with the true labels or values')
      .option('--report <report.html>', 'write a self-contained HTML report')
      .addOption(formatOption)
      .option('-f, --force', 'overwrite an existing report')
      .addHelpText(
        'after',
        `
Examples:
  logit evaluate model.json test.csv --target passed
  logit evaluate model.json test.csv --target passed --report evaluation.html --json`,
      )
      .action(lazy(() => import('./evaluateCommand.js'), 'evaluateCommand')),
  );

  common(
    program
      .command('inspect')
      .description('show a model file: hyper-parameters, classes, coefficients with feature names, training metadata')
      .argument('<model>', 'model file written by logit train (or any logit model document)')
      .option('--top <k>', 'how many coefficients to list (by absolute value; default all)', integerAtLeast(1))
      .addHelpText(
        'after',
        `
Examples:
  logit inspect model.json
  logit inspect model.json --top 10
  logit inspect model.json --json | jq .coefficients`,
      )
      .action(lazy(() => import('./inspectCommand.js'), 'inspectCommand')),
  );

  common(
    program
      .command('demo')
      .description('logit on the bundled breast cancer data: fit, threshold table, coefficients, HTML report (what npm start runs)')
      .option('-o, --out <report.html>', 'where to write the report', 'report.html')
      .option('--no-report', 'do not write the report')
      .option('--seed <n>', 'seed of the 80/20 split', integerAtLeast(0), 42)
      .option('-f, --force', 'overwrite an existing report')
      .addHelpText(
        'after',
        `
Examples:
  logit demo
  logit demo --out /tmp/demo.html --force
  logit demo --no-report --json`,
      )
      .action(lazy(() => import('./demoCommand.js'), 'demoCommand')),
  );
  return program;
}

/** Runs the command line on `argv` (without node and the script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are not errors.
      if (e.exitCode === 0) return 0;
      const sub = argv.find((a) => !a.startsWith('-'));
      const known = program.commands.some((c) => c.name() === sub);
      const message = e.message.replace(/^error: /, '').replace(/\s*\n+\s*/g, ' ').trim().replace(/\.$/, '');
      process.stderr.write(`logit: ${message.trim()}; see 'logit ${known ? `${sub} ` : ''}--help'\n`);
      return EXIT_USAGE;
    }
    const { line, exitCode } = formatError(e, debug);
    process.stderr.write(line + '\n');
    return exitCode;
  }
}
