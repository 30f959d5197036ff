export * from './types';
export {
  executeRun,
  type ExecuteRunOptions,
  type RunOutcome,
  type RunCommand,
} from './execute-run';
export { schedule, type LentWorker, type ScheduleOptions, type SkipReason } from './scheduler';
export { type MicrobatchRun } from './run-microbatch';
export { batchesToRetry } from './retry-batches';
export { scheduleGraph, addTestGates, criticalPathPriority } from './schedule-graph';
export { RelationCache, distinctSchemas } from './relation-cache';
export { wrapTestSql, auditRelation } from './run-test';
export { runResultsArtifact, writeRunResults, type RunResultsArtifact } from './run-results';
export { showRows, type ShowOptions, type ShowResult } from './show';
export { tracingConnection, type TracedStatement } from './tracing-connection';
export {
  runOperation,
  parseOperationArgs,
  type RunOperationOptions,
  type RunOperationOutcome,
} from './run-operation';
export { compileAgainstWarehouse, type IntrospectedCompile } from './compile-introspect';
export {
  resolveDeferral,
  deferredParents,
  deferralCandidates,
  stateRelation,
  type DeferredParent,
} from './deferral';
