import { TsmodelError } from '../diagnostics';
import type { ManifestNode } from '../manifest/types';
import type { RelationKey } from '../templating/relation-placeholder';
import type { JitRuntime, RenderWarehouse, ResolvedRelation } from '../templating/render-warehouse';
import type { RenderTarget, TemplateEngine } from '../templating/template-engine';
import type { DependencyResolver } from './dependency-resolver';
import { EPHEMERAL_CTE_PREFIX, type SqlFinalizer } from './sql-finalizer';
import { isEmptySql } from './empty-sql';
import type { BatchWindow } from '../materializations/microbatch-time';

/** One batch of a microbatch model: `model.batch` in its template, and its parents' filter. */
export interface RenderBatch extends BatchWindow {
  /** dbt's `model.batch.id`, e.g. `20240101`. */
  id: string;
}

/** A node's run-time SQL, rendered with `execute = true` against the live warehouse. */
export type RunRender = (
  uniqueId: string,
  options: { isIncremental: boolean; batch?: RenderBatch },
  warehouse: RenderWarehouse,
) => string;

export interface JitRendererInput {
  engine: TemplateEngine;
  nodes: ReadonlyMap<string, ManifestNode>;
  targets: ReadonlyMap<string, RenderTarget>;
  resolver: DependencyResolver;
  /** Finalizes the node's own SQL (with `--empty`, refs read no rows). */
  finalizer: SqlFinalizer;
  /** Finalizes statements templates send: relations by name, never emptied. */
  statementFinalizer?: SqlFinalizer;
}

/**
 * Run-time renders of nodes (dbt renders every node again when it executes; tsmodel only those
 * whose parse render read `execute` or the warehouse, and incremental models whose target
 * exists). `ref()`/`source()`/`this` then carry their final names, and statements a template
 * sends are finalized like model SQL before they reach the warehouse.
 */
export function jitRenderer(input: JitRendererInput): RunRender {
  const { engine, nodes, finalizer } = input;
  return (uniqueId, options, warehouse) => {
    const node = nodes.get(uniqueId);
    const target = input.targets.get(uniqueId);
    if (!node || !target)
      throw new TsmodelError({
        code: 'unknown-node',
        message: `no node ${uniqueId}`,
        kind: 'internal',
      });
    const out = engine.render(
      target,
      node.raw_code ?? '',
      {
        isIncremental: options.isIncremental,
        execute: true,
        jit: jitRuntime(input, node, warehouse, true),
        ...(options.batch ? { batch: options.batch } : {}),
      },
      uniqueId,
    );
    // Run results keep only the message, so it carries the fix.
    if (node.resource_type === 'model' && isEmptySql(out.sql))
      throw new TsmodelError({
        code: 'empty-model',
        message: `model '${node.name}' is empty: ${node.original_file_path} renders to no SQL when rendered against the warehouse, so nothing was built`,
        location: { file: node.original_file_path },
        node: node.unique_id,
        hint: 'check what the macros it calls found in the warehouse (relations, columns), e.g. with tsmodel compile --introspect',
      });
    return finalizer.finalize(node, out.sql, options.batch);
  };
}

/**
 * The live warehouse and final relation names for templates rendered as `caller`. With
 * `declaredOnly`, a `ref()` must be one of the caller's parse-time dependencies: a ref reached
 * only at run time would run before its parent is built, so (as dbt does) it is an error that
 * names the `-- depends_on:` fix.
 */
export function jitRuntime(
  input: Pick<JitRendererInput, 'nodes' | 'resolver' | 'finalizer' | 'statementFinalizer'>,
  caller: ManifestNode,
  warehouse: RenderWarehouse,
  declaredOnly: boolean,
): JitRuntime {
  const resolve = (key: RelationKey): ResolvedRelation => {
    if (key.kind === 'this') return relationOf(caller, null);
    const hit =
      key.kind === 'ref'
        ? input.resolver.resolveRef(caller, key)
        : input.resolver.resolveSource(caller, key.source, key.table);
    if (hit instanceof TsmodelError) throw hit;
    if (declaredOnly && key.kind === 'ref' && !caller.depends_on.nodes.includes(hit.unique_id))
      throw new TsmodelError({
        code: 'undeclared-ref',
        message: `${caller.unique_id} refers to ${hit.unique_id} only in code that runs when execute is true, so it was not known as a dependency: add a line \`-- depends_on: {{ ref('${key.name}') }}\` at the top of ${caller.original_file_path}`,
        hint: 'dbt asks for the same line: the dependency must be known before anything runs',
        node: caller.unique_id,
      });
    return relationOf(hit, hit.config.materialized === 'ephemeral' ? 'cte' : null);
  };
  return {
    resolve,
    warehouse: {
      ask: (request) =>
        warehouse.ask(
          request.op === 'execute'
            ? {
                ...request,
                sql: (input.statementFinalizer ?? input.finalizer).finalize(caller, request.sql),
              }
            : request,
        ),
      log: (message, info) => warehouse.log?.(message, info),
    },
  };
}

function relationOf(node: ManifestNode, type: string | null): ResolvedRelation {
  if (type === 'cte')
    return {
      path: { database: null, schema: null, identifier: `${EPHEMERAL_CTE_PREFIX}${node.name}` },
      type,
    };
  const rel = node.relation;
  return {
    path: {
      database: rel?.database ?? null,
      schema: rel?.schema ?? null,
      identifier: rel?.identifier ?? null,
    },
    type,
  };
}
