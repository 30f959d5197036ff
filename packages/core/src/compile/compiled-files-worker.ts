import { mkdirSync, writeFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { CompiledFilesBatch, CompiledFilesReply } from './compiled-files-writer';

/**
 * Writes a compile's `target/compiled/**` files on a second core while the main thread
 * serializes and writes the manifest and the parse cache. Deliberately imports nothing of
 * core: it starts in a few milliseconds.
 */
function writeAll({ dirs, files }: CompiledFilesBatch): CompiledFilesReply {
  try {
    for (const dir of dirs) mkdirSync(dir, { recursive: true });
    for (const [file, sql] of files) writeFileSync(file, sql);
    return { ok: true };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { ok: false, message: e.message, code: e.code, path: e.path };
  }
}

parentPort!.postMessage(writeAll(workerData as CompiledFilesBatch));
