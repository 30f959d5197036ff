import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runConformance } from '@tsmodel/adapter-testkit';
import { createDuckDBAdapter } from './duckdb-adapter';

const target = (path: string) => ({
  type: 'duckdb',
  name: 'test',
  profile_name: 'test',
  schema: 'main',
  threads: 1,
  path,
});

runConformance(
  'duckdb :memory:',
  () => createDuckDBAdapter(target(':memory:'), { projectRoot: tmpdir() }),
  {
    schema: 'conformance',
  },
);

runConformance(
  'duckdb file',
  () => {
    const root = mkdtempSync(join(tmpdir(), 'tsmodel-duckdb-'));
    // A relative path in a directory that does not exist yet: the adapter resolves and creates it.
    return createDuckDBAdapter(target('target/nested/dev.duckdb'), { projectRoot: root });
  },
  { schema: 'conformance', database: 'dev' },
);
