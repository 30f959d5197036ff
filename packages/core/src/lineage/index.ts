export * from './types';
export { computeProjectLineage, type ProjectLineageInput } from './project-lineage';
export { knownColumns } from './known-columns';
export { loadSqlParser, type SqlParser } from './sql-ast';
export {
  COLUMN_LINEAGE_FILE,
  columnLineageArtifact,
  readCatalogIfPresent,
  writeColumnLineage,
} from './lineage-artifact';
export {
  findLineageColumn,
  lineageNodeLabel,
  renderLineageTree,
  upstreamTree,
  type LineageTreeNode,
} from './lineage-tree';
export { lineageInputDigest, readPreviousLineage } from './lineage-digest';
