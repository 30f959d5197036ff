/**
 * Render workers exist only in the bundled build, so this spawns `bin/tsmodel.js` on a project
 * with enough nunjucks-only templates to use them, and checks the output matches a compile of
 * the same project small enough to render on one thread.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempProject } from './test-io';

const bin = fileURLToPath(new URL('../../../bin/tsmodel.js', import.meta.url));

function project(models: number): string {
  const files: Record<string, string> = {
    'project.yml': 'name: wk\nvars:\n  n: 7\n',
    'macros/cols.sql':
      "{% macro cols(prefix) %}{% for c in ['a', 'b'] %}{{ prefix }}{{ c }}{% if not loop.last %}, {% endif %}{% endfor %}{% endmacro %}",
    'models/m0.sql': 'select 1 as a, 2 as b',
  };
  for (let i = 1; i < models; i++) {
    files[`models/m${i}.sql`] =
      `select {{ cols('x.') }}, {{ var('n') | int + ${i} }} as k from {{ ref('m${i - 1}') }} x`;
  }
  return tempProject(files);
}

function compile(dir: string) {
  const r = spawnSync(process.execPath, [bin, 'compile', '--project-dir', dir], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}

describe('compile on several threads', () => {
  it('renders nunjucks templates in workers exactly as on one thread', () => {
    const big = project(450);
    compile(big);
    for (const i of [1, 200, 449]) {
      const sql = readFileSync(path.join(big, `target/compiled/wk/models/m${i}.sql`), 'utf8');
      expect(sql).toBe(`select x.a, x.b, ${7 + i} as k from "wk"."main"."m${i - 1}" x`);
    }
    const manifest = JSON.parse(readFileSync(path.join(big, 'target/manifest.json'), 'utf8'));
    expect(manifest.nodes['model.wk.m300'].depends_on).toEqual({
      nodes: ['model.wk.m299'],
      macros: ['macro.wk.cols'],
    });
  });
});

describe('writing compiled files on a second thread', () => {
  function staticProject(models: number): string {
    const files: Record<string, string> = { 'project.yml': 'name: wr\n' };
    for (let i = 0; i < models; i++)
      files[`models/${i % 2 ? 'odd' : 'even'}/w${i}.sql`] =
        i === 0 ? 'select 1 as id' : `select id + ${i} as id from {{ ref('w${i - 1}') }}`;
    return tempProject(files);
  }

  it('writes every compiled file of a large project', () => {
    const dir = staticProject(700);
    compile(dir);
    for (const i of [1, 350, 699]) {
      const folder = i % 2 ? 'odd' : 'even';
      const sql = readFileSync(
        path.join(dir, `target/compiled/wr/models/${folder}/w${i}.sql`),
        'utf8',
      );
      expect(sql).toBe(`select id + ${i} as id from "wr"."main"."w${i - 1}"`);
    }
  });

  it('fails with the path it could not write, and exit code 1', () => {
    const dir = staticProject(700);
    mkdirSync(path.join(dir, 'target/compiled/wr/models'), { recursive: true });
    writeFileSync(path.join(dir, 'target/compiled/wr/models/odd'), 'in the way');
    const r = spawnSync(process.execPath, [bin, 'compile', '--project-dir', dir], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`cannot write ${path.join(dir, 'target/compiled/wr/models/odd')}`);
    expect(r.stderr).toContain('--target-path');
    expect(r.stderr).not.toContain('internal error');
  });
});
