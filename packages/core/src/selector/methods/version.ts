import type { ManifestNode } from '../../manifest/types';
import { compareVersions } from '../../manifest/version-order';
import { invalidChoice } from './choice-error';
import type { SelectorMethod } from './context';

const KINDS = ['latest', 'prerelease', 'old', 'none'] as const;
type VersionKind = (typeof KINDS)[number];

/**
 * `version:` — dbt's model-version selection: `latest` is the version unpinned refs reach,
 * `prerelease` the versions above it, `old` those below, `none` the unversioned nodes.
 */
export const versionMethod: SelectorMethod = function* (candidates, { value }) {
  if (!(KINDS as readonly string[]).includes(value))
    throw invalidChoice({
      code: 'invalid-selector',
      what: 'version kind',
      given: value,
      choices: KINDS,
    });
  for (const node of candidates) if (versionKind(node) === value) yield node.unique_id;
};

function versionKind(node: ManifestNode): VersionKind | undefined {
  if (node.version === undefined) return node.resource_type === 'model' ? 'none' : undefined;
  const order = compareVersions(node.version, node.latest_version ?? node.version);
  return order === 0 ? 'latest' : order > 0 ? 'prerelease' : 'old';
}
