export type { Objective } from '../core/objective.js';
export { LinearModelObjective, type LossKind, type LinearModelObjectiveInit } from './linearModelObjective.js';
export { softmaxInPlace, ovrNormalizeInPlace } from './link.js';
