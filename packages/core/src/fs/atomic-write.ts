import { writeFileSync } from 'node:fs';
import { rm, rename } from 'node:fs/promises';
import path from 'node:path';
import { TsmodelError } from '../diagnostics';

let sequence = 0;

/** What to do when an artifact under the target path cannot be written. */
export const TARGET_PATH_HINT =
  'free space on its disk, make its folder writable and free of anything in the way, or choose another folder with --target-path';

/** A temp file beside `file` (same filesystem, so the rename is atomic), unique per write. */
function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${sequence++}.tmp`);
}

/**
 * Writes `file` so that readers — the next run, `--state`, a tool reading target/ — see its
 * previous content or the new one, never a part: the data goes to a temp file in the same
 * folder, which then replaces `file` by rename. When the write fails (a full disk, a file size
 * limit, a directory in the way) the temp file is removed, `file` is left as it was, and the
 * error is an `artifact-write-failed` user error naming `file` and `hint`.
 */
export async function writeFileAtomic(file: string, data: string, hint: string): Promise<void> {
  const tmp = tempPathFor(file);
  try {
    // Synchronous: Node encodes a string straight into the write, where fs/promises first
    // copies it into a Buffer (for a 10,000-model manifest, 13 MB and more time than the write).
    writeFileSync(tmp, data);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true, recursive: true }).catch(() => undefined);
    throw artifactWriteFailed(file, err, hint);
  }
}

/** A filesystem failure writing an artifact, said about the artifact (never the temp file). */
export function artifactWriteFailed(file: string, err: unknown, hint: string): TsmodelError {
  if (err instanceof TsmodelError) return err;
  const e = err as NodeJS.ErrnoException;
  // Node's message is `CODE: what, syscall 'path'`: keep `CODE: what`.
  const reason = typeof e?.message === 'string' ? e.message.split(',')[0] : String(err);
  return new TsmodelError({
    code: 'artifact-write-failed',
    message: `cannot write ${file}: ${reason}; the previous file is unchanged`,
    hint,
    cause: err,
  });
}
