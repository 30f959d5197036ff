/**
 * The bundled sessionization package compiled for Snowflake: every package model the Segment,
 * Snowplow web and Snowplow mobile integration projects build parses with a Snowflake grammar
 * (@polyglot-sql/sdk), so a macro without a working `snowflake__` variant fails here, without
 * an account. Compiling never connects.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validate } from '@polyglot-sql/sdk';
import { describe, expect, it } from 'vitest';
import { compileProject } from '@tsmodel/core';
import { AdapterRegistry } from '@tsmodel/core/adapter';
import { plugin } from './plugin';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const PROJECTS: Array<[string, string, number]> = [
  ['integration_tests', 'segment_integration_tests', 5],
  ['integration_tests/snowplow', 'snowplow_integration_tests', 10],
  ['integration_tests/snowplow_mobile', 'snowplow_mobile_integration_tests', 10],
];

function snowflakeProfiles(profile: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsmodel-sf-profiles-'));
  writeFileSync(
    join(dir, 'profiles.yml'),
    `${profile}:\n  outputs:\n    sf:\n      type: snowflake\n      account: acme\n      user: u\n` +
      '      password: p\n      database: ANALYTICS\n      warehouse: W\n      schema: DBT\n',
  );
  return dir;
}

describe('the bundled package compiled for Snowflake', () => {
  it.each(PROJECTS)(
    '%s: every model parses with a Snowflake grammar',
    async (path, profile, min) => {
      const result = await compileProject({
        projectDir: join(repo, path),
        profilesDir: snowflakeProfiles(profile),
        targetPath: mkdtempSync(join(tmpdir(), 'tsmodel-sf-target-')),
        writeArtifacts: false,
        useCache: false,
        env: {},
        adapters: new AdapterRegistry([plugin]),
      });
      // The package's models only: the projects' own test models are written for DuckDB.
      const models = Object.values(result.manifest.nodes).filter(
        (n) =>
          n.resource_type === 'model' &&
          n.package_name === 'tsmodel_sessionization' &&
          n.config.materialized !== 'ephemeral',
      );
      expect(models.length).toBeGreaterThanOrEqual(min);
      const failures = models.flatMap((n) => {
        const check = validate(n.compiled_code ?? '', 'snowflake');
        return check.valid
          ? []
          : [`${n.unique_id}: ${check.errors.map((e) => e.message).join('; ')}`];
      });
      expect(failures).toEqual([]);
    },
  );
});
