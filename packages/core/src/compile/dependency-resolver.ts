import { closestMatch } from '../did-you-mean';
import { TsmodelError, lineColumnAt, lineOf } from '../diagnostics';
import type { ManifestNode } from '../manifest/types';
import type { RefCall } from '../templating/render-capture';
import { compareVersions } from '../manifest/version-order';

/** Resource types a `ref()` can point at. */
const REFABLE = new Set(['model', 'seed', 'snapshot']);

/**
 * Answers `ref()` and `source()` calls against the whole project. A one-argument ref looks in
 * the caller's package first, then the root project, then any package; two packages offering
 * the same name is an ambiguity error that names the two-argument fix.
 */
export class DependencyResolver {
  private readonly refable = new Map<string, ManifestNode[]>();
  private readonly disabled = new Map<string, ManifestNode[]>();
  private readonly sources = new Map<string, ManifestNode[]>();

  constructor(
    nodes: Iterable<ManifestNode>,
    sources: Iterable<ManifestNode>,
    disabledNodes: Iterable<ManifestNode>,
    private readonly rootProject: string,
    /** Every package of the project (the root included), for two-argument refs. */
    private readonly packages: readonly string[],
  ) {
    for (const n of nodes) if (REFABLE.has(n.resource_type)) push(this.refable, n.name, n);
    for (const n of disabledNodes) push(this.disabled, n.name, n);
    for (const s of sources) push(this.sources, `${s.source_name}.${s.name}`, s);
  }

  /**
   * The node `ref(pkg?, name, v=?)` from `caller` means, or a located error. An unpinned ref
   * to a versioned model reaches its latest version, as in dbt.
   */
  resolveRef(caller: ManifestNode, ref: RefCall): ManifestNode | TsmodelError {
    const { pkg, name } = ref;
    const all = this.refable.get(name) ?? [];
    const inPackage = pkg ? all.filter((n) => n.package_name === pkg) : all;
    const candidates = this.pickVersion(caller, inPackage, ref);
    if (candidates instanceof TsmodelError) return candidates;
    if (candidates.length === 1) return candidates[0]!;
    if (candidates.length > 1) {
      const own = candidates.find((n) => n.package_name === caller.package_name);
      if (own) return own;
      const root = candidates.find((n) => n.package_name === this.rootProject);
      if (root) return root;
      const packages = candidates.map((n) => n.package_name).sort();
      return this.error(
        caller,
        'ambiguous-ref',
        `ref('${name}') is ambiguous: packages ${packages.join(' and ')} both define '${name}'`,
        `use ref('${packages[0]}', '${name}') to pick one`,
        refPattern(name),
      );
    }
    const disabled = (this.disabled.get(name) ?? []).filter((n) => !pkg || n.package_name === pkg);
    if (disabled.length > 0) {
      return this.error(
        caller,
        'disabled-ref',
        `${caller.unique_id} depends on '${name}', which is disabled`,
        `enable ${disabled[0]!.unique_id} or remove the ref`,
        refPattern(name),
      );
    }
    if (pkg && !this.packages.includes(pkg)) {
      return this.error(
        caller,
        'unknown-package',
        `ref('${pkg}', '${name}'): there is no package named '${pkg}'`,
        suggestion(pkg, [...this.packages], (s) => `did you mean ref('${s}', '${name}')?`) ??
          `packages of this project: ${[...this.packages].sort().join(', ')}`,
        refPattern(name),
      );
    }
    const pool = pkg
      ? [...this.refable.values()]
          .flat()
          .filter((n) => n.package_name === pkg)
          .map((n) => n.name)
      : [...this.refable.keys()];
    return this.error(
      caller,
      'unknown-ref',
      `unknown ref '${pkg ? `${pkg}.` : ''}${name}'`,
      suggestion(name, pool, (s) => `did you mean '${s}'?`) ??
        `no model, seed or snapshot named '${name}' exists`,
      refPattern(name),
    );
  }

  /** The nodes a ref's version pin (or its absence: the latest version) leaves. */
  private pickVersion(
    caller: ManifestNode,
    nodes: ManifestNode[],
    ref: RefCall,
  ): ManifestNode[] | TsmodelError {
    if (ref.version === undefined)
      return nodes.filter(
        (n) => n.version === undefined || String(n.version) === String(n.latest_version),
      );
    const pinned = nodes.filter(
      (n) => n.version !== undefined && String(n.version) === ref.version,
    );
    if (pinned.length > 0 || nodes.length === 0) return pinned;
    const versions = nodes
      .filter((n) => n.version !== undefined)
      .map((n) => n.version!)
      .sort(compareVersions)
      .map(String);
    return this.error(
      caller,
      'unknown-model-version',
      versions.length > 0
        ? `ref('${ref.name}', v=${ref.version}): model '${ref.name}' has no version ${ref.version} (its versions: ${versions.join(', ')})`
        : `ref('${ref.name}', v=${ref.version}): model '${ref.name}' has no versions`,
      versions.length > 0
        ? `pin one of its versions, or add \`- v: ${ref.version}\` under its versions: in a properties file`
        : `remove the version from the ref, or declare versions: for '${ref.name}' in a properties file`,
      refPattern(ref.name),
    );
  }

  resolveSource(
    caller: ManifestNode,
    sourceName: string,
    table: string,
  ): ManifestNode | TsmodelError {
    const candidates = this.sources.get(`${sourceName}.${table}`) ?? [];
    const hit = candidates.find((s) => s.package_name === caller.package_name) ?? candidates[0];
    if (hit) return hit;
    const known = [...this.sources.keys()];
    const sameSource = known
      .filter((k) => k.startsWith(`${sourceName}.`))
      .map((k) => k.slice(sourceName.length + 1));
    const hint =
      sameSource.length > 0
        ? (suggestion(table, sameSource, (s) => `did you mean source('${sourceName}', '${s}')?`) ??
          `source '${sourceName}' has tables ${sameSource.join(', ')}`)
        : (suggestion(
            `${sourceName}.${table}`,
            known,
            (s) =>
              `did you mean source('${s.split('.')[0]}', '${s.split('.').slice(1).join('.')}')?`,
          ) ?? `declare it under sources: in a .yml file`);
    return this.error(
      caller,
      'unknown-source',
      `unknown source '${sourceName}.${table}'`,
      hint,
      new RegExp(
        `source\\s*\\(\\s*['"]${escapeRe(sourceName)}['"]\\s*,\\s*['"]${escapeRe(table)}['"]`,
      ),
    );
  }

  private error(
    caller: ManifestNode,
    code: string,
    message: string,
    hint: string,
    pattern: RegExp,
  ): TsmodelError {
    const raw = caller.raw_code ?? '';
    const m = pattern.exec(raw);
    const pos = m ? lineColumnAt(raw, m.index) : undefined;
    return new TsmodelError({
      code,
      message,
      hint,
      node: caller.unique_id,
      location: {
        file:
          caller.patch_path && caller.resource_type === 'test'
            ? caller.patch_path
            : caller.original_file_path,
        line: pos?.line,
        column: pos?.column,
      },
      excerpt: pos ? lineOf(raw, pos.line) : undefined,
    });
  }
}

function refPattern(name: string): RegExp {
  return new RegExp(`ref\\s*\\((?:\\s*['"][^'"]*['"]\\s*,)?\\s*['"]${escapeRe(name)}['"]`);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A phrase naming a close-enough name, or undefined when nothing is plausibly a typo of `word`. */
export function suggestion(
  word: string,
  pool: string[],
  phrase: (s: string) => string,
): string | undefined {
  const best = closestMatch(word, pool);
  return best === undefined ? undefined : phrase(best);
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
