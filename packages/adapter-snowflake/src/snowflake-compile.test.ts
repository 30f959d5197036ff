import { describe, expect, it } from 'vitest';
import { CompileErrors, compileProject, planSeed, type NodeConfig } from '@tsmodel/core';
import { AdapterRegistry } from '@tsmodel/core/adapter';
import { tempProject } from '@tsmodel/core/testing';
import { plugin } from './plugin';
import { snowflakeDialect } from './snowflake-dialect';

/** Compiling for Snowflake through its plugin, as the CLI does: core gets only the plugin. */
async function compile(files: Record<string, string>) {
  const dir = tempProject({
    'dbt_project.yml': 'name: shop\nprofile: p\n',
    'profiles.yml':
      'p:\n  outputs:\n    dev:\n      type: snowflake\n      account: a\n      user: u\n      password: p\n      database: Wh\n      schema: Analytics\n',
    ...files,
  });
  return compileProject({
    projectDir: dir,
    writeArtifacts: false,
    useCache: false,
    env: {},
    adapters: new AdapterRegistry([plugin]),
  });
}

describe('compiling for snowflake', () => {
  it('leaves plain names bare and folds unquoted parts to upper case', async () => {
    const result = await compile({
      'dbt_project.yml':
        'name: shop\nprofile: p\nquoting:\n  database: false\n  schema: false\n  identifier: false\n',
      'models/MyModel.sql': 'select 1 as id',
      'models/child.sql': "select * from {{ ref('MyModel') }}, {{ adapter.quote('Mixed Case') }}",
    });
    expect(result.manifest.nodes['model.shop.child']!.compiled_code).toBe(
      'select * from WH.ANALYTICS.MYMODEL, "Mixed Case"',
    );
  });

  it('rejects two models whose names Snowflake stores as one', async () => {
    const error = await compile({
      'models/Orders.sql': 'select 1 as id',
      'models/marts/ORDERS.sql': 'select 2 as id',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CompileErrors);
    expect((error as CompileErrors).problems.map((p) => p.code)).toContain('relation-clash');
  });

  it('dispatches snowflake__ macros', async () => {
    const result = await compile({
      'macros/t.sql':
        "{% macro ts() %}{{ return(adapter.dispatch('ts')()) }}{% endmacro %}" +
        '{% macro default__ts() %}timestamp{% endmacro %}{% macro snowflake__ts() %}timestamp_ntz{% endmacro %}',
      'models/m.sql': 'select cast(null as {{ ts() }}) as at',
    });
    expect(result.manifest.nodes['model.shop.m']!.compiled_code).toBe(
      'select cast(null as timestamp_ntz) as at',
    );
  });
});

const SEED_CONFIG: NodeConfig = {
  enabled: true,
  materialized: 'seed',
  tags: [],
  pre_hook: [],
  post_hook: [],
  meta: {},
};

describe('SnowflakeDialect', () => {
  it('quotes reserved and non-plain names only, and keeps the case of quoted ones', () => {
    expect(snowflakeDialect.quoteIdentifier('order_id')).toBe('order_id');
    expect(snowflakeDialect.quoteIdentifier('order')).toBe('"order"');
    expect(snowflakeDialect.quoteIdentifier('my col')).toBe('"my col"');
    expect(snowflakeDialect.identifierKey('orders')).toBe('ORDERS');
    expect(snowflakeDialect.identifierKey('my-orders')).toBe('my-orders');
  });

  it("folds seed headers unless quote_columns is set (dbt-snowflake's default)", () => {
    const seed = (quote_columns: boolean | null) =>
      planSeed({
        node: {
          unique_id: 'seed.shop.codes',
          relation: { schema: 'S', identifier: 'CODES' },
          config: { ...SEED_CONFIG, quote_columns },
          seedFile: '/nowhere/codes.csv',
        },
        flags: { fullRefresh: false },
        dialect: snowflakeDialect,
        csvTable: { columns: ['Id'], rows: [['1']] },
      })
        .map((s) => s.sql)
        .join('\n');
    expect(seed(null)).toContain('(ID)');
    expect(seed(true)).toContain('(Id)');
  });

  it('escapes backslashes in strings and qualifies rename targets', () => {
    expect(snowflakeDialect.quoteString("a\\b'c")).toBe("'a\\\\b''c'");
    expect(
      snowflakeDialect.renameRelation(
        'table',
        { database: 'db', schema: 's', identifier: 't__tsmodel_tmp' },
        't',
      ),
    ).toBe('alter table db.s.t__tsmodel_tmp rename to db.s.t');
  });
});
