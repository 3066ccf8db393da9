export { Pipeline, type PipelineStep, type NamedStep, type PipelineFitOptions } from './pipeline.js';
export { fromJSON, type LogitObject } from './fromJSON.js';
export { READERS, type DocumentReader, type ReadOptions } from './registry.js';
export { TableModel } from './tableModel.js';
