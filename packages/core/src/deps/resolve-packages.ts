/**
 * Resolves a packages file into the full, flat tree of pinned packages, with dbt's rules:
 * requests for one package (same hub name, git URL, local path, …) from every dependent are
 * merged — hub version ranges intersected, git revisions required to agree — the highest hub
 * version inside the range is chosen, and each chosen package's own packages are resolved in
 * turn. Pure logic: the hub, git and the filesystem are behind {@link PackageSource}.
 */
import { TsmodelError } from '../diagnostics';
import { intersect, highestInRange, installableVersions, parseSpecifier } from './dbt-versions';
import { describeEntry, entryKey, type HubEntry, type PackageEntry } from './package-entry';
import type { LockEntry } from './lock-file';

/** What resolution needs to know about one package at one pinned version. */
export interface FetchedPackage {
  /** The project name it installs as (its folder under the install path). */
  name: string;
  /** Its own packages file (for a hub package: the hub's metadata of that version). */
  packages: PackageEntry[];
  /** The lock entry pinning exactly this (a git commit, a hub version). */
  lock: LockEntry;
  /** Set when a git revision follows a branch (or the default branch): its description. */
  unpinned?: string;
}

/** A package to fetch: the first request for it, and the hub version chosen (hub only). */
export interface PinnedRequest {
  entry: PackageEntry;
  version?: string;
}

/** Where packages come from; the implementation fetches (hub API, git, tarballs, folders). */
export interface PackageSource {
  /** Every version the hub lists for `hubPackage`; throws a TsmodelError when it has none. */
  hubVersions(entry: HubEntry): Promise<string[]>;
  fetch(request: PinnedRequest): Promise<FetchedPackage>;
}

export interface ResolvedPackage extends FetchedPackage {
  entry: PackageEntry;
}

export interface Resolution {
  packages: ResolvedPackage[];
  /** Unpinned git packages (unless `warn-unpinned: false`), one message each. */
  warnings: TsmodelError[];
}

interface Request {
  entry: PackageEntry;
  /** Who asked: the root's packages file, or `<package> <version>` of a dependency. */
  requestedBy: string;
}

/**
 * Resolves `entries` (the root project's packages, declared in `declaredIn`, a display path)
 * against `source`. `rootName` may not be reused by a package. Throws a TsmodelError naming
 * who asked for what when requests conflict.
 */
export async function resolvePackages(
  entries: readonly PackageEntry[],
  declaredIn: string,
  rootName: string,
  source: PackageSource,
): Promise<Resolution> {
  const requests = new Map<string, Request[]>();
  const expanded = new Set<string>();
  const fetched = new Map<string, Promise<FetchedPackage>>();
  const fetchOnce = (key: string, pinned: PinnedRequest) => {
    const id = `${key}@${pinned.version ?? ''}`;
    let result = fetched.get(id);
    if (!result) fetched.set(id, (result = source.fetch(pinned)));
    return { id, result };
  };

  const expand = async (key: string, request: Request, all: Request[]): Promise<Request[]> => {
    const { id, result } = fetchOnce(key, await pin(all, source));
    if (expanded.has(id)) return [];
    expanded.add(id);
    const found = await result;
    const requestedBy = `${describeEntry(request.entry)} (${found.name})`;
    return found.packages.map((entry) => ({ entry, requestedBy }));
  };

  // Breadth first, as dbt: each request re-pins its package with every range known so far.
  // A version chosen later than its dependencies were read is expanded in the next round.
  let pending: Request[] = entries.map((entry) => ({ entry, requestedBy: declaredIn }));
  while (pending.length > 0) {
    const next: Request[] = [];
    for (const request of pending) {
      const key = entryKey(request.entry);
      const all = [...(requests.get(key) ?? []), request];
      requests.set(key, all);
      next.push(...(await expand(key, request, all)));
    }
    if (next.length === 0) {
      for (const [key, all] of requests) next.push(...(await expand(key, all[0]!, all)));
    }
    pending = next;
  }

  const packages: ResolvedPackage[] = [];
  const warnings: TsmodelError[] = [];
  for (const [key, all] of requests) {
    const found = await fetchOnce(key, await pin(all, source)).result;
    const entry = all[0]!.entry;
    packages.push({ ...found, entry });
    const warn = all.every((r) => !('warnUnpinned' in r.entry) || r.entry.warnUnpinned);
    if (found.unpinned && warn) warnings.push(unpinnedWarning(entry, found.unpinned));
  }
  checkNames(packages, rootName);
  return { packages, warnings };
}

