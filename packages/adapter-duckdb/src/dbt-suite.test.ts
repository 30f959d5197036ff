import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDbtSuite } from '@tsmodel/adapter-testkit';
import { createDuckDBAdapter } from './duckdb-adapter';

// One DuckDB file per module of the suite; each case builds in a schema of its own.
const root = mkdtempSync(join(tmpdir(), 'tsmodel-dbt-suite-'));

runDbtSuite('duckdb', (module) => {
  const output = (schema: string) => ({
    type: 'duckdb',
    path: join(root, `${module}.duckdb`),
    schema,
    threads: 4,
  });
  return {
    type: 'duckdb',
    output,
    adapter: (schema) =>
      createDuckDBAdapter(
        { name: 'dev', profile_name: 'suite', ...output(schema) },
        { projectRoot: root },
      ),
  };
});
