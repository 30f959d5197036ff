/**
 * Output into a pipe whose reader went away (`tsmodel ls | head -1`): the bundled CLI, spawned,
 * must end quietly instead of crashing on EPIPE.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exitQuietlyOnBrokenPipe } from './io';
import { tempProject } from './test-io';

const bin = fileURLToPath(new URL('../../../bin/tsmodel.js', import.meta.url));

describe('broken stdout pipe', () => {
  it('`tsmodel ls | head -1` prints one line and exits 0 without an EPIPE trace', () => {
    const dir = tempProject({ 'project.yml': 'name: pipe\nversion: "1.0.0"\n' });
    mkdirSync(join(dir, 'models'));
    // Far more than a pipe buffer (64 KiB), so writes continue after `head` has exited.
    for (let i = 0; i < 2000; i++)
      writeFileSync(
        join(dir, 'models', `a_long_enough_model_name_to_fill_the_pipe_${i}.sql`),
        'select 1',
      );
    const result = spawnSync(
      'bash',
      ['-o', 'pipefail', '-c', `"${process.execPath}" "${bin}" ls --project-dir . | head -1`],
      { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^pipe\.a_long_enough_model_name_to_fill_the_pipe_\d+\n$/);
    expect(result.status).toBe(0);
  });

  it('rethrows stream errors other than EPIPE', () => {
    const stream = new PassThrough();
    const exits: number[] = [];
    exitQuietlyOnBrokenPipe(stream, (code) => exits.push(code));
    stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(exits).toEqual([0]);
    expect(() =>
      stream.emit('error', Object.assign(new Error('no space'), { code: 'ENOSPC' })),
    ).toThrow('no space');
  });
});
