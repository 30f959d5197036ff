/**
 * dbt's version semantics for hub packages, on top of the `semver` package: every request for
 * a package adds specifiers (`1.1.1`, `>=1.0.0`, `<2.0.0`), all of them must hold at once, and
 * the highest installable version in that range wins. Prereleases are installable only when
 * asked for (`install_prerelease`, or a specifier that names a prerelease). dbt also accepts
 * `0.4.5a2` for `0.4.5-a2`; versions are normalised before semver sees them.
 */
import semver from 'semver';
import { DBT_SPECIFIER_PATTERN } from './packages-file-schema';

/** One parsed specifier, with the text it came from for messages. */
export interface VersionSpecifier {
  text: string;
  /** `>=`, `>`, `<=`, `<` or `=` (dbt's default). */
  matcher: string;
  /** The version in semver's spelling, e.g. `0.4.5-a2`. */
  version: string;
  prerelease: boolean;
}

/** `text` parsed with dbt's grammar, or `undefined` when it is not a dbt specifier. */
export function parseSpecifier(text: string): VersionSpecifier | undefined {
  const match = DBT_SPECIFIER_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [, matcher, major, minor, patch, prerelease, build] = match;
  const version = `${major}.${minor}.${patch}${prerelease ? `-${prerelease}` : ''}${build ? `+${build}` : ''}`;
  return { text, matcher: matcher ?? '=', version, prerelease: prerelease !== undefined };
}

const ANY_PRERELEASE: semver.RangeOptions = { includePrerelease: true };

/**
 * The range every specifier allows at once, or `undefined` when none can (`>=2.0.0` with
 * `<1.0.0`) — a conflict whatever the hub offers, reported as such.
 */
export function intersect(specifiers: readonly VersionSpecifier[]): semver.Range | undefined {
  if (specifiers.length === 0) return new semver.Range('*', ANY_PRERELEASE);
  const range = new semver.Range(
    specifiers.map((s) => `${s.matcher}${s.version}`).join(' '),
    ANY_PRERELEASE,
  );
  return semver.minVersion(range, ANY_PRERELEASE) === null ? undefined : range;
}

/**
 * The highest of `available` (hub version strings, as the hub spells them) inside `range`;
 * prereleases only when `allowPrerelease`. `undefined` when none fits.
 */
export function highestInRange(
  available: readonly string[],
  range: semver.Range,
  allowPrerelease: boolean,
): string | undefined {
  let best: { text: string; version: string } | undefined;
  for (const text of available) {
    const parsed = parseSpecifier(text);
    if (!parsed || /^[<>=]/.test(text)) continue;
    if (parsed.prerelease && !allowPrerelease) continue;
    if (!range.test(parsed.version)) continue;
    if (!best || semver.gt(parsed.version, best.version)) best = { text, version: parsed.version };
  }
  return best?.text;
}

/** The installable versions of `available`, lowest first: what a "no match" message lists. */
export function installableVersions(
  available: readonly string[],
  allowPrerelease: boolean,
): string[] {
  return available
    .map((text) => ({ text, parsed: parseSpecifier(text) }))
    .filter(({ parsed }) => parsed && (allowPrerelease || !parsed.prerelease))
    .sort((a, b) => semver.compare(a.parsed!.version, b.parsed!.version))
    .map(({ text }) => text);
}
