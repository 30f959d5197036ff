import { parentPort, workerData } from 'node:worker_threads';
import path from 'node:path';
import { loadProject } from '../project/load-project';
import { resolveProfile } from '../project/resolve-profile';
import { discoverMacroFiles } from './discover';
import { setUpEngine } from './engine-setup';
import {
  renderOnThisThread,
  serializeError,
  type RenderJob,
  type SerializedOutcome,
} from './render-jobs';
import type { RenderWorkerInit } from './render-pool';

/**
 * A second core's share of a cold compile: rebuilds the same engine from the same inputs
 * (project, profile, macros, vars, env) and renders the jobs it is sent.
 */
async function start({ init, jobs }: { init: RenderWorkerInit; jobs: RenderJob[] }): Promise<void> {
  const project = loadProject({
    projectDir: init.projectDir,
    cliVars: init.cliVars,
    targetPath: init.targetPath,
    env: init.env,
    ...(init.versionCheck !== undefined ? { versionCheck: init.versionCheck } : {}),
  });
  const profile = resolveProfile({
    project: project.root,
    profilesDir: init.profilesDir,
    target: init.target,
    ...(init.profile !== undefined ? { profile: init.profile } : {}),
    env: init.env,
  });
  const macroFiles = (
    await Promise.all([...project.projects.values()].map(discoverMacroFiles))
  ).flat();
  const root = project.root.rootDir;
  const { engine } = setUpEngine(
    project,
    profile,
    macroFiles,
    (abs) => path.relative(root, abs).split(path.sep).join('/'),
    {
      env: init.env,
      invocationId: init.invocationId,
      runStartedAt: new Date(init.runStartedAt),
      dialect: init.dialect,
    },
  );
  const outcomes: SerializedOutcome[] = renderOnThisThread(engine, jobs).map((o) =>
    'error' in o ? { error: serializeError(o.error) } : o,
  );
  parentPort!.postMessage(outcomes);
}

void start(workerData as { init: RenderWorkerInit; jobs: RenderJob[] });
