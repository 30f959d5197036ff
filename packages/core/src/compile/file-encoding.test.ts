import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CompileErrors, TsmodelError } from '../diagnostics';
import { tempProject } from '../project/test-helpers';
import { compileProject } from './compile-project';

const PROJECT = 'name: shop\nversion: "1.0.0"\n';
/** `select 'café' as x` saved as Latin-1: é is the single byte 0xE9. */
const LATIN1 = Buffer.from("select 1 as id,\n  'caf\xe9' as x\n", 'latin1');

async function compileError(files: Record<string, string>, latin1File: string) {
  const dir = tempProject({ 'project.yml': PROJECT, [latin1File]: '', ...files });
  writeFileSync(path.join(dir, latin1File), LATIN1);
  try {
    await compileProject({ projectDir: dir, writeArtifacts: false, useCache: false, env: {} });
  } catch (err) {
    if (err instanceof CompileErrors && err.problems.length === 1) return err.problems[0]!;
    if (err instanceof TsmodelError) return err;
    throw err;
  }
  throw new Error('expected the compile to fail');
}

describe('files that are not UTF-8', () => {
  it.each([
    ['a model', {}, 'models/a.sql'],
    ['a macro', { 'models/a.sql': 'select 1' }, 'macros/m.sql'],
    ['a properties file', { 'models/a.sql': 'select 1' }, 'models/schema.yml'],
    ['project.yml', { 'models/a.sql': 'select 1' }, 'project.yml'],
  ])('%s is an error naming the file, line and byte offset', async (_what, files, file) => {
    const error = await compileError(files, file);
    expect(error.code).toBe('invalid-utf8');
    expect(error.location).toEqual({ file, line: 2, column: 7 });
    expect(error.message).toBe(`${file} is not valid UTF-8: byte 0xE9 at byte offset 22 (line 2)`);
    expect(error.kind).toBe('user');
  });
});
