import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TsmodelError } from '../diagnostics';
import { isAdapterPlugin, type AdapterPlugin } from './plugin';

/** The package names a plugin for `type` may have, as dbt looks for `dbt-<type>`. */
export function pluginPackageName(type: string): string {
  return `tsmodel-adapter-${type}`;
}

/**
 * Finds the adapter package for a profile `type` the way Node resolves a dependency of the
 * project: `node_modules/tsmodel-adapter-<type>` or `node_modules/@<scope>/tsmodel-adapter-<type>`
 * in the project folder, then in each folder above it (workspaces hoist packages). Returns the
 * folder of the package, or undefined when none is installed.
 */
export function findPluginPackage(type: string, projectRoot: string): string | undefined {
  const name = pluginPackageName(type);
  for (let dir = projectRoot; ; dir = dirname(dir)) {
    const modules = join(dir, 'node_modules');
    const found = [join(modules, name), ...scopes(modules).map((s) => join(modules, s, name))];
    const installed = found.filter((p) => existsSync(join(p, 'package.json')));
    if (installed.length > 1)
      throw new TsmodelError({
        code: 'ambiguous-adapter',
        message: `more than one adapter package for type '${type}': ${installed.join(', ')}`,
        hint: `uninstall all but one of them`,
      });
    if (installed.length === 1) return installed[0];
    if (dirname(dir) === dir) return undefined;
  }
}

function scopes(modules: string): string[] {
  try {
    return readdirSync(modules)
      .filter((entry) => entry.startsWith('@'))
      .sort();
  } catch {
    return [];
  }
}

/** The file `import(name)` loads: `exports` ('.' / import / default), else `module`, else `main`. */
function entryFile(packageDir: string): string {
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    exports?: unknown;
    module?: string;
    main?: string;
  };
  const pick = (e: unknown): string | undefined => {
    if (typeof e === 'string') return e;
    if (e && typeof e === 'object') {
      const map = e as Record<string, unknown>;
      return pick(map['.']) ?? pick(map.import) ?? pick(map.node) ?? pick(map.default);
    }
    return undefined;
  };
  return join(packageDir, pick(pkg.exports) ?? pkg.module ?? pkg.main ?? 'index.js');
}

/**
 * Loads the plugin of an installed adapter package: its named export `plugin` (or its default
 * export) must be an `AdapterPlugin` for this very `type`. Undefined when no package is installed.
 */
export async function discoverAdapterPlugin(
  type: string,
  projectRoot: string,
): Promise<AdapterPlugin | undefined> {
  const packageDir = findPluginPackage(type, projectRoot);
  if (!packageDir) return undefined;
  const invalid = (why: string, cause?: unknown) =>
    new TsmodelError({
      code: 'invalid-adapter-plugin',
      message: `${packageDir} is not a tsmodel adapter for '${type}': ${why}`,
      hint: 'an adapter package exports `plugin` ({ type, parentTypes, dialect, create }); see docs/adapters.md',
      ...(cause !== undefined ? { cause } : {}),
    });
  let module: { plugin?: unknown; default?: unknown };
  try {
    module = (await import(pathToFileURL(entryFile(packageDir)).href)) as typeof module;
  } catch (cause) {
    throw invalid(
      `loading it failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause,
    );
  }
  const plugin = module.plugin ?? module.default;
  if (!isAdapterPlugin(plugin)) throw invalid('it exports no `plugin`');
  if (plugin.type !== type) throw invalid(`its plugin is for type '${plugin.type}'`);
  return plugin;
}
