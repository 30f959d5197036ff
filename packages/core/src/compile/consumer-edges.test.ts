import { describe, expect, it } from 'vitest';
import { CompileErrors } from '../diagnostics';
import { tempProject } from '../project/test-helpers';
import { compileProject } from './compile-project';

const PROJECT = 'name: shop\nversion: "1.0.0"\n';

async function compile(files: Record<string, string>) {
  return compileProject({ projectDir: tempProject(files), writeArtifacts: false, env: {} });
}

describe('after_consumers_of', () => {
  it('makes a node wait for every reader of the named model, its own descendants excepted', async () => {
    const { manifest } = await compile({
      'project.yml': PROJECT,
      'models/staged.sql': 'select 1 as id',
      'models/reader_a.sql': "select * from {{ ref('staged') }}",
      'models/user_reader.sql': "select * from {{ ref('staged') }}",
      'models/complete.sql':
        "{{ config(after_consumers_of=['staged']) }}select count(*) as n from {{ ref('staged') }}",
      'models/after_complete.sql': "select * from {{ ref('complete') }}, {{ ref('staged') }}",
    });
    const deps = manifest.nodes['model.shop.complete']!.depends_on.nodes.sort();
    expect(deps).toEqual(['model.shop.reader_a', 'model.shop.staged', 'model.shop.user_reader']);
    expect(manifest.nodes['model.shop.after_complete']!.depends_on.nodes.sort()).toEqual([
      'model.shop.complete',
      'model.shop.staged',
    ]);
    expect(manifest.child_map['model.shop.user_reader']).toContain('model.shop.complete');
  });

  it('reports an unknown model name like an unknown ref', async () => {
    await expect(
      compile({
        'project.yml': PROJECT,
        'models/complete.sql': "{{ config(after_consumers_of=['stagd']) }}select 1 as n",
        'models/staged.sql': 'select 1 as id',
      }),
    ).rejects.toSatisfy(
      (err: unknown) =>
        err instanceof CompileErrors && err.problems.some((p) => /stagd/.test(p.format())),
    );
  });
});
