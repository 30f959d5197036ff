import { describe, expect, it } from 'vitest';
import { CompileErrors } from '../diagnostics';
import { tempProject } from '../project/test-helpers';
import { compileProject } from './compile-project';
import { dialectAdapters } from '../testing/dialect-adapters';

const PROFILE =
  'shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      schema: main\n      path: ":memory:"\n';

/** The problems a compile of `files` reports, as the CLI prints them. */
async function problems(files: Record<string, string>, project = ''): Promise<string[]> {
  const dir = tempProject({
    'project.yml': `name: shop\nversion: "1.0.0"\nprofile: shop\n${project}`,
    'profiles.yml': PROFILE,
    ...files,
  });
  try {
    await compileProject({
      projectDir: dir,
      writeArtifacts: false,
      useCache: false,
      env: {},
      adapters: dialectAdapters(),
    });
  } catch (err) {
    if (err instanceof CompileErrors) return err.problems.map((p) => p.format());
    throw err;
  }
  return [];
}

describe('hook configs dbt refuses', () => {
  it('a seed hook that refs a model: seeds cannot depend on other nodes', async () => {
    expect(
      await problems(
        { 'seeds/codes.csv': 'id\n1\n', 'models/post.sql': 'select 1 as id' },
        `seeds:\n  post-hook:\n    - "select * from {{ ref('post') }}"\n`,
      ),
    ).toEqual([
      "seeds/codes.csv Seeds cannot depend on other nodes: a hook of seed.shop.codes (seeds/codes.csv) calls ref('post') — name the relation in the hook's SQL without ref(), or move the hook to a model",
    ]);
  });

  it('a config() call naming pre_hook and pre-hook', async () => {
    expect(
      await problems({
        'models/m.sql':
          '{{ config({"pre_hook": "select 1", "pre-hook": "select 2"}) }}\nselect 1 as id',
      }),
    ).toEqual([
      'models/m.sql Compilation Error in model.shop.m: config() sets both pre_hook and pre-hook, which are one config — keep one of pre_hook and pre-hook, with every hook in its list',
    ]);
  });

  it('a model hook may ref a model, a seed hook may name a relation', async () => {
    expect(
      await problems(
        {
          'seeds/codes.csv': 'id\n1\n',
          'models/post.sql': 'select 1 as id',
          'models/m.sql':
            '{{ config(post_hook="select * from {{ ref(\'post\') }}") }}\nselect 1 as id',
        },
        'seeds:\n  post-hook:\n    - "select * from {{ this }}"\n',
      ),
    ).toEqual([]);
  });
});
