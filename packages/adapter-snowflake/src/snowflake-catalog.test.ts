import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { goldenFile, renderGolden } from '@tsmodel/core/testing';
import { FakeDriver } from './fake-driver';
import { createSnowflakeAdapter } from './snowflake-adapter';
import { snowflakeCatalogQuery } from './snowflake-catalog';
import { snowflakeDialect } from './snowflake-dialect';

const goldenDir = join(dirname(fileURLToPath(import.meta.url)), '__golden__');

const column = (
  table: string,
  name: string,
  index: number,
  type: Record<string, unknown>,
  comment: string | null = null,
) => ({
  table_database: 'WH',
  table_schema: 'ANALYTICS',
  table_name: table,
  table_type: table === 'ORDERS' ? 'BASE TABLE' : 'VIEW',
  table_comment: table === 'ORDERS' ? 'one row per order' : null,
  table_owner: 'TRANSFORMER',
  column_index: index,
  column_comment: comment,
  COLUMN_NAME: name,
  CHARACTER_MAXIMUM_LENGTH: null,
  NUMERIC_PRECISION: null,
  NUMERIC_SCALE: null,
  DATETIME_PRECISION: null,
  ...type,
});

describe('snowflake describeSchema', () => {
  it('sends one information_schema query per schema (golden SQL)', () => {
    const q = snowflakeCatalogQuery(snowflakeDialect, 'wh', 'analytics');
    const file = join(goldenDir, 'catalog-describe-schema.sql');
    const actual = renderGolden(
      [{ label: 'describe schema analytics', kind: 'query', sql: q.sql, transactional: false }],
      snowflakeDialect,
    );
    expect(actual).toBe(goldenFile(file, actual));
    expect(q.parameters).toEqual(['ANALYTICS']);
    expect(snowflakeCatalogQuery(snowflakeDialect, undefined, 'analytics').sql).toContain(
      '\nfrom information_schema.tables t\nleft join information_schema.columns c',
    );
  });

  it('groups the rows into relations with the types getColumns spells', async () => {
    const driver = new FakeDriver((sql) =>
      sql.includes('information_schema.tables')
        ? {
            rows: [
              column('ORDERS', 'ID', 1, {
                DATA_TYPE: 'NUMBER',
                NUMERIC_PRECISION: 38,
                NUMERIC_SCALE: 0,
              }),
              column(
                'ORDERS',
                'AMOUNT',
                2,
                { DATA_TYPE: 'NUMBER', NUMERIC_PRECISION: 18, NUMERIC_SCALE: 2 },
                'in euros',
              ),
              column('ORDERS', 'NOTE', 3, {
                DATA_TYPE: 'TEXT',
                CHARACTER_MAXIMUM_LENGTH: 16777216,
              }),
              column('ORDERS_V', 'ID', 1, {
                DATA_TYPE: 'NUMBER',
                NUMERIC_PRECISION: 38,
                NUMERIC_SCALE: 0,
              }),
              {
                ...column('HIDDEN', 'X', 1, {}),
                table_type: 'BASE TABLE',
                column_index: null,
                COLUMN_NAME: null,
                DATA_TYPE: null,
              },
            ],
          }
        : {},
    );
    const adapter = createSnowflakeAdapter(
      {
        type: 'snowflake',
        name: 'd',
        profile_name: 'p',
        threads: 1,
        account: 'a',
        user: 'u',
        password: 'p',
        database: 'wh',
        schema: 's',
      } as never,
      { projectRoot: '/p' },
      driver,
    );
    const introspector = adapter.introspector(await adapter.connect());
    const described = await introspector.describeSchema('wh', 'analytics');
    expect(driver.statements.filter((s) => s.includes('information_schema'))).toEqual([
      snowflakeCatalogQuery(snowflakeDialect, 'wh', 'analytics').sql,
    ]);
    expect(described.map((r) => [r.name, r.kind, r.type, r.owner, r.comment])).toEqual([
      ['HIDDEN', 'table', 'BASE TABLE', 'TRANSFORMER', null],
      ['ORDERS', 'table', 'BASE TABLE', 'TRANSFORMER', 'one row per order'],
      ['ORDERS_V', 'view', 'VIEW', 'TRANSFORMER', null],
    ]);
    expect(described[0]!.columns).toEqual([]);
    expect(described[1]!.columns).toEqual([
      { name: 'ID', dataType: 'NUMBER(38,0)', index: 1, comment: null },
      { name: 'AMOUNT', dataType: 'NUMBER(18,2)', index: 2, comment: 'in euros' },
      { name: 'NOTE', dataType: 'VARCHAR', index: 3, comment: null },
    ]);
    expect(described[1]).toMatchObject({ database: 'WH', schema: 'ANALYTICS' });
  });
});
