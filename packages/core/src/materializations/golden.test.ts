import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Dialect } from '../adapter/dialect';
import { duckdbDialect } from '../adapter/dialects/duckdb';
import { postgresDialect } from '../adapter/dialects/postgres';
import { redshiftDialect } from '../adapter/dialects/redshift';
import {
  dependentViewStatements,
  goldenCases,
  goldenFile,
  renderGolden,
} from '../testing/golden-plans';

/** Golden plans of the dialects core ships; adapter packages test theirs the same way. */
const goldenDir = join(dirname(fileURLToPath(import.meta.url)), '__golden__');

const dialects: Dialect[] = [duckdbDialect, postgresDialect, redshiftDialect];

describe.each(dialects)('golden plans for $type', (dialect) => {
  it.each(Object.keys(goldenCases))('%s', (name) => {
    const file = join(goldenDir, dialect.type, `${name}.sql`);
    const actual = renderGolden(goldenCases[name]!(dialect), dialect);
    expect(actual).toBe(goldenFile(file, actual));
  });

  it.runIf(dialect.dependentViews !== undefined)('dependent-views', () => {
    const file = join(goldenDir, dialect.type, 'dependent-views.sql');
    const actual = renderGolden(dependentViewStatements(dialect), dialect);
    expect(actual).toBe(goldenFile(file, actual));
  });
});
