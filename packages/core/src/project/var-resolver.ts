import type { ProjectConfig } from './types';

export type VarLookup = { found: true; value: unknown } | { found: false };

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lookup(vars: Record<string, unknown> | undefined, name: string): VarLookup {
  return vars !== undefined && Object.hasOwn(vars, name)
    ? { found: true, value: vars[name] }
    : { found: false };
}

/**
 * Answers `var(name)` for a node of `packageName` with dbt's precedence, highest first:
 * 1. `--vars` (scoped to the package first, then global);
 * 2. vars scoped to the package in the ROOT project.yml (`vars: { <package>: { name: … } }`);
 * 3. global vars of the root project.yml;
 * 4. the package's own project.yml (scoped to itself first, then global);
 * 5. not found — the caller falls back to `var()`'s default or reports the missing var.
 * A `vars:` key is a scope only if it names a loaded project and holds a mapping; otherwise it
 * is an ordinary global var, so a var that happens to share a package's name still works.
 */
export class VarResolver {
  /** Global (unscoped) vars per project, computed once: `var()` is called for every model. */
  private readonly globalsCache = new Map<ProjectConfig, Record<string, unknown>>();

  constructor(
    private readonly root: ProjectConfig,
    private readonly projects: ReadonlyMap<string, ProjectConfig>,
    private readonly cliVars: Record<string, unknown> = {},
  ) {}

  resolve(name: string, packageName: string): VarLookup {
    const levels: Array<() => VarLookup> = [
      // `--vars '{pkg: {x: 1}}'` scopes to a package, like root project.yml vars do.
      () => lookup(this.scopedIn(this.cliVars, packageName), name),
      () => lookup(this.cliVars, name),
      () => lookup(this.scoped(this.root, packageName), name),
      () => lookup(this.globals(this.root), name),
    ];
    const own = this.projects.get(packageName);
    if (own && own !== this.root) {
      levels.push(
        () => lookup(this.scoped(own, packageName), name),
        () => lookup(this.globals(own), name),
      );
    }
    for (const level of levels) {
      const result = level();
      if (result.found) return result;
    }
    return { found: false };
  }

  private isScope(key: string, value: unknown): boolean {
    return this.projects.has(key) && isMapping(value);
  }

  private scopedIn(
    vars: Record<string, unknown>,
    packageName: string,
  ): Record<string, unknown> | undefined {
    const value = vars[packageName];
    return this.isScope(packageName, value) ? (value as Record<string, unknown>) : undefined;
  }

  private scoped(project: ProjectConfig, packageName: string): Record<string, unknown> | undefined {
    const value = project.vars[packageName];
    return this.isScope(packageName, value) ? (value as Record<string, unknown>) : undefined;
  }

  private globals(project: ProjectConfig): Record<string, unknown> {
    let globals = this.globalsCache.get(project);
    if (!globals) {
      globals = Object.fromEntries(
        Object.entries(project.vars).filter(([key, value]) => !this.isScope(key, value)),
      );
      this.globalsCache.set(project, globals);
    }
    return globals;
  }
}
