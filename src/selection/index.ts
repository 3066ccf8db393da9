export { trainTestSplit, type TrainTestSplitOptions, type TrainTestSplit } from './trainTestSplit.js';
