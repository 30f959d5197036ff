import { relative, resolve } from 'node:path';
import type { LoadedProject, ResolvedProfile } from '@tsmodel/core';
import { isCompileErrors, isTsmodelError, EXIT_OK, EXIT_USER_ERROR } from '../failure';
import { tsmodelVersion } from '../version';
import { defineCommand, type CommandContext } from './command';
import { loadProjectOptions } from './core-options';
import { describeTarget } from './target-summary';
import { createAdapter } from '../adapters';

/**
 * Runs one check; a user error is printed and marks the check failed (so later checks that do
 * not depend on it still run), anything else is a bug and propagates.
 */
async function check<T>(
  ctx: CommandContext,
  what: string,
  fn: () => Promise<T> | T,
): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    if (isCompileErrors(err)) err.problems.forEach((p) => ctx.reporter.problem('error', p));
    else if (isTsmodelError(err)) ctx.reporter.problem('error', err);
    else throw err;
    ctx.reporter.error('debug-check-failed', `${what}: FAILED`, { check: what });
    return undefined;
  }
}

/**
 * `tsmodel debug`: checks, in order, that the project loads, the profile resolves and the
 * warehouse answers `select 1` — the three things that go wrong on a new machine.
 */
export const debugCommand = defineCommand({
  name: 'debug',
  describe: 'Check the project, the profile and the warehouse connection',
  flagGroups: ['project'],
  async run(ctx) {
    const { reporter, io } = ctx;
    const core = await import('@tsmodel/core');
    reporter.info('debug-version', `tsmodel ${tsmodelVersion()} on node ${process.version}`);

    const project: LoadedProject | undefined = await check(ctx, 'project', () =>
      core.loadProject(loadProjectOptions(ctx)),
    );
    if (!project) return EXIT_USER_ERROR;
    const file = relative(io.cwd, project.root.file) || project.root.file;
    reporter.info('debug-project', `project: '${project.root.name}' from ${file}: OK`, { file });
    for (const warning of project.warnings) reporter.problem('warn', warning);

    const profile: ResolvedProfile | undefined = await check(ctx, 'profile', () =>
      core.resolveProfile({
        project: project.root,
        ...(ctx.flags.profilesDir !== undefined
          ? { profilesDir: resolve(io.cwd, ctx.flags.profilesDir) }
          : {}),
        ...(ctx.flags.target !== undefined ? { target: ctx.flags.target } : {}),
        ...(ctx.flags.profile !== undefined ? { profile: ctx.flags.profile } : {}),
        env: io.env,
      }),
    );
    if (!profile) return EXIT_USER_ERROR;
    ctx.secrets.add(core.collectSecrets(profile.target, io.env));
    const source = profile.profilesFile ?? 'embedded default (no profiles.yml found)';
    const { target } = profile;
    reporter.info(
      'debug-profile',
      `profile: '${target.profile_name}' target '${target.name}' from ${source}: OK`,
      {
        profilesFile: profile.profilesFile ?? null,
      },
    );
    reporter.info('debug-target', `  ${describeTarget(target)}`);
    reporter.info('debug-adapter', `adapter: ${target.type}`, { type: target.type });

    const started = Date.now();
    const connected = await check(ctx, 'connection', async () => {
      const adapter = await createAdapter(target, { projectRoot: project.root.rootDir });
      try {
        const connection = await adapter.connect();
        try {
          await connection.query('select 1 as ok');
        } finally {
          await connection.close();
        }
      } finally {
        await adapter.close();
      }
      return true;
    });
    if (!connected) return EXIT_USER_ERROR;
    reporter.info('debug-connection', `connection: OK (${Date.now() - started} ms)`);
    reporter.info('debug-done', 'All checks passed!');
    return EXIT_OK;
  },
});
