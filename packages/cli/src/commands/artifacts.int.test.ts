/**
 * Artifacts survive a failing write, and filesystem problems are user errors naming the path
 * (exit 1), through the real bin on dist/: a file size limit hit half-way through the writes
 * (`ulimit -f`, what a full disk does to a write), a directory where run_results.json or the
 * parse cache goes, a DuckDB `path:` under a regular file, a model file tsmodel may not read.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../test-io';

const bin = fileURLToPath(new URL('../../../../bin/tsmodel.js', import.meta.url));
const PROJECT = { 'project.yml': 'name: shop\nversion: "1.0.0"\n' };
/** An unprivileged user for the permission case: chmod does not stop root. */
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;
/**
 * As root the permission case runs tsmodel as NOBODY, who must be able to reach this checkout
 * (a clone under a `mktemp -d` folder, mode 700, is out of reach): otherwise it cannot be run
 * here, and the error mapping is covered by fs-failure.test.ts alone.
 */
const nobodyCannotRunTsmodel =
  asRoot &&
  spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(bin)})`], {
    uid: NOBODY,
    gid: NOBODY,
  }).status !== 0;

/** `tsmodel ...args` in `cwd`, spawned; `limitKb` caps every file it writes (ulimit -f). */
function tsmodel(cwd: string, args: string[], options: { limitKb?: number; uid?: number } = {}) {
  const command = [process.execPath, bin, ...args].map((a) => `'${a}'`).join(' ');
  const limit = options.limitKb === undefined ? '' : `ulimit -f ${options.limitKb}; `;
  return spawnSync('bash', ['-c', `${limit}exec ${command}`], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', HOME: cwd },
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
  });
}

function models(n: number, version: number): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: n }, (_, i) => [`models/m${i}.sql`, `select ${version} as v${i}`]),
  );
}

describe('artifacts are written atomically', () => {
  it('a write cut short by a file size limit leaves the previous artifacts whole', () => {
    const dir = tempProject({ ...PROJECT, ...models(40, 1) });
    expect(tsmodel(dir, ['compile']).status).toBe(0);
    const target = join(dir, 'target');
    const before = Object.fromEntries(
      ['manifest.json', 'tsmodel_parse_cache.json'].map((f) => [
        f,
        readFileSync(join(target, f), 'utf8'),
      ]),
    );
    for (const text of Object.values(before)) expect(text.length).toBeGreaterThan(4096);
    const listing = readdirSync(target).sort();

    for (const [file, text] of Object.entries(models(40, 2))) writeFileSync(join(dir, file), text);
    const cut = tsmodel(dir, ['compile'], { limitKb: 2 });
    expect(cut.status).toBe(1);
    expect(cut.stderr).toMatch(/cannot write \S+\/target\/\S+\.json: EFBIG: file too large/);
    expect(cut.stderr).not.toContain('internal error');
    for (const [file, text] of Object.entries(before))
      expect(readFileSync(join(target, file), 'utf8')).toBe(text);
    // No temp file left behind; nothing vouches for a half-written compile.
    expect(readdirSync(target).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(readdirSync(target).sort()).toEqual(
      listing.filter((f) => f !== 'tsmodel_fingerprint.json' && f !== 'compiled_index.json'),
    );

    const again = tsmodel(dir, ['compile']);
    expect(again.status).toBe(0);
    expect(readFileSync(join(target, 'compiled', 'shop', 'models', 'm7.sql'), 'utf8')).toBe(
      'select 2 as v7',
    );
  });

  it('a directory where the parse cache goes: exit 1 naming it', async () => {
    const dir = tempProject({ ...PROJECT, ...models(1, 1) });
    mkdirSync(join(dir, 'target', 'tsmodel_parse_cache.json', 'x'), { recursive: true });
    const { code, stderr } = await runCli(['compile'], dir);
    expect(stderr).toContain(
      `cannot write ${join(dir, 'target', 'tsmodel_parse_cache.json')}: EISDIR`,
    );
    expect(stderr).toContain('--target-path');
    expect(code).toBe(1);
  });

  it('a directory where run_results.json goes: exit 1 naming it', () => {
    const dir = tempProject({ ...PROJECT, ...models(1, 1) });
    mkdirSync(join(dir, 'target', 'run_results.json', 'x'), { recursive: true });
    const run = tsmodel(dir, ['run']);
    expect(run.stderr).toContain(`cannot write ${join(dir, 'target', 'run_results.json')}:`);
    expect(run.stderr).not.toContain('internal error');
    expect(run.status).toBe(1);
  });
});

describe('filesystem problems are user errors naming the path', () => {
  it('a DuckDB path under a regular file', () => {
    const dir = tempProject({
      'project.yml': 'name: shop\nversion: "1.0.0"\nprofile: shop\n',
      'profiles.yml':
        'shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: data/db/shop.duckdb\n',
      data: 'a regular file where a folder is expected',
      ...models(1, 1),
    });
    const run = tsmodel(dir, ['run']);
    expect(run.stderr).toContain(
      `cannot create ${join(dir, 'data', 'db')}, the folder of the DuckDB database ${join(dir, 'data', 'db', 'shop.duckdb')}: ENOTDIR`,
    );
    expect(run.stderr).toContain('path: in profiles.yml');
    expect(run.stderr).not.toContain('internal error');
    expect(run.status).toBe(1);
  });

  it.skipIf(nobodyCannotRunTsmodel)('a model file tsmodel may not read', () => {
    const dir = tempProject({ ...PROJECT, ...models(2, 1) });
    const unreadable = join(dir, 'models', 'm1.sql');
    chmodSync(unreadable, 0o000);
    // Root reads any file: as root, run tsmodel as an unprivileged user who owns the project.
    if (asRoot) {
      for (const p of [dir, join(dir, 'models'), join(dir, 'models', 'm0.sql'), unreadable])
        chownSync(p, NOBODY, NOBODY);
    }
    const compile = tsmodel(dir, ['compile'], asRoot ? { uid: NOBODY } : {});
    expect(compile.stderr).toContain(`cannot open ${unreadable}: EACCES: permission denied`);
    expect(compile.stderr).not.toContain('internal error');
    expect(compile.status).toBe(1);
  });
});
