import { afterAll, describe, it } from 'vitest';
import type { TargetConfig } from '@tsmodel/core';
import { runConformance } from '@tsmodel/adapter-testkit';
import { createSnowflakeAdapter } from './snowflake-adapter';

/**
 * The shared conformance suite against a real Snowflake account, with the real snowflake-sdk.
 * There is no account in CI: without TSMODEL_SNOWFLAKE_ACCOUNT it is one skipped test.
 * TSMODEL_SNOWFLAKE_{ACCOUNT,USER,PASSWORD,ROLE,WAREHOUSE,DATABASE} configure it (or
 * TSMODEL_SNOWFLAKE_PRIVATE_KEY_PATH instead of the password).
 */
const env = process.env;
if (!env.TSMODEL_SNOWFLAKE_ACCOUNT) {
  describe('adapter conformance: snowflake', () => {
    it.skip('needs a Snowflake account: set TSMODEL_SNOWFLAKE_ACCOUNT, _USER, _PASSWORD (or _PRIVATE_KEY_PATH), _WAREHOUSE, _DATABASE', () => {});
  });
} else {
  const schema = `TSMODEL_CONFORMANCE_${process.pid}_${Date.now().toString(36)}`.toUpperCase();
  const target = {
    type: 'snowflake',
    name: 'conformance',
    profile_name: 'conformance',
    threads: 1,
    account: env.TSMODEL_SNOWFLAKE_ACCOUNT,
    user: env.TSMODEL_SNOWFLAKE_USER,
    ...(env.TSMODEL_SNOWFLAKE_PASSWORD ? { password: env.TSMODEL_SNOWFLAKE_PASSWORD } : {}),
    ...(env.TSMODEL_SNOWFLAKE_PRIVATE_KEY_PATH
      ? { private_key_path: env.TSMODEL_SNOWFLAKE_PRIVATE_KEY_PATH }
      : {}),
    ...(env.TSMODEL_SNOWFLAKE_ROLE ? { role: env.TSMODEL_SNOWFLAKE_ROLE } : {}),
    warehouse: env.TSMODEL_SNOWFLAKE_WAREHOUSE,
    database: env.TSMODEL_SNOWFLAKE_DATABASE,
    schema,
  } as TargetConfig;
  const create = () => createSnowflakeAdapter(target, { projectRoot: process.cwd() });
  runConformance('snowflake', create, {
    database: String(target.database),
    schema,
    slowQuery: 'select system$wait(60)',
  });
  afterAll(async () => {
    const adapter = create();
    const conn = await adapter.connect();
    await conn.execute(
      `drop schema if exists ${adapter.dialect.renderRelation({ database: String(target.database), schema, identifier: '' })} cascade`,
      {
        label: 'drop conformance schema',
      },
    );
    await adapter.close();
  });
}
