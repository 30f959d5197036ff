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
   * just in time (incremental models whose table exists, introspective nodes, nodes that log,
   * so their lines show as they run, and every batch of a microbatch model, whose parents read
   * only the batch's window).
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
  compiled: Pick<CompileResult, 'renderForRun' | 'introspective' | 'logging' | 'renderAdHoc'>,
  catalog: RunCatalog,
  /** What run-time renders log (`log()`, `print()`, `print_table()`), as each render ends. */
  onLog?: (message: string, info: boolean) => void,
): RunRenders {
  return {
    nodeSql: (conn, node, isIncremental, batch) => {
      const rendersAgain =
        compiled.introspective.has(node.unique_id) || compiled.logging.has(node.unique_id);
      if (!isIncremental && !batch && !rendersAgain)
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
        onLog,
      );
    },
    renderAdHoc: (conn, text, options = {}) =>
      renderJustInTime(
        (warehouse) => compiled.renderAdHoc(text, { ...options, warehouse }),
        conn,
        catalog,
        options.node ?? options.name ?? 'inline',
        onLog,
      ),
  };
}
