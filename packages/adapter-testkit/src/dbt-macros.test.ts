import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DBT_MACRO_CASES, renderDbtMacroSql } from './dbt-macro-cases';

/**
 * Golden SQL of every `dbt.` macro case per adapter, in `__golden__/dbt-macros.<adapter>.sql`:
 * a change to the SQL a macro renders shows in review as a diff, also for Redshift and
 * Snowflake, which have no server here. `UPDATE_GOLDEN=1` rewrites the files.
 */
const goldenDir = join(dirname(fileURLToPath(import.meta.url)), '__golden__');

/** The SQL, or the error a macro gives where the engine cannot do it (Redshift's listagg limit). */
function rendered(adapter: string, sql: string): string {
  try {
    return `${renderDbtMacroSql(adapter, sql)};`;
  } catch (err) {
    return `-- error: ${(err as Error).message}`;
  }
}

describe('dbt namespace macros: golden SQL', () => {
  for (const adapter of ['duckdb', 'postgres', 'redshift', 'snowflake']) {
    it(adapter, () => {
      const text = DBT_MACRO_CASES.map((c) => `-- ${c.name}\n${rendered(adapter, c.sql)}\n`).join(
        '\n',
      );
      const file = join(goldenDir, `dbt-macros.${adapter}.sql`);
      if (process.env.UPDATE_GOLDEN) {
        mkdirSync(goldenDir, { recursive: true });
        writeFileSync(file, text);
      }
      expect(text).toBe(readFileSync(file, 'utf8'));
    });
  }
});
