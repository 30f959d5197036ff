/**
 * Empty models end to end with the built binary on DuckDB: the empty model's node fails
 * before anything reaches the warehouse, the rest of the project builds.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testProject } from './run-fixtures';

const bin = fileURLToPath(new URL('../../../../bin/tsmodel.js', import.meta.url));

function tsmodel(cwd: string, ...args: string[]) {
  const out = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

const FILES = {
  'models/orders.sql': 'select 1 as id',
  // Comments only: a node like any other, which fails when it runs.
  'models/placeholder.sql': '-- to be written\n/* soon */\n',
  // A blank file: dbt's empty node, never selected.
  'models/later.sql': '\n',
  // Ephemeral, comments only, referenced by nothing: a warning.
  'models/model_8.sql': "{{ config(materialized='ephemeral') }}\n-- no select yet\n",
  // Renders nothing only at run time: the just-in-time render fails that node.
  'models/introspected.sql': '{% if execute %}{% endif %}',
  'models/schema.yml':
    'version: 2\nmodels:\n  - name: placeholder\n    columns:\n      - name: answer\n        data_tests: [not_null]\n',
};

describe('empty models in tsmodel build', () => {
  it('fail their own node before touching the warehouse; the rest builds; exit 1', async () => {
    const p = testProject(FILES);
    mkdirSync(join(p.dir, 'target'), { recursive: true });
    await p.query(
      'create view main.placeholder as select 42 as answer; create table main.later as select 7 as n',
    );

    const out = tsmodel(p.dir, 'build');
    expect(out.code).toBe(1);
    expect(await p.query('select id from main.orders')).toEqual([{ id: 1 }]);
    // The relations named like the empty models are as they were.
    expect(await p.query('select answer from main.placeholder')).toEqual([{ answer: 42 }]);
    expect(await p.query('select n from main.later')).toEqual([{ n: 7 }]);

    const all = out.stdout + out.stderr;
    expect(all).toContain(
      "model 'placeholder' is empty: models/placeholder.sql renders to no SQL (only whitespace or comments), so there is nothing to build and nothing was sent to the warehouse — write the model's select, delete the file, or disable it with {{ config(enabled=false) }}",
    );
    expect(all).toContain(
      "model 'introspected' is empty: models/introspected.sql renders to no SQL when rendered against the warehouse, so nothing was built — check what the macros it calls found in the warehouse (relations, columns), e.g. with tsmodel compile --introspect",
    );
    expect(out.stderr).toContain(
      "warning: models/later.sql model 'later' is empty: models/later.sql renders to no SQL (the file is blank), so it is never selected or run (as in dbt)",
    );
    expect(out.stderr).toContain(
      "warning: models/model_8.sql model 'model_8' is empty: models/model_8.sql renders to no SQL (only comments, or Jinja that renders nothing), so nothing selects from it (it is ephemeral)",
    );

    const results = JSON.parse(readFileSync(join(p.dir, 'target', 'run_results.json'), 'utf8')) as {
      results: Array<{ unique_id: string; status: string }>;
    };
    const status = Object.fromEntries(results.results.map((r) => [r.unique_id, r.status]));
    expect(status['model.shop.orders']).toBe('success');
    expect(status['model.shop.placeholder']).toBe('error');
    expect(status['model.shop.introspected']).toBe('error');
    const test = Object.keys(status).find((id) => id.startsWith('test.shop.not_null_placeholder'));
    expect(test && status[test]).toBe('skipped');
    expect(status['model.shop.later']).toBeUndefined();
    expect(status['model.shop.model_8']).toBeUndefined();
    // Kept in the manifest, as dbt keeps its empty nodes.
    const manifest = JSON.parse(readFileSync(join(p.dir, 'target', 'manifest.json'), 'utf8')) as {
      nodes: Record<string, unknown>;
    };
    expect(Object.keys(manifest.nodes)).toEqual(
      expect.arrayContaining(['model.shop.later', 'model.shop.model_8', 'model.shop.placeholder']),
    );
  });

  it('--warn-error stops at compile: nothing runs', async () => {
    const p = testProject({ 'models/orders.sql': 'select 1 as id', 'models/later.sql': '' });
    const out = tsmodel(p.dir, 'build', '--warn-error');
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("error: models/later.sql model 'later' is empty");
    expect(out.stderr).toContain('1 warning treated as an error (--warn-error)');
    expect(await p.relations()).toEqual([]);
  });

  it('a model that refers to an empty one stops the compile, naming both files', async () => {
    const p = testProject({
      'models/later.sql': '  ',
      'models/orders.sql': "select * from {{ ref('later') }}",
    });
    const out = tsmodel(p.dir, 'run');
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(
      "models/orders.sql model 'orders' (models/orders.sql) refers to model 'later', which is empty: models/later.sql renders to no SQL",
    );
  });
});
