import { expect, it } from 'vitest';
import {
  createPeopleTable,
  EXPRESSION_KEY_SCD_ID,
  insertPeople,
  people,
} from './snapshot-fixtures';
import { suiteProject, type SuiteProject } from './suite-project';
import type { DbtSuiteTarget } from './suite-target';

/** dbt's `snapshot_actual`: keyed on an expression, reading a table the case creates. */
const SNAPSHOT_ACTUAL = `{% snapshot snapshot_actual %}
    {{ config(unique_key='id || ' ~ "'-'" ~ ' || first_name') }}
    select * from {{ target.schema }}.seed
{% endsnapshot %}
`;
const REF_SNAPSHOT = "select * from {{ ref('snapshot_actual') }}\n";
const TEST_NAMES = `      snapshot_meta_column_names:
          dbt_valid_to: TEST_VALID_TO
          dbt_valid_from: test_valid_from
          dbt_scd_id: test_scd_id
          dbt_updated_at: test_updated_at
`;
const TIMESTAMP_YML = `snapshots:
  - name: snapshot_actual
    config:
      strategy: timestamp
      updated_at: updated_at
`;
const PERSON = 'id, first_name, last_name, email, gender, ip_address, updated_at';
const TEST_COLUMNS =
  'test_valid_from timestamp, TEST_VALID_TO timestamp, test_scd_id text, test_updated_at timestamp';
const DBT_COLUMNS =
  'dbt_valid_from timestamp, dbt_valid_to timestamp, dbt_scd_id text, dbt_updated_at timestamp, dbt_is_deleted text';

/** The rows of `seed` (`where`), as a first snapshot of them writes its columns. */
function expectedVersions(
  p: SuiteProject,
  names: 'test' | 'dbt',
  validTo: string,
  where = '1 = 1',
): string {
  const [from, to, scd, at] =
    names === 'test'
      ? ['test_valid_from', 'TEST_VALID_TO', 'test_scd_id', 'test_updated_at']
      : ['dbt_valid_from', 'dbt_valid_to', 'dbt_scd_id', 'dbt_updated_at'];
  const deleted = names === 'dbt' ? ', dbt_is_deleted' : '';
  return `insert into ${p.relation('snapshot_expected')} (${PERSON}, ${from}, ${to}, ${at}, ${scd}${deleted})
select ${PERSON}, updated_at, ${validTo}, updated_at, ${EXPRESSION_KEY_SCD_ID}${names === 'dbt' ? ", 'False'" : ''}
from ${p.relation('seed')} where ${where}`;
}

/** dbt's invalidate_sql: ids 10–20 change email and move an hour on; expected versions close. */
function invalidate(p: SuiteProject, validTo: string): string[] {
  return [
    `update ${p.relation('seed')} set updated_at = updated_at + interval '1 hour',
       email = case when id = 20 then 'late.fox@example.org' else 'new_' || email end
     where id >= 10 and id <= 20`,
    `update ${p.relation('snapshot_expected')} set ${validTo} = updated_at + interval '1 hour'
     where id >= 10 and id <= 20`,
  ];
}

/** The case's seed table and expected table, filled with people 1–20. */
async function seedTables(p: SuiteProject, expectedColumns: string): Promise<void> {
  await p.createSchema();
  await p.execute(
    createPeopleTable(p, 'seed'),
    createPeopleTable(p, 'snapshot_expected', expectedColumns),
    insertPeople(p, 'seed', people(20)),
  );
}

