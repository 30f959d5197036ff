import { tmpRelation, swapSteps } from './relations';
import { step, type PlanInput, type Step } from './step';

/**
 * A table rebuild that never destroys the previous good table when the build fails:
 * - nothing there: `create table … as`;
 * - an atomic `create or replace table` (DuckDB, Snowflake) when it replaces a table: one
 *   statement that either swaps the new table in or fails leaving the old one; replacing a
 *   view drops it first, in the same transaction where DDL is transactional;
 * - otherwise, with transactional DDL: build `__tsmodel_tmp`, then swap, in one transaction;
 * - otherwise: build tmp first, then a best-effort (non-atomic) swap.
 * A contracted table is declared with its columns and constraints, then filled (see
 * `buildContractedTable`).
 */
export function planTable(input: PlanInput): Step[] {
  const build = input.node.contract ? buildContractedTable(input) : buildTable(input);
  return [...build, ...finishTable(input)];
}

/**
 * `create table t (<columns and constraints>)` then `insert into t (cols) select cols from
 * (<sql>)`, in one transaction: into the target when nothing is there, else into tmp and
 * swapped in, so a row that breaks a constraint fails the build and leaves the old table.
 * Where DDL is not transactional the engine's one-statement form is used (Snowflake's
 * `create or replace table t (…) as select …`).
 */
function buildContractedTable(input: PlanInput): Step[] {
  const { node, existing, dialect } = input;
  const { relation: target, config } = node;
  const contract = node.contract!;
  const columns = contract.columns.map((c) => c.sqlName);
  const select = `select ${columns.join(', ')}\nfrom (\n${node.sql}\n) as model_subq`;
  const tx = dialect.capabilities.transactionalDdl;
  if (!tx && dialect.createOrReplaceTableWithDefinitionsAs) {
    const create = step(
      'create',
      'create contracted table',
      dialect.createOrReplaceTableWithDefinitionsAs(target, contract.definitions, select, config),
      false,
    );
    if (existing?.kind !== 'view') return [create];
    return [
      step('drop', 'drop old view', dialect.dropRelation('view', target, true), false),
      create,
    ];
  }
  const into = existing ? tmpRelation(target, dialect) : target;
  // Where constraint names are schema-wide, the tmp table names its keys apart (see
  // `ContractSpec.tmpDefinitions`) and gets the real names once the old table is gone.
  const renameBack =
    existing !== undefined &&
    dialect.capabilities.schemaScopedConstraintNames === true &&
    contract.renames.length > 0;
  const fill = [
    step(
      'create',
      existing ? 'create contracted tmp table' : 'create contracted table',
      dialect.createTableWithDefinitions(
        into,
        renameBack ? contract.tmpDefinitions : contract.definitions,
        config,
      ),
      tx,
    ),
    step('insert', 'insert contracted rows', dialect.insertSelect(into, columns, node.sql), tx),
  ];
  if (!existing) return fill;
  const swap = swapSteps(target, existing.kind, into, 'table', dialect);
  if (!renameBack) return [...fill, ...swap];
  return [
    ...fill,
    ...swap.map((s) => (s.kind === 'drop' ? { ...s, transactional: tx } : s)),
    ...contract.renames.map(({ from, to }) =>
      step('alter', `name constraint ${to}`, dialect.renameConstraint(target, from, to), tx),
    ),
  ];
}

function buildTable(input: PlanInput): Step[] {
  const { node, existing, dialect } = input;
  const { relation: target, config } = node;
  const caps = dialect.capabilities;
  if (!existing)
    return [step('create', 'create table', dialect.createTableAs(target, node.sql, config), true)];
  if (caps.atomicCreateOrReplaceTable) {
    const tx = caps.transactionalDdl;
    const replace = step(
      'create',
      'create or replace table',
      dialect.createOrReplaceTableAs(target, node.sql, config),
      tx,
    );
    if (existing.kind === 'table') return [replace];
    return [step('drop', 'drop old view', dialect.dropRelation('view', target, true), tx), replace];
  }
  const tmp = tmpRelation(target, dialect);
  return [
    step(
      'create',
      'create tmp table',
      dialect.createTableAs(tmp, node.sql, config),
      caps.transactionalDdl,
    ),
    ...swapSteps(target, existing.kind, tmp, 'table', dialect),
  ];
}

/** The engine's options that apply once the table is in place (Snowflake's clustering). */
function finishTable(input: PlanInput): Step[] {
  const { relation, config } = input.node;
  return (input.dialect.afterCreateTable?.(relation, config) ?? []).map((sql) =>
    step('alter', 'set table options', sql, false),
  );
}
