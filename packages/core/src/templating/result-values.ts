import type { TemplatingDialect } from '../adapter/dialect';
import type { ResultValues } from './adapter-object';
import { tuple } from './py-values';

/** Query results and columns as templates see them, for the adapter `dialect`. */
export function resultValues(dialect: TemplatingDialect): ResultValues {
  const q = dialect.quoteCharacter;
  return {
    column: (def) => ({
      name: def.name,
      column: def.name,
      quoted: `${q}${def.name.replaceAll(q, q + q)}${q}`,
      data_type: def.dataType,
      dtype: def.dataType,
    }),
    table: (result) => {
      const rows = result.rows.map((r) => tuple(r));
      return {
        rows,
        column_names: result.columns.map((c) => c.name),
        columns: result.columns.map((c, i) => ({
          name: c.name,
          values: () => tuple(rows.map((r) => r[i])),
        })),
      };
    },
    response: (result) => ({
      _message: result.message ?? 'OK',
      rows_affected: result.rowsAffected ?? -1,
      code: result.message ?? 'OK',
      query_id: result.queryId ?? null,
    }),
    statementResult: (response, table) => ({
      response,
      table,
      data: (table as { rows?: unknown[] } | null)?.rows ?? [],
    }),
    columnApi: {},
  };
}
