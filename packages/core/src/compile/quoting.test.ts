/**
 * dbt_project.yml's `quoting:`: parts set to false are printed unquoted, folded to the
 * engine's case (so `MyModel` is the `mymodel` PostgreSQL stores; Snowflake's upper case is
 * tested in packages/adapter-snowflake).
 */
import { describe, expect, it } from 'vitest';
import { tempProject } from '../project/test-helpers';
import { compileProject } from './compile-project';
import { dialectAdapters } from '../testing/dialect-adapters';

async function compiledRef(type: string, quoting: string): Promise<string> {
  const dir = tempProject({
    'dbt_project.yml': `name: shop\nprofile: p\n${quoting}`,
    // DuckDB's database is the catalog its path opens: Wh.duckdb is `Wh`, as `database: Wh` is.
    'profiles.yml': `p:\n  outputs:\n    dev:\n      type: ${type}\n      schema: Analytics\n      database: Wh\n      path: Wh.duckdb\n`,
    'models/MyModel.sql': 'select 1 as id',
    'models/child.sql': "select * from {{ ref('MyModel') }}",
  });
  const result = await compileProject({
    projectDir: dir,
    writeArtifacts: false,
    env: {},
    adapters: dialectAdapters(),
  });
  return result.manifest.nodes['model.shop.child']!.compiled_code!;
}

describe('quoting', () => {
  it('quotes every part by default', async () => {
    expect(await compiledRef('postgres', '')).toBe('select * from "Wh"."Analytics"."MyModel"');
  });

  it('prints the parts set to false unquoted, in the case the engine folds them to', async () => {
    expect(await compiledRef('postgres', 'quoting:\n  identifier: false\n')).toBe(
      'select * from "Wh"."Analytics".mymodel',
    );
    expect(await compiledRef('duckdb', 'quoting:\n  schema: false\n')).toBe(
      'select * from "Wh".Analytics."MyModel"',
    );
  });
});
