/**
 * dbt's `sha1_hash` of a packages file, computed exactly as dbt-core does (each entry as its
 * Python `to_dict()` — rendered values, dbt's defaults and the unrendered mapping — dumped by
 * `json.dumps(sort_keys=True)`, the lines sorted and joined), so a package-lock.yml written
 * by `dbt deps` is recognised as current and its installed packages used as they are.
 */
import { createHash } from 'node:crypto';
import type { PackageEntry } from './package-entry';

/** The hash package-lock.yml records for `entries` (the root project's packages file). */
export function packagesHash(entries: readonly PackageEntry[]): string {
  const lines = entries.map((entry) => pythonJson(dbtDict(entry))).sort(byCodePoint);
  return createHash('sha1').update(lines.join('\n'), 'utf8').digest('hex');
}

/** The entry as dbt's dataclass serialises it: every field, `null` when unset, `name` only when set. */
function dbtDict(entry: PackageEntry): Record<string, unknown> {
  const value = (key: string) => entry.rendered[key] ?? null;
  const name = entry.rendered.name === undefined ? {} : { name: entry.rendered.name };
  const git = {
    revision: value('revision'),
    'warn-unpinned': value('warn-unpinned'),
    subdirectory: value('subdirectory'),
  };
  switch (entry.kind) {
    case 'hub':
      return {
        package: entry.rendered.package,
        version: entry.rendered.version,
        install_prerelease:
          entry.rendered.install_prerelease ?? entry.rendered['install-prerelease'] ?? false,
        unrendered: entry.raw,
        ...name,
      };
    case 'git':
      return { git: entry.rendered.git, ...git, unrendered: entry.raw, ...name };
    case 'private':
      return {
        private: entry.rendered.private,
        provider: value('provider'),
        ...git,
        unrendered: entry.raw,
        ...name,
      };
    case 'local':
      return { local: entry.rendered.local, unrendered: entry.raw, ...name };
    case 'tarball':
      return { tarball: entry.rendered.tarball, name: entry.rendered.name, unrendered: entry.raw };
  }
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Python's `json.dumps(value, sort_keys=True)`: `", "` and `": "` separators, ASCII only. */
export function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return asciiJsonString(value);
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    byCodePoint(a, b),
  );
  return `{${entries.map(([k, v]) => `${asciiJsonString(k)}: ${pythonJson(v)}`).join(', ')}}`;
}

function asciiJsonString(text: string): string {
  return JSON.stringify(text).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
