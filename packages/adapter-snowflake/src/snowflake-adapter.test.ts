import { describe, expect, it } from 'vitest';
import { AdapterError } from '@tsmodel/core/adapter';
import type { NodeConfig, TargetConfig } from '@tsmodel/core';
import { FakeDriver } from './fake-driver';
import { createSnowflakeAdapter } from './snowflake-adapter';

const target = (keys: Record<string, unknown> = {}): TargetConfig =>
  ({
    type: 'snowflake',
    name: 'dev',
    profile_name: 'p',
    threads: 1,
    account: 'acme',
    user: 'loader',
    password: 'pw',
    database: 'analytics',
    schema: 'dbt',
    warehouse: 'transforming',
    ...keys,
  }) as TargetConfig;

const config = (keys: Partial<NodeConfig> = {}): NodeConfig => ({
  enabled: true,
  materialized: 'table',
  tags: [],
  pre_hook: [],
  post_hook: [],
  meta: {},
  ...keys,
});

describe('SnowflakeAdapter over snowflake-sdk', () => {
  it('opens one session per connection with the profile’s options, and only on connect', async () => {
    const driver = new FakeDriver();
    const adapter = createSnowflakeAdapter(target(), { projectRoot: '/p' }, driver);
    expect(driver.options).toEqual([]);
    await adapter.connect();
    await adapter.connect();
    expect(driver.options).toHaveLength(2);
    expect(driver.options[0]).toMatchObject({
      account: 'acme',
      username: 'loader',
      warehouse: 'transforming',
    });
    expect(driver.connectedWith).toBe('connect');
    await adapter.close();
  });

  it('logs in through connectAsync for browser SSO', async () => {
    const driver = new FakeDriver();
    const adapter = createSnowflakeAdapter(
      target({ authenticator: 'externalbrowser', password: undefined }),
      { projectRoot: '/p' },
      driver,
    );
    await adapter.connect();
    expect(driver.connectedWith).toBe('connectAsync');
  });

  it('turns a refused login into an AdapterError naming Snowflake’s code', async () => {
    const driver = new FakeDriver();
    driver.loginError = {
      message: 'Incorrect username or password was specified.',
      code: 390100 as never,
    };
    const error = await createSnowflakeAdapter(target(), { projectRoot: '/p' }, driver)
      .connect()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterError);
    expect((error as AdapterError).message).toBe(
      "snowflake error in step 'connect': Incorrect username or password was specified. [code 390100]",
    );
  });

  it('reports query ids and rows, and SQL errors with code, SQL state and query id', async () => {
    const driver = new FakeDriver((sql) =>
      sql.startsWith('insert')
        ? { updated: 3, rows: [{ 'number of rows inserted': 3 }] }
        : sql.startsWith('select')
          ? { rows: [{ ONE: 1 }] }
          : {
              error: {
                message:
                  "SQL compilation error: Object 'NO_SUCH_TABLE' does not exist or not authorized.",
                code: '002003' as never,
                sqlState: '42S02',
                data: { queryId: '01b2-bad' },
              },
            },
    );
    const conn = await createSnowflakeAdapter(target(), { projectRoot: '/p' }, driver).connect();
    expect(await conn.execute('insert into t select 1', { label: 'insert' })).toEqual({
      rowsAffected: 3,
      queryId: '01b2-q1',
      message: 'SUCCESS',
    });
    expect(await conn.query('select 1 as one')).toEqual([{ ONE: 1 }]);
    const error = (await conn
      .execute('drop table no_such_table', { label: 'drop', node: 'model.p.m' })
      .catch((e: unknown) => e)) as AdapterError;
    expect(error).toBeInstanceOf(AdapterError);
    expect(error.node).toBe('model.p.m');
    expect(error.message).toContain('[code 2003, SQL state 42S02, query id 01b2-bad]');
  });

  it('cancels the statement in flight through the driver', async () => {
    const driver = new FakeDriver();
    driver.hang.add('select system$wait(60)');
    const conn = await createSnowflakeAdapter(target(), { projectRoot: '/p' }, driver).connect();
    const slow = conn.query('select system$wait(60)');
    await new Promise((r) => setImmediate(r));
    await conn.cancel();
    await expect(slow).rejects.toThrow(/statement cancelled/);
    expect(driver.cancelled).toEqual(['select system$wait(60)']);
  });

  it('sets each node’s query_tag and warehouse only when they change, then restores the profile’s', async () => {
    const driver = new FakeDriver();
    const adapter = createSnowflakeAdapter(
      target({ query_tag: 'nightly' }),
      { projectRoot: '/p' },
      driver,
    );
    const conn = await adapter.connect();
    const node = (keys: Partial<NodeConfig>) => ({ unique_id: 'model.p.m', config: config(keys) });
    await adapter.beforeNode(conn, node({}));
    await adapter.beforeNode(conn, node({ query_tag: "sessions's", snowflake_warehouse: 'big' }));
    await adapter.beforeNode(conn, node({ query_tag: "sessions's", snowflake_warehouse: 'big' }));
    await adapter.beforeNode(conn, node({}));
    expect(driver.statements).toEqual([
      "alter session set query_tag = 'sessions''s'",
      'use warehouse big',
      "alter session set query_tag = 'nightly'",
      'use warehouse transforming',
    ]);
  });
});
