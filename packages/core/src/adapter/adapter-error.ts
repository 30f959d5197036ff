import { TsmodelError } from '../diagnostics';
import type { ExecuteOptions } from './connection';

/**
 * The single error a Connection throws. It keeps the SQL, the step label and node, and the
 * driver's error as `cause`, so the CLI prints "node X failed at step Y: <engine message>" and
 * `--debug` can show the statement, whatever the driver.
 */
export class AdapterError extends TsmodelError {
  readonly sql: string;
  readonly label?: string;

  constructor(
    init: { sql: string; cause: unknown; adapterType: string } & Partial<ExecuteOptions>,
  ) {
    const driverMessage = init.cause instanceof Error ? init.cause.message : String(init.cause);
    super({
      code: 'sql-error',
      message: `${init.adapterType} error${init.label ? ` in step '${init.label}'` : ''}: ${driverMessage}`,
      node: init.node,
      excerpt: firstLine(init.sql),
      hint: init.node ? `check the compiled SQL of ${init.node} under target/compiled` : undefined,
      kind: 'user',
      cause: init.cause,
    });
    this.name = 'AdapterError';
    this.sql = init.sql;
    this.label = init.label;
  }
}

function firstLine(sql: string): string {
  return sql.trim().split('\n', 1)[0] ?? '';
}
