import { describe, expect, it } from 'vitest';
import { errorOf, sampleProject, selectNames } from '../test-project';

const project = sampleProject();
const pick = (spec: string) => selectNames(project, spec);
const ALL_TESTS = [
  'assert_positive_total',
  'not_null_raw_orders_id',
  'not_null_stg_orders_id',
  'relationships_orders_customers_customer_id',
  'unique_orders_order_id',
];

describe('config', () => {
  it('compares a config value', () => {
    expect(pick('config.materialized:incremental')).toEqual(['orders']);
    expect(pick('config.materialized:ephemeral')).toEqual(['int_orders']);
    expect(pick('config.on_schema_change:fail')).toEqual(['orders']);
  });

  it('matches list values by membership', () => {
    expect(pick('config.unique_key:line_id')).toEqual(['orders']);
    expect(pick('config.tags:nightly')).toEqual(['orders', 'stg_orders']);
  });

  it('descends into nested keys', () => {
    expect(pick('config.meta.owner:finance')).toEqual(['orders']);
    expect(pick('config.meta.owner.name:finance')).toEqual([]);
  });

  it('compares booleans case-insensitively', () => {
    expect(pick('config.meta.contains_pii:TRUE')).toEqual(['orders']);
    expect(pick('config.meta.contains_pii:false')).toEqual(['customers']);
    expect(pick('config.enabled:True')).toHaveLength(
      Object.keys(project.manifest.nodes).length + 3,
    );
    expect(pick('config.enabled:false')).toEqual([]);
  });

  it('compares severity case-insensitively', () => {
    expect(pick('config.severity:WARN')).toEqual(['not_null_stg_orders_id']);
    expect(pick('config.severity:error')).toEqual(
      ALL_TESTS.filter((t) => t !== 'not_null_stg_orders_id'),
    );
  });

  it('needs a key', () => {
    const e = errorOf(() => pick('config:table'));
    expect(e.code).toBe('invalid-selector');
    expect(e.message).toBe(`selector 'config:table' does not say which config key to compare`);
    expect(e.hint).toContain('config.materialized:incremental');
  });
});

describe('source', () => {
  it('selects by source name, source.table and package.source.table with globs', () => {
    expect(pick('source:raw')).toEqual(['raw.customers', 'raw.orders']);
    expect(pick('source:raw.orders')).toEqual(['raw.orders']);
    expect(pick('source:*.tracks')).toEqual(['segment.tracks']);
    expect(pick('source:segment.segment.tracks')).toEqual(['segment.tracks']);
    expect(pick('source:my_project.raw.*')).toEqual(['raw.customers', 'raw.orders']);
    expect(pick('source:*')).toEqual(['raw.customers', 'raw.orders', 'segment.tracks']);
  });

  it('rejects more than three parts', () => {
    const e = errorOf(() => pick('source:a.b.c.d'));
    expect(e.code).toBe('invalid-selector');
    expect(e.message).toBe(
      `invalid source selector 'source:a.b.c.d': a source is named by at most three dotted parts`,
    );
    expect(e.hint).toContain('source:<package>.<source_name>.<table>');
  });
});

describe('resource_type', () => {
  it('selects by type', () => {
    expect(pick('resource_type:seed')).toEqual(['country_codes']);
    expect(pick('resource_type:snapshot')).toEqual(['orders_snapshot']);
    expect(pick('resource_type:source')).toEqual(['raw.customers', 'raw.orders', 'segment.tracks']);
    expect(pick('resource_type:test')).toEqual(ALL_TESTS);
  });

  it('rejects an unknown type with a suggestion', () => {
    const e = errorOf(() => pick('resource_type:modle'));
    expect(e.code).toBe('invalid-selector');
    expect(e.message).toBe(`unknown resource type 'modle'`);
    expect(e.hint).toBe(
      `did you mean 'model'? valid: model, seed, source, test, snapshot, analysis, operation, unit_test`,
    );
  });
});

describe('test_type', () => {
  it('tells generic from singular tests, with the legacy names; data is both (dbt 1.8)', () => {
    const generic = ALL_TESTS.filter((t) => t !== 'assert_positive_total');
    expect(pick('test_type:generic')).toEqual(generic);
    expect(pick('test_type:schema')).toEqual(generic);
    expect(pick('test_type:singular')).toEqual(['assert_positive_total']);
    expect(pick('test_type:data').sort()).toEqual([...ALL_TESTS].sort());
    expect(pick('test_type:unit')).toEqual([]);
  });

  it('rejects an unknown test type', () => {
    const e = errorOf(() => pick('test_type:generc'));
    expect(e.message).toBe(`unknown test type 'generc'`);
    expect(e.hint).toBe(`did you mean 'generic'? valid: generic, schema, singular, data, unit`);
  });
});

describe('test_name', () => {
  it('matches the generic test macro name with globs', () => {
    expect(pick('test_name:not_null')).toEqual([
      'not_null_raw_orders_id',
      'not_null_stg_orders_id',
    ]);
    expect(pick('test_name:rel*')).toEqual(['relationships_orders_customers_customer_id']);
    expect(pick('test_name:assert_positive_total')).toEqual([]);
  });
});
