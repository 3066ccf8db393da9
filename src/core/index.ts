export { Matrix } from './matrix.js';
export {
  LogitTypeError,
  LogitRangeError,
  NotFittedError,
  isLogitError,
  describe,
  type ErrorDetails,
} from './errors.js';
export {
  asMatrix,
  asVector,
  asLabels,
  asSampleWeight,
  assertFinite,
  encodeLabels,
  uniqueLabels,
  compareLabels,
  type MatrixLike,
  type Label,
  type AsMatrixOptions,
} from './validate.js';
export { Random } from './rng.js';
export { emitWarning, type LogitWarning, type WarningCode, type WarningHandler } from './warnings.js';
export * as checkOptions from './options.js';
export type { Objective } from './objective.js';
export * as serial from './serial.js';
export { type ModelDocument } from './serial.js';
export { weightedMean, r2, accuracy } from './stats.js';
export { asFeatureNames, trainingInfo, encodeTraining, decodeTraining, type TrainingInfo } from './training.js';
export { VERSION } from './version.js';
