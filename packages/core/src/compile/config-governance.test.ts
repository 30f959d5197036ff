import { describe, expect, it } from 'vitest';
import { CompileErrors } from '../diagnostics';
import { tempProject } from '../project/test-helpers';
import { compileProject } from './compile-project';

async function compile(files: Record<string, string>) {
  const dir = tempProject({ 'dbt_project.yml': 'name: shop\nversion: "1.0.0"\n', ...files });
  return compileProject({ projectDir: dir, writeArtifacts: false, useCache: false, env: {} });
}

const YML = [
  'version: 2',
  'groups:',
  '  - name: finance',
  '    owner: { email: finance@example.com }',
  'models:',
  '  - name: report',
  '    config: { access: public, group: finance }',
  '  - name: both',
  '    access: private',
  '    config: { access: public }',
  '',
].join('\n');

describe('access and group set as configs', () => {
  it('are copied onto the model node, as dbt does; a top-level access wins', async () => {
    const { manifest } = await compile({
      'models/report.sql': 'select 1 as id',
      'models/both.sql': 'select 1 as id',
      'models/inline.sql': "{{ config(access='private') }}\nselect 1 as id",
      'models/schema.yml': YML,
    });
    expect(manifest.nodes['model.shop.report']).toMatchObject({
      access: 'public',
      group: 'finance',
    });
    expect(manifest.nodes['model.shop.both']!.access).toBe('private');
    expect(manifest.nodes['model.shop.inline']!.access).toBe('private');
  });

  it('an access that is not private, protected or public is an error', async () => {
    const failed = await compile({
      'models/report.sql': "{{ config(access='everyone') }}\nselect 1 as id",
    }).catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(CompileErrors);
    expect((failed as CompileErrors).problems.map((p) => p.format())).toEqual([
      `models/report.sql model 'report' has access "everyone", which is not one of private, protected, public — set access to private, protected or public (protected is the default)`,
    ]);
  });
});
