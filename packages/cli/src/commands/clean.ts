import { existsSync, rmSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { defineCommand } from './command';

/**
 * `tsmodel clean`: deletes project.yml's `clean-targets` (default: the target path). Paths that
 * are the project itself or outside it are refused, so a typo cannot delete someone's home.
 */
export const cleanCommand = defineCommand({
  name: 'clean',
  describe: 'Delete the clean-targets of project.yml (default: target/)',
  flagGroups: ['project'],
  async run(ctx) {
    const { loadProject, TsmodelError } = await import('@tsmodel/core');
    const project = loadProject({
      projectDir: ctx.projectDir,
      ...(ctx.flags.vars !== undefined ? { cliVars: ctx.flags.vars } : {}),
      ...(ctx.flags.targetPath !== undefined ? { targetPath: ctx.flags.targetPath } : {}),
      env: ctx.io.env,
    });
    const root = project.root.rootDir;
    const targets = project.root.cleanTargets.map((target) => ({
      target,
      path: resolve(root, target),
    }));
    for (const { target, path } of targets) {
      const inside = relative(root, path);
      if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
        throw new TsmodelError({
          code: 'clean-outside-project',
          message: `clean-targets entry '${target}' is not inside the project; nothing was deleted`,
          location: { file: relative(ctx.io.cwd, project.root.file) || project.root.file },
          hint: 'list only folders inside the project under clean-targets, e.g. [target]',
        });
      }
    }
    for (const { target, path } of targets) {
      if (!existsSync(path)) {
        ctx.reporter.debug('clean-skip', `${target} does not exist`, { path });
        continue;
      }
      rmSync(path, { recursive: true, force: true });
      ctx.reporter.info('clean-removed', `Removed ${target}`, { path });
    }
    ctx.reporter.info('clean-done', 'Clean finished');
  },
});
