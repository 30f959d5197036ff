/**
 * `npm ci` installs exactly the lock, and refuses a lock that is out of step with package.json
 * or lacks an entry for an optional dependency of a locked package (npm writes one for every
 * platform, installed or not). A lock regenerated on one machine by an incremental
 * `npm install` can miss other platforms' entries — DuckDB's bindings did — so check both here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<
    string,
    {
      version?: string;
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    }
  >;
};
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/** npm's lookup: the dependency nested under its dependent first, then each folder up. */
function resolveEntry(dependent: string, name: string): string | undefined {
  let base = dependent;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!base) return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
}

describe('package-lock.json', () => {
  it("records package.json's dependencies with the same ranges", () => {
    const locked = lock.packages[''];
    expect(locked?.dependencies).toEqual(pkg.dependencies);
    expect(locked?.devDependencies).toEqual(pkg.devDependencies);
  });

  it('has an entry for every optional dependency of every locked package (all platforms)', () => {
    const missing: string[] = [];
    for (const [where, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        if (!resolveEntry(where, name)) missing.push(`${where || '(root)'} → ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
