export { dot, axpy, scal, amax, safeDot } from './blas.js';
export { gemv, gemvT } from './gemv.js';
export { binaryLogisticPass, multinomialPass, squaredErrorPass } from './fused.js';
export { expit, log1pexp, logExpit, binaryLogLoss } from './scalar.js';
export { scaledWeightedGram, multinomialHessianPass } from './fused.js';
