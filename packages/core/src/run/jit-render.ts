import type { Connection } from '../adapter/connection';
import { TsmodelError } from '../diagnostics';
import {
  WarehouseSuspend,
  type RenderWarehouse,
  type WarehouseAnswers,
  type WarehouseRequest,
} from '../templating/render-warehouse';
import { requestKey, type RunCatalog } from './run-catalog';

/** More rounds than any real template needs; a template asking forever is a bug to report. */
const MAX_ROUNDS = 10_000;

interface Recorded {
  key: string;
  value: unknown;
}

/**
 * Renders a template that talks to the warehouse, just in time. The render is synchronous and
 * the warehouse is not, so the render runs until it asks something not yet answered
 * ({@link WarehouseSuspend}); the question is asked on the node's connection, its answer
 * recorded, and the render replayed from the start with every recorded answer. Each statement
 * therefore runs once, in the order the template sends them, and every attempt sees the same
 * answers (catalog answers are recorded too, so a relation built meanwhile by another thread
 * cannot change a replay halfway). What the render logs goes to `onLog` once, from the attempt
 * that finished it (or failed it): earlier attempts stopped halfway and are replayed.
 */
export async function renderJustInTime(
  render: (warehouse: RenderWarehouse) => string,
  conn: Connection,
  catalog: RunCatalog,
  node: string,
  onLog?: (message: string, info: boolean) => void,
): Promise<string> {
  const recorded: Recorded[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const session = new ReplaySession(recorded, catalog, node);
    try {
      const sql = render(session);
      session.flushLogs(onLog);
      return sql;
    } catch (err) {
      if (!(err instanceof WarehouseSuspend)) {
        session.flushLogs(onLog);
        throw err;
      }
      const value = await catalog.answer(conn, err.request, node).catch((failed: unknown) => {
        session.flushLogs(onLog);
        throw failed;
      });
      recorded.push({ key: requestKey(err.request), value });
    }
  }
  throw new TsmodelError({
    code: 'jit-render-loop',
    message: `${node} sent more than ${MAX_ROUNDS} statements while rendering`,
    hint: 'a template that loops over run_query results without end? render it with tsmodel compile --introspect --debug',
    node,
  });
}

class ReplaySession implements RenderWarehouse {
  private cursor = 0;
  private readonly logs: Array<[string, boolean]> = [];

  constructor(
    private readonly recorded: Recorded[],
    private readonly catalog: RunCatalog,
    private readonly node: string,
  ) {}

  ask<R extends WarehouseRequest>(request: R): WarehouseAnswers[R['op']] {
    const key = requestKey(request);
    if (this.cursor < this.recorded.length) {
      const next = this.recorded[this.cursor++]!;
      if (next.key !== key)
        throw new TsmodelError({
          code: 'jit-render-nondeterministic',
          message: `${this.node} asked the warehouse different things when rendered again with the same answers (${next.key} then ${key})`,
          hint: 'the template depends on something besides the warehouse answers (a random value?); report it with the template',
          node: this.node,
        });
      return next.value as WarehouseAnswers[R['op']];
    }
    const cached = this.catalog.cached(request);
    if (!cached) throw new WarehouseSuspend(request);
    this.recorded.push({ key, value: cached.value });
    this.cursor++;
    return cached.value as WarehouseAnswers[R['op']];
  }

  log(message: string, info: boolean): void {
    this.logs.push([message, info]);
  }

  flushLogs(onLog: ((message: string, info: boolean) => void) | undefined): void {
    for (const [message, info] of this.logs) onLog?.(message, info);
  }
}
