import { describe, expect, it } from 'vitest';
import { FakeDriver } from './fake-driver';
import { createSnowflakeAdapter } from './snowflake-adapter';
import { snowflakeColumnType } from './snowflake-column-type';

const column = (DATA_TYPE: string, more: Partial<Parameters<typeof snowflakeColumnType>[0]> = {}) =>
  snowflakeColumnType({
    COLUMN_NAME: 'C',
    DATA_TYPE,
    CHARACTER_MAXIMUM_LENGTH: null,
    NUMERIC_PRECISION: null,
    NUMERIC_SCALE: null,
    DATETIME_PRECISION: null,
    ...more,
  });

describe('snowflake introspection', () => {
  it('rebuilds full column types, so on_schema_change adds a column as it was staged', () => {
    expect(column('NUMBER', { NUMERIC_PRECISION: 18, NUMERIC_SCALE: 2 })).toBe('NUMBER(18,2)');
    expect(column('TEXT', { CHARACTER_MAXIMUM_LENGTH: 20 })).toBe('VARCHAR(20)');
    expect(column('TEXT', { CHARACTER_MAXIMUM_LENGTH: 16777216 })).toBe('VARCHAR');
    expect(column('TIMESTAMP_NTZ', { DATETIME_PRECISION: 9 })).toBe('TIMESTAMP_NTZ(9)');
    expect(column('FLOAT')).toBe('FLOAT');
  });

  it('lists a schema with show terse objects, and a missing schema as empty', async () => {
    const driver = new FakeDriver((sql) =>
      sql.includes('MISSING')
        ? { error: { message: "Schema 'WH.MISSING' does not exist or not authorized." } }
        : !sql.startsWith('show')
          ? {}
          : {
              rows: [
                { name: 'ORDERS', kind: 'TABLE' },
                { name: 'ORDERS_V', kind: 'VIEW' },
                { name: 'RAW_STAGE', kind: 'STAGE' },
              ],
            },
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
    expect(await introspector.listRelations('wh', 'analytics')).toEqual([
      { name: 'ORDERS', kind: 'table' },
      { name: 'ORDERS_V', kind: 'view' },
    ]);
    expect(await introspector.listRelations('wh', 'MISSING')).toEqual([]);
    await introspector.getColumns({ database: 'wh', schema: 'analytics', identifier: 'orders' });
    expect(driver.statements).toEqual([
      'show terse objects in schema wh.analytics',
      'show terse objects in schema wh.MISSING',
      expect.stringMatching(
        /from wh\.information_schema\.columns\nwhere table_schema = \? and table_name = \?/,
      ),
    ]);
  });
});
