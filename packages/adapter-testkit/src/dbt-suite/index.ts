import { afterAll, describe } from 'vitest';
import { registerBasicMaterializations } from './basic';
import { registerBasicTests } from './basic-tests';
import type { DbtSuiteTargetFactory } from './suite-target';
import { registerUtils } from './utils';
import { registerUtilsTimestamps } from './utils-timestamps';
import { registerSimpleSeed } from './simple-seed';
import { registerModelHooks } from './hooks-model';
import { registerRunHooks } from './hooks-run';
import { registerAliases } from './aliases';
import { registerRelations } from './relations';
import { registerConcurrency } from './concurrency';
import { registerColumnTypes } from './column-types';
import { registerDbtShow } from './dbt-show';
import { registerEmpty } from './empty';
import { registerEphemeral } from './ephemeral';
import { registerStoreFailuresAs } from './store-test-failures-as';
import { registerStoreTestFailures } from './store-test-failures';
import { registerAdapterMethods } from './adapter-methods';
import { registerDocsGenerate } from './docs-generate';
import { registerSnapshots } from './snapshots';
import { registerPersistDocs } from './persist-docs';
import { registerIncrementalUniqueKey } from './incremental-unique-key';
import { registerIncrementalOnSchemaChange } from './incremental-schema-change';
import { registerIncrementalStrategies } from './incremental-strategies';
import { closeAllReaders, schemasOf } from './suite-project';

export type { DbtSuiteTarget, DbtSuiteTargetFactory } from './suite-target';
export { READY } from './awaiting';

/** dbt-tests-adapter's modules, each a group of cases sharing one target. */
const MODULES: Array<[string, (target: ReturnType<DbtSuiteTargetFactory>) => void]> = [
  ['basic', registerBasicMaterializations],
  ['basic_tests', registerBasicTests],
  ['utils', registerUtils],
  ['utils_timestamps', registerUtilsTimestamps],
  ['incremental_unique_id', registerIncrementalUniqueKey],
  ['incremental_on_schema_change', registerIncrementalOnSchemaChange],
  ['incremental_strategies', registerIncrementalStrategies],
  ['simple_seed', registerSimpleSeed],
  ['hooks', registerModelHooks],
  ['run_hooks', registerRunHooks],
  ['aliases', registerAliases],
  ['relations', registerRelations],
  ['concurrency', registerConcurrency],
  ['column_types', registerColumnTypes],
  ['dbt_show', registerDbtShow],
  ['empty', registerEmpty],
  ['ephemeral', registerEphemeral],
  ['store_test_failures_as', registerStoreFailuresAs],
  ['store_test_failures', registerStoreTestFailures],
  ['adapter_methods', registerAdapterMethods],
  ['docs_generate', registerDocsGenerate],
  ['snapshots', registerSnapshots],
  ['persist_docs', registerPersistDocs],
];

/**
 * The behaviours dbt's adapter test suite (`dbt-tests-adapter`) asserts, run on one engine
 * through the real CLI. An adapter package calls it from its integration/warehouse test file.
 */
export function runDbtSuite(name: string, makeTarget: DbtSuiteTargetFactory): void {
  describe(`dbt adapter suite: ${name}`, () => {
    for (const [module, register] of MODULES)
      describe(module, () => {
        const target = makeTarget(module);
        register(target);
        afterAll(async () => {
          await closeAllReaders();
          await target.cleanup?.(schemasOf(target));
        });
      });
  });
}
