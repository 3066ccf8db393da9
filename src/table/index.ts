export {
  Table,
  inferTextKind,
  type Column,
  type NumberColumn,
  type CategoryColumn,
  type BooleanColumn,
  type ColumnSpec,
  type Cell,
  type Row,
  type TableOptions,
} from './table.js';
export { TableEncoder, type TableEncoderOptions, type EncodedTable, type FeatureSpec, type MissingPolicy, type UnknownPolicy, type DropPolicy } from './encoder.js';
export { parseNumberText, parseBooleanText, MissingMarkers, type ColumnKind, type TableOrigin } from './cells.js';
