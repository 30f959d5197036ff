import { describe, expect, it } from 'vitest';
import { DuckDBDialect } from '../adapter/dialects/duckdb';
import { postgresDialect } from '../adapter/dialects/postgres';
import { redshiftDialect } from '../adapter/dialects/redshift';
import type { ManifestNode } from '../manifest/types';
import { planTable } from '../materializations/table';
import { contractMismatches, mismatchTable } from './column-check';
import { readConstraint } from './constraints';
import { contractSpec } from './contract-ddl';
import { duckdbContractRules, postgresContractRules } from './contract-rules';

const duckdb = new DuckDBDialect();

function contracted(columns: ManifestNode['columns'], constraints?: unknown[]): ManifestNode {
  return {
    unique_id: 'model.shop.orders',
    resource_type: 'model',
    name: 'orders',
    package_name: 'shop',
    path: 'orders.sql',
    original_file_path: 'models/orders.sql',
    fqn: ['shop', 'orders'],
    config: {
      enabled: true,
      materialized: 'table',
      tags: [],
      pre_hook: [],
      post_hook: [],
      meta: {},
      contract: { enforced: true },
    },
    tags: [],
    description: '',
    columns,
    depends_on: { nodes: [], macros: [] },
    checksum: '',
    relation: { schema: 'main', identifier: 'orders' },
    ...(constraints ? { constraints } : {}),
  };
}

const col = (name: string, data_type: string, constraints?: unknown[], quote?: boolean) => ({
  name,
  description: '',
  data_type,
  meta: {},
  tags: [],
  ...(constraints ? { constraints } : {}),
  ...(quote ? { quote } : {}),
});

describe('contract type families', () => {
  it('fold an engine’s aliases together and ignore size, precision and scale', () => {
    const pg = postgresContractRules.typeFamily;
    expect(pg('INT')).toBe(pg('int4'));
    expect(pg('integer')).toBe(pg('int4'));
    expect(pg('character varying(30)')).toBe(pg('varchar'));
    expect(pg('numeric(12, 2)')).toBe(pg('numeric'));
    expect(pg('timestamp with time zone')).toBe(pg('timestamptz'));
    expect(pg('text')).not.toBe(pg('varchar'));
    expect(pg('int8')).not.toBe(pg('int4'));
    const duck = duckdbContractRules.typeFamily;
    expect(duck('STRING')).toBe(duck('VARCHAR'));
    expect(duck('DECIMAL(18,3)')).toBe(duck('numeric'));
    expect(duck('INTEGER[]')).toBe(duck('int[]'));
    expect(duck('INTEGER[]')).not.toBe(duck('INTEGER'));
    expect(duck('float')).not.toBe(duck('double'));
  });

  it('translate dbt’s type labels for the engine', () => {
    expect(postgresContractRules.translateType('string')).toBe('text');
    expect(redshiftDialect.contracts.translateType('STRING')).toBe('varchar');
    expect(duckdbContractRules.translateType('string')).toBe('string');
  });
});

describe('constraints', () => {
  it('are read with dbt’s keys, and malformed ones say what is missing', () => {
    expect(
      readConstraint({ type: 'check', expression: 'x > 0', name: 'positive' }, 'column'),
    ).toEqual({ constraint: { type: 'check', expression: 'x > 0', name: 'positive' } });
    const problem = (raw: unknown, level: 'column' | 'model' = 'column') => {
      const out = readConstraint(raw, level);
      return 'problem' in out ? out.problem : 'ok';
    };
    expect(problem({ type: 'check' })).toBe('a check constraint needs an `expression:`');
    expect(problem({ type: 'primary_key' }, 'model')).toBe(
      'a model-level primary_key constraint needs `columns:`',
    );
    expect(problem({ type: 'foreign_key', to: "ref('c')" })).toBe(
      'a foreign_key constraint with `to:` needs `to_columns:`',
    );
    expect(problem({ type: 'not_null', columns: ['a'] }, 'model')).toBe(
      'not_null is a column constraint, not a model-level one',
    );
    expect(problem({ type: 'not_nul' })).toBe("unknown constraint type 'not_nul'");
    expect(problem({ type: 'unique', expresion: 'x' })).toBe("unknown constraint key 'expresion'");
  });
});

