/**
 * A compile of many files reads them on a second core (core's compile/file-prefetch.ts), which
 * exists only in the bundled build: this spawns `bin/tsmodel.js` and checks the texts, and the
 * error for a file that is not UTF-8, are those of reading each file on the main thread.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempProject } from './test-io';

const bin = fileURLToPath(new URL('../../../bin/tsmodel.js', import.meta.url));
/** Well over the 500 files from which the prefetch starts. */
const MODELS = 2000;
const BIG = 5 * 1024 * 1024;

function project(): string {
  const files: Record<string, string> = {
    'project.yml': 'name: pf\n',
    'macros/twice.sql': '{% macro twice(x) %}{{ x }} * 2{% endmacro %}',
    'models/schema.yml': 'version: 2\nmodels:\n  - name: m0\n    description: first\n',
    // Over the prefetch's per-file limit: read by the main thread, as without it.
    'models/big.sql': `select 1 as id -- ${'x'.repeat(BIG)}\n`,
    'models/m0.sql': 'select 1 as id',
  };
  for (let i = 1; i < MODELS; i++) {
    files[`models/m${i}.sql`] =
      `-- model ${i} ${'é'.repeat(i % 7)}\nselect {{ twice('id') }} as id from {{ ref('m${i - 1}') }}`;
  }
  return tempProject(files);
}

function compile(dir: string) {
  return spawnSync(process.execPath, [bin, 'compile', '--project-dir', dir], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
}

describe('compile with files read on a second core', () => {
  it('compiles every file from its own text', () => {
    const dir = project();
    const r = compile(dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const compiled = (name: string) =>
      readFileSync(path.join(dir, `target/compiled/pf/models/${name}.sql`), 'utf8');
    for (let i = 1; i < MODELS; i++) {
      expect(compiled(`m${i}`)).toBe(
        `-- model ${i} ${'é'.repeat(i % 7)}\nselect id * 2 as id from "pf"."main"."m${i - 1}"`,
      );
    }
    expect(compiled('big')).toBe(`select 1 as id -- ${'x'.repeat(BIG)}`);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'target/manifest.json'), 'utf8'));
    expect(manifest.nodes['model.pf.m0'].description).toBe('first');
  });

  it('names the file, byte and line of a file that is not UTF-8', () => {
    const dir = project();
    const bad = Buffer.concat([Buffer.from('select 1 as id\n-- caf'), Buffer.from([0xe9, 0x0a])]);
    writeFileSync(path.join(dir, 'models/m1500.sql'), bad);
    const r = compile(dir);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(
      'models/m1500.sql is not valid UTF-8: byte 0xE9 at byte offset 21 (line 2)',
    );
  });
});
