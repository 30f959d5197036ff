/**
 * How `state:` compares a node with its previous version. Each check answers "did this aspect
 * change?"; a node missing from the previous manifest counts as changed for every `modified.*`
 * check, as in dbt.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Manifest, ManifestNode } from '../../manifest/types';

export type ModifiedAspect =
  'body' | 'configs' | 'relation' | 'persisted_descriptions' | 'macros' | 'contract';

export const MODIFIED_ASPECTS: readonly ModifiedAspect[] = [
  'body',
  'configs',
  'relation',
  'persisted_descriptions',
  'macros',
  'contract',
];

/** Manifests on both sides of the comparison; macros are looked up in them. */
export interface StateComparison {
  current: Manifest;
  previous: Manifest;
}

/** The configs that place a node's relation (dbt's `same_database_representation`). */
const RELATION_CONFIGS = ['database', 'schema', 'alias'] as const;

type AspectCheck = (node: ManifestNode, old: ManifestNode, cmp: StateComparison) => boolean;

const CHANGED: Record<ModifiedAspect, AspectCheck> = {
  /** The file contents (sha256) differ. */
  body: (node, old) => node.checksum !== old.checksum,
  configs: (node, old) => !sameJson(node.config, old.config),
  /**
   * Where the node builds, as configured: its `database`, `schema` or `alias` config changed.
   * Not the rendered relation, as in dbt: a production state read from a development target
   * names other schemas for every node, and slim CI (`-s state:modified+ --defer`) would
   * otherwise rebuild the whole project.
   */
  relation: (node, old) =>
    RELATION_CONFIGS.some((key) => !sameJson(node.config[key], old.config[key])),
  persisted_descriptions: (node, old) =>
    node.description !== old.description ||
    !sameJson(columnDescriptions(node), columnDescriptions(old)),
  /** A macro the node calls is new or has a different checksum. */
  macros: (node, _old, { current, previous }) =>
    node.depends_on.macros.some(
      (id) =>
        previous.macros[id] === undefined ||
        previous.macros[id]!.checksum !== current.macros[id]?.checksum,
    ),
  contract: (node, old) => !sameJson(node.config.contract, old.config.contract),
};

/** `state:modified.<aspect>`: new, or that aspect changed. */
export function isModifiedIn(
  aspect: ModifiedAspect,
  node: ManifestNode,
  old: ManifestNode | undefined,
  cmp: StateComparison,
): boolean {
  return old === undefined || CHANGED[aspect](node, old, cmp);
}

/** `state:modified`: new, or any aspect changed. */
export function isModified(
  node: ManifestNode,
  old: ManifestNode | undefined,
  cmp: StateComparison,
): boolean {
  return old === undefined || MODIFIED_ASPECTS.some((aspect) => CHANGED[aspect](node, old, cmp));
}

function columnDescriptions(node: ManifestNode): Record<string, string> {
  return Object.fromEntries(
    Object.entries(node.columns ?? {}).map(([name, c]) => [name, c.description]),
  );
}

/**
 * Equality as the values would be written to manifest.json: a key holding `undefined` in the
 * fresh in-memory manifest equals a key absent from the one read back from disk.
 */
function sameJson(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(toJson(a), toJson(b));
}

function toJson(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
