import type { ManifestNode } from '../manifest/types';

/** How a unit test's rows are written: YAML mappings (default), CSV text, or a SQL query. */
export type FixtureFormat = 'dict' | 'csv' | 'sql';

/** One fixture row: column name → value as written (CSV values are strings, empty is null). */
export type FixtureRow = Record<string, unknown>;

/**
 * A `given:` input or the `expect:` block after parsing, in dbt's manifest shape: `rows` is a
 * list of rows for `dict` and `csv` (a `fixture:` file already read), the query text for `sql`.
 */
export interface UnitTestFixture {
  format: FixtureFormat;
  rows: FixtureRow[] | string;
  /** The `fixture:` name the rows were read from (`tests/fixtures/<name>.csv`). */
  fixture?: string;
}

/** One `given:` entry. */
export interface UnitTestGiven extends UnitTestFixture {
  /** As written: `ref('orders')`, `source('shop', 'raw_orders')`, `this`. */
  input: string;
  /**
   * tsmodel's resolution of `input`: the unique id of the node it names (`this`: the tested
   * model), so the runner types the rows from that node's relation without resolving again.
   */
  node: string;
}

/** `overrides:` — what the model's render sees instead of the project's values. */
export interface UnitTestOverrides {
  macros: Record<string, unknown>;
  vars: Record<string, unknown>;
  env_vars: Record<string, string>;
}

/**
 * A dbt 1.8 unit test (`unit_test.<package>.<model>.<name>`), kept in `manifest.unit_tests`
 * as dbt keeps it. It has a node's shape so selection, scheduling and run results treat it like
 * any other node; `depends_on.nodes` is the tested model only (dbt's), which makes selecting a
 * model select its unit tests. Its `relation` is where the run builds the empty table it reads
 * the model's column types from (in the model's schema), so a cancelled run's cleanup finds it.
 */
export interface UnitTestNode extends ManifestNode {
  resource_type: 'unit_test';
  /** The tested model's name, as written. */
  model: string;
  given: UnitTestGiven[];
  expect: UnitTestFixture;
  overrides: UnitTestOverrides;
  /** Line of the entry in its properties file, for messages (tsmodel's own field). */
  line?: number;
}

/** Whether `node` is a unit test (`manifest.unit_tests` entries are). */
export function isUnitTest(node: ManifestNode): node is UnitTestNode {
  return node.resource_type === 'unit_test';
}