describe('contract DDL', () => {
  const node = contracted(
    {
      id: col('id', 'integer', [{ type: 'not_null' }, { type: 'primary_key', name: 'pk_orders' }]),
      Label: col('Label', 'string', [{ type: 'check', expression: '"Label" <> \'\'' }], true),
      customer_id: col('customer_id', 'int', [
        { type: 'foreign_key', to: '"main"."customers"', to_columns: ['id'] },
      ]),
    },
    [
      { type: 'unique', columns: ['id', 'customer_id'] },
      { type: 'check', expression: 'id > 0', name: 'positive_id' },
    ],
  );

  it('declares each column with its translated type and constraints, then the model’s', () => {
    expect(contractSpec(node, postgresDialect)!.definitions).toEqual([
      'id integer not null constraint pk_orders primary key',
      `"Label" text check ("Label" <> '')`,
      'customer_id int references "main"."customers" (id)',
      'unique (id, customer_id)',
      'constraint positive_id check (id > 0)',
    ]);
  });

  it('leaves out what the engine cannot create (Redshift: check constraints)', () => {
    expect(contractSpec(node, redshiftDialect)!.definitions).toEqual([
      'id integer not null constraint pk_orders primary key',
      '"Label" varchar',
      'customer_id int references "main"."customers" (id)',
      'unique (id, customer_id)',
    ]);
  });

  it('builds a new table, or a tmp table swapped in, in one transaction', () => {
    const spec = contractSpec(node, duckdb)!;
    const plan = (existing?: { kind: 'table' | 'view' }) =>
      planTable({
        node: { ...node, relation: node.relation!, sql: 'select 1', contract: spec },
        ...(existing ? { existing } : {}),
        flags: { fullRefresh: false },
        dialect: duckdb,
      });
    const fresh = plan();
    expect(fresh.map((s) => [s.label, s.transactional])).toEqual([
      ['create contracted table', true],
      ['insert contracted rows', true],
    ]);
    expect(fresh[1]!.sql).toBe(
      'insert into "main"."orders" (id, "Label", customer_id)\nselect id, "Label", customer_id\nfrom (\nselect 1\n) as model_subq',
    );
    const rebuilt = plan({ kind: 'table' });
    expect(rebuilt.map((s) => s.label)).toEqual([
      'create contracted tmp table',
      'insert contracted rows',
      'move old to backup',
      'move new into place',
      'drop backup',
    ]);
    expect(rebuilt[0]!.sql).toContain('create table "main"."orders__tsmodel_tmp" (');
  });
});

describe('contract check', () => {
  it('lists missing, extra and mistyped columns as dbt does, matching unquoted names by case', () => {
    const spec = contractSpec(
      contracted({ ID: col('ID', 'int'), name: col('name', 'text'), gone: col('gone', 'date') }),
      postgresDialect,
    )!;
    const mismatches = contractMismatches(
      spec.columns,
      [
        { name: 'id', type: 'int4' },
        { name: 'name', type: 'varchar' },
        { name: 'extra', type: 'bool' },
        { name: 'status', type: 'oid 16390' },
      ],
      postgresDialect,
    );
    expect(mismatchTable(mismatches).split('\n')).toEqual([
      '| column_name | definition_type | contract_type | mismatch_reason       |',
      '| ----------- | --------------- | ------------- | --------------------- |',
      '| name        | varchar         | text          | data type mismatch    |',
      '| gone        |                 | date          | missing in definition |',
      '| extra       | bool            |               | missing in contract   |',
      '| status      | oid 16390       |               | missing in contract   |',
    ]);
  });
});
