/**
 * A planted secret never leaves the process: not in any file under target/, not in anything
 * printed — on every adapter, when the login works and when it fails. The secret reaches the
 * profile through `env_var('DBT_ENV_SECRET_…')` and through a plain value in profiles.yml.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from './test-io';

const SECRET = 'pl4nted-s3cret-Zq9';
const PLAIN_SECRET = 'plain-t3xt-pw-Kx7';
const MODELS = {
  'models/first.sql':
    "{{ config(materialized='table') }}\nselect 1 as id, '{{ target.name }}' as t",
  'models/second.sql':
    "select id from {{ ref('first') }}\n{% if env_var('PLANTED_FLAG', '') == 'on' %}where id > 0{% endif %}",
  'models/schema.yml':
    'version: 2\nmodels:\n  - name: second\n    columns:\n      - name: id\n        tests: [not_null]\n',
};

/** Every byte under `dir`, file by file (the DuckDB database included). */
function filesUnder(dir: string): Array<[string, Buffer]> {
  const out: Array<[string, Buffer]> = [];
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const file = join(dir, entry);
    if (statSync(file).isFile()) out.push([entry, readFileSync(file)]);
  }
  return out;
}

function expectNoLeak(dir: string, printed: string[], secrets: string[]) {
  for (const secret of secrets) {
    for (const text of printed) expect(text).not.toContain(secret);
    for (const [file, bytes] of filesUnder(join(dir, 'target'))) {
      expect(bytes.includes(secret), `${secret} in target/${file}`).toBe(false);
    }
  }
}

