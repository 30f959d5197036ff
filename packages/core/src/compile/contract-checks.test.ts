import { describe, expect, it } from 'vitest';
import { redshiftDialect } from '../adapter/dialects/redshift';
import { CompileErrors } from '../diagnostics';
import { tempProject } from '../project/test-helpers';
import { compileProject } from './compile-project';
import { checkContracts } from './contract-checks';
import { DependencyResolver } from './dependency-resolver';

const PROJECT = 'name: shop\nversion: "1.0.0"\n';

async function compile(files: Record<string, string>) {
  const dir = tempProject({ 'dbt_project.yml': PROJECT, ...files });
  return compileProject({ projectDir: dir, writeArtifacts: false, env: {} });
}

async function problems(files: Record<string, string>): Promise<string[]> {
  try {
    await compile(files);
  } catch (err) {
    if (err instanceof CompileErrors) return err.problems.map((p) => p.message);
    throw err;
  }
  throw new Error('expected compile errors');
}

const yml = (model: string, body: string) => `version: 2\nmodels:\n  - name: ${model}\n${body}`;

describe('contract checks at compile time', () => {
  it('resolve a foreign key’s to: into its relation and a dependency', async () => {
    const { manifest } = await compile({
      'models/customers.sql': 'select 1 as id',
      'models/orders.sql': 'select 1 as customer_id',
      'models/schema.yml': yml(
        'orders',
        [
          '    config: {contract: {enforced: true}, materialized: table}',
          '    columns:',
          '      - name: customer_id',
          '        data_type: int',
          "        constraints: [{type: foreign_key, to: ref('customers'), to_columns: [id]}]",
          '',
        ].join('\n'),
      ),
    });
    const orders = manifest.nodes['model.shop.orders']!;
    expect(orders.depends_on.nodes).toEqual(['model.shop.customers']);
    expect(orders.columns.customer_id!.constraints).toEqual([
      { type: 'foreign_key', to: '"main"."customers"', to_columns: ['id'] },
    ]);
  });

  it('refuse an ephemeral contract, an untyped column, and a foreign key to nothing', async () => {
    expect(
      await problems({
        'models/e.sql': "{{ config(materialized='ephemeral') }} select 1 as id",
        'models/t.sql': 'select 1 as id, 2 as n',
        'models/schema.yml': [
          'version: 2',
          'models:',
          '  - name: e',
          '    config: {contract: {enforced: true}}',
          '    columns: [{name: id, data_type: int}]',
          '  - name: t',
          '    config: {contract: {enforced: true}}',
          '    columns:',
          '      - name: id',
          '        data_type: int',
          "        constraints: [{type: foreign_key, to: ref('custmers'), to_columns: [id]}]",
          '      - name: n',
          '',
        ].join('\n'),
      }),
    ).toEqual([
      "model 'e' enforces a contract but is ephemeral: an ephemeral model builds no relation to hold it to",
      "model 't' enforces a contract, so every column needs a data_type: n has none",
      "the foreign key of model 't': unknown ref 'custmers'",
    ]);
  });

  it('warn about constraints that are not applied: without a contract, or on a view', async () => {
    const { warnings } = await compile({
      'models/loose.sql': 'select 1 as id',
      'models/v.sql': "{{ config(materialized='view') }} select 1 as id",
      'models/schema.yml': [
        'version: 2',
        'models:',
        '  - name: loose',
        '    columns: [{name: id, constraints: [{type: not_null}]}]',
        '  - name: v',
        '    config: {contract: {enforced: true}}',
        '    columns: [{name: id, data_type: int, constraints: [{type: not_null}]}]',
        '',
      ].join('\n'),
    });
    expect(
      warnings
        .filter((w) => w.code.startsWith('constraints-'))
        .map((w) => `${w.code}: ${w.message}`),
    ).toEqual([
      "constraints-without-contract: the constraints of model 'loose' are not applied: its contract is not enforced",
      "constraints-on-view: the constraints of view 'v' are not applied: only tables and incremental models carry constraints (its columns and types are still checked)",
    ]);
  });

  it('warn where the engine does not enforce or cannot create a constraint, unless told not to', async () => {
    const { manifest } = await compile({
      'models/orders.sql': 'select 1 as id',
      'models/schema.yml': yml(
        'orders',
        [
          '    config: {contract: {enforced: true}, materialized: table}',
          '    columns:',
          '      - name: id',
          '        data_type: int',
          '        constraints:',
          '          - {type: not_null}',
          '          - {type: primary_key}',
          "          - {type: check, expression: 'id > 0'}",
          '          - {type: unique, warn_unenforced: false}',
          '',
        ].join('\n'),
      ),
    });
    const nodes = new Map(Object.entries(manifest.nodes));
    const resolver = new DependencyResolver(nodes.values(), [], [], 'shop', ['shop']);
    const { warnings, problems: found } = checkContracts({
      nodes,
      resolver,
      renderRelation: (rel) => rel.identifier,
      dialect: redshiftDialect,
    });
    expect(found).toEqual([]);
    expect(warnings.map((w) => `${w.code}: ${w.message}`)).toEqual([
      "constraint-not-enforced: the primary_key constraint on column 'id' of model 'orders' is created but not enforced: redshift does not check primary_key constraints",
      "constraint-not-supported: the check constraint on column 'id' of model 'orders' is left out: redshift cannot create check constraints",
    ]);
  });
});
