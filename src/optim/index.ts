export { lbfgs, maxAbs, type LbfgsOptions } from './lbfgs.js';
export { gradientDescent, type GradientDescentOptions } from './gradientDescent.js';
export { wolfeLineSearch } from './lineSearch.js';
export { checkGradient, type GradientCheck, type CheckGradientOptions } from './checkGradient.js';
export type { MinimizeResult, SolverOptions, StopReason } from './result.js';
export { newton } from './newton.js';
export { owlqn, minimumNormSubgradient, type OwlqnOptions } from './owlqn.js';
export { sgd, type SgdOptions, type SgdResult, type StochasticObjective } from './sgd.js';
export { elasticNetCD, type GramProblem, type ColumnProblem, type CoordinateDescentOptions, type CoordinateDescentResult } from './coordinateDescent.js';