/** dbt's simple_snapshot/test_various_configs.py and its new_record modes. */
export function registerSnapshotConfigs(target: DbtSuiteTarget): void {
  const projectWith = (name: string, files: Record<string, string>, config = '') =>
    suiteProject(
      target,
      name,
      {
        'snapshots/snapshot.sql': SNAPSHOT_ACTUAL,
        'models/ref_snapshot.sql': REF_SNAPSHOT,
        ...files,
      },
      config,
    );

  /** First snapshot, the seed changed, second snapshot: the table equals the expected one. */
  const columnNamesScenario = async (p: SuiteProject) => {
    await seedTables(p, TEST_COLUMNS);
    await p.execute(expectedVersions(p, 'test', 'cast(null as timestamp)'));
    expect((await p.run(['snapshot'])).results).toHaveLength(1);
    await p.execute(...invalidate(p, 'TEST_VALID_TO'));
    await p.execute(
      expectedVersions(p, 'test', 'cast(null as timestamp)', 'id >= 10 and id <= 20'),
    );
    expect((await p.run(['snapshot'])).results).toHaveLength(1);
    await p.expectRelationsEqual(['snapshot_actual', 'snapshot_expected']);
  };

  it('test_snapshot_column_names: snapshot_meta_column_names in the YAML config', async () => {
    const p = projectWith('snap_column_names', {
      'models/snapshots.yml': TIMESTAMP_YML + TEST_NAMES,
    });
    await columnNamesScenario(p);
  });

  const projectNames = (name: string, keys: string) =>
    `snapshots:\n  ${name}:\n    +snapshot_meta_column_names:\n${keys}`;
  const ALL_NAMES =
    '      dbt_valid_to: test_valid_to\n      dbt_valid_from: test_valid_from\n      dbt_scd_id: test_scd_id\n      dbt_updated_at: test_updated_at\n';

  it('test_snapshot_column_names_from_project: the names from dbt_project.yml', async () => {
    const name = 'snap_names_project';
    const p = projectWith(
      name,
      { 'models/snapshots.yml': TIMESTAMP_YML },
      projectNames(name, ALL_NAMES),
    );
    await columnNamesScenario(p);
  });

  it('test_snapshot_invalid_column_names: names the table lacks fail with dbt words', async () => {
    const name = 'snap_names_invalid';
    const header = `name: ${name}\nversion: "1.0.0"\nprofile: suite\nconfig-version: 2\n`;
    const p = projectWith(
      name,
      { 'models/snapshots.yml': TIMESTAMP_YML },
      projectNames(name, ALL_NAMES),
    );
    await seedTables(p, TEST_COLUMNS);
    expect((await p.run(['snapshot'])).results).toHaveLength(1);
    await p.execute(...invalidate(p, 'TEST_VALID_TO'));
    p.write({
      'dbt_project.yml':
        header +
        projectNames(
          name,
          '      dbt_valid_to: test_valid_to\n      dbt_updated_at: test_updated_at\n',
        ),
    });
    const failed = await p.run(['snapshot'], 1);
    expect(failed.results).toHaveLength(1);
    expect(failed.results[0]!.status).toBe('error');
    const output = failed.stdout + failed.stderr;
    expect(output).toContain('Compilation Error in snapshot snapshot_actual');
    expect(output).toContain('Snapshot target is missing configured columns');
  });

  it('test_valid_to_current: dbt_valid_to_current marks current rows, then closes them', async () => {
    const p = projectWith('snap_valid_to_current', {
      'models/snapshots.yml': `${TIMESTAMP_YML}      dbt_valid_to_current: "cast('2099-12-31' as date)"\n${TEST_NAMES}`,
    });
    await seedTables(p, TEST_COLUMNS);
    await p.execute(expectedVersions(p, 'test', "cast('2099-12-31' as date)"));
    expect((await p.run(['snapshot'])).results).toHaveLength(1);
    const validTo = () =>
      p.query(
        `select id, cast(test_valid_to as varchar) as valid_to from ${p.relation('snapshot_actual')}
         where id in (1, 10) order by id, test_valid_from`,
      );
    expect(await validTo()).toEqual([
      { id: 1, valid_to: '2099-12-31 00:00:00' },
      { id: 10, valid_to: '2099-12-31 00:00:00' },
    ]);
    const [ten] = await p.query(
      `select cast(updated_at + interval '1 hour' as varchar) as t from ${p.relation('seed')} where id = 10`,
    );
    await p.execute(...invalidate(p, 'TEST_VALID_TO'));
    await p.execute(
      expectedVersions(p, 'test', "cast('2099-12-31' as date)", 'id >= 10 and id <= 20'),
    );
    expect((await p.run(['snapshot'])).results).toHaveLength(1);
    // The old version of id 10 ends when the new one starts; the new one is current.
    expect(await validTo()).toEqual([
      { id: 1, valid_to: '2099-12-31 00:00:00' },
      { id: 10, valid_to: ten!.t },
      { id: 10, valid_to: '2099-12-31 00:00:00' },
    ]);
    await p.expectRelationsEqual(['snapshot_actual', 'snapshot_expected']);
  });

  it('test_multi_column_unique_key: a YAML-only snapshot with a list unique_key', async () => {
    const p = suiteProject(target, 'snap_multi_key', {
      'models/seed.sql': 'select * from {{ target.schema }}.seed\n',
      'models/ref_snapshot.sql': REF_SNAPSHOT,
      'models/snapshots.yml': `snapshots:\n  - name: snapshot_actual\n    relation: "ref('seed')"\n    config:\n      strategy: timestamp\n      updated_at: updated_at\n      unique_key:\n        - id1\n        - id2\n${TEST_NAMES}`,
    });
    const cols = 'id1, id2, first_name, last_name, email, gender, ip_address, updated_at';
    const scd = `md5(cast(id1 as varchar) || '|' || cast(id2 as varchar) || '|' || cast(updated_at as varchar))`;
    const seedRel = p.relation('seed');
    const expected = p.relation('snapshot_expected');
    const copy = (where: string) =>
      `insert into ${expected} (${cols}, test_valid_from, TEST_VALID_TO, test_updated_at, test_scd_id)
       select ${cols}, updated_at, cast(null as timestamp), updated_at, ${scd} from ${seedRel} where ${where}`;
    await p.createSchema();
    const columns =
      'id1 integer, id2 integer, first_name varchar(50), last_name varchar(50), email varchar(50), gender varchar(50), ip_address varchar(20), updated_at timestamp';
    await p.execute(
      `create table ${seedRel} (${columns})`,
      `create table ${expected} (${columns}, ${TEST_COLUMNS})`,
      insertPeople(p, 'seed', people(20), {
        columns: 'id1, id2',
        values: (person) => `${person.id}, ${person.id * 100}`,
      }),
      copy('1 = 1'),
    );
    expect((await p.run(['snapshot'])).results).toHaveLength(1);
    await p.execute(
      `update ${seedRel} set updated_at = updated_at + interval '1 hour',
         email = case when id1 = 20 then 'late.fox@example.org' else 'new_' || email end
       where id1 >= 10 and id1 <= 20`,
      `update ${expected} set TEST_VALID_TO = updated_at + interval '1 hour' where id1 >= 10 and id1 <= 20`,
      copy('id1 >= 10 and id1 <= 20'),
    );
    expect((await p.run(['snapshot'])).results).toHaveLength(1);
    await p.expectRelationsEqual(['snapshot_actual', 'snapshot_expected']);
  });

  registerNewRecordModes(target);
}