/** The version (hub) or revision (git) that satisfies every request for one package. */
async function pin(all: Request[], source: PackageSource): Promise<PinnedRequest> {
  const entry = all[0]!.entry;
  if (entry.kind === 'hub') return { entry, version: await pinHub(entry, all, source) };
  if (entry.kind === 'git' || entry.kind === 'private') {
    const revisions = new Set(
      all.map((r) => ('revision' in r.entry ? r.entry.revision : undefined)),
    );
    if (revisions.size > 1) {
      throw conflict(
        entry,
        `${describeEntry(entry)} is asked for at different revisions`,
        all.map(
          (r) =>
            `${r.requestedBy} asks for ${'revision' in r.entry && r.entry.revision ? `revision ${r.entry.revision}` : 'the default branch'}`,
        ),
        'ask for one revision everywhere (a git package cannot be installed twice)',
      );
    }
  }
  return { entry };
}

async function pinHub(entry: HubEntry, all: Request[], source: PackageSource): Promise<string> {
  const hubRequests = all.map((r) => r.entry as HubEntry);
  const specifiers = hubRequests.flatMap((r) => r.versions.map((v) => parseSpecifier(v)!));
  const asks = all.map(
    (r, i) => `${r.requestedBy} asks for ${hubRequests[i]!.versions.join(', ')}`,
  );
  const range = intersect(specifiers);
  if (!range) {
    throw conflict(
      entry,
      `no version of ${entry.package} satisfies every request`,
      asks,
      'widen one of the ranges, or pin a version every dependent accepts',
    );
  }
  const allowPrerelease =
    hubRequests.some((r) => r.installPrerelease) || specifiers.some((s) => s.prerelease);
  const available = await source.hubVersions(entry);
  const version = highestInRange(available, range, allowPrerelease);
  if (version === undefined) {
    const installable = installableVersions(available, allowPrerelease);
    throw conflict(
      entry,
      `no version of ${entry.package} on the hub matches ${specifiers.map((s) => s.text).join(', ')}`,
      asks,
      `available: ${installable.slice(-10).join(', ') || 'none'}${allowPrerelease ? '' : ' (prereleases need `install_prerelease: true`)'}`,
    );
  }
  return version;
}

function conflict(
  entry: PackageEntry,
  message: string,
  asks: string[],
  hint: string,
): TsmodelError {
  return new TsmodelError({
    code: 'package-conflict',
    message: `${message}: ${asks.join('; ')}`,
    location: entry.location,
    hint,
  });
}

function unpinnedWarning(entry: PackageEntry, unpinned: string): TsmodelError {
  return new TsmodelError({
    code: 'package-unpinned',
    message: `git package ${describeEntry(entry)} is not pinned: ${unpinned}; a new commit there can change your project without warning`,
    location: entry.location,
    hint: 'set `revision:` to a tag or commit, or `warn-unpinned: false` to accept it',
  });
}

/** Two packages installing as one project name, or a package named like the root: dbt refuses both. */
function checkNames(packages: ResolvedPackage[], rootName: string): void {
  const seen = new Map<string, ResolvedPackage>();
  for (const found of packages) {
    if (found.name === rootName) {
      throw new TsmodelError({
        code: 'package-named-like-root',
        message: `package ${describeEntry(found.entry)} is a project named '${rootName}', like this project`,
        location: found.entry.location,
        hint: 'project names must be unique; rename this project or drop the package',
      });
    }
    const other = seen.get(found.name);
    if (other) {
      throw new TsmodelError({
        code: 'package-name-clash',
        message: `${describeEntry(other.entry)} and ${describeEntry(found.entry)} both install a project named '${found.name}'`,
        location: found.entry.location,
        hint: 'keep one of them (e.g. the hub package instead of its git repository)',
      });
    }
    seen.set(found.name, found);
  }
}
