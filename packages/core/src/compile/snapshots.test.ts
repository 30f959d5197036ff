import { describe, expect, it } from 'vitest';
import { CompileErrors } from '../diagnostics';
import { tempProject } from '../project/test-helpers';
import { compileProject } from './compile-project';

const PROJECT = 'name: shop\nversion: "1.0.0"\n';

async function compile(files: Record<string, string>) {
  const dir = tempProject({ 'dbt_project.yml': PROJECT, ...files });
  return compileProject({ projectDir: dir, writeArtifacts: false, env: {} });
}

async function problems(files: Record<string, string>): Promise<string[]> {
  try {
    await compile(files);
  } catch (err) {
    if (err instanceof CompileErrors) return err.problems.map((p) => p.format().split('\n')[0]!);
    throw err;
  }
  throw new Error('expected compile errors');
}

const ORDERS_SNAPSHOT = [
  '-- history of orders',
  '{% snapshot orders_snapshot %}',
  "{{ config(target_schema='snapshots', unique_key='id', strategy='timestamp', updated_at='updated_at') }}",
  "select * from {{ source('raw', 'orders') }}",
  '{% endsnapshot %}',
  '',
].join('\n');
const SOURCES =
  'version: 2\nsources:\n  - name: raw\n    tables:\n      - name: orders\n      - name: customers\n';

