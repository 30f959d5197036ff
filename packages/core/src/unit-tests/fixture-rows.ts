import { parseCsvTable } from '../adapter/csv-table';
import { TsmodelError, type SourceLocation } from '../diagnostics';
import type { FixtureFormat, FixtureRow, UnitTestFixture } from './types';

/** A file under a test path's `fixtures/` folder, found by its name without extension. */
export interface FixtureFile {
  /** Shown in messages: `tests/fixtures/orders.csv`. */
  path: string;
  text: string;
}

/** Looks a `fixture:` name up: `orders` → `tests/fixtures/orders.csv` for format `csv`. */
export type FixtureLookup = (name: string, extension: 'csv' | 'sql') => FixtureFile | undefined;

/** Where the fixture is written, for messages: `unit test 'x' (models/s.yml:4) given ref('a')`. */
export interface FixtureSite {
  unitTest: string;
  /** `given ref('orders')` or `expect`. */
  part: string;
  location: SourceLocation;
}

const FORMATS: readonly FixtureFormat[] = ['dict', 'csv', 'sql'];

/**
 * A `given:` entry's or `expect:`'s rows in one shape, as dbt normalizes them at parse time:
 * `dict` rows stay mappings; `csv` text (inline or a `fixture:` file) becomes mappings of
 * strings, an empty field null; `sql` stays text (inline or the fixture file's). A format the
 * rows do not match, or a fixture file that does not exist, is an error at the unit test.
 */
export function normalizeFixture(
  raw: Record<string, unknown>,
  site: FixtureSite,
  lookup: FixtureLookup,
): UnitTestFixture {
  const format = raw.format ?? 'dict';
  if (typeof format !== 'string' || !(FORMATS as readonly string[]).includes(format))
    throw fixtureError(
      site,
      `has format ${JSON.stringify(format)}`,
      'use format: dict (the default), csv or sql',
    );
  const fixtureName = raw.fixture;
  if (fixtureName !== undefined && typeof fixtureName !== 'string')
    throw fixtureError(
      site,
      'has a `fixture:` that is not a name',
      'name a file in tests/fixtures/',
    );
  const fixed = (rows: FixtureRow[] | string): UnitTestFixture => ({
    format: format as FixtureFormat,
    rows,
    ...(fixtureName !== undefined ? { fixture: fixtureName } : {}),
  });
  if (format === 'dict') {
    if (fixtureName !== undefined)
      throw fixtureError(
        site,
        'names a `fixture:` file with format dict',
        'use format: csv or format: sql with a fixture file',
      );
    const rows = raw.rows ?? [];
    if (!Array.isArray(rows) || !rows.every(isMapping))
      throw fixtureError(
        site,
        'has rows which do not match format dict',
        'write rows as a list of mappings, e.g. - {id: 1, name: a}',
      );
    return fixed(rows);
  }
  const text =
    fixtureName !== undefined
      ? fixtureText(fixtureName, format as 'csv' | 'sql', site, lookup)
      : raw.rows;
  if (typeof text !== 'string')
    throw fixtureError(
      site,
      `has rows which do not match format ${format}: expected a string`,
      `write rows: | followed by the ${format === 'csv' ? 'CSV lines' : 'query'}, or name a fixture: file`,
    );
  if (format === 'sql') return fixed(text);
  return fixed(csvRows(text, fixtureName !== undefined ? fixtureName : undefined, site));
}

function fixtureText(
  name: string,
  format: 'csv' | 'sql',
  site: FixtureSite,
  lookup: FixtureLookup,
): string {
  const file = lookup(name, format);
  if (!file)
    throw fixtureError(
      site,
      `names fixture '${name}', but there is no file ${name}.${format} in a test path's fixtures/ folder`,
      `create tests/fixtures/${name}.${format}`,
    );
  return file.text;
}

/**
 * CSV rows as mappings. Fields are trimmed, so columns may be aligned for reading; an empty
 * field is null (dbt's rule), a quoted `""` the empty string.
 */
export function csvRows(
  text: string,
  fixture: string | undefined,
  site: FixtureSite,
): FixtureRow[] {
  const shown = fixture !== undefined ? `fixture '${fixture}'` : `the CSV rows of ${site.part}`;
  let table;
  try {
    table = parseCsvTable(text.trim(), ',', shown);
  } catch (err) {
    const message = err instanceof Error ? err.message.replace(/^seed /, '') : String(err);
    throw fixtureError(
      site,
      `has CSV that does not parse: ${message}`,
      'every line needs as many fields as the header',
    );
  }
  const columns = table.columns.map((c) => c.trim());
  return table.rows.map((row) =>
    Object.fromEntries(
      columns.map((c, i) => {
        const value = row[i] ?? null;
        const trimmed = value === null ? null : value.trim();
        return [c, trimmed === '' && value !== '' ? null : trimmed];
      }),
    ),
  );
}

function isMapping(value: unknown): value is FixtureRow {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `unit test 'x' given ref('a') has …`, located at the unit test. */
export function fixtureError(site: FixtureSite, problem: string, hint: string): TsmodelError {
  return new TsmodelError({
    code: 'unit-test-fixture',
    message: `unit test '${site.unitTest}' ${site.part} ${problem}`,
    location: site.location,
    hint,
  });
}
