import type { TemplatingDialect } from '../adapter/dialect';
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
  targetPath?: string;
  profilesDir?: string;
  profile?: string;
  target?: string;
  versionCheck?: boolean;
  env: Record<string, string | undefined>;
  invocationId: string;
  runStartedAt: number;
  dialect: TemplatingDialect;
}

/**
 * Below this many templates that need nunjucks (static ones render in microseconds on the main
 * thread) a worker's start-up costs more than it saves.
 */
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
  const heavy: number[] = [];
  jobs.forEach((job, i) => {
    if (!engine.isStatic(job.text)) heavy.push(i);
  });
  if (heavy.length < MIN_JOBS_FOR_WORKERS || cores < 2 || !existsSync(workerFile)) {
    return renderOnThisThread(engine, jobs);
  }
  // Workers take a share of the templates that need nunjucks; this thread renders the rest.
  const workerCount = Math.min(cores - 1, 3);
  const perWorker = Math.floor((heavy.length * WORKER_SHARE * 2) / (workerCount + 1));
  const shipped = new Set(heavy.slice(0, workerCount * perWorker));
  const chunks: number[][] = [];
  for (let w = 0; w < workerCount; w++)
    chunks.push(heavy.slice(w * perWorker, (w + 1) * perWorker));
  const pending = chunks.map((chunk) =>
    runWorker(
      workerFile,
      init,
      chunk.map((i) => jobs[i]!),
    ),
  );
  const localIndexes = jobs.map((_, i) => i).filter((i) => !shipped.has(i));
  const local = renderOnThisThread(
    engine,
    localIndexes.map((i) => jobs[i]!),
  );
  const outcomes: RenderOutcome[] = new Array(jobs.length);
  localIndexes.forEach((i, k) => (outcomes[i] = local[k]!));
  const remote = await Promise.all(pending);
  chunks.forEach((chunk, w) => chunk.forEach((i, k) => (outcomes[i] = remote[w]![k]!)));
  return outcomes;
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
