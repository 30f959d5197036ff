import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { DBT_PROJECT_FILE_NAME, PROJECT_FILE_NAME, findProjectFile } from './read-project-file';
import type { PackageSpec } from './types';

/** Where a `packages:` entry points, or why it cannot be used (message + hint for the user). */
export type PackageResolution =
  { ok: true; dir: string } | { ok: false; message: string; hint: string };

function isDirectory(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}

/**
 * Finds `<name>` the way Node does: in `node_modules` of the declaring project's directory,
 * then of each parent. Symlinks (npm workspaces, `npm link`) are followed so one package
 * reached by two routes is recognised as one directory.
 */
function findInNodeModules(name: string, fromDir: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', ...name.split('/'));
    if (isDirectory(candidate)) return realpathSync(candidate);
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Resolves one `packages:` entry of the project in `declaringDir` to a package directory holding project.yml. */
export function resolvePackage(spec: PackageSpec, declaringDir: string): PackageResolution {
  let dir: string;
  if (spec.kind === 'npm') {
    const found = findInNodeModules(spec.name, declaringDir);
    if (!found) {
      return {
        ok: false,
        message: `package '${spec.name}' is not installed (no node_modules/${spec.name} above ${declaringDir})`,
        hint: `run \`npm install ${spec.name}\``,
      };
    }
    dir = found;
  } else {
    const target = path.resolve(declaringDir, spec.path);
    if (!isDirectory(target)) {
      return {
        ok: false,
        message: `local package '${spec.path}' does not exist (${target})`,
        hint: 'local paths are relative to the project.yml that lists them',
      };
    }
    dir = realpathSync(target);
  }
  const found = findProjectFile(dir);
  if (!found.file && !found.both) {
    const label = spec.kind === 'npm' ? spec.name : spec.path;
    return {
      ok: false,
      message: `package '${label}' has no ${DBT_PROJECT_FILE_NAME} or ${PROJECT_FILE_NAME} (${dir})`,
      hint: `a model package holds its project file at its root; is '${label}' a model package?`,
    };
  }
  return { ok: true, dir };
}
