import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TemplateEngine } from '../templating/template-engine';
import {
  deserializeOutcome,
  renderOnThisThread,
  type RenderJob,
  type RenderOutcome,
  type SerializedOutcome,
} from './render-jobs';

/** Everything a worker needs to rebuild the main thread's engine. */
export interface RenderWorkerInit {
  projectDir: string;
  cliVars?: string;
  profilesDir?: string;
  target?: string;
  env: Record<string, string | undefined>;
  invocationId: string;
  runStartedAt: number;
}

/** Below this many templates a worker's start-up costs more than it saves. */
const MIN_JOBS_FOR_WORKERS = 400;
/** Share of the jobs a worker takes: less than half, since it first has to start up. */
const WORKER_SHARE = 0.45;

/**
 * Renders templates on every core: the main thread renders its share while worker threads
 * render theirs. Workers exist only in the bundled build (`render-worker.js` next to this
 * module); from sources (tests) everything renders on the main thread.
 */
export async function renderInParallel(
  engine: TemplateEngine,
  jobs: RenderJob[],
  init: RenderWorkerInit,
): Promise<RenderOutcome[]> {
  const workerFile = fileURLToPath(new URL('./render-worker.js', import.meta.url));
  const cores = availableParallelism();
  if (jobs.length < MIN_JOBS_FOR_WORKERS || cores < 2 || !existsSync(workerFile)) {
    return renderOnThisThread(engine, jobs);
  }
  const workerCount = Math.min(cores - 1, 3);
  const perWorker = Math.floor((jobs.length * WORKER_SHARE * 2) / (workerCount + 1));
  const chunks: RenderJob[][] = [];
  for (let w = 0; w < workerCount; w++) chunks.push(jobs.slice(w * perWorker, (w + 1) * perWorker));
  const mine = jobs.slice(workerCount * perWorker);
  const pending = chunks.map((chunk) => runWorker(workerFile, init, chunk));
  const local = renderOnThisThread(engine, mine);
  const remote = await Promise.all(pending);
  return [...remote.flat(), ...local];
}

/** Jobs travel in workerData so the worker starts rendering while this thread is busy. */
function runWorker(
  file: string,
  init: RenderWorkerInit,
  jobs: RenderJob[],
): Promise<RenderOutcome[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData: { init, jobs } });
    worker.once('message', (outcomes: SerializedOutcome[]) => {
      resolve(outcomes.map(deserializeOutcome));
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
