import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { defineCommand } from './command';
import { initTemplates } from './init-templates';

const PROJECT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A usable project name from a directory name: `my-analytics` → `my_analytics`. */
function nameFromDirectory(dir: string): string {
  const base = dir.split(/[\\/]/).filter(Boolean).pop() ?? 'my_project';
  const cleaned = base.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=[0-9])/, '_');
  return cleaned.length > 0 ? cleaned : 'my_project';
}

/**
 * `tsmodel init [project_name]`: scaffolds a project. With a name it creates `<name>/` under
 * --project-dir (like `dbt init`); without one it fills --project-dir itself. It never
 * overwrites: if any file it would write exists, it writes nothing and names them.
 */
export const initCommand = defineCommand<{ projectDir: string }>({
  name: 'init',
  describe: 'Create a new project (project.yml, an example model, .gitignore)',
  flagGroups: [],
  flags: {
    projectDir: { type: 'string', default: '.', description: 'Directory to create the project in' },
  },
  positionals: {
    project_name: { description: 'Name of the project, also the directory created for it' },
  },
  async run(ctx) {
    const given = (ctx.flags as { project_name?: string }).project_name;
    const dir = given === undefined ? ctx.projectDir : join(ctx.projectDir, given);
    const name = given ?? nameFromDirectory(dir);
    const { TsmodelError } = await import('@tsmodel/core');
    if (!PROJECT_NAME.test(name)) {
      throw new TsmodelError({
        code: 'init-bad-name',
        message: `'${name}' is not a valid project name`,
        hint: 'use letters, digits and underscores, starting with a letter or underscore, e.g. my_analytics',
      });
    }
    const files = initTemplates(name);
    const existing = Object.keys(files).filter((file) => existsSync(join(dir, file)));
    if (existing.length > 0) {
      throw new TsmodelError({
        code: 'init-would-overwrite',
        message: `${dir} already has ${existing.join(', ')}; nothing was written`,
        hint: 'run init in an empty directory, or pass a new project name: tsmodel init my_project',
      });
    }
    for (const [file, text] of Object.entries(files)) {
      const path = join(dir, file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text, { flag: 'wx' });
    }
    const where = relative(ctx.io.cwd, dir) || '.';
    ctx.reporter.info('init-done', `Created project '${name}' in ${where}`, {
      name,
      dir,
      files: Object.keys(files),
    });
    const cd = where === '.' ? '' : `cd ${where} && `;
    ctx.reporter.info('init-next', `Next: ${cd}tsmodel compile`);
  },
});
