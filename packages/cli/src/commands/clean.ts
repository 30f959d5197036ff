import { existsSync, rmSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { defineCommand } from './command';
import { loadProjectOptions } from './core-options';
import { findDatabaseFiles } from './database-files';

interface CleanFlags {
  deleteDatabases?: boolean;
}

/**
 * `tsmodel clean`: deletes project.yml's `clean-targets` (default: the target path). Paths that
 * are the project itself or outside it are refused, so a typo cannot delete someone's home;
 * so is a target holding a database file (a DuckDB warehouse kept under target/), unless
 * `--delete-databases` says so.
 */
export const cleanCommand = defineCommand<CleanFlags>({
  name: 'clean',
  describe: 'Delete the clean-targets of project.yml (default: target/)',
  flagGroups: ['project'],
  flags: {
    deleteDatabases: {
      type: 'boolean',
      default: false,
      description: 'Also delete database files (DuckDB, SQLite) found in the clean-targets',
    },
  },
  async run(ctx) {
    const { loadProject, TsmodelError } = await import('@tsmodel/core');
    const project = loadProject(loadProjectOptions(ctx));
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
    const databases = targets.flatMap(({ path }) => findDatabaseFiles(path));
    if (databases.length > 0 && ctx.flags.deleteDatabases !== true) {
      const shown = databases.map((file) => relative(ctx.io.cwd, file) || file);
      throw new TsmodelError({
        code: 'clean-would-delete-database',
        message: `clean-targets hold ${databases.length === 1 ? 'a database file' : 'database files'}: ${shown.join(', ')}; nothing was deleted`,
        hint: 'keep databases out of the target folder (e.g. `path: my_project.duckdb` in profiles.yml), or run `tsmodel clean --delete-databases` to delete them too',
      });
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
