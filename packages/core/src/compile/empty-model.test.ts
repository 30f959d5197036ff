import { describe, expect, it } from 'vitest';
import { CompileErrors } from '../diagnostics';
import { tempProject } from '../project/test-helpers';
import { compileProject } from './compile-project';
import { isEmptySql } from './empty-sql';

async function problems(files: Record<string, string>): Promise<string[]> {
  const dir = tempProject({ 'project.yml': 'name: shop\nversion: "1.0.0"\n', ...files });
  try {
    await compileProject({ projectDir: dir, writeArtifacts: false, useCache: false, env: {} });
  } catch (err) {
    if (err instanceof CompileErrors) return err.problems.map((p) => p.format());
    throw err;
  }
  return [];
}

describe('empty models', () => {
  it.each([
    ['an empty file', ''],
    ['only whitespace', '  \n\t\n'],
    ['only a Jinja comment', "{# todo: write this #}\n{{ config(materialized='table') }}\n"],
    ['only SQL comments', '-- todo\n/* later */\n'],
    ['a template that renders nothing', "{% if var('on', false) %}select 1{% endif %}"],
  ])('%s is an error at parse naming the file', async (_case, text) => {
    expect(
      await problems({
        'models/empty.sql': text,
        'models/user.sql': "select * from {{ ref('empty') }}",
      }),
    ).toEqual([
      "models/empty.sql model 'empty' is empty: models/empty.sql renders to no SQL (only whitespace or comments) — write the model's select, delete the file, or disable it with {{ config(enabled=false) }}",
    ]);
  });

  it('a disabled empty model and a model after a comment are fine', async () => {
    expect(
      await problems({
        'models/off.sql': '{{ config(enabled=false) }}',
        'models/on.sql': '-- counts\n/* all */ select 1 as n',
      }),
    ).toEqual([]);
  });

  it('isEmptySql stops at the first statement character', () => {
    expect(isEmptySql('/* unclosed')).toBe(true);
    expect(isEmptySql('-- a\n--b')).toBe(true);
    expect(isEmptySql('-- a\nselect')).toBe(false);
    expect(isEmptySql('/**/x')).toBe(false);
  });
});
