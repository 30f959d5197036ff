import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TsmodelError } from '../diagnostics';
import { writeFileAtomic } from './atomic-write';

function folder(): string {
  return mkdtempSync(path.join(tmpdir(), 'tsmodel-atomic-'));
}

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temp file beside it', async () => {
    const dir = folder();
    const file = path.join(dir, 'manifest.json');
    writeFileSync(file, 'old');
    await writeFileAtomic(file, 'new', 'hint');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['manifest.json']);
  });

  it('a directory in the way: a user error naming the file, nothing left behind', async () => {
    const dir = folder();
    const file = path.join(dir, 'run_results.json');
    mkdirSync(path.join(file, 'inside'), { recursive: true });
    const err = await writeFileAtomic(file, '{}', 'choose another --target-path').catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TsmodelError);
    expect((err as TsmodelError).kind).toBe('user');
    expect((err as TsmodelError).format()).toMatch(
      new RegExp(
        `^cannot write ${file.replace(/[.]/g, '\\.')}: E\\w+: .*; the previous file is unchanged — choose another --target-path$`,
      ),
    );
    expect(readdirSync(dir)).toEqual(['run_results.json']);
    expect(readdirSync(file)).toEqual(['inside']);
  });

  it('a folder that does not exist: the error names the file, not the temp file', async () => {
    const file = path.join(folder(), 'missing', 'manifest.json');
    await expect(writeFileAtomic(file, '{}', 'hint')).rejects.toThrow(
      `cannot write ${file}: ENOENT: no such file or directory; the previous file is unchanged`,
    );
  });
});
