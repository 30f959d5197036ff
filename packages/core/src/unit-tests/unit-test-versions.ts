import type { ManifestNode } from '../manifest/types';

/** How {@link testedVersions} reports a problem: the test's own error, located at its entry. */
type Fail = (problem: string, hint: string) => Error;

/**
 * The model nodes a unit test runs against (dbt 1.8): an unversioned model itself; for a
 * versioned model every enabled version, or those `versions: {include: [...]}` names, or all
 * but those of `{exclude: [...]}`. dbt refuses include and exclude together, and include or
 * exclude on an unversioned model; it says nothing of a version that does not exist (an
 * `include: [4]` on v1–v3 tests nothing of 4), which tsmodel refuses too — a typo there would
 * silently test less than the user asked.
 */
export function testedVersions(
  raw: unknown,
  model: { name: string; versions: readonly ManifestNode[] | undefined; node: ManifestNode },
  allVersions: readonly (string | number)[],
  fail: Fail,
): ManifestNode[] {
  if (raw === undefined || raw === null) return model.versions ? [...model.versions] : [model.node];
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw fail(
      'has a `versions:` that is not a mapping',
      'write versions: {include: [2]} or versions: {exclude: [1]}',
    );
  const spec = raw as Record<string, unknown>;
  const other = Object.keys(spec).filter((k) => k !== 'include' && k !== 'exclude');
  if (other.length > 0)
    throw fail(
      `has \`versions.${other[0]}:\`, which is neither include nor exclude`,
      'write versions: {include: [2]} or versions: {exclude: [1]}',
    );
  if (spec.include !== undefined && spec.exclude !== undefined)
    throw fail(
      'has both `versions.include` and `versions.exclude`',
      'keep one of them, as dbt requires',
    );
  const key = spec.include !== undefined ? 'include' : 'exclude';
  const listed = spec[key];
  if (!model.versions)
    throw fail(
      `has \`versions.${key}\` but model '${model.name}' is not versioned`,
      'remove versions: — an unversioned model is tested as it is',
    );
  if (!Array.isArray(listed))
    throw fail(`has a \`versions.${key}\` that is not a list`, `write ${key}: [1, 2]`);
  const known = new Set(allVersions.map(String));
  const missing = listed.filter((v) => !known.has(String(v)));
  if (missing.length > 0)
    throw fail(
      `lists version ${missing.map(String).join(', ')} of model '${model.name}' in \`versions.${key}\`, which does not exist`,
      `the model's versions are ${[...known].join(', ')}`,
    );
  const named = new Set(listed.map(String));
  const chosen = model.versions.filter((v) => named.has(String(v.version)) === (key === 'include'));
  if (chosen.length === 0)
    throw fail(
      `tests no version of model '${model.name}': \`versions.${key}\` leaves none enabled`,
      key === 'include' ? 'include an enabled version' : 'exclude fewer versions',
    );
  return chosen;
}
