import { TsmodelError } from '../diagnostics';
import type { ManifestNode, RelationName } from '../manifest/types';
import type { RenderTarget, TemplateEngine } from '../templating/template-engine';
import type { DependencyResolver } from './dependency-resolver';
import { layerConfig, newNode, sha256 } from './node-factory';
import { SqlFinalizer } from './sql-finalizer';
import { jitRuntime, type RenderBatch } from './jit-renderer';
import type { RenderWarehouse } from '../templating/render-warehouse';

/** What an ad-hoc template renders as. */
export interface AdHocRenderOptions {
  /**
   * The node the template belongs to (a model's `pre_hook`): `this`, `config` and `model`
   * answer for it. Absent for project-level SQL (`on-run-start`, `show --inline`).
   */
  node?: string;
  /** Name shown in errors when there is no node, e.g. `on-run-start` or `inline`. */
  name?: string;
  /** File shown in errors, e.g. `project.yml`. */
  file?: string;
  /** `is_incremental()` while rendering (hooks of an incremental run). */
  isIncremental?: boolean;
  /** Names this render alone sees, e.g. on-run-end's `results` and `schemas`. */
  globals?: Record<string, unknown>;
  /**
   * A microbatch model's hooks: the batch they run with (`model.batch`), the first for
   * pre-hooks and the last for post-hooks, as dbt runs them with those batches.
   */
  batch?: RenderBatch;
  /**
   * The live warehouse (`run_query`, `adapter.get_relation`, … in a hook or operation); see
   * `renderJustInTime`. Without it the template renders as while parsing.
   */
  warehouse?: RenderWarehouse;
}

/** Renders SQL text that is not a project file into runnable SQL; see {@link adHocRenderer}. */
export type AdHocRender = (text: string, options?: AdHocRenderOptions) => string;

export interface AdHocRendererInput {
  engine: TemplateEngine;
  rootProject: string;
  nodes: ReadonlyMap<string, ManifestNode>;
  renderedSql: ReadonlyMap<string, string>;
  targets: ReadonlyMap<string, RenderTarget>;
  resolver: DependencyResolver;
  renderRelation: (rel: RelationName) => string;
  /** Receives the renderer's finalizer, so `relocate` can make it forget moved relations. */
  onFinalizer?: (finalizer: SqlFinalizer) => void;
}

/**
 * Run-time rendering of templates that are not nodes of the graph: hooks (`pre_hook`,
 * `on-run-start`) and `show --inline "select … {{ ref('x') }}"`. Their refs resolve against the
 * whole project (they are not the node's declared dependencies), and ephemeral refs inline as
 * CTEs, exactly like a model's SQL. A bad ref throws the same located error compile gives.
 */
export function adHocRenderer(input: AdHocRendererInput): AdHocRender {
  const { engine, nodes, resolver } = input;
  const finalizer = new SqlFinalizer(
    nodes,
    input.renderedSql,
    (caller, key) => {
      if (key.kind === 'this') return caller;
      const hit =
        key.kind === 'ref'
          ? resolver.resolveRef(caller, key)
          : resolver.resolveSource(caller, key.source, key.table);
      input.onFinalizer?.(finalizer);
      if (hit instanceof TsmodelError) throw hit;
      return hit;
    },
    input.renderRelation,
  );
  return (text, options = {}) => {
    const owner = options.node === undefined ? undefined : nodes.get(options.node);
    if (options.node !== undefined && !owner)
      throw new TsmodelError({
        code: 'unknown-node',
        message: `no node ${options.node}`,
        kind: 'internal',
      });
    const name = options.name ?? 'inline';
    const target: RenderTarget = (owner && input.targets.get(owner.unique_id)) ?? {
      uniqueId: `sql_operation.${input.rootProject}.${name}`,
      name,
      packageName: input.rootProject,
      resourceType: 'operation',
      file: options.file ?? `<${name}>`,
      baseConfig: {},
    };
    const caller =
      owner ??
      newNode({
        unique_id: target.uniqueId,
        resource_type: 'operation',
        name,
        package_name: input.rootProject,
        path: target.file,
        original_file_path: target.file,
        fqn: [input.rootProject, name],
        config: layerConfig('model', []),
        raw_code: text,
        checksum: sha256(text),
      });
    const globals = engine.env.globals as Record<string, unknown>;
    const saved = Object.entries(options.globals ?? {}).map(([name, value]) => {
      const before = { name, had: name in globals, value: globals[name] };
      engine.env.addGlobal(name, value);
      return before;
    });
    try {
      const out = engine.render(target, text, {
        isIncremental: options.isIncremental ?? false,
        execute: true,
        ...(options.batch ? { batch: options.batch } : {}),
        ...(options.warehouse
          ? { jit: jitRuntime({ nodes, resolver, finalizer }, caller, options.warehouse, false) }
          : {}),
      });
      return finalizer.finalize(caller, out.sql);
    } finally {
      for (const s of saved) {
        if (s.had) engine.env.addGlobal(s.name, s.value);
        else delete globals[s.name];
      }
    }
  };
}
