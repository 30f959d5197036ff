import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { awaiting } from './awaiting';
import { suiteProject, type SuiteProject } from './suite-project';
import type { DbtSuiteTarget } from './suite-target';

const PEOPLE = [
  [1, 'Maren', 'maren@fjord.no', '10.0.0.1', '2001-04-03 11:22:33'],
  [2, 'Tariq', 'tariq@dune.example', '10.0.0.2', '1985-12-09 06:05:04'],
  [3, 'Yuki', 'yuki@sakura.example', '192.168.1.9', '1992-08-17 23:45:00'],
  [4, 'Bruno', 'bruno@praia.example', '172.16.4.4', '1978-02-28 13:13:13'],
  [5, 'Anouk', 'anouk@polder.example', '10.9.8.7', '2010-06-30 00:00:01'],
  [6, 'Kofi', 'kofi@savanna.example', '10.1.2.3', '1969-07-20 20:17:40'],
] as const;

const csv = (delimiter = ',') =>
  `${['seed_id', 'first_name', 'email', 'ip_address', 'birthday'].join(delimiter)}\n${PEOPLE.map((r) => r.join(delimiter)).join('\n')}\n`;

/** dbt's seeds__expected_sql: the seed's rows, typed by hand, created beside tsmodel. */
function createExpected(p: SuiteProject): Promise<void> {
  const rel = p.relation('seed_expected');
  return p.execute(
    `create table ${rel} (seed_id integer, first_name text, email text, ip_address text, birthday timestamp without time zone)`,
    `insert into ${rel} values ${PEOPLE.map(([id, ...rest]) => `(${id}, ${rest.map((v) => `'${v}'`).join(', ')})`).join(', ')}`,
  );
}

const QUOTE_OFF = 'seeds:\n  +quote_columns: false\n';

/**
 * `Column.data_type` of the override case's columns as each engine reads them back. dbt's
 * expectations are PostgreSQL's names; DuckDB has no `text` or `timestamp without time zone`
 * (its DESCRIBE says VARCHAR, which dbt's Column prints sized, and TIMESTAMP), and its seeds
 * type whole numbers BIGINT (README, "Where we differ"). dbt-snowflake's variant of the case
 * swaps in its engine's names the same way.
 */
type TypeNames = Record<'text' | 'int' | 'ts' | 'date' | 'bool', string>;
const OVERRIDE_TYPES: Record<string, TypeNames> = {
  postgres: {
    text: 'text',
    int: 'integer',
    ts: 'timestamp without time zone',
    date: 'date',
    bool: 'boolean',
  },
  duckdb: {
    text: 'character varying(256)',
    int: 'BIGINT',
    ts: 'TIMESTAMP',
    date: 'DATE',
    bool: 'BOOLEAN',
  },
};

/** A project with seed_actual, a view on it, and seed_expected (dbt's SeedTestBase). */
async function seedProject(
  target: DbtSuiteTarget,
  name: string,
  config = QUOTE_OFF,
  seed = 'seed_actual',
  delimiter = ',',
) {
  const p = suiteProject(
    target,
    name,
    {
      [`seeds/${seed}.csv`]: csv(delimiter),
      [`models/models__downstream_from_${seed}.sql`]: `select * from {{ ref('${seed}') }}\n`,
    },
    config,
  );
  await p.createSchema();
  await createExpected(p);
  return p;
}

/** dbt's _build_relations_for_test. */
async function build(p: SuiteProject, seed = 'seed_actual') {
  expect((await p.run(['seed'])).results).toHaveLength(1);
  await p.expectRelationsEqual(['seed_expected', seed]);
  expect((await p.run(['run'])).results).toHaveLength(1);
  await p.expectRelationsEqual([`models__downstream_from_${seed}`, 'seed_expected']);
}

/** dbt's _check_relation_end_state. */
async function endState(
  p: SuiteProject,
  args: string[],
  downstreamExists: boolean,
  seed = 'seed_actual',
) {
  expect((await p.run(args)).results).toHaveLength(1);
  await p.expectRelationsEqual([seed, 'seed_expected']);
  expect(Object.keys(await p.relationTypes()).includes(`models__downstream_from_${seed}`)).toBe(
    downstreamExists,
  );
}

/**
 * dbt's simple_seed/test_seed.py and test_seed_type_override.py. Where dbt expects a seed's
 * full refresh to drop the view built on it (`drop … cascade`), tsmodel keeps it (README:
 * "Views on a rebuilt relation are kept"), and the cases assert that.
 */
