import { describe, expect, it } from 'vitest';
import { CompileErrors } from '../diagnostics';
import { tempProject } from '../project/test-helpers';
import { selectNodes } from '../selector/apply';
import { compileProject } from './compile-project';
import { isEmptySql } from './empty-sql';

type Outcome =
  | { ok: true; result: Awaited<ReturnType<typeof compileProject>>; warnings: string[] }
  | { ok: false; problems: string[] };

async function compile(files: Record<string, string>): Promise<Outcome> {
  const dir = tempProject({ 'project.yml': 'name: shop\nversion: "1.0.0"\n', ...files });
  try {
    const result = await compileProject({
      projectDir: dir,
      writeArtifacts: false,
      useCache: false,
      env: {},
    });
    return { ok: true, result, warnings: result.warnings.map((w) => w.format()) };
  } catch (err) {
    if (err instanceof CompileErrors)
      return { ok: false, problems: err.problems.map((p) => p.format()) };
    throw err;
  }
}

async function compiled(files: Record<string, string>) {
  const outcome = await compile(files);
  if (!outcome.ok) throw new Error(`compile failed:\n${outcome.problems.join('\n')}`);
  return outcome;
}

function selected(result: Awaited<ReturnType<typeof compileProject>>, select?: string[]): string[] {
  return [
    ...selectNodes(result.manifest, result.graph, {
      rootProject: 'shop',
      ...(select ? { select } : {}),
    }).selected,
  ].sort();
}

const FIX =
  "write the model's select, delete the file, or disable it with {{ config(enabled=false) }}";
const TESTED =
  'version: 2\nmodels:\n  - name: empty\n    columns:\n      - name: id\n        data_tests: [not_null]\n';

describe('a blank model file (dbt: an empty node)', () => {
  it.each([
    ['an empty file', ''],
    ['only whitespace', '  \n\t\n'],
  ])(
    '%s is kept in the manifest with a warning, and never selected (nor its tests)',
    async (_case, text) => {
      const { result, warnings } = await compiled({
        'models/empty.sql': text,
        'models/other.sql': 'select 1 as id',
        'models/schema.yml': TESTED,
      });
      expect(warnings).toEqual([
        `models/empty.sql model 'empty' is empty: models/empty.sql renders to no SQL (the file is blank), so it is never selected or run (as in dbt) — ${FIX}`,
      ]);
      expect(result.manifest.nodes['model.shop.empty']).toMatchObject({ raw_code: text });
      const test = Object.keys(result.manifest.nodes).find((id) =>
        id.startsWith('test.shop.not_null_empty'),
      );
      expect(test).toBeDefined();
      expect(selected(result)).toEqual(['model.shop.other']);
      expect(selected(result, ['empty+'])).toEqual([]);
    },
  );
});

describe('a model that renders to no SQL otherwise', () => {
  it.each([
    [
      'only a Jinja comment and a config',
      "{# todo: write this #}\n{{ config(materialized='table') }}\n",
    ],
    ['only SQL comments', '-- todo\n/* later */\n'],
    ['a template that renders nothing', "{% if var('on', false) %}select 1{% endif %}"],
  ])('%s warns that running it fails, and is selected like any node', async (_case, text) => {
    const { result, warnings } = await compiled({ 'models/empty.sql': text });
    expect(warnings).toEqual([
      `models/empty.sql model 'empty' is empty: models/empty.sql renders to no SQL (only comments, or Jinja that renders nothing), so running it fails — ${FIX}`,
    ]);
    expect(selected(result)).toEqual(['model.shop.empty']);
  });

  it('an ephemeral one that nothing refers to is a warning only', async () => {
    const { result, warnings } = await compiled({
      'models/model_8.sql':
        "{{ config(materialized='ephemeral') }}\n-- a model with no parents\n-- nor a select\n",
    });
    expect(warnings).toEqual([
      `models/model_8.sql model 'model_8' is empty: models/model_8.sql renders to no SQL (only comments, or Jinja that renders nothing), so nothing selects from it (it is ephemeral) — ${FIX}`,
    ]);
    expect(result.manifest.nodes['model.shop.model_8']).toBeDefined();
  });
});

describe('a node that refers to an empty model', () => {
  it.each([
    ['blank', ''],
    ['comments only', '-- todo\n'],
    ['ephemeral, comments only', "{{ config(materialized='ephemeral') }}\n-- todo\n"],
  ])('is a compile error naming both files (%s)', async (_case, text) => {
    const outcome = await compile({
      'models/empty.sql': text,
      'models/user.sql': "select * from {{ ref('empty') }}",
      'models/schema.yml': TESTED,
    });
    expect(outcome).toEqual({
      ok: false,
      problems: [
        "models/user.sql model 'user' (models/user.sql) refers to model 'empty', which is empty: models/empty.sql renders to no SQL — write the select of models/empty.sql, or remove the reference from models/user.sql",
      ],
    });
  });

  it("a relationships test to an empty model is one too, at the test's YAML line", async () => {
    const outcome = await compile({
      'models/empty.sql': '',
      'models/user.sql': 'select 1 as id',
      'models/schema.yml':
        "version: 2\nmodels:\n  - name: user\n    columns:\n      - name: id\n        data_tests:\n          - relationships: {to: ref('empty'), field: id}\n",
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problems).toHaveLength(1);
    expect(outcome.problems[0]).toMatch(
      /^models\/schema\.yml:7:13 test 'relationships_user_id__id__ref_empty_': it refers to model 'empty', which is empty: models\/empty\.sql renders to no SQL — write the select of models\/empty\.sql, or remove the reference from models\/schema\.yml$/,
    );
  });
});

describe('models that are not empty', () => {
  it('a disabled empty model and a model after a comment compile without a warning', async () => {
    const { warnings } = await compiled({
      'models/off.sql': '{{ config(enabled=false) }}',
      'models/on.sql': '-- counts\n/* all */ select 1 as n',
    });
    expect(warnings).toEqual([]);
  });

  it('isEmptySql stops at the first statement character', () => {
    expect(isEmptySql('/* unclosed')).toBe(true);
    expect(isEmptySql('-- a\n--b')).toBe(true);
    expect(isEmptySql('-- a\nselect')).toBe(false);
    expect(isEmptySql('/**/x')).toBe(false);
  });
});