/** A loopback port nothing listens on: logins there fail at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

async function runEverything(dir: string, env: Record<string, string>): Promise<string[]> {
  const printed: string[] = [];
  const commands = [
    ['compile'],
    ['parse'],
    ['run'],
    ['test'],
    ['build'],
    ['debug'],
    ['docs', 'generate'],
  ];
  for (const args of commands) {
    const r = await runCli([...args, '--debug'], dir, env);
    printed.push(r.stdout, r.stderr);
  }
  return printed;
}

function project(output: string): string {
  return tempProject({
    'project.yml': 'name: leak\nversion: "1.0.0"\nprofile: leak\n',
    'profiles.yml': `leak:\n  target: dev\n  outputs:\n    dev:\n${output}`,
    ...MODELS,
  });
}

const env = { DBT_ENV_SECRET_PASSWORD: SECRET, PLANTED_FLAG: 'on' };

describe('a planted secret is written and printed nowhere', () => {
  it('duckdb: a secret setting (the connection fails on it)', async () => {
    const dir = project(
      '      type: duckdb\n      path: target/leak.duckdb\n      schema: main\n' +
        `      settings:\n        s3_secret_access_key: "{{ env_var('DBT_ENV_SECRET_PASSWORD') }}"\n`,
    );
    const printed = await runEverything(dir, env);
    expectNoLeak(dir, printed, [SECRET]);
    // The render's env var was recorded as a digest, not its value.
    const cache = readFileSync(join(dir, 'target', 'tsmodel_parse_cache.json'), 'utf8');
    expect(cache).toContain('PLANTED_FLAG');
    expect(cache).not.toContain('"on"');
  });

  for (const type of ['postgres', 'redshift']) {
    it(`${type}: login fails (nothing listens)`, async () => {
      const port = await closedPort();
      const dir = project(
        `      type: ${type}\n      host: 127.0.0.1\n      port: ${port}\n      user: u\n` +
          `      password: "{{ env_var('DBT_ENV_SECRET_PASSWORD') }}"\n      dbname: d\n      schema: s\n`,
      );
      const printed = await runEverything(dir, env);
      expect(printed.join('')).toContain('ECONNREFUSED');
      expectNoLeak(dir, printed, [SECRET]);
    });
  }

  it('snowflake: a plain-text password and an env_var private key passphrase; login fails', async () => {
    const port = await closedPort();
    const dir = project(
      '      type: snowflake\n      account: acme\n      user: u\n' +
        `      password: ${PLAIN_SECRET}\n      database: d\n      warehouse: w\n      schema: s\n` +
        `      host: 127.0.0.1\n      port: ${port}\n      protocol: http\n      connect_retries: 0\n`,
    );
    const printed = await runEverything(dir, env);
    expect(printed.join('')).toContain('ECONNREFUSED');
    expectNoLeak(dir, printed, [PLAIN_SECRET, SECRET]);
    const keyPair = project(
      '      type: snowflake\n      account: acme\n      user: u\n      private_key: MIIBkey\n' +
        `      private_key_passphrase: "{{ env_var('DBT_ENV_SECRET_PASSWORD') }}"\n` +
        `      database: d\n      schema: s\n      host: 127.0.0.1\n      port: ${port}\n` +
        '      protocol: http\n      connect_retries: 0\n',
    );
    expectNoLeak(keyPair, await runEverything(keyPair, env), [SECRET, 'MIIBkey']);
  });

  const url = process.env.TSMODEL_PG_URL;
  it.skipIf(!url)(
    'postgres (TSMODEL_PG_URL): a successful run, then a wrong password',
    async () => {
      const u = new URL(url!);
      const output = (password: string) =>
        `      type: postgres\n      host: ${u.hostname}\n      port: ${u.port || 5432}\n` +
        `      user: ${decodeURIComponent(u.username)}\n      password: "${password}"\n` +
        `      dbname: ${u.pathname.slice(1)}\n      schema: leak_test\n      threads: 2\n`;
      const password = decodeURIComponent(u.password);
      // The check means something only for a password that no other setting spells.
      expect(password.length).toBeGreaterThanOrEqual(8);
      expect(`${u.username} ${u.hostname} ${u.pathname}`).not.toContain(password);
      const good = project(output("{{ env_var('DBT_ENV_SECRET_PASSWORD') }}"));
      const printed = await runEverything(good, {
        ...env,
        DBT_ENV_SECRET_PASSWORD: decodeURIComponent(u.password),
      });
      expect(printed.join('')).toMatch(/PASS=\d+ WARN=0 ERROR=0/);
      expectNoLeak(good, printed, [decodeURIComponent(u.password)]);

      const bad = project(output("{{ env_var('DBT_ENV_SECRET_PASSWORD') }}"));
      const failed = await runEverything(bad, env);
      expect(failed.join('')).toMatch(/password authentication failed/);
      expectNoLeak(bad, failed, [SECRET]);
    },
  );
});

describe('secret env vars stay in profiles.yml', () => {
  it('a model reading DBT_ENV_SECRET_* is an error naming the file', async () => {
    const dir = tempProject({
      'project.yml': 'name: leak\nversion: "1.0.0"\n',
      'models/m.sql': "select '{{ env_var('DBT_ENV_SECRET_PASSWORD') }}' as p",
    });
    const r = await runCli(['compile'], dir, env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('models/m.sql');
    expect(r.stderr).toContain("env var 'DBT_ENV_SECRET_PASSWORD' is a secret");
    expectNoLeak(dir, [r.stdout, r.stderr], [SECRET]);
  });

  it('project.yml reading DBT_ENV_SECRET_* is an error naming the key', async () => {
    const dir = tempProject({
      'project.yml':
        'name: leak\nversion: "1.0.0"\nprofile: "{{ env_var(\'DBT_ENV_SECRET_PASSWORD\') }}"\n',
      'models/m.sql': 'select 1 as id',
    });
    const r = await runCli(['compile'], dir, env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/profile: environment variable 'DBT_ENV_SECRET_PASSWORD' is a secret/);
    expectNoLeak(dir, [r.stdout, r.stderr], [SECRET]);
  });

  it('templates do not see target.password', async () => {
    const dir = project(
      '      type: postgres\n      host: 127.0.0.1\n      user: u\n' +
        `      password: ${PLAIN_SECRET}\n      dbname: d\n      schema: s\n`,
    );
    writeFileSync(
      join(dir, 'models', 'pw.sql'),
      "select '{{ target.password }}{{ target.pass }}' as p",
    );
    const r = await runCli(['compile'], dir, env);
    expect(r.code).toBe(0);
    expectNoLeak(dir, [r.stdout, r.stderr], [PLAIN_SECRET]);
  });
});