export function registerSimpleSeed(target: DbtSuiteTarget): void {
  it('test_simple_seed: a second seed reloads the rows and keeps the view on it', async () => {
    const p = await seedProject(target, 'seed_basic');
    await build(p);
    await endState(p, ['seed'], true);
  });

  it('test_simple_seed_full_refresh_flag: --full-refresh rebuilds it (the view is kept)', async () => {
    const p = await seedProject(target, 'seed_fr_flag');
    await build(p);
    await endState(p, ['seed', '--full-refresh'], true);
  });

  it('test_simple_seed_full_refresh_config: full_refresh: true rebuilds (the view is kept)', async () => {
    const p = await seedProject(target, 'seed_fr_on', `${QUOTE_OFF}  +full_refresh: true\n`);
    await build(p);
    await endState(p, ['seed'], true);
  });

  it('test_simple_seed_full_refresh_config: full_refresh: false wins over the flag', async () => {
    const p = await seedProject(target, 'seed_fr_off', `${QUOTE_OFF}  +full_refresh: false\n`);
    await build(p);
    await endState(p, ['seed'], true);
    await endState(p, ['seed', '--full-refresh'], true);
  });

  for (const flag of [[], ['--full-refresh']])
    it(`test_simple_seed_with_${flag.length ? 'drop_and_' : ''}schema: a custom schema is <target>_<schema>`, async () => {
      const p = await seedProject(target, 'seed_custom', `${QUOTE_OFF}  +schema: custom_schema\n`);
      const custom = `${p.schema}_custom_schema`;
      expect((await p.run(['seed'])).results).toHaveLength(1);
      const equal = async () =>
        expect(
          await p.query(
            `select count(*) as n from ((select * from ${p.relation('seed_actual', custom)} except select * from ${p.relation('seed_expected')}) union all (select * from ${p.relation('seed_expected')} except select * from ${p.relation('seed_actual', custom)})) d`,
          ),
        ).toEqual([{ n: 0 }]);
      await equal();
      expect((await p.run(['seed', ...flag])).results).toHaveLength(1);
      await equal();
      expect(await p.rowCount('seed_expected')).toBe(PEOPLE.length);
    });

  it('test_seed_with_unique_delimiter: a | delimited seed loads', async () => {
    const config = `${QUOTE_OFF}  +delimiter: "|"\n`;
    const p = await seedProject(target, 'seed_pipe', config, 'seed_pipe_separated', '|');
    await build(p, 'seed_pipe_separated');
    await endState(p, ['seed'], true, 'seed_pipe_separated');
  });

  it('test_seed_with_wrong_delimiter: a wrong delimiter fails the seed', async () => {
    const config = `${QUOTE_OFF}  +delimiter: ";"\n`;
    const p = await seedProject(target, 'seed_wrong_delim', config, 'seed_pipe_separated', '|');
    const run = await p.run(['seed'], 1);
    expect(run.results[0]!.message!.toLowerCase()).toContain('syntax error');
  });

  it('test_seed_with_empty_delimiter: an empty delimiter is a compilation error', async () => {
    const config = `${QUOTE_OFF}  +delimiter: ""\n`;
    const p = await seedProject(target, 'seed_empty_delim', config, 'seed_pipe_separated', '|');
    const run = await p.run(['seed'], 1);
    expect(run.results[0]!.message!.toLowerCase()).toContain('compilation error');
  });

  const enabledFiles = {
    'seeds/seed_enabled.csv': csv(),
    'seeds/seed_disabled.csv': csv(),
    'seeds/seed_tricky.csv': `seed_id,seed_id_str,a_bool,looks_like_a_bool,a_date,looks_like_a_date,relative,weekday
1,1,true,true,2020-02-02 02:02:02,2020-02-02 02:02:02,soon,Friday
2,2,True,True,2020-02-02 02:02:03,2020-02-02 02:02:03,now,Saturday
3,3,FALSE,FALSE,2020-02-02 14:02:02,2020-02-02 14:02:02,earlier,Sunday
`,
  };
  const enabledConfig = (name: string) =>
    `seeds:\n  +quote_columns: false\n  ${name}:\n    seed_enabled: {enabled: true}\n    seed_disabled: {enabled: false}\n`;
  for (const [label, args, present] of [
    ['test_simple_seed_with_disabled', [], ['seed_enabled', 'seed_tricky']],
    ['test_simple_seed_selection', ['--select', 'seed_enabled'], ['seed_enabled']],
    ['test_simple_seed_exclude', ['--exclude', 'seed_enabled'], ['seed_tricky']],
  ] as const)
    it(`${label}: enabled, selected and excluded seeds`, async () => {
      const name = label.replace('test_simple_seed_', 'seed_');
      const p = suiteProject(target, name, enabledFiles, enabledConfig(name));
      expect((await p.run(['seed', ...args])).results).toHaveLength(present.length);
      expect(Object.keys(await p.relationTypes()).sort()).toEqual([...present].sort());
    });

  it('test_dbt_run_skips_seeds: run does not read a broken seed; seed fails on it', async () => {
    const p = suiteProject(
      target,
      'seed_parsing',
      {
        'seeds/seed.csv': 'a,b,c\n1,7,23,90,5\n2\n',
        'models/model.sql': 'select * from {{ this.schema }}.seed_expected\n',
      },
      QUOTE_OFF,
    );
    await p.createSchema();
    await createExpected(p);
    expect((await p.run(['run'])).results).toHaveLength(1);
    await p.run(['seed'], 1);
  });

  it('test_simple_seed (BOM): a UTF-8 byte order mark is not part of the first column', async () => {
    const p = suiteProject(
      target,
      'seed_bom',
      { 'seeds/seed_bom.csv': `\uFEFF${csv()}` },
      QUOTE_OFF,
    );
    await p.createSchema();
    await createExpected(p);
    expect((await p.run(['seed'])).results).toHaveLength(1);
    expect(readFileSync(join(p.dir, 'seeds', 'seed_bom.csv'), 'utf8').charCodeAt(0)).toBe(0xfeff);
    await p.expectRelationsEqual(['seed_expected', 'seed_bom']);
  });

  it('test_simple_seed (specific formats): 20,000 rows, dots in the name, unicode', async () => {
    const p = suiteProject(
      target,
      'seed_formats',
      {
        'seeds/big_seed.csv': `seed_id\n${Array.from({ length: 20_000 }, (_, i) => i).join('\n')}\n`,
        'seeds/seed.with.dots.csv': 'seed_id\n1\n',
        'seeds/seed_unicode.csv': 'seed_id\nNaïve – ökonomisch ☃\n',
      },
      QUOTE_OFF,
    );
    expect((await p.run(['seed'])).results).toHaveLength(3);
    expect(await p.rowCount('big_seed')).toBe(20_000);
  });

  it('test_empty_seeds: a header-only seed makes an empty table', async () => {
    const p = suiteProject(
      target,
      'seed_empty',
      { 'seeds/empty_with_header.csv': 'a,b,c' },
      QUOTE_OFF,
    );
    expect((await p.run(['seed'])).results).toHaveLength(1);
    expect(await p.rowCount('empty_with_header')).toBe(0);
  });

  awaiting(
    'runtime',
    'test_simple_seed_with_column_override: column_types win (adapter.get_columns_in_relation)',
    async () => {
      const name = 'seed_override';
      const t = OVERRIDE_TYPES[target.type]!;
      const typeTest = `{% test column_type(model, column_name, type) %}
{% set types = {} %}
{% for col in adapter.get_columns_in_relation(model) %}{% do types.update({col.name: col.data_type}) %}{% endfor %}
select 'got ' ~ '{{ types.get(column_name) }}' as problem from (select 1) as one where {{ 0 if types.get(column_name) == type else 1 }} = 1
{% endtest %}
`;
      const tests = (cols: Record<string, string>) =>
        Object.entries(cols)
          .map(
            ([c, t]) =>
              `      - name: ${c}\n        data_tests:\n          - column_type:\n              type: ${t}`,
          )
          .join('\n');
      const p = suiteProject(
        target,
        name,
        {
          ...enabledFiles,
          'macros/column_type.sql': typeTest,
          'seeds/schema.yml': `version: 2
seeds:
  - name: seed_enabled
    columns:
${tests({ birthday: t.date, seed_id: t.text })}
  - name: seed_tricky
    columns:
${tests({ seed_id: t.int, seed_id_str: t.text, a_bool: t.bool, looks_like_a_bool: t.text, a_date: t.ts, looks_like_a_date: t.text, relative: t.text, weekday: t.text })}
`,
        },
        `seeds:\n  ${name}:\n    +enabled: false\n    +quote_columns: true\n    seed_enabled:\n      +enabled: true\n      +column_types: {seed_id: text, birthday: date}\n    seed_tricky:\n      +enabled: true\n      +column_types: {seed_id_str: text, looks_like_a_bool: text, looks_like_a_date: text}\n`,
      );
      expect((await p.run(['seed', '--show'])).results).toHaveLength(2);
      expect((await p.run(['test'])).results).toHaveLength(10);
    },
  );
}
