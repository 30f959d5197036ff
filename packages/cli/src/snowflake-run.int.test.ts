import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FakeDriver } from '@tsmodel/adapter-snowflake/testing';
import { runCli, tempProject } from './test-io';

/**
 * `tsmodel run` on a Snowflake target goes through the built-in plugin to snowflake-sdk's
 * `createConnection`: the driver is replaced by a recording fake (there is no account here),
 * so this checks the options it is given and the statements it is sent, not Snowflake itself.
 */
const fake = vi.hoisted(() => ({ driver: undefined as FakeDriver | undefined }));
vi.mock('snowflake-sdk', () => ({
  default: {
    configure: () => undefined,
    createConnection: (options: never) => fake.driver!.createConnection(options),
  },
}));

describe('tsmodel run on a snowflake target', () => {
  it('reaches snowflake-sdk with the profile’s options and runs the plan', async () => {
    fake.driver = new FakeDriver((sql) =>
      sql.startsWith('show terse objects') ? { rows: [] } : { updated: 1 },
    );
    const dir = tempProject({
      'dbt_project.yml': 'name: shop\nprofile: p\n',
      'profiles.yml':
        'p:\n  outputs:\n    dev:\n      type: snowflake\n      account: acme-eu1\n      user: loader\n' +
        '      password: "{{ env_var(\'DBT_ENV_SECRET_SF_PASSWORD\') }}"\n      role: transformer\n' +
        '      warehouse: transforming\n      database: analytics\n      schema: dbt\n      threads: 1\n',
      'models/orders.sql':
        "{{ config(materialized='table', query_tag='orders', cluster_by=['id']) }}select 1 as id",
    });
    const result = await runCli(['run'], dir, { DBT_ENV_SECRET_SF_PASSWORD: 's3cr3t-pw' });
    expect(result.code, result.stderr + result.stdout).toBe(0);
    expect(fake.driver.options[0]).toMatchObject({
      account: 'acme-eu1',
      username: 'loader',
      authenticator: 'SNOWFLAKE',
      password: 's3cr3t-pw',
      role: 'transformer',
      warehouse: 'transforming',
      database: 'analytics',
      schema: 'dbt',
    });
    expect(fake.driver.statements).toEqual(
      expect.arrayContaining([
        "alter session set query_tag = 'orders'",
        expect.stringMatching(
          /^create transient table analytics\.dbt\.orders as \(\nselect \* from/,
        ),
        'alter table analytics.dbt.orders cluster by (id)',
      ]),
    );
    const results = readFileSync(join(dir, 'target', 'run_results.json'), 'utf8');
    expect(JSON.parse(results).results[0].adapter_response.query_id).toMatch(/^01b2-q/);
    expect(results + result.stdout + result.stderr).not.toContain('s3cr3t-pw');
  });
});
