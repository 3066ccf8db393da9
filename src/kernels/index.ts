export { dot, axpy, scal, amax, safeDot } from './blas.js';
export { gemv, gemvT } from './gemv.js';
export { binaryLogisticPass, multinomialPass, squaredErrorPass, scaledWeightedGram, multinomialHessianPass, columnMoments } from './fused.js';
export { expit, log1pexp, logExpit, binaryLogLoss } from './scalar.js';
export { setKernelBackend, kernelBackend, type KernelBackend, type KernelBackendChoice } from './backend.js';
export { setThreads, threads } from './threads.js';
