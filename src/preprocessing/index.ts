export { StandardScaler, type StandardScalerOptions, type ScalerFitOptions } from './standardScaler.js';
export { MinMaxScaler, type MinMaxScalerOptions } from './minMaxScaler.js';
export { PolynomialFeatures, type PolynomialFeaturesOptions, type PolynomialFeaturesParams } from './polynomialFeatures.js';
export {
  OneHotEncoder,
  type OneHotEncoderOptions,
  type OneHotEncoderParams,
  type Category,
  type CategoryKind,
  type CategoryRows,
} from './oneHotEncoder.js';
export { LabelEncoder } from './labelEncoder.js';
export { SimpleImputer, type SimpleImputerOptions, type SimpleImputerParams, type ImputeStrategy, type RowsWithMissing } from './simpleImputer.js';
export { defaultFeatureNames, type TransformerFitOptions } from './featureNames.js';
