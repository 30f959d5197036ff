import { sameName } from './sql-ast';
import type { ColumnLineage, ColumnRef, LineageHow } from './types';

/**
 * How a value inside a query derives from node columns, while the walk is still inside the
 * model: `direct` (the column itself, under any name), then `transformation`, then
 * `aggregation`. A chain of steps takes the strongest: an aggregate of a cast is an
 * aggregation. Whether `direct` is a passthrough or a rename is decided once the output name
 * is known ({@link toColumnLineage}).
 */
export type Derivation = 'direct' | 'transformation' | 'aggregation';

const RANK: Record<Derivation, number> = { direct: 0, transformation: 1, aggregation: 2 };

/** A value of the query traced to node columns. */
export interface Traced {
  upstream: ColumnRef[];
  derivation: Derivation;
  /** Why part of its origin is not known; the first reason met is kept. */
  unresolved?: string;
}

export function strongest(a: Derivation, b: Derivation): Derivation {
  return RANK[a] >= RANK[b] ? a : b;
}

/** A node column, read as it is. */
export function nodeColumn(node: string, column: string): Traced {
  return { upstream: [{ node, column }], derivation: 'direct' };
}

/** A value whose origin is unknown, for `reason`. */
export function untraced(reason: string): Traced {
  return { upstream: [], derivation: 'direct', unresolved: reason };
}

/** Column refs without repeats, in first-seen order. */
export function uniqueRefs(refs: Iterable<ColumnRef>): ColumnRef[] {
  const seen = new Map<string, ColumnRef>();
  for (const ref of refs) {
    const key = `${ref.node}\u0000${ref.column.toLowerCase()}`;
    if (!seen.has(key)) seen.set(key, ref);
  }
  return [...seen.values()];
}

/**
 * Several traced values feeding one value (the arguments of an expression, the branches of a
 * union): their upstream together, the strongest of their derivations and `at least`.
 */
export function combine(parts: readonly Traced[], atLeast: Derivation): Traced {
  let derivation = atLeast;
  let unresolved: string | undefined;
  for (const part of parts) {
    derivation = strongest(derivation, part.derivation);
    unresolved ??= part.unresolved;
  }
  const traced: Traced = { upstream: uniqueRefs(parts.flatMap((p) => p.upstream)), derivation };
  if (unresolved !== undefined) traced.unresolved = unresolved;
  return traced;
}

/**
 * The lineage of output column `name`: a direct value is a passthrough when every upstream
 * column has the same name, else a rename.
 */
export function toColumnLineage(name: string, traced: Traced): ColumnLineage {
  const how: LineageHow =
    traced.derivation !== 'direct'
      ? traced.derivation
      : traced.upstream.every((ref) => sameName(ref.column, name))
        ? 'passthrough'
        : 'rename';
  const lineage: ColumnLineage = { upstream: traced.upstream, how };
  if (traced.unresolved !== undefined) lineage.unresolved = traced.unresolved;
  return lineage;
}
