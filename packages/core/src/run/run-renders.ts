import type { Connection } from '../adapter/connection';
import type { AdHocRenderOptions } from '../compile/ad-hoc-render';
import type { CompileResult } from '../compile/compile-project';
import type { RenderBatch } from '../compile/jit-renderer';
import type { ManifestNode } from '../manifest/types';
import { renderJustInTime } from './jit-render';
import type { RunCatalog } from './run-catalog';

/** How a run gets SQL from templates, on the connection that will execute it. */
export interface RunRenders {
  /**
   * A node's SQL for this run: the compiled SQL when its template is static, else rendered
   * just in time (incremental models whose table exists, introspective nodes, and every batch
   * of a microbatch model, whose parents read only the batch's window).
   */
  nodeSql(
    conn: Connection,
    node: ManifestNode,
    isIncremental: boolean,
    batch?: RenderBatch,
  ): Promise<string>;
  /** Hooks, operations and inline SQL, rendered with the live warehouse. */
  renderAdHoc(conn: Connection, text: string, options?: AdHocRenderOptions): Promise<string>;
}

export function runRenders(
  compiled: Pick<CompileResult, 'renderForRun' | 'introspective' | 'renderAdHoc'>,
  catalog: RunCatalog,
): RunRenders {
  return {
    nodeSql: (conn, node, isIncremental, batch) => {
      if (!isIncremental && !batch && !compiled.introspective.has(node.unique_id))
        return Promise.resolve(node.compiled_code ?? '');
      return renderJustInTime(
        (warehouse) =>
          compiled.renderForRun(
            node.unique_id,
            { isIncremental, ...(batch ? { batch } : {}) },
            warehouse,
          ),
        conn,
        catalog,
        node.unique_id,
      );
    },
    renderAdHoc: (conn, text, options = {}) =>
      renderJustInTime(
        (warehouse) => compiled.renderAdHoc(text, { ...options, warehouse }),
        conn,
        catalog,
        options.node ?? options.name ?? 'inline',
      ),
  };
}
