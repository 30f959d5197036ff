import { closeSync, openSync, readSync } from 'node:fs';
import { workerData } from 'node:worker_threads';
import { FAILED, FREE, READING, READY, type PrefetchWork } from './file-prefetch';

/**
 * Reads project files into shared memory ahead of the main thread (see file-prefetch.ts).
 * Imports only Node built-ins and the state constants: it starts in a few milliseconds.
 */
const { paths, offsets, sizes, states: statesBuffer, data } = workerData as PrefetchWork;
const states = new Int32Array(statesBuffer);
const probe = Buffer.alloc(1);

for (let i = 0; i < paths.length; i++) {
  if (offsets[i]! < 0 || Atomics.compareExchange(states, i, FREE, READING) !== FREE) continue;
  let ok = false;
  try {
    ok = readExactly(paths[i]!, new Uint8Array(data, offsets[i], sizes[i]));
  } catch {
    ok = false;
  }
  Atomics.store(states, i, ok ? READY : FAILED);
}

/** Fills `into` with the whole file; false when the file is not exactly that long any more. */
function readExactly(file: string, into: Uint8Array): boolean {
  const fd = openSync(file, 'r');
  try {
    let length = 0;
    while (length < into.length) {
      const read = readSync(fd, into, length, into.length - length, null);
      if (read === 0) return false;
      length += read;
    }
    return readSync(fd, probe, 0, 1, null) === 0;
  } finally {
    closeSync(fd);
  }
}
