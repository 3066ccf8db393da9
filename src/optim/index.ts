export { lbfgs, maxAbs, type LbfgsOptions } from './lbfgs.js';
export { gradientDescent, type GradientDescentOptions } from './gradientDescent.js';
export { wolfeLineSearch } from './lineSearch.js';
export { checkGradient, type GradientCheck, type CheckGradientOptions } from './checkGradient.js';
export type { MinimizeResult, SolverOptions, StopReason } from './result.js';
