import { expect, it } from 'vitest';
import { suiteProject } from './suite-project';
import type { DbtSuiteTarget } from './suite-target';

const people = (n: number) =>
  `id,first_name,email\n${Array.from({ length: n }, (_, i) => `${i + 1},Name${i + 1},n${i + 1}@example.org`).join('\n')}\n`;
const table = (body: string) => `{{ config(materialized = "table") }}\n${body}\n`;

/** dbt's concurrency/test_concurrency.py: one failure errors its node and skips only its child. */
export function registerConcurrency(target: DbtSuiteTarget): void {
  it('test_concurrency: seven models on four threads, one invalid and its child skipped', async () => {
    const p = suiteProject(target, 'concurrency', {
      'seeds/seed.csv': people(40),
      'models/invalid.sql': table('select a_field_that_does_not_exist from {{ this.schema }}.seed'),
      'models/table_a.sql': table('select * from {{ this.schema }}.seed'),
      'models/table_b.sql': table('select * from {{ this.schema }}.seed'),
      'models/view_model.sql':
        '{{ config(materialized = "view") }}\nselect * from {{ this.schema }}.seed\n',
      'models/dep.sql': table("select * from {{ ref('view_model') }}"),
      'models/view_with_conflicting_cascade.sql':
        "select * from {{ ref('table_a') }}\nunion all\nselect * from {{ ref('table_b') }}\n",
      'models/skip.sql': "select * from {{ ref('invalid') }}\n",
    });
    await p.run(['seed', '--select', 'seed']);
    const check = async () => {
      for (const model of ['view_model', 'dep', 'table_a', 'table_b'])
        await p.expectRelationsEqual(['seed', model]);
      const relations = await p.relationTypes();
      expect(relations).not.toHaveProperty('invalid');
      expect(relations).not.toHaveProperty('skip');
    };
    expect((await p.run(['run'], 1)).results).toHaveLength(7);
    await check();
    p.write({ 'seeds/seed.csv': people(60) });
    const again = await p.run(['run'], 1);
    await check();
    const statuses: Record<string, number> = {};
    for (const r of again.results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    const messages = again.results
      .map((r) => `${r.unique_id}: ${r.status} ${r.message ?? ''}`)
      .join('\n');
    expect(statuses, messages).toEqual({ success: 5, error: 1, skipped: 1 });
  });
}
