import { describe, expect, it } from 'vitest';
import { CompileErrors } from '../diagnostics';
import { tempProject } from '../project/test-helpers';
import { keepResourceTypes, selectNodes } from '../selector';
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

const VERSIONS_YML = `version: 2
models:
  - name: dim_customers
    description: one row per customer
    latest_version: 2
    config:
      materialized: table
    columns:
      - name: id
        description: the key
        data_tests: [not_null]
      - name: name
      - name: legacy_flag
    versions:
      - v: 1
      - v: 2
        description: without the legacy flag
        columns:
          - include: all
            exclude: [legacy_flag]
          - name: segment
      - v: 3
        defined_in: dim_customers_preview
        config:
          materialized: view
`;

const FILES = {
  'models/marts/dim_customers_v1.sql': "select 1 as id, 'a' as name, true as legacy_flag",
  'models/marts/dim_customers_v2.sql': "select 1 as id, 'a' as name, 'b2b' as segment",
  'models/marts/dim_customers_preview.sql': "select 1 as id, 'a' as name, 'b2b' as segment",
  'models/marts/schema.yml': VERSIONS_YML,
};

describe('model versions', () => {
  it('make one node per version, named and aliased as dbt names them', async () => {
    const { manifest } = await compile(FILES);
    const v1 = manifest.nodes['model.shop.dim_customers.v1']!;
    const v2 = manifest.nodes['model.shop.dim_customers.v2']!;
    const v3 = manifest.nodes['model.shop.dim_customers.v3']!;
    expect(v1).toMatchObject({
      name: 'dim_customers',
      version: 1,
      latest_version: 2,
      fqn: ['shop', 'marts', 'dim_customers', 'v1'],
      original_file_path: 'models/marts/dim_customers_v1.sql',
      description: 'one row per customer',
      relation: { identifier: 'dim_customers_v1' },
      config: { materialized: 'table' },
    });
    expect(Object.keys(v1.columns)).toEqual(['id', 'name', 'legacy_flag']);
    expect(v2.description).toBe('without the legacy flag');
    expect(Object.keys(v2.columns)).toEqual(['id', 'name', 'segment']);
    expect(v2.columns.id!.description).toBe('the key');
    expect(v3).toMatchObject({
      original_file_path: 'models/marts/dim_customers_preview.sql',
      relation: { identifier: 'dim_customers_v3' },
      config: { materialized: 'view' },
    });
    expect(manifest.nodes['model.shop.dim_customers_v1']).toBeUndefined();
  });

  it('resolve an unpinned ref to the latest version and a pinned one to its version', async () => {
    const { manifest } = await compile({
      ...FILES,
      'models/latest.sql': "select * from {{ ref('dim_customers') }}",
      'models/pinned.sql': "select * from {{ ref('dim_customers', v=1) }}",
      'models/pinned_kw.sql': "select * from {{ ref('shop', 'dim_customers', version='3') }}",
    });
    expect(manifest.nodes['model.shop.latest']!.depends_on.nodes).toEqual([
      'model.shop.dim_customers.v2',
    ]);
    expect(manifest.nodes['model.shop.latest']!.compiled_code).toBe(
      'select * from "shop"."main"."dim_customers_v2"',
    );
    expect(manifest.nodes['model.shop.pinned']!.compiled_code).toBe(
      'select * from "shop"."main"."dim_customers_v1"',
    );
    expect(manifest.nodes['model.shop.pinned_kw']!.depends_on.nodes).toEqual([
      'model.shop.dim_customers.v3',
    ]);
  });

  it('default the latest version to the greatest one', async () => {
    const { manifest } = await compile({
      ...FILES,
      'models/marts/schema.yml': VERSIONS_YML.replace('    latest_version: 2\n', ''),
      'models/latest.sql': "select * from {{ ref('dim_customers') }}",
    });
    expect(manifest.nodes['model.shop.latest']!.depends_on.nodes).toEqual([
      'model.shop.dim_customers.v3',
    ]);
    expect(manifest.nodes['model.shop.dim_customers.v1']!.latest_version).toBe(3);
  });

  it('give each version its own tests, pinned to it and named with its version', async () => {
    const { manifest } = await compile(FILES);
    const tests = Object.values(manifest.nodes).filter((n) => n.resource_type === 'test');
    expect(tests.map((t) => t.name).sort()).toEqual([
      'not_null_dim_customers_v1_id',
      'not_null_dim_customers_v2_id',
      'not_null_dim_customers_v3_id',
    ]);
    const v2Test = tests.find((t) => t.name === 'not_null_dim_customers_v2_id')!;
    expect(v2Test.attached_node).toBe('model.shop.dim_customers.v2');
    expect(v2Test.test_metadata!.kwargs.model).toBe(
      "{{ get_where_subquery(ref('dim_customers', version='2')) }}",
    );
    expect(v2Test.compiled_code).toContain('"shop"."main"."dim_customers_v2"');
  });

  it('are selected by name (every version), name.vN, name_vN and version:', async () => {
    const { manifest, graph } = await compile(FILES);
    const pick = (select: string[]) => {
      const { selected } = selectNodes(manifest, graph, { select, rootProject: 'shop' });
      return [...keepResourceTypes(selected, manifest, ['model'])].sort();
    };
    expect(pick(['dim_customers'])).toEqual([
      'model.shop.dim_customers.v1',
      'model.shop.dim_customers.v2',
      'model.shop.dim_customers.v3',
    ]);
    expect(pick(['dim_customers.v2'])).toEqual(['model.shop.dim_customers.v2']);
    expect(pick(['dim_customers_v1'])).toEqual(['model.shop.dim_customers.v1']);
    expect(pick(['v1'])).toEqual([]);
    expect(pick(['version:latest'])).toEqual(['model.shop.dim_customers.v2']);
    expect(pick(['version:prerelease'])).toEqual(['model.shop.dim_customers.v3']);
    expect(pick(['version:old'])).toEqual(['model.shop.dim_customers.v1']);
  });

  it('fail on a pin to a version that does not exist, naming the versions', async () => {
    expect(
      await problems({
        ...FILES,
        'models/bad.sql': "select * from {{ ref('dim_customers', v=7) }}",
      }),
    ).toEqual([
      expect.stringMatching(
        /models\/bad\.sql:1:18 ref\('dim_customers', v=7\): model 'dim_customers' has no version 7 \(its versions: 1, 2, 3\)/,
      ),
    ]);
  });

  it('fail on a declared version without its file, and on a latest_version not listed', async () => {
    const missing = await problems({
      'models/dim_customers_v1.sql': 'select 1 as id',
      'models/schema.yml':
        'version: 2\nmodels:\n  - name: dim_customers\n    versions:\n      - v: 1\n      - v: 2\n',
    });
    expect(missing).toEqual([
      expect.stringContaining(
        "version 2 of model 'dim_customers' has no file: no model file is named dim_customers_v2.sql",
      ),
    ]);
    const latest = await problems({
      'models/dim_customers_v1.sql': 'select 1 as id',
      'models/schema.yml':
        'version: 2\nmodels:\n  - name: dim_customers\n    latest_version: 4\n    versions:\n      - v: 1\n',
    });
    expect(latest).toEqual([
      expect.stringMatching(
        /models\/schema\.yml:4:\d+ latest_version 4 of model 'dim_customers' is not one of its versions \(1\)/,
      ),
    ]);
  });

  it('fail on an unversioned file named like a versioned model, and on an unknown include', async () => {
    const clash = await problems({
      ...FILES,
      'models/dim_customers.sql': 'select 1 as id',
    });
    expect(clash).toEqual([
      expect.stringContaining(
        "model 'dim_customers' is versioned in a properties file, but models/dim_customers.sql defines it without a version",
      ),
    ]);
    const include = await problems({
      ...FILES,
      'models/marts/schema.yml': VERSIONS_YML.replace(
        'exclude: [legacy_flag]',
        'exclude: [legacy]',
      ),
    });
    expect(include).toEqual([
      expect.stringContaining(
        "includes or excludes column 'legacy', which the model's columns do not list",
      ),
    ]);
  });

  it('warn about a passed deprecation date on the model and on each consumer', async () => {
    const { warnings } = await compile({
      ...FILES,
      'models/marts/schema.yml': VERSIONS_YML.replace(
        '      - v: 1\n',
        '      - v: 1\n        deprecation_date: 2020-01-31\n',
      ),
      'models/old.sql': "select * from {{ ref('dim_customers', v=1) }}",
      'models/new.sql': "select * from {{ ref('dim_customers') }}",
    });
    const notes = warnings
      .filter((w) => w.code === 'deprecated-model' || w.code === 'deprecated-ref')
      .map((w) => `${w.code}: ${w.message} | ${w.hint}`);
    expect(notes).toEqual([
      'deprecated-model: dim_customers.v1 has passed its deprecation date of 2020-01-31: disable or remove it | move its consumers to a newer version, then delete the model or its version entry',
      "deprecated-ref: model.shop.old refers to dim_customers.v1, which was deprecated on 2020-01-31 | a newer version of 'dim_customers' is available: {{ ref('dim_customers', v=2) }}",
    ]);
  });

  it('warn about an upcoming deprecation on consumers, and fail on a date it cannot read', async () => {
    const { warnings } = await compile({
      'models/legacy.sql': 'select 1 as id',
      'models/reader.sql': "select * from {{ ref('legacy') }}",
      'models/schema.yml':
        'version: 2\nmodels:\n  - name: legacy\n    deprecation_date: 2999-01-01 00:00:00+00:00\n',
    });
    expect(warnings.map((w) => w.code)).toContain('upcoming-deprecation');
    expect(warnings.map((w) => w.code)).not.toContain('deprecated-model');
    const bad = await problems({
      'models/legacy.sql': 'select 1 as id',
      'models/schema.yml':
        'version: 2\nmodels:\n  - name: legacy\n    deprecation_date: next tuesday\n',
    });
    expect(bad).toEqual([
      expect.stringContaining("deprecation_date 'next tuesday' of legacy is not a date"),
    ]);
  });
});
