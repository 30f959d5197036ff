/**
 * A tiny compiled project for lineage unit tests: parent nodes with relations (and optionally
 * known columns) plus one model whose compiled SQL is under test.
 */
import type { Manifest, ManifestNode } from '../manifest/types';
import { computeProjectLineage } from './project-lineage';
import { loadSqlParser } from './sql-ast';
import type { NodeLineage } from './types';

export interface TestParent {
  id: string;
  /** `schema.table` or `db.schema.table`, as the SQL names it. */
  relation: string;
  columns?: string[];
  materialized?: string;
  resourceType?: 'model' | 'seed' | 'source';
  sql?: string;
}

function node(
  id: string,
  resourceType: ManifestNode['resource_type'],
  extra: Partial<ManifestNode>,
): ManifestNode {
  return {
    unique_id: id,
    resource_type: resourceType,
    name: id.split('.').pop()!,
    package_name: 'p',
    path: '',
    original_file_path: '',
    fqn: [],
    config: {
      enabled: true,
      materialized: 'table',
      tags: [],
      pre_hook: [],
      post_hook: [],
      meta: {},
    },
    tags: [],
    description: '',
    columns: {},
    depends_on: { nodes: [], macros: [] },
    checksum: '',
    ...extra,
  };
}

function relationOf(text: string): ManifestNode['relation'] {
  const parts = text.split('.');
  const [identifier, schema, database] = parts.reverse();
  return { ...(database ? { database } : {}), schema: schema!, identifier: identifier! };
}

/** The lineage of every model of a project of `parents` and model `model.p.m` running `sql`. */
export async function lineageOfProject(
  sql: string,
  dialect: string,
  parents: TestParent[],
): Promise<Record<string, NodeLineage>> {
  const nodes: Record<string, ManifestNode> = {};
  const sources: Record<string, ManifestNode> = {};
  const known = new Map<string, string[]>();
  for (const p of parents) {
    const type =
      p.resourceType ??
      (p.id.startsWith('seed.') ? 'seed' : p.id.startsWith('source.') ? 'source' : 'model');
    const entry = node(p.id, type, {
      relation: relationOf(p.relation),
      ...(p.sql !== undefined ? { compiled_code: p.sql } : {}),
    });
    if (p.materialized) entry.config.materialized = p.materialized;
    (type === 'source' ? sources : nodes)[p.id] = entry;
    if (p.columns) known.set(p.id, p.columns);
  }
  nodes['model.p.m'] = node('model.p.m', 'model', {
    relation: relationOf('main.m'),
    compiled_code: sql,
    depends_on: { nodes: parents.map((p) => p.id), macros: [] },
  });
  const manifest = { metadata: { adapter_type: dialect }, nodes, sources } as unknown as Manifest;
  return computeProjectLineage({
    manifest,
    parser: await loadSqlParser(dialect),
    knownColumns: known,
  });
}

/** The lineage of `model.p.m` alone. */
export async function lineageOfModel(
  sql: string,
  dialect: string,
  parents: TestParent[],
): Promise<NodeLineage> {
  return (await lineageOfProject(sql, dialect, parents))['model.p.m']!;
}
