import { parentPort, workerData } from 'node:worker_threads';
import { writeBatch, type CompiledFilesBatch } from './compiled-files-writer';

/**
 * Writes a compile's `target/compiled/**` files on a second core while the main thread
 * serializes and writes the manifest and the parse cache. Imports only the writer (Node
 * built-ins, nothing else of core): it starts in a few milliseconds.
 */
parentPort!.postMessage(writeBatch(workerData as CompiledFilesBatch));
