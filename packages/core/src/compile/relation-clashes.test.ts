import { describe, expect, it } from 'vitest';
import { CompileErrors } from '../diagnostics';
import { tempProject } from '../project/test-helpers';
import { compileProject } from './compile-project';
import { dialectAdapters } from '../testing/dialect-adapters';

const PROJECT = 'name: shop\nversion: "1.0.0"\nprofile: shop\n';
const profile = (type: string) =>
  `shop:\n  target: dev\n  outputs:\n    dev:\n      type: ${type}\n      schema: main\n      host: h\n      user: u\n      dbname: d\n      path: ":memory:"\n`;
const SOURCES =
  'version: 2\nsources:\n  - name: raw\n    schema: main\n    tables:\n      - name: orders\n';

/** The clash problems a compile reports, formatted as the CLI prints them. */
async function clashes(files: Record<string, string>, type = 'duckdb'): Promise<string[]> {
  const dir = tempProject({ 'project.yml': PROJECT, 'profiles.yml': profile(type), ...files });
  try {
    await compileProject({
      projectDir: dir,
      writeArtifacts: false,
      useCache: false,
      env: {},
      adapters: dialectAdapters(),
    });
  } catch (err) {
    if (err instanceof CompileErrors)
      return err.problems.filter((p) => p.code === 'relation-clash').map((p) => p.format());
    throw err;
  }
  return [];
}

describe('relation clashes', () => {
  it('a model and a seed of one name: both nodes and files named, with the fix', async () => {
    expect(
      await clashes({ 'seeds/orders.csv': 'id\n1\n', 'models/orders.sql': 'select 1 as id' }),
    ).toEqual([
      'seeds/orders.csv model.shop.orders (models/orders.sql) and seed.shop.orders (seeds/orders.csv) both build memory.main.orders: one would overwrite the other — set `alias` or `schema` on one of them so each builds its own relation',
    ]);
  });

  it('a model aliased onto a declared source table', async () => {
    const [problem] = await clashes({
      'models/sources.yml': SOURCES,
      'models/stg.sql': "{{ config(alias='orders', materialized='table') }}select 1 as id",
    });
    expect(problem).toBe(
      "models/stg.sql model.shop.stg (models/stg.sql) builds over source.shop.raw.orders (models/sources.yml:6) at memory.main.orders: it would replace the source's data — set `alias` or `schema` on stg so it builds elsewhere",
    );
  });

  it('two aliases in one custom schema, and a stored-failures table over a model', async () => {
    const problems = await clashes({
      'models/a.sql': "{{ config(schema='mart', alias='x') }}select 1 as id",
      'models/b.sql': "{{ config(schema='mart', alias='x') }}select 1 as id",
      'models/audit.sql':
        "{{ config(schema='dbt_test__audit', alias='not_null_a_id') }}select 1 as id",
      'models/a.yml':
        'version: 2\nmodels:\n  - name: a\n    columns:\n      - name: id\n        tests:\n          - not_null:\n              config: {store_failures: true}\n',
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain(
      'model.shop.a (models/a.sql) and model.shop.b (models/b.sql) both build memory.main_mart.x',
    );
    expect(problems[1]).toContain(
      'model.shop.audit (models/audit.sql) and test.shop.not_null_a_id.',
    );
    expect(problems[1]).toContain(
      '(models/a.yml:7) both build memory.main_dbt_test__audit.not_null_a_id',
    );
  });

  it('names the engine folds or truncates to one identifier', async () => {
    const long = `orders_${'x'.repeat(60)}`;
    const postgres = await clashes(
      { [`models/${long}_v1.sql`]: 'select 1 as id', [`models/${long}_v2.sql`]: 'select 2 as id' },
      'postgres',
    );
    expect(postgres).toHaveLength(1);
    expect(postgres[0]).toContain(
      '(one relation on postgres: names fold to lower case, identifiers keep 63 bytes)',
    );
    // The same names fit in DuckDB's identifiers.
    expect(
      await clashes({
        [`models/${long}_v1.sql`]: 'select 1 as id',
        [`models/${long}_v2.sql`]: 'select 2 as id',
      }),
    ).toEqual([]);
    const duckdb = await clashes({
      'models/Orders.sql': 'select 1 as id',
      'models/marts/orders.sql': 'select 2 as id',
    });
    expect(duckdb).toHaveLength(1);
    expect(duckdb[0]).toContain(
      'both build memory.main.Orders and memory.main.orders (one relation on duckdb: names match without case',
    );
  });

  // dbt's adapter suite (aliases: BaseAliasErrors, BaseSameAliasDifferentSchemas).
  it("two models with one alias in the target's schema: an error naming both, on every adapter", async () => {
    const dupes = {
      'models/model_a.sql': "{{ config(alias='duped_alias') }}\nselect 1 as id",
      'models/model_b.sql': "{{ config(alias='duped_alias') }}\nselect 1 as id",
    };
    // DuckDB names the database its path opens (`memory`); the servers' profiles name none.
    for (const [type, at] of [
      ['duckdb', 'memory.main'],
      ['postgres', 'main'],
      ['redshift', 'main'],
    ]) {
      expect(await clashes(dupes, type)).toEqual([
        `models/model_b.sql model.shop.model_a (models/model_a.sql) and model.shop.model_b (models/model_b.sql) both build ${at}.duped_alias: one would overwrite the other — set \`alias\` or \`schema\` on one of them so each builds its own relation`,
      ]);
    }
    expect(
      await clashes({
        'models/model_a.sql': "{{ config(alias='duped_alias', schema='schema_a') }}select 1 as id",
        'models/model_b.sql': "{{ config(alias='duped_alias', schema='schema_b') }}select 1 as id",
        'models/model_c.sql': "{{ config(alias='duped_alias') }}select 1 as id",
      }),
    ).toEqual([]);
  });

  it('ephemeral models, sources sharing a table and distinct schemas do not clash', async () => {
    expect(
      await clashes({
        'models/sources.yml': `${SOURCES}  - name: raw_again\n    schema: main\n    tables:\n      - name: orders\n`,
        'models/orders.sql': "{{ config(materialized='ephemeral') }}select 1 as id",
        'models/x.sql': "{{ config(schema='one', alias='same') }}select 1 as id",
        'models/y.sql': "{{ config(schema='two', alias='same') }}select 1 as id",
      }),
    ).toEqual([]);
  });

  it('a seed declared as a source table is where its data comes from, not a clash', async () => {
    expect(
      await clashes({
        'models/sources.yml': SOURCES,
        'seeds/orders.csv': 'id\n1\n',
        'models/stg.sql': "select * from {{ source('raw', 'orders') }}",
      }),
    ).toEqual([]);
  });
});
