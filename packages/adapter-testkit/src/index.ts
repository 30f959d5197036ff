export { runConformance, type ConformanceOptions } from './conformance';
export { buildNode, loadSeed } from './build-node';
export { ODD_CSV, ODD_CSV_ROWS, SEMICOLON_CSV, writeCsvFixtures } from './csv-fixtures';
export {
  DBT_MACRO_CASES,
  dbtMacroCaseQuery,
  dbtMacroCasesFor,
  expectedValue,
  renderDbtMacroSql,
  type DbtMacroCase,
} from './dbt-macro-cases';
export { EPHEMERAL_WITH_MODELS, EPHEMERAL_WITH_ROWS, QUOTING_SEED } from './dbt-behaviour-fixtures';
export { JIT_FILES } from './jit-fixtures';
export { FRESHNESS_FILES, VERSIONED_FILES, freshnessRawTables } from './modelling-fixtures';
export { SLIM_CI_DEV_CUSTOMERS, SLIM_CI_FILES } from './slim-ci-fixtures';
export {
  CONTRACT_CHECK_VIOLATION,
  CONTRACT_FILES,
  CONTRACT_MISMATCH,
  CONTRACT_ORPHAN,
} from './contract-fixtures';
export { runDbtSuite, READY, type DbtSuiteTarget, type DbtSuiteTargetFactory } from './dbt-suite';
export {
  UNIT_TEST_DIFF,
  UNIT_TEST_FILES,
  UNIT_TEST_PROJECT,
  UNIT_TEST_STATUSES,
  UNIT_TESTS,
  unitTestFiles,
  unitTestsYaml,
  type UnitTestName,
} from './unit-test-fixtures';
export { MICROBATCH_FILES, expectedDaily, microbatchEvents } from './microbatch-fixtures';
