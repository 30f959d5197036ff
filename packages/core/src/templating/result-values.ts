import type { TemplatingDialect } from '../adapter/dialect';
import type { FetchResult } from '../adapter/connection';
import type { ResultValues } from './adapter-object';
import type { AgateTable } from './agate-table';
import { columnApi } from './api-column';
import { AdapterResponse, agateTable } from './query-outcome';
import { tuple } from './py-values';

/**
 * Query results and columns as templates see them on `dialect`'s adapter: agate tables, dbt's
 * AdapterResponse and Column classes. `print` receives what `table.print_table()` prints.
 */
export function resultValues(
  dialect: TemplatingDialect,
  print: (text: string) => void,
): ResultValues {
  const columns = columnApi(dialect);
  const options = { adapterType: dialect.type, print };
  return {
    column: (def) => columns.fromColumnDef(def),
    table: (result) => agateTable(result, options),
    response: (result) => response(result, dialect.type),
    statementResult: (res, table) => {
      const t = table as AgateTable | null | undefined;
      return {
        response: res,
        data: t ? t.rows.values().map((r) => tuple(r.values())) : [],
        table: t ?? null,
      };
    },
    columnApi: columns,
  };
}

/** dbt's AdapterResponse: Postgres-family codes are the status's first word, Snowflake's SUCCESS. */
function response(result: FetchResult, adapterType: string): AdapterResponse {
  const message = result.message ?? 'OK';
  const code = adapterType === 'snowflake' ? 'SUCCESS' : (message.split(' ')[0] ?? message);
  return new AdapterResponse(message, code, result.rowsAffected ?? null, result.queryId ?? null);
}
