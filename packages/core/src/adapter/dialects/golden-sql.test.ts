import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'libpg-query';
import NodeSqlParser from 'node-sql-parser';
import { describe, expect, it } from 'vitest';

/**
 * Every statement of the golden plans of the warehouse dialects goes through a real parser, so a
 * builder that emits broken SQL fails here, without a warehouse.
 * - Postgres: libpg_query, the server's own grammar. Each statement must also be the statement
 *   type its step kind promises (a `rename` step is a RenameStmt, …).
 * - Redshift: the same grammar (Redshift descends from Postgres); its one type extension,
 *   `varchar(max)`, is read as what it means, `varchar(65535)`.
 * - Snowflake: node-sql-parser's Snowflake grammar. It is incomplete (no MERGE, no `transient`,
 *   no `drop … if exists`), so statements it rejects are checked with the Postgres grammar after
 *   removing only Snowflake's table extensions (`transient`, `or replace` on tables, a
 *   schema-qualified rename target); the rest of the statement is standard SQL both accept.
 */
const goldenDir = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../materializations/__golden__',
);

interface GoldenStatement {
  file: string;
  label: string;
  kind: string;
  sql: string;
}

function statements(dialect: string): GoldenStatement[] {
  const dir = join(goldenDir, dialect);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .flatMap((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const parts = text.split(/^-- \d+\. (.*) \((\w+)(?:, transactional)?\)$/m).slice(1);
      const out: GoldenStatement[] = [];
      for (let i = 0; i < parts.length; i += 3)
        out.push({
          file,
          label: parts[i]!,
          kind: parts[i + 1]!,
          sql: parts[i + 2]!.trim().replace(/;$/, ''),
        });
      return out;
    });
}

/** libpg_query node names each step kind may produce. */
const PG_STATEMENTS: Record<string, string[]> = {
  create: ['CreateTableAsStmt', 'CreateStmt', 'ViewStmt'],
  rename: ['RenameStmt'],
  drop: ['DropStmt'],
  truncate: ['TruncateStmt'],
  insert: ['InsertStmt'],
  delete: ['DeleteStmt'],
  merge: ['MergeStmt'],
  // Redshift rebuilds a column: add, update, drop, rename.
  alter: ['AlterTableStmt', 'UpdateStmt', 'RenameStmt'],
  // Keeping dependent views: the catalog query, then what recreates a view.
  query: ['SelectStmt'],
  grant: ['GrantStmt'],
  comment: ['CommentStmt'],
};
PG_STATEMENTS.create!.push('IndexStmt');

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

const snowflakeParser = new NodeSqlParser.Parser();

function parsesAsSnowflake(sql: string): boolean {
  try {
    snowflakeParser.astify(sql, { database: 'Snowflake' });
    return true;
  } catch {
    return false;
  }
}

function withoutSnowflakeTableExtensions(sql: string): string {
  return sql
    .replace(/^create or replace transient table /, 'create table ')
    .replace(/^create transient table /, 'create table ')
    .replace(/ rename to (?:\w+\.)+(\w+)$/, ' rename to $1');
}

describe('golden snowflake SQL parses', () => {
  const all = statements('snowflake');
  it('has statements for every golden case, some checked by the Snowflake grammar itself', () => {
    expect(all.length).toBeGreaterThan(30);
    expect(all.filter((s) => parsesAsSnowflake(s.sql)).length).toBeGreaterThan(10);
  });
  it.each(all.map((s) => [`${s.file}: ${s.label}`, s] as const))('%s', async (_name, s) => {
    if (parsesAsSnowflake(s.sql)) return;
    expect(PG_STATEMENTS[s.kind]).toContain(
      await pgStatementType(withoutSnowflakeTableExtensions(s.sql)),
    );
  });
});
