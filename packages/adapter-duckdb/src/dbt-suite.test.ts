import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDbtSuite } from '@tsmodel/adapter-testkit';
import { duckdbCatalogName } from '@tsmodel/core/adapter';
import { createDuckDBAdapter } from './duckdb-adapter';

// One DuckDB file per module of the suite; each case builds in a schema of its own.
const root = mkdtempSync(join(tmpdir(), 'tsmodel-dbt-suite-'));

runDbtSuite('duckdb', (module) => {
  const path = join(root, `${module}.duckdb`);
  const database = duckdbCatalogName(path);
  const output = (schema: string) => ({ type: 'duckdb', path, schema, threads: 4 });
  return {
    type: 'duckdb',
    output,
    database,
    adapter: (schema) =>
      createDuckDBAdapter(
        { name: 'dev', profile_name: 'suite', database, ...output(schema) },
        { projectRoot: root },
      ),
  };
});
