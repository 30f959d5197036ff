import { describe, expect, it } from 'vitest';
import { CompileErrors } from '../diagnostics';
import { tempProject } from '../project/test-helpers';
import { compileProject } from './compile-project';

const PROJECT = 'name: shop\nversion: "1.0.0"\n';
const DOCS = [
  '{% docs status %}',
  'One of **placed** or shipped.',
  '{% enddocs %}',
  '',
  '{% docs source_doc %}Raw data{% enddocs %}',
  '',
].join('\n');

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

describe('{% docs %} blocks and doc()', () => {
  it('resolve into every description dbt renders, and fill the manifest docs section', async () => {
    const manifest = (
      await compile({
        'models/docs.md': DOCS,
        'models/orders.sql': 'select 1 as id',
        'seeds/raw.csv': 'id\n1\n',
        'snapshots/snap.sql':
          "{% snapshot snap %}{{ config(strategy='check', unique_key='id', check_cols='all') }}select * from {{ ref('orders') }}{% endsnapshot %}",
        'macros/m.sql': '{% macro cents(x) %}{{ x }} * 100{% endmacro %}',
        'models/schema.yml': [
          'version: 2',
          'models:',
          '  - name: orders',
          '    description: "Orders. {{ doc(\'status\') }}"',
          '    columns:',
          '      - name: status',
          '        description: \'{{ doc("shop", "status") }}\'',
          'seeds:',
          // Other Jinja around doc() goes through the template engine.
          '  - name: raw\n    description: "{{ doc(\'status\') | trim }}"',
          'snapshots:',
          '  - name: snap\n    description: "{{ doc(\'status\') }}"',
          'macros:',
          '  - name: cents\n    description: "{{ doc(\'status\') }}"',
          '    arguments:\n      - name: x\n        description: "{{ doc(\'source_doc\') }}"',
          'sources:',
          '  - name: raw_data',
          '    description: "{{ doc(\'source_doc\') }}"',
          '    tables:',
          '      - name: events',
          '        description: "{{ doc(\'source_doc\') }}"',
          '        columns:',
          '          - name: id\n            description: "{{ doc(\'status\') }}"',
          '',
        ].join('\n'),
      })
    ).manifest;
    const text = 'One of **placed** or shipped.';
    const orders = manifest.nodes['model.shop.orders']!;
    expect(orders.description).toBe(`Orders. ${text}`);
    expect(orders.columns.status!.description).toBe(text);
    expect(manifest.nodes['seed.shop.raw']!.description).toBe(text);
    expect(manifest.nodes['snapshot.shop.snap']!.description).toBe(text);
    expect(manifest.macros['macro.shop.cents']).toMatchObject({
      description: text,
      arguments: [{ name: 'x', description: 'Raw data' }],
      patch_path: 'models/schema.yml',
    });
    const events = manifest.sources['source.shop.raw_data.events']!;
    expect([events.source_description, events.description, events.columns.id!.description]).toEqual(
      ['Raw data', 'Raw data', text],
    );
    expect(manifest.docs!['doc.shop.status']).toEqual({
      unique_id: 'doc.shop.status',
      name: 'status',
      resource_type: 'doc',
      package_name: 'shop',
      path: 'docs.md',
      original_file_path: 'models/docs.md',
      block_contents: text,
    });
  });

  it('are read from docs-paths only when it is set', async () => {
    const schema =
      'version: 2\nmodels:\n  - name: orders\n    description: "{{ doc(\'status\') }}"\n';
    const manifest = (
      await compile({
        'dbt_project.yml': `${PROJECT}docs-paths: [docs]\n`,
        'docs/all.md': DOCS,
        'models/ignored.md': '{% docs ignored %}x{% enddocs %}',
        'models/orders.sql': 'select 1 as id',
        'models/schema.yml': schema,
      })
    ).manifest;
    expect(Object.keys(manifest.docs!)).toEqual(['doc.shop.status', 'doc.shop.source_doc']);
    expect(manifest.nodes['model.shop.orders']!.description).toContain('placed');
  });

  it('an unknown doc name is an error at its YAML line with the closest name', async () => {
    expect(
      await problems({
        'models/docs.md': DOCS,
        'models/orders.sql': 'select 1 as id',
        'models/schema.yml':
          'version: 2\nmodels:\n  - name: orders\n    columns:\n      - name: id\n        description: "{{ doc(\'stauts\') }}"\n',
      }),
    ).toEqual(["models/schema.yml:6:22 unknown doc 'stauts' — did you mean doc('status')?"]);
  });

  it('a docs name defined twice in a package is an error naming both places', async () => {
    expect(
      await problems({
        'models/a.md': '{% docs x %}1{% enddocs %}',
        'models/b.md': '\n{% docs x %}2{% enddocs %}',
        'models/orders.sql': 'select 1 as id',
      }),
    ).toEqual([
      "models/b.md:2 docs block 'x' is defined twice in package 'shop': here and in models/a.md:1 — rename or delete one of them (doc names are unique within a package)",
    ]);
  });
});
