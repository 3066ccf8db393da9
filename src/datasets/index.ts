export { loadBreastCancer, loadIris, loadWine, type Dataset } from './load.js';
export {
  makeBlobs,
  makeMoons,
  makeClassification,
  makeRegression,
  type BlobsOptions,
  type MoonsOptions,
  type ClassificationOptions,
  type RegressionOptions,
  type ClassificationData,
  type RegressionData,
} from './generators.js';
