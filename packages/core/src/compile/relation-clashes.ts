import type { Dialect } from '../adapter/dialect';
import { TsmodelError, type SourceLocation } from '../diagnostics';
import type { ManifestNode, RelationName } from '../manifest/types';
import { auditRelation } from '../run/run-test';

/** One relation a node builds (a model, seed, snapshot or stored test failures) or reads (a source). */
interface Claim {
  node: ManifestNode;
  relation: RelationName;
  location: SourceLocation;
}

export interface RelationClashInput {
  nodes: Iterable<ManifestNode>;
  sources: Iterable<ManifestNode>;
  /** Where each source table is declared, by unique_id. */
  sourceLocations: ReadonlyMap<string, SourceLocation>;
  /** Where each generic test is declared, by unique_id; other nodes point at their file. */
  declaredAt: ReadonlyMap<string, SourceLocation>;
  /** The target's dialect, for its identifier rules; exact comparison without one. */
  dialect?: Dialect;
  /** The target's schema and database, under which `store_failures` tables are written. */
  target: { schema: string; database?: string };
}

/**
 * Every pair of nodes that would build one relation, or build over a declared source table:
 * one build would silently replace the other's data (a model named like a seed replaced the
 * seed table; a model aliased onto a source table replaced its 1,000 rows with 10). Names are
 * compared as the engine stores them (`Dialect.identifierKey`: truncation, case folding), so
 * two 70-character names PostgreSQL cuts to one 63-byte identifier clash too. Ephemeral
 * models build nothing and claim nothing; sources may share a table with each other. A seed
 * may be a source's table: declaring a seed as a source is how dbt projects (and dbt's own
 * adapter tests) read a CSV through `source()`, and the seed's rows are that source's data.
 */
export function findRelationClashes(input: RelationClashInput): TsmodelError[] {
  const { dialect } = input;
  const part = (p: string | undefined) =>
    p === undefined || p === '' ? '' : (dialect?.identifierKey(p) ?? p);
  const key = (rel: RelationName) =>
    `${part(rel.database)}\u0000${part(rel.schema)}\u0000${part(rel.identifier)}`;

  const sources = new Map<string, Claim>();
  for (const source of input.sources) {
    if (!source.relation) continue;
    const location = input.sourceLocations.get(source.unique_id) ?? {
      file: source.original_file_path,
    };
    const k = key(source.relation);
    if (!sources.has(k)) sources.set(k, { node: source, relation: source.relation, location });
  }
  const problems: TsmodelError[] = [];
  const built = new Map<string, Claim>();
  for (const node of input.nodes) {
    const relation = writtenRelation(node, input.target);
    if (!relation) continue;
    const location = input.declaredAt.get(node.unique_id) ?? { file: node.original_file_path };
    const claim = { node, relation, location };
    const k = key(relation);
    const first = built.get(k);
    if (first) problems.push(bothBuild(first, claim, dialect));
    else built.set(k, claim);
    const source = node.resource_type === 'seed' ? undefined : sources.get(k);
    if (source) problems.push(buildsOverSource(claim, source, dialect));
  }
  return problems;
}

function writtenRelation(
  node: ManifestNode,
  target: RelationClashInput['target'],
): RelationName | undefined {
  if (node.resource_type === 'test')
    return node.config.store_failures === true
      ? auditRelation(node, target.schema, target.database)
      : undefined;
  if (!['model', 'seed', 'snapshot'].includes(node.resource_type)) return undefined;
  return node.config.materialized === 'ephemeral' ? undefined : node.relation;
}

function bothBuild(first: Claim, second: Claim, dialect: Dialect | undefined): TsmodelError {
  return new TsmodelError({
    code: 'relation-clash',
    message: `${shown(first)} and ${shown(second)} both build ${where(first, second, dialect)}: one would overwrite the other`,
    location: second.location,
    node: second.node.unique_id,
    hint: 'set `alias` or `schema` on one of them so each builds its own relation',
  });
}

function buildsOverSource(
  writer: Claim,
  source: Claim,
  dialect: Dialect | undefined,
): TsmodelError {
  return new TsmodelError({
    code: 'relation-clash',
    message: `${shown(writer)} builds over ${shown(source)} at ${where(source, writer, dialect)}: it would replace the source's data`,
    location: writer.location,
    node: writer.node.unique_id,
    hint: `set \`alias\` or \`schema\` on ${writer.node.name} so it builds elsewhere`,
  });
}

function shown(claim: Claim): string {
  const { file, line } = claim.location;
  return `${claim.node.unique_id} (${line === undefined ? file : `${file}:${line}`})`;
}

function where(a: Claim, b: Claim, dialect: Dialect | undefined): string {
  const [x, y] = [dotted(a.relation), dotted(b.relation)];
  return x === y ? x : `${x} and ${y} (${sameOn(dialect)})`;
}

/** Why two different spellings are one relation, read off the dialect's own rules. */
function sameOn(dialect: Dialect | undefined): string {
  if (!dialect) return 'one relation';
  const { identifierCase } = dialect.capabilities;
  const folding =
    identifierCase !== 'preserve'
      ? `names fold to ${identifierCase} case`
      : dialect.identifierKey('Ab') === 'ab'
        ? 'names match without case'
        : 'case is kept';
  return `one relation on ${dialect.type}: ${folding}, identifiers keep ${dialect.capabilities.maxIdentifierLength} bytes`;
}

function dotted(rel: RelationName): string {
  return [rel.database, rel.schema, rel.identifier].filter((p) => p).join('.');
}