/**
 * dbt's new_record_timestamp_mode.py, new_record_check_mode.py and
 * new_record_dbt_valid_to_current.py: deletions become current rows marked `dbt_is_deleted`.
 */
function registerNewRecordModes(target: DbtSuiteTarget): void {
  const newRecordScenario = async (name: string, yml: string) => {
    const p = suiteProject(target, name, {
      'snapshots/snapshot.sql': SNAPSHOT_ACTUAL,
      'models/ref_snapshot.sql': REF_SNAPSHOT,
      'models/snapshots.yml': yml,
    });
    await seedTables(p, DBT_COLUMNS);
    await p.execute(expectedVersions(p, 'dbt', 'cast(null as timestamp)'));
    expect((await p.run(['snapshot'])).results).toHaveLength(1);
    await p.execute(...invalidate(p, 'dbt_valid_to'));
    await p.execute(expectedVersions(p, 'dbt', 'cast(null as timestamp)', 'id >= 10 and id <= 20'));
    expect((await p.run(['snapshot'])).results).toHaveLength(1);
    // As dbt's check_relations_equal: the dbt_ columns (times of this run) are not compared.
    await p.expectRelationsEqual(['snapshot_actual', 'snapshot_expected'], {
      compareSnapshotCols: false,
    });

    const deleteOne = `delete from ${p.relation('seed')} where id = 1`;
    const versionsOfOne = () =>
      p.query(
        `select dbt_valid_to is null as current, dbt_scd_id, dbt_is_deleted
         from ${p.relation('snapshot_actual')} where id = 1`,
      );
    await p.execute(deleteOne);
    expect((await p.run(['snapshot'])).results).toHaveLength(1);
    const deleted = await versionsOfOne();
    expect(deleted).toHaveLength(2);
    expect(
      deleted.filter((r) => r.current && r.dbt_scd_id && r.dbt_is_deleted === 'True'),
    ).toHaveLength(1);
    expect(
      deleted.filter((r) => !r.current && r.dbt_scd_id && r.dbt_is_deleted === 'False'),
    ).toHaveLength(1);
    expect(deleted[0]!.dbt_scd_id).not.toBe(deleted[1]!.dbt_scd_id);
    // Same source data: nothing is inserted or updated.
    await p.run(['snapshot']);
    expect(await versionsOfOne()).toHaveLength(2);
    await p.execute(
      insertPeople(p, 'seed', [{ ...people(1)[0]!, updated_at: '2200-01-01 12:00:00' }]),
    );
    expect((await p.run(['snapshot'])).results).toHaveLength(1);
    expect(await versionsOfOne()).toHaveLength(3);
    await p.execute(deleteOne);
    expect((await p.run(['snapshot'])).results).toHaveLength(1);
    expect(await versionsOfOne()).toHaveLength(4);
    expect((await p.run(['snapshot'])).results).toHaveLength(1);
    expect(await versionsOfOne()).toHaveLength(4);
  };

  it('test_snapshot_new_record_mode (timestamp): deletes and revivals as rows', () =>
    newRecordScenario('snap_new_record_ts', `${TIMESTAMP_YML}      hard_deletes: new_record\n`));

  it('test_snapshot_new_record_mode (check): the same with check_cols all', () =>
    newRecordScenario(
      'snap_new_record_check',
      'snapshots:\n  - name: snapshot_actual\n    config:\n      strategy: check\n      check_cols: all\n      hard_deletes: new_record\n',
    ));

  it('test_snapshot_new_record_dbt_valid_to_current: one deletion record, not two', async () => {
    const p = suiteProject(target, 'snap_new_record_current', {
      'snapshots/snapshot.sql':
        '{% snapshot snapshot_actual %}\n    select * from {{ target.schema }}.seed\n{% endsnapshot %}\n',
      'models/snapshots.yml':
        'snapshots:\n  - name: snapshot_actual\n    config:\n      unique_key: id\n      strategy: check\n      check_cols: all\n      hard_deletes: new_record\n      dbt_valid_to_current: "cast(\'9999-12-31\' as date)"\n',
    });
    await p.createSchema();
    const seed = p.relation('seed');
    await p.execute(
      `create table ${seed} (id integer, first_name varchar(50))`,
      `insert into ${seed} (id, first_name) values (1, 'Ada'), (2, 'Bram')`,
    );
    await p.run(['snapshot']);
    await p.execute(`delete from ${seed} where id = 1`);
    await p.run(['snapshot']);
    await p.run(['snapshot']);
    const rows = await p.query(
      `select dbt_scd_id from ${p.relation('snapshot_actual')} where id = 1 and dbt_is_deleted = 'True'`,
    );
    expect(rows).toHaveLength(1);
  });
}
