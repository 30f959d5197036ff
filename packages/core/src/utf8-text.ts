import { closeSync, openSync, readSync } from 'node:fs';
import { TsmodelError } from './diagnostics';

/**
 * Strict: a byte sequence that is not UTF-8 throws instead of becoming U+FFFD, which would
 * otherwise end up, silently, in compiled SQL and built data. A BOM is kept, as
 * `readFileSync(file, 'utf8')` keeps it, so checksums do not change.
 */
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The text of a project file (model, macro, YAML, seed), read as UTF-8. A file in another
 * encoding is a user error naming the file, the line and the byte offset of the first bad byte.
 * `statSize`, the size discovery saw, saves the read that would only find the end of the file.
 */
export function readUtf8File(absPath: string, shownPath: string, statSize?: number): string {
  const fd = openSync(absPath, 'r');
  try {
    return decodeUtf8(readAll(fd, statSize), shownPath);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reused by every read: nearly every project file fits, and is then read with no allocation and
 * no fstat (a 10,000-model compile reads 10,000 files; `readFileSync` allocates a buffer each).
 */
const scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * The whole file behind `fd`; valid until the next call. A larger file gets its own buffer.
 * Reading stops at a read that returns 0 or, when the file is `statSize` bytes long as it was
 * when discovered, at a read that returned less than asked (a regular file's end, as
 * `readFileSync` trusts its fstat size); a file that changed size is read to its end.
 */
function readAll(fd: number, statSize: number | undefined): Buffer {
  let buffer = scratch;
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      const bigger = Buffer.allocUnsafe(buffer.length * 2);
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const asked = buffer.length - length;
    const read = readSync(fd, buffer, length, asked, null);
    length += read;
    if (read === 0 || (read < asked && length === statSize)) return buffer.subarray(0, length);
  }
}

/** `bytes` as a string; `file` names it in the error when they are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw invalidUtf8(bytes, file);
  }
}

function invalidUtf8(bytes: Uint8Array, file: string): TsmodelError {
  const offset = firstInvalidByte(bytes);
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const hex = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return new TsmodelError({
    code: 'invalid-utf8',
    message: `${file} is not valid UTF-8: byte 0x${hex} at byte offset ${offset} (line ${line})`,
    location: { file, line, column: offset - lineStart + 1 },
    hint: 'save the file as UTF-8 (an editor or export set to Latin-1/Windows-1252 writes é as one byte 0xE9)',
  });
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence. */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : 4;
    if (b >= 0x80 && (b < 0xc2 || b > 0xf4)) return i;
    // The second byte's range also rules out overlong forms, surrogates and > U+10FFFF.
    const [low, high] =
      b === 0xe0
        ? [0xa0, 0xbf]
        : b === 0xed
          ? [0x80, 0x9f]
          : b === 0xf0
            ? [0x90, 0xbf]
            : b === 0xf4
              ? [0x80, 0x8f]
              : [0x80, 0xbf];
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined || (k === 1 ? c < low || c > high : c < 0x80 || c > 0xbf)) return i;
    }
    i += length;
  }
  return bytes.length;
}
