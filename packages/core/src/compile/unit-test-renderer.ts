import { TsmodelError } from '../diagnostics';
import type { ManifestNode, RelationName } from '../manifest/types';
import {
  decodeKey,
  encodeKey,
  keyDisplay,
  replaceMarkers,
  type RelationKey,
} from '../templating/relation-placeholder';
import type { RenderWarehouse, ResolvedRelation } from '../templating/render-warehouse';
import type { UnitTestNode } from '../unit-tests/types';
import { jitRuntime, type JitRendererInput } from './jit-renderer';
import { EPHEMERAL_CTE_PREFIX, injectCtes } from './sql-finalizer';

/** The key of the `this` fixture among a unit test's fixtures (others: the input's unique id). */
export const THIS_FIXTURE = 'this';

/**
 * A unit test's model SQL at run time: the model rendered with `execute = true`, the test's
 * overrides and the live warehouse, every input it reads replaced by a CTE of its fixture.
 * `fixtures` maps each given input's unique id (or {@link THIS_FIXTURE}) to the fixture's SQL.
 */
export type UnitTestRender = (
  test: UnitTestNode,
  fixtures: ReadonlyMap<string, string>,
  warehouse: RenderWarehouse,
) => string;

/**
 * Renders a unit test's model as dbt does: each `ref()`/`source()` becomes a CTE holding its
 * fixture rows (dbt makes every input an ephemeral model), `this` too when it is given. A ref
 * or source the test does not give is an error naming it — dbt's unit tests never read a real
 * relation's rows.
 */
export function unitTestRenderer(
  input: JitRendererInput & { renderRelation: (rel: RelationName) => string },
): UnitTestRender {
  return (test, fixtures, warehouse) => {
    const model = input.nodes.get(test.depends_on.nodes[0]!);
    const target = model && input.targets.get(model.unique_id);
    if (!model || !target)
      throw new TsmodelError({
        code: 'unknown-node',
        message: `no model ${test.depends_on.nodes[0]} for ${test.unique_id}`,
        kind: 'internal',
      });
    const fixtureOf = (key: RelationKey): { id: string; cte: string } | undefined => {
      if (key.kind === 'this')
        return fixtures.has(THIS_FIXTURE)
          ? { id: THIS_FIXTURE, cte: `${EPHEMERAL_CTE_PREFIX}${model.name}` }
          : undefined;
      const node = resolve(model, key);
      if (!fixtures.has(node.unique_id)) throw missingInput(test, model, key, node);
      return { id: node.unique_id, cte: cteName(node) };
    };
    const resolve = (caller: ManifestNode, key: Exclude<RelationKey, { kind: 'this' }>) => {
      const hit =
        key.kind === 'ref'
          ? input.resolver.resolveRef(caller, key)
          : input.resolver.resolveSource(caller, key.source, key.table);
      if (hit instanceof TsmodelError) throw hit;
      return hit;
    };
    const runtime = jitRuntime(input, model, warehouse, true);
    const out = input.engine.render(
      target,
      model.raw_code ?? '',
      {
        isIncremental: test.overrides.macros.is_incremental === true,
        execute: true,
        jit: {
          warehouse: runtime.warehouse,
          resolve: (key): ResolvedRelation => {
            const fixture = fixtureOf(key);
            if (!fixture) return runtime.resolve(key);
            return {
              path: { database: null, schema: null, identifier: fixture.cte },
              type: 'cte',
            };
          },
        },
        overrides: {
          vars: test.overrides.vars,
          envVars: test.overrides.env_vars,
          macros: test.overrides.macros,
        },
      },
      model.unique_id,
    );
    const used = new Map<string, string>();
    const body = replaceMarkers(out.sql, (encoded, part) => {
      const key = decodeKey(encoded);
      const fixture = fixtureOf(key);
      if (!fixture) {
        const rel = model.relation!;
        return part ? (rel[part] ?? '') : input.renderRelation(rel);
      }
      used.set(fixture.cte, fixtures.get(fixture.id)!);
      return part === undefined || part === 'identifier' ? fixture.cte : '';
    });
    const ctes = [...used].map(([cte, sql]) => `${cte} as (\n${sql.trim()}\n)`);
    return ctes.length === 0 ? body : injectCtes(body, ctes);
  };
}

/** The CTE a given input becomes: dbt's ephemeral name, a source's with its source name. */
function cteName(node: ManifestNode): string {
  return node.resource_type === 'source'
    ? `${EPHEMERAL_CTE_PREFIX}${node.source_name}__${node.name}`
    : `${EPHEMERAL_CTE_PREFIX}${node.name}`;
}

function missingInput(
  test: UnitTestNode,
  model: ManifestNode,
  key: RelationKey,
  node: ManifestNode,
): TsmodelError {
  const call = keyDisplay(encodeKey(key));
  return new TsmodelError({
    code: 'unit-test-missing-input',
    message: `unit test '${test.name}' gives no input for ${call}, which model '${model.name}' reads (${node.unique_id})`,
    location: { file: test.original_file_path },
    node: test.unique_id,
    hint: `add "- input: ${call}" under given: with the rows it should hold (rows: [] for none)${node.config.materialized === 'ephemeral' ? '; an ephemeral model is given like any other input, with format: sql' : ''}`,
  });
}
