import { expect, it } from 'vitest';
import { awaiting } from './awaiting';
import { suiteProject } from './suite-project';
import type { DbtSuiteTarget } from './suite-target';

const SWITCHING = `{{ config(materialized=var('materialized')) }}
select '{{ var("materialized") }}' as materialization
{% if var('materialized') == 'incremental' and is_incremental() %}
where 'abc' != (select max(materialization) from {{ this }})
{% endif %}
`;

/** dbt's relations/test_changing_relation_type.py and test_dropping_schema_named.py. */
export function registerRelations(target: DbtSuiteTarget): void {
  it('test_changing_materialization_changes_relation_type', async () => {
    const p = suiteProject(target, 'relation_types', {
      'models/model_mc_modelface.sql': SWITCHING,
    });
    const steps: Array<[string, string[], string]> = [
      ['view', [], 'view'],
      ['table', [], 'table'],
      ['view', [], 'view'],
      ['incremental', [], 'table'],
      ['table', ['--full-refresh'], 'table'],
    ];
    for (const [materialized, extra, kind] of steps) {
      const run = await p.run(['run', '--vars', `materialized: ${materialized}`, ...extra]);
      expect(run.results).toHaveLength(1);
      const manifest = JSON.parse(p.read('target/manifest.json'));
      expect(manifest.nodes[run.results[0]!.unique_id].config.materialized).toBe(materialized);
      expect(await p.relationTypes()).toEqual({ model_mc_modelface: kind });
      expect(
        await p.query(`select materialization from ${p.relation('model_mc_modelface')}`),
      ).toContainEqual({
        materialization: materialized,
      });
    }
  });

  awaiting(
    'runtime',
    'test_dropped_schema_named_drops_expected_schema (adapter.drop_schema)',
    async () => {
      const p = suiteProject(target, 'drop_schema', { 'models/model_a.sql': 'select 1 as id\n' });
      expect((await p.run(['run'])).results).toHaveLength(1);
      await p.run(['run-operation', 'drop_schema_named', '--args', `{schema_name: ${p.schema}}`]);
      expect(await p.relationTypes()).toEqual({});
      const schemas = await p.query(
        `select schema_name from information_schema.schemata where schema_name = '${p.schema}'`,
      );
      expect(schemas).toEqual([]);
    },
  );
}
