import { combine, nodeColumn, untraced, type Traced } from './derivation';
import { sameName } from './sql-ast';

/** A named column of a relation in scope, traced to node columns. */
export interface ShapeColumn {
  name: string;
  traced: Traced;
}

/**
 * Columns a `select *` brought in without naming them: the star was over a relation whose
 * columns are not known. A query that names one of them (`select id from …`) is still traced
 * exactly, through `lookup`: in valid SQL a name that is no listed column must come from the
 * star.
 */
export interface UnlistedColumns {
  /** Said for the columns that cannot be listed, e.g. `select * from "db"."main"."x" without known columns`. */
  reason: string;
  /** Nodes whose unknown columns the star stands for (empty when none is a node). */
  nodes: string[];
  /** How many listed columns come before the star: union branches line up only that far. */
  position: number;
  lookup(name: string): Traced;
}

/**
 * What a relation in a FROM clause offers a query: its columns in order, each traced to node
 * columns, and possibly columns it has but cannot list.
 */
export interface Shape {
  columns: ShapeColumn[];
  unlisted?: UnlistedColumns;
}

/** A node's relation: its known columns, or unlisted ones when its columns are not known. */
export function nodeShape(
  node: string,
  columns: readonly string[] | undefined,
  relation: string,
): Shape {
  if (columns)
    return { columns: columns.map((name) => ({ name, traced: nodeColumn(node, name) })) };
  return {
    columns: [],
    unlisted: {
      reason: `select * from ${relation} without known columns`,
      nodes: [node],
      position: 0,
      lookup: (name) => nodeColumn(node, name),
    },
  };
}

/** A relation that is no node (a table outside the project, a table function): nothing traces. */
export function opaqueShape(what: string): Shape {
  return {
    columns: [],
    unlisted: {
      reason: `${what} is no node of the project`,
      nodes: [],
      position: 0,
      lookup: (name) => untraced(`column ${name} of ${what}, which is no node of the project`),
    },
  };
}

/** The listed column `name` of a shape, else the star's column of that name, else undefined. */
export function findColumn(shape: Shape, name: string): Traced | undefined {
  const listed = shape.columns.find((c) => sameName(c.name, name));
  if (listed) return listed.traced;
  return shape.unlisted?.lookup(name);
}

/** A shape seen through column aliases (`as t(a, b)`): its first columns renamed in order. */
export function renameColumns(shape: Shape, aliases: readonly string[]): Shape {
  if (aliases.length === 0) return shape;
  if (shape.unlisted && shape.unlisted.position < aliases.length) {
    return opaqueColumnsBeyond(
      shape,
      aliases.length,
      'column aliases over a select * without known columns',
    );
  }
  return {
    ...shape,
    columns: shape.columns.map((c, i) =>
      i < aliases.length ? { name: aliases[i]!, traced: c.traced } : c,
    ),
  };
}

/**
 * A shape whose columns from `count` on cannot be matched by position: listed as far as they
 * line up, the rest unlisted and untraced for `reason`.
 */
function opaqueColumnsBeyond(shape: Shape, count: number, reason: string): Shape {
  const known = Math.min(count, shape.unlisted?.position ?? shape.columns.length);
  return {
    columns: shape.columns.slice(0, known),
    unlisted: {
      reason,
      nodes: shape.unlisted?.nodes ?? [],
      position: known,
      lookup: () => untraced(reason),
    },
  };
}

/**
 * The columns of a union: matched by position, named by the first branch. Where a branch has a
 * `select *` without known columns, positions from there on cannot be matched and are unlisted.
 */
export function unionShape(branches: readonly Shape[]): Shape {
  const lined = Math.min(
    ...branches.map((b) => (b.unlisted ? b.unlisted.position : b.columns.length)),
  );
  const columns: ShapeColumn[] = [];
  for (let i = 0; i < lined; i++) {
    columns.push({
      name: branches[0]!.columns[i]!.name,
      traced: combine(
        branches.map((b) => b.columns[i]!.traced),
        'direct',
      ),
    });
  }
  const unlisted = branches.filter((b) => b.unlisted);
  if (unlisted.length === 0) return { columns };
  const reason = `union columns are matched by position, and a branch is ${unlisted[0]!.unlisted!.reason}`;
  return {
    columns,
    unlisted: {
      reason,
      nodes: [...new Set(unlisted.flatMap((b) => b.unlisted!.nodes))],
      position: lined,
      lookup: () => untraced(reason),
    },
  };
}

/**
 * The unlisted columns of several stars in one select list (`a.*, b.*`): a name could come
 * from any of them, so a lookup is traced only when one star is unlisted.
 */
export function mergeUnlisted(
  parts: readonly UnlistedColumns[],
  position: number,
): UnlistedColumns | undefined {
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return { ...parts[0]!, position };
  const reason = parts.map((p) => p.reason).join('; ');
  return {
    reason,
    nodes: [...new Set(parts.flatMap((p) => p.nodes))],
    position,
    lookup: (name) => untraced(`column ${name} could come from several stars (${reason})`),
  };
}
