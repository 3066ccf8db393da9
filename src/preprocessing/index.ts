export { StandardScaler, type StandardScalerOptions, type ScalerFitOptions } from './standardScaler.js';
