/**
 * logit: linear models done right. Binary, multinomial and one-vs-rest logistic regression and
 * linear regression with scikit-learn's objectives and numbers, exact numerics and no runtime
 * dependencies; runs in Node, browsers, Deno, Bun and workers.
 *
 * Models, tools and data are exported by name; the layers underneath (kernels, linear algebra,
 * objectives, solvers) are exported as namespaces for those who build on them.
 */
export * from './core/index.js';
export * from './models/index.js';
export * from './preprocessing/index.js';
export * from './metrics/index.js';
export * from './selection/index.js';
export * from './datasets/index.js';
export * from './table/index.js';
export { checkGradient, type GradientCheck, type CheckGradientOptions } from './optim/checkGradient.js';
export { expit, log1pexp, logExpit } from './kernels/scalar.js';
export * as kernels from './kernels/index.js';
export * as linalg from './linalg/index.js';
export * as loss from './loss/index.js';
export * as optim from './optim/index.js';
export * from './pipeline/index.js';
