import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validate } from '@polyglot-sql/sdk';
import { describe, expect, it } from 'vitest';
import { goldenStatements } from '@tsmodel/core/testing';

/**
 * Every statement of Snowflake's golden plans goes through a Snowflake-dialect parser
 * (@polyglot-sql/sdk, which accepts `transient`, `copy grants`, `secure`, `MERGE`, `insert
 * overwrite`), so a builder that emits broken SQL fails here without an account. The one form
 * it does not know, `alter table … resume recluster`, is checked against Snowflake's documented
 * grammar instead of being skipped.
 */
const goldenDir = join(dirname(fileURLToPath(import.meta.url)), '__golden__');
const NOT_IN_PARSER = /^alter table [\w."]+ resume recluster$/;

function snowflakeErrors(sql: string): string[] {
  const result = validate(sql, 'snowflake');
  return result.valid ? [] : result.errors.map((e) => e.message);
}

describe('golden snowflake SQL parses with a Snowflake grammar', () => {
  const all = goldenStatements(goldenDir);
  it('has statements for every golden case', () => {
    expect(all.length).toBeGreaterThan(40);
  });
  it('the parser rejects broken SQL, so a pass means something', () => {
    expect(snowflakeErrors('create or replace transient table t as (selec 1 from')).not.toEqual([]);
  });
  it.each(all.map((s) => [`${s.file}: ${s.label}`, s] as const))('%s', (_name, s) => {
    if (NOT_IN_PARSER.test(s.sql)) return;
    expect(snowflakeErrors(s.sql)).toEqual([]);
  });
});
