import type { Dialect } from '../adapter/dialect';
import type { FetchedColumn } from '../adapter/connection';
import type { ContractColumn } from './contract-ddl';

/** One difference between a contract and the columns the model's SQL returns. */
export interface ContractMismatch {
  column: string;
  /** The SQL's type for the column; absent when the SQL does not return it. */
  definitionType?: string;
  /** The contract's type; absent when the contract does not list the column. */
  contractType?: string;
  reason: 'data type mismatch' | 'missing in definition' | 'missing in contract';
}

/**
 * Compares a contract with the columns the model's SQL returns (dbt's
 * `assert_columns_equivalent`): every contract column must come back, no other column may, and
 * types must be of one family (see `ContractRules.typeFamily`). Unquoted names match as the
 * engine folds them. A type the driver cannot name (a PostgreSQL enum reported by its OID) is
 * not compared, rather than failing a contract the user cannot satisfy.
 */
export function contractMismatches(
  contract: ContractColumn[],
  actual: FetchedColumn[],
  dialect: Dialect,
): ContractMismatch[] {
  const same = (c: ContractColumn, a: FetchedColumn) =>
    c.quote ? a.name === c.name : dialect.identifierKey(a.name) === dialect.identifierKey(c.name);
  const mismatches: ContractMismatch[] = [];
  const matched = new Set<FetchedColumn>();
  for (const column of contract) {
    const hit = actual.find((a) => !matched.has(a) && same(column, a));
    if (!hit) {
      mismatches.push({
        column: column.name,
        contractType: column.dataType,
        reason: 'missing in definition',
      });
      continue;
    }
    matched.add(hit);
    if (hit.type === undefined || hit.type.startsWith('oid ')) continue;
    const families = dialect.contracts;
    if (families.typeFamily(hit.type) !== families.typeFamily(column.dataType))
      mismatches.push({
        column: column.name,
        definitionType: hit.type,
        contractType: column.dataType,
        reason: 'data type mismatch',
      });
  }
  for (const column of actual)
    if (!matched.has(column))
      mismatches.push({
        column: column.name,
        ...(column.type !== undefined ? { definitionType: column.type } : {}),
        reason: 'missing in contract',
      });
  return mismatches;
}

/** The mismatches as dbt prints them: an aligned table, one row per column. */
export function mismatchTable(mismatches: ContractMismatch[]): string {
  const header = ['column_name', 'definition_type', 'contract_type', 'mismatch_reason'];
  const rows = mismatches.map((m) => [
    m.column,
    m.definitionType ?? '',
    m.contractType ?? '',
    m.reason,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
