import { utimesSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CompileErrors } from '../diagnostics';
import { tempProject } from '../project/test-helpers';
import { compileProject } from './compile-project';

const PROJECT = 'name: shop\nversion: "1.0.0"\nvars:\n  raw_schema: landing\n  strict: true\n';

async function compile(files: Record<string, string>, env: Record<string, string> = {}) {
  const dir = tempProject({ 'dbt_project.yml': PROJECT, ...files });
  return compileProject({ projectDir: dir, writeArtifacts: false, env });
}

describe('Jinja in properties files, rendered where dbt renders it', () => {
  it('source database, schema, identifier, name and loaded_at_field, with var, env_var and target', async () => {
    const { manifest } = await compile(
      {
        'models/sources.yml': [
          'sources:',
          '  - name: "{{ \'raw\' }}"',
          '    database: "{{ env_var(\'RAW_DB\') }}"',
          '    schema: "{{ var(\'raw_schema\') }}_{{ target.name }}"',
          '    loaded_at_field: "{{ \'loaded_at\' | upper }}"',
          '    tables:',
          '      - name: orders',
          "        identifier: \"{{ 'orders_' ~ var('raw_schema') }}\"",
          '',
        ].join('\n'),
        'models/stg.sql': "select * from {{ source('raw', 'orders') }}",
      },
      { RAW_DB: 'lake' },
    );
    const source = manifest.sources['source.shop.raw.orders']!;
    expect(source.relation).toEqual({
      database: 'lake',
      schema: 'landing_default',
      identifier: 'orders_landing',
    });
    expect(source.loaded_at_field).toBe('LOADED_AT');
    expect(manifest.nodes['model.shop.stg']!.compiled_code).toBe(
      'select * from "lake"."landing_default"."orders_landing"',
    );
  });

  it('config: values natively (booleans, numbers), test configs, but not hooks, descriptions or test arguments', async () => {
    const { manifest } = await compile({
      'models/orders.sql': 'select 1 as id',
      'models/schema.yml': [
        'models:',
        '  - name: orders',
        '    description: "{{ \'kept\' }} as written without doc()"',
        '    config:',
        "      materialized: \"{{ 'table' if var('strict') else 'view' }}\"",
        '      persist_docs: { relation: "{{ var(\'strict\') }}" }',
        '      post_hook: "grant select on {{ this }} to reporter"',
        '    columns:',
        '      - name: id',
        '        tests:',
        '          - accepted_values:',
        '              values: ["{{ 1 }}"]',
        '              config:',
        "                severity: \"{{ 'warn' if var('strict') else 'error' }}\"",
        '                where: "id > {{ var(\'raw_schema\') | length }}"',
        '                limit: "{{ 2 + 3 }}"',
        '',
      ].join('\n'),
    });
    const orders = manifest.nodes['model.shop.orders']!;
    expect(orders.config.materialized).toBe('table');
    expect(orders.config.persist_docs).toEqual({ relation: true });
    expect(orders.config.post_hook).toEqual(['grant select on {{ this }} to reporter']);
    expect(orders.description).toBe('kept as written without doc()');
    const test = Object.values(manifest.nodes).find((n) => n.resource_type === 'test')!;
    expect(test.config).toMatchObject({ severity: 'WARN', where: 'id > 7', limit: 5 });
    expect(test.test_metadata!.kwargs.values).toEqual(['{{ 1 }}']);
    expect(test.compiled_code).toContain('where id > 7');
  });

  it('a template that fails is an error at its YAML line', async () => {
    try {
      await compile({
        'models/a.sql': 'select 1',
        'models/sources.yml':
          'sources:\n  - name: raw\n    schema: "{{ var(\'missing_var\') }}"\n    tables: [{ name: t }]\n',
      });
      throw new Error('expected compile errors');
    } catch (err) {
      expect((err as CompileErrors).problems.map((p) => p.format().split('\n')[0])).toEqual([
        expect.stringMatching(/^models\/sources\.yml:3:13 .*missing_var/),
      ]);
    }
  });
});

describe('a reused manifest', () => {
  it('is compiled again when an env var read only by a properties file changes', async () => {
    const { compileManifest } = await import('./compile-project');
    const dir = tempProject({
      'dbt_project.yml': PROJECT,
      'models/a.sql': "select * from {{ source('raw', 't') }}",
      'models/sources.yml':
        'sources:\n  - name: raw\n    schema: "{{ env_var(\'RAW_SCHEMA\') }}"\n    tables: [{ name: t }]\n',
    });
    const past = new Date(Date.now() - 60_000);
    for (const f of ['dbt_project.yml', 'models/a.sql', 'models/sources.yml'])
      utimesSync(path.join(dir, f), past, past);
    const opts = { projectDir: dir, writeArtifacts: true as const };
    await compileManifest({ ...opts, env: { RAW_SCHEMA: 'one' } });
    const same = await compileManifest({ ...opts, env: { RAW_SCHEMA: 'one' } });
    expect(same.stats.phases.reuse).toBeDefined();
    const changed = await compileManifest({ ...opts, env: { RAW_SCHEMA: 'two' } });
    expect(changed.stats.phases.reuse).toBeUndefined();
    expect(changed.manifest.sources['source.shop.raw.t']!.relation!.schema).toBe('two');
  });
});
