export { cholesky, choleskyDamped, choleskySolve, choleskySolveMirrored, mirrorLower, solveLower, solveLowerTransposed, solveUpper, choleskyConditionEstimate, norm1 } from './cholesky.js';
export { lstsq, type LstsqResult } from './qr.js';
export { leastSquares, gram, gramWithRhs, centredNormalEquations, usesNormalEquations, GRAM_CONDITION_LIMIT, type LeastSquaresResult, type LeastSquaresOptions, type NormalEquations } from './leastSquares.js';
