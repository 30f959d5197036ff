import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'libpg-query';
import { describe, expect, it } from 'vitest';
import {
  goldenStatements,
  PG_STATEMENTS,
  type GoldenFileStatement,
} from '../../testing/golden-plans';

/**
 * Every statement of the golden plans of the warehouse dialects goes through a real parser, so a
 * builder that emits broken SQL fails here, without a warehouse.
 * - Postgres: libpg_query, the server's own grammar. Each statement must also be the statement
 *   type its step kind promises (a `rename` step is a RenameStmt, …).
 * - Redshift: the same grammar (Redshift descends from Postgres); its one type extension,
 *   `varchar(max)`, is read as what it means, `varchar(65535)`.
 * (Snowflake's golden SQL is checked in packages/adapter-snowflake.)
 */
const goldenDir = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../materializations/__golden__',
);

function statements(dialect: string): GoldenFileStatement[] {
  return goldenStatements(join(goldenDir, dialect));
}

async function pgStatementType(sql: string): Promise<string> {
  const stmts = (await parse(sql)).stmts ?? [];
  expect(stmts).toHaveLength(1);
  return Object.keys(stmts[0]!.stmt as object)[0]!;
}

describe.each([
  ['postgres', (sql: string) => sql],
  ['redshift', (sql: string) => sql.replace(/\bvarchar\(max\)/gi, 'varchar(65535)')],
])('golden %s SQL parses with the PostgreSQL grammar', (dialect, toPostgres) => {
  const all = statements(dialect);
  it('has statements for every golden case', () => {
    expect(all.length).toBeGreaterThan(40);
  });
  it.each(all.map((s) => [`${s.file}: ${s.label}`, s] as const))('%s', async (_name, s) => {
    expect(PG_STATEMENTS[s.kind]).toContain(await pgStatementType(toPostgres(s.sql)));
  });
});
