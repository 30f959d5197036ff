import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * The life of one file in the shared state table. Whoever moves it out of FREE reads it: the
 * main thread (MAIN, reading it itself as without a prefetch) or the worker (READING, then
 * READY with its bytes in the shared buffer, or FAILED); the main thread uses only READY bytes.
 */
export const FREE = 0;
export const MAIN = 1;
export const READING = 2;
export const READY = 3;
export const FAILED = 4;

/** What the prefetch worker gets: where each file goes in `data`, and the shared states. */
export interface PrefetchWork {
  paths: string[];
  offsets: number[];
  sizes: number[];
  states: SharedArrayBuffer;
  data: SharedArrayBuffer;
}

/** Below this many files the worker's start-up (~20 ms) is not paid back. */
const MIN_FILES = 500;
/** Larger files (and any beyond the total) are read by the main thread, as without a prefetch. */
const MAX_FILE_BYTES = 4 * 1024 * 1024;
const MAX_TOTAL_BYTES = 256 * 1024 * 1024;
/**
 * Reads a compile's project files on the second core, ahead of the main thread, which spends
 * a tenth of a cold compile in open/read/close otherwise. The main thread and the worker claim
 * each file through an atomic state, so the worker never reads a file the main thread took,
 * and the main thread never waits: a file the worker is still reading it reads itself (the
 * worker's copy goes unused), so a worker descheduled on a busy machine costs nothing. The bytes
 * are only read here: decoding (and its invalid-UTF-8 error) stays with the caller, and a file
 * the worker could not read, or found changed in size since discovery, is read by the caller
 * as before, so its errors are the same as without a prefetch.
 */
export class FilePrefetch {
  readonly #states: Int32Array;

  private constructor(private readonly work: PrefetchWork) {
    this.#states = new Int32Array(work.states);
  }

  /**
   * Starts reading `files` (in that order) on a worker; undefined where that does not pay: few
   * files, one core, or running from sources (the worker exists only in the bundled build).
   */
  static start(files: Array<{ absPath: string; size: number }>): FilePrefetch | undefined {
    const workerFile = fileURLToPath(new URL('./file-prefetch-worker.js', import.meta.url));
    if (files.length < MIN_FILES || availableParallelism() < 2 || !existsSync(workerFile)) {
      return undefined;
    }
    const offsets: number[] = [];
    let total = 0;
    for (const { size } of files) {
      const fits = size <= MAX_FILE_BYTES && total + size <= MAX_TOTAL_BYTES;
      offsets.push(fits ? total : -1);
      if (fits) total += size;
    }
    const work: PrefetchWork = {
      paths: files.map((f) => f.absPath),
      offsets,
      sizes: files.map((f) => f.size),
      states: new SharedArrayBuffer(files.length * Int32Array.BYTES_PER_ELEMENT),
      data: new SharedArrayBuffer(Math.max(total, 1)),
    };
    const worker = new Worker(workerFile, { workerData: work });
    // A worker that fails to start or dies leaves its files FREE or READING: the main thread
    // reads them itself, so its error needs no handling here.
    worker.on('error', () => undefined);
    worker.unref();
    return new FilePrefetch(work);
  }

  /**
   * The bytes of file `index` when the worker read them (a view of shared memory: decode it
   * before the next call), or undefined when the caller must read the file itself.
   */
  take(index: number): Uint8Array | undefined {
    const before = Atomics.compareExchange(this.#states, index, FREE, MAIN);
    if (before !== READY) return undefined;
    return new Uint8Array(this.work.data, this.work.offsets[index], this.work.sizes[index]);
  }
}