describe('snapshots', () => {
  it('are parsed from {% snapshot %} blocks with their config, dependencies and relation', async () => {
    const { manifest } = await compile({
      'models/sources.yml': SOURCES,
      'snapshots/orders_snapshot.sql': ORDERS_SNAPSHOT,
      'models/current.sql': "select * from {{ ref('orders_snapshot') }} where dbt_valid_to is null",
    });
    const snap = manifest.nodes['snapshot.shop.orders_snapshot']!;
    expect(snap).toMatchObject({
      resource_type: 'snapshot',
      original_file_path: 'snapshots/orders_snapshot.sql',
      fqn: ['shop', 'orders_snapshot', 'orders_snapshot'],
      relation: { schema: 'snapshots', identifier: 'orders_snapshot' },
      depends_on: { nodes: ['source.shop.raw.orders'] },
      config: {
        materialized: 'snapshot',
        unique_key: 'id',
        strategy: 'timestamp',
        updated_at: 'updated_at',
      },
    });
    expect(snap.compiled_code!.trim()).toBe('select * from "shop"."raw"."orders"');
    expect(snap.raw_code).toContain("{{ config(target_schema='snapshots'");
    expect(manifest.nodes['model.shop.current']!.compiled_code).toBe(
      'select * from "shop"."snapshots"."orders_snapshot" where dbt_valid_to is null',
    );
  });

  it('several blocks in one file, configured from dbt_project.yml and named by schema like models', async () => {
    const { manifest } = await compile({
      'dbt_project.yml': `${PROJECT}snapshots:\n  shop:\n    +schema: history\n    +strategy: check\n    +unique_key: id\n    +check_cols: all\n`,
      'models/sources.yml': SOURCES,
      'snapshots/raw.sql':
        "{% snapshot a %}select * from {{ source('raw', 'orders') }}{% endsnapshot %}\n{% snapshot b %}{{ config(alias='b_hist') }}select * from {{ source('raw', 'customers') }}{% endsnapshot %}\n",
    });
    expect(
      ['a', 'b'].map((n) => {
        const s = manifest.nodes[`snapshot.shop.${n}`]!;
        return [s.relation, s.config.strategy];
      }),
    ).toEqual([
      [{ database: 'shop', schema: 'main_history', identifier: 'a' }, 'check'],
      [{ database: 'shop', schema: 'main_history', identifier: 'b_hist' }, 'check'],
    ]);
  });

  it('are defined in YAML with relation: and config: (dbt 1.9)', async () => {
    const { manifest } = await compile({
      'models/sources.yml': SOURCES,
      'snapshots/snapshots.yml': [
        'snapshots:',
        '  - name: customers_snapshot',
        "    relation: source('raw', 'customers')",
        '    description: Customers over time',
        '    config:',
        '      schema: snapshots',
        '      unique_key: id',
        '      strategy: check',
        '      check_cols: all',
        '',
      ].join('\n'),
    });
    expect(manifest.nodes['snapshot.shop.customers_snapshot']).toMatchObject({
      original_file_path: 'snapshots/snapshots.yml',
      description: 'Customers over time',
      relation: { schema: 'main_snapshots', identifier: 'customers_snapshot' },
      depends_on: { nodes: ['source.shop.raw.customers'] },
      config: { unique_key: 'id', strategy: 'check', check_cols: 'all' },
      compiled_code: 'select * from "shop"."raw"."customers"',
    });
  });

  it('report a block never closed, and template and ref errors at their lines in the file', async () => {
    expect(
      await problems({
        'snapshots/open.sql': '\n{% snapshot s %}\nselect 1\n',
        'snapshots/syntax.sql': '\n\n{% snapshot u %}\nselect {{ 1 + }}\n{% endsnapshot %}',
        'snapshots/bad.sql':
          "-- t\n{% snapshot t %}{{ config(strategy='check', unique_key='id', check_cols='all') }}\n\nselect * from {{ ref('nope') }}\n{% endsnapshot %}",
      }),
    ).toEqual([
      'snapshots/open.sql:2:1 {% snapshot s %} is never closed — end the block with {% endsnapshot %}',
      'snapshots/syntax.sql:4:15 template syntax error: unexpected `}}`: an expression is missing before it',
      "snapshots/bad.sql:4:18 unknown ref 'nope' — no model, seed or snapshot named 'nope' exists",
    ]);
  });

  it('report a config dbt rejects at parse, at the snapshot file, with the fix', async () => {
    const block = (name: string, config: string) =>
      `{% snapshot ${name} %}{{ config(${config}) }}select 1 as id{% endsnapshot %}`;
    expect(
      await problems({
        'snapshots/a.sql': block('a', "unique_key='id'"),
        'snapshots/b.sql': block('b', "strategy='timestamp', unique_key='id'"),
        'snapshots/c.sql': block('c', "strategy='check', unique_key='id'"),
        'snapshots/d.sql': block('d', "strategy='checks', unique_key='id'"),
        'snapshots/e.sql': block(
          'e',
          "strategy='check', unique_key='id', check_cols='all', hard_deletes='invalidate', invalidate_hard_deletes=true",
        ),
        'snapshots/f.sql': block(
          'f',
          "strategy='check', unique_key='id', check_cols='all', hard_deletes='remove'",
        ),
        'snapshots/g.sql': block(
          'g',
          "strategy='check', unique_key='id', check_cols='all', snapshot_meta_column_names={'dbt_valid_too': 'x'}",
        ),
      }),
    ).toEqual([
      "snapshots/a.sql snapshot.shop.a: Snapshots must be configured with a 'strategy' and 'unique_key' — set e.g. config(strategy='timestamp', unique_key='id', updated_at='updated_at')",
      "snapshots/b.sql snapshot.shop.b: the timestamp strategy needs 'updated_at', the column that says when a row last changed — set updated_at='<column>', or use strategy='check' with check_cols",
      "snapshots/c.sql snapshot.shop.c: Invalid value for 'check_cols': null — the check strategy compares the columns in check_cols: 'all', or a list such as ['status', 'amount']",
      "snapshots/d.sql snapshot.shop.d: unknown snapshot strategy 'checks' — use one of timestamp, check (did you mean 'check'?); custom strategy macros are not supported",
      "snapshots/e.sql snapshot.shop.e: You cannot set both the invalidate_hard_deletes and hard_deletes config properties on the same snapshot. — keep hard_deletes ('invalidate' is what invalidate_hard_deletes: true meant)",
      'snapshots/f.sql snapshot.shop.f: Invalid setting for property hard_deletes: "remove" — use one of ignore, invalidate, new_record',
      "snapshots/g.sql snapshot.shop.g: snapshot_meta_column_names has an unknown key 'dbt_valid_too' — its keys are dbt_valid_from, dbt_valid_to, dbt_scd_id, dbt_updated_at, dbt_is_deleted (did you mean 'dbt_valid_to'?)",
    ]);
  });

  it('warn about a snapshot file without a block', async () => {
    const { warnings } = await compile({
      'models/a.sql': 'select 1',
      'snapshots/plain.sql': 'select 1',
    });
    expect(warnings.map((w) => w.format().split('\n')[0])).toEqual([
      'snapshots/plain.sql this file in a snapshot folder defines no {% snapshot %} block; it is ignored — wrap its select in {% snapshot name %} … {% endsnapshot %}, or move it to a model folder',
    ]);
  });
});
