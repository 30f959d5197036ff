import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TsmodelError } from './diagnostics';
import { readUtf8File } from './utf8-text';

const dir = mkdtempSync(path.join(tmpdir(), 'tsmodel-utf8-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Buffer | string): string {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

describe('readUtf8File', () => {
  it('reads files larger than its reused buffer, multi-byte characters across its edge', () => {
    // 'é' is two bytes: at an odd offset one straddles every power-of-two boundary.
    const text = `x${'é'.repeat(150_000)}\nend`;
    const big = file('big.sql', text);
    expect(readUtf8File(big, 'big.sql')).toBe(text);
    expect(readUtf8File(big, 'big.sql')).toBe(readFileSync(big, 'utf8'));
  });

  it('returns each file alone: a short file after a long one has none of its bytes', () => {
    readUtf8File(file('long.sql', 'select 1 as a, 2 as b, 3 as c'), 'long.sql');
    expect(readUtf8File(file('short.sql', 'select 9'), 'short.sql')).toBe('select 9');
    expect(readUtf8File(file('empty.sql', ''), 'empty.sql')).toBe('');
  });

  it('reads the whole file when its size changed since discovery', () => {
    const text = `select 1 -- ${'é'.repeat(40_000)}`;
    const p = file('changed.sql', text);
    const size = Buffer.byteLength(text);
    for (const statSize of [0, 5, size - 1, size, size + 1, 64 * 1024, 200_000]) {
      expect(readUtf8File(p, 'changed.sql', statSize)).toBe(text);
    }
    expect(readUtf8File(file('tiny.sql', 'select 2'), 'tiny.sql', 8)).toBe('select 2');
  });

  it('keeps a BOM, as readFileSync does', () => {
    const bom = file('bom.sql', '\uFEFFselect 1');
    expect(readUtf8File(bom, 'bom.sql')).toBe(readFileSync(bom, 'utf8'));
  });

  it('names the line and byte offset of a bad byte past the reused buffer', () => {
    const prefix = `${'a'.repeat(99)}\n`.repeat(1000); // 100,000 bytes, 1,000 lines
    const bad = file('bad.sql', Buffer.concat([Buffer.from(prefix), Buffer.from([0xe9, 0x0a])]));
    let error: unknown;
    try {
      readUtf8File(bad, 'models/bad.sql');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(TsmodelError);
    expect((error as TsmodelError).message).toBe(
      'models/bad.sql is not valid UTF-8: byte 0xE9 at byte offset 100000 (line 1001)',
    );
  });

  it('fails as readFileSync does for a missing file', () => {
    expect(() => readUtf8File(path.join(dir, 'missing.sql'), 'missing.sql')).toThrow(/ENOENT/);
  });
});
