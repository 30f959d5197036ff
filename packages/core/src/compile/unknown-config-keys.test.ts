import { describe, expect, it } from 'vitest';
import { tempProject } from '../project/test-helpers';
import { compileProject } from './compile-project';

const PROJECT = 'name: shop\nversion: "1.0.0"\n';

async function warnings(files: Record<string, string>): Promise<string[]> {
  const dir = tempProject({ 'project.yml': PROJECT, ...files });
  const result = await compileProject({ projectDir: dir, writeArtifacts: false, env: {} });
  return result.warnings.map((w) => w.format().split('\n')[0]!);
}

describe('unknown config keys', () => {
  it('in config(), project.yml folder configs and YAML config: warn with the key meant', async () => {
    expect(
      await warnings({
        'project.yml': `${PROJECT}models:\n  shop:\n    marts:\n      +materialised: table\nseeds:\n  +delimitter: ';'\n`,
        'models/marts/a.sql': "select 1 as id\n{{ config(materialised='table', tags=['x']) }}",
        'models/b.sql': 'select 1 as id',
        'seeds/s.csv': 'id\n1\n',
        'models/schema.yml': [
          'version: 2',
          'models:',
          '  - name: b',
          '    config:',
          '      materialised: table',
          '    columns:',
          '      - name: id',
          '        tests:',
          '          - not_null:',
          '              config: {severty: warn}',
          'sources:',
          '  - name: raw',
          '    config: {enabeld: false}',
          '    tables:',
          '      - name: t',
          '',
        ].join('\n'),
      }),
    ).toEqual([
      "project.yml:6:7 unknown model config 'materialised' — did you mean 'materialized'? (a custom config belongs under meta:)",
      "project.yml:8:3 unknown seed config 'delimitter' — did you mean 'delimiter'? (a custom config belongs under meta:)",
      "models/schema.yml:13:14 unknown source config 'enabeld' — did you mean 'enabled'? (a custom config belongs under meta:)",
      "models/schema.yml:5:7 unknown model config 'materialised' — did you mean 'materialized'? (a custom config belongs under meta:)",
      "models/schema.yml:9:13 unknown test config 'severty' — did you mean 'severity'? (a custom config belongs under meta:)",
      "models/marts/a.sql:2:11 unknown model config 'materialised' — did you mean 'materialized'? (a custom config belongs under meta:)",
    ]);
  });

  it('a custom key gets no suggestion; keys under meta, hooks and known configs are never checked', async () => {
    expect(
      await warnings({
        'project.yml': `${PROJECT}models:\n  +meta: {materialised: 1}\n  +pre-hook: select 1\n`,
        'models/a.sql':
          "{{ config(owner_team='x', meta={'materialised': 1}, post_hook='select 1', after_consumers_of=[]) }}select 1 as id",
      }),
    ).toEqual([
      "models/a.sql:1:11 unknown model config 'owner_team' — no model config has this name; a custom config belongs under meta:",
    ]);
  });
});
