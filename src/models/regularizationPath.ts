import { LogitRangeError, describe } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import * as check from '../core/options.js';
import { trainingInfo } from '../core/training.js';
import { asMatrix, checkLabels, asSampleWeight, encodeLabels, uniqueLabels, type Label, type MatrixLike } from '../core/validate.js';
import { fitLogistic } from './logisticFit.js';
import { normalizeOptions, OPTION_KEYS, type LogisticRegressionOptions } from './logisticOptions.js';
import { LogisticRegression } from './logisticRegression.js';

export interface RegularizationPathOptions extends Omit<LogisticRegressionOptions, 'C' | 'warmStart'> {
  /** The C grid, or a count of values log-spaced over [1e-4, 1e4] (scikit-learn's `Cs=10`). Default 10. */
  Cs?: number | ArrayLike<number>;
  sampleWeight?: ArrayLike<number>;
  featureNames?: readonly string[];
}

export interface RegularizationPath {
  /** The C values, ascending: from the strongest penalty to the weakest. */
  Cs: Float64Array;
  /** One fitted model per C, in the same order. */
  models: LogisticRegression[];
  /** coef of each model (rows × d). */
  coefs: Matrix[];
  intercepts: Float64Array[];
  /** Iterations per C (small after the first: each fit starts from the previous one). */
  nIter: Int32Array;
}

/** scikit-learn's default grid for an integer Cs: np.logspace(-4, 4, Cs). */
export function logspaceCs(count: number): Float64Array {
  if (count === 1) return Float64Array.of(1e-4);
  // 1 / 10^4 rather than 10^-4: the former rounds correctly (1e-4 exactly), the latter does not in V8.
  return Float64Array.from({ length: count }, (_, k) => {
    const e = -4 + (8 * k) / (count - 1);
    return e < 0 ? 1 / 10 ** -e : 10 ** e;
  });
}

/**
 * Fits a logistic regression for every C on a grid, from the strongest penalty to the weakest,
 * each fit starting from the previous solution (glmnet's warm starts: neighbouring solutions
 * are close, so later fits take a few iterations). All other options are LogisticRegression's.
 * Cost: the first fit plus, typically, a fraction of a fit per further C.
 */
export function regularizationPath(X: MatrixLike, y: ArrayLike<Label>, options: RegularizationPathOptions = {}): RegularizationPath {
  const { Cs: csOption, sampleWeight, featureNames, ...modelOptions } = options;
  check.rejectUnknownOptions(modelOptions, OPTION_KEYS, 'regularizationPath');
  let Cs: Float64Array;
  if (csOption === undefined || typeof csOption === 'number') {
    Cs = logspaceCs(check.integer({ Cs: csOption }, 'Cs', 10, 1));
  } else {
    Cs = Float64Array.from(csOption as ArrayLike<number>);
    if (Cs.length === 0) throw new LogitRangeError('Cs is empty; give at least one C', { parameter: 'Cs' });
    Cs.forEach((c, i) => {
      if (!(c > 0) || !Number.isFinite(c)) throw new LogitRangeError(`Cs[${i}] is ${describe(c)}; every C must be a finite number > 0`, { parameter: 'Cs', row: i, value: c });
    });
    Cs.sort();
  }
  const M = asMatrix(X);
  const labels = checkLabels(y, 'y', M.rows);
  const sw = asSampleWeight(sampleWeight, M.rows);
  const classes = uniqueLabels(labels);
  if (classes.length < 2) {
    throw new LogitRangeError(`y has only one class (${describe(classes[0])}); regularizationPath needs at least two`, { parameter: 'y' });
  }
  const yIdx = encodeLabels(labels, classes);
  const models: LogisticRegression[] = [];
  const nIter = new Int32Array(Cs.length);
  let init: { coef: Float64Array; intercept: Float64Array } | null = null;
  const training = trainingInfo(M.rows, featureNames ? [...featureNames] : null);
  Cs.forEach((C, k) => {
    const { params, onWarning, onIteration } = normalizeOptions({ ...modelOptions, C }, 'regularizationPath');
    const { solution } = fitLogistic({ X: M, yIdx, classes, sampleWeight: sw, params, init, onWarning, onIteration, source: `regularizationPath (C = ${C})`, featureNames });
    init = { coef: solution.coef, intercept: solution.intercept };
    nIter[k] = solution.nIter;
    models.push(LogisticRegression.fromSolution({ ...modelOptions, C }, solution, classes, M.cols, training));
  });
  return {
    Cs,
    models,
    coefs: models.map((m) => m.coef),
    intercepts: models.map((m) => m.intercept),
    nIter,
  };
}
