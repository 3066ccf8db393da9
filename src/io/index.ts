/**
 * logit/io: files in and out, for Node. Readers return a `Table` (from the core), which a
 * `TableEncoder` turns into a design matrix. Kept out of the core so the core stays free of
 * dependencies and Node APIs: CSV goes through Papa Parse, Parquet through hyparquet.
 */
export { readCsv, readCsvChunks, type ReadCsvOptions, type ReadCsvChunksOptions } from './csv.js';
export { readJson, type ReadJsonOptions } from './json.js';
export { readParquet, type ReadParquetOptions } from './parquet.js';
export { save, load, type SaveOptions, type Saveable } from './modelFile.js';
