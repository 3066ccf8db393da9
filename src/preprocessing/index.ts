export { StandardScaler, type StandardScalerOptions } from './standardScaler.js';
