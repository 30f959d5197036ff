import { describe, expect, it } from 'vitest';
import { sampleProject, selectNames } from '../test-project';

const project = sampleProject();
const pick = (spec: string) => selectNames(project, spec);

describe('fqn', () => {
  it.each([
    ['stg_orders', true],
    ['staging', true],
    ['my_project', true],
    ['staging.*', true],
    ['*stg_*', true],
    ['staging.stg_*', true],
    ['my_project.staging.stg_orders', true],
    ['stg_*', false],
    ['stg_order?', false],
    ['marts', false],
  ])('%s selects stg_orders: %s', (spec, expected) => {
    expect(pick(spec).includes('stg_orders')).toBe(expected);
  });

  it('a bare folder name selects the whole folder', () => {
    expect(pick('staging')).toEqual([
      'not_null_raw_orders_id',
      'not_null_stg_orders_id',
      'stg_customers',
      'stg_orders',
    ]);
    expect(pick('marts.intermediate')).toEqual(['int_orders']);
  });

  it('a bare glob matches top-level models but not nested ones; a leading * reaches them', () => {
    expect(pick('stg_*')).toEqual(['stg_top']);
    expect(pick('*stg_*')).toEqual([
      'not_null_stg_orders_id',
      'stg_customers',
      'stg_orders',
      'stg_top',
    ]);
    expect(pick('staging.stg_*')).toEqual(['stg_customers', 'stg_orders']);
  });

  it('a bare name never matches a source table, as in dbt (fqn searches parsed nodes only)', () => {
    expect(pick('orders')).toEqual(['orders']);
    expect(pick('source:raw.orders')).toEqual(['raw.orders']);
    expect(pick('marts.orders')).toEqual(['orders']);
  });

  it('matches package-qualified names and whole packages', () => {
    expect(pick('segment')).toEqual(['segment_sessions']);
    expect(pick('segment.sessions.segment_sessions')).toEqual(['segment_sessions']);
    expect(pick('my_project')).not.toContain('segment_sessions');
    expect(pick('fqn:*')).toHaveLength(Object.keys(project.manifest.nodes).length);
  });
});

describe('path', () => {
  it('selects files under a folder, also through the implicit method and a trailing slash', () => {
    const staging = [
      'not_null_raw_orders_id',
      'not_null_stg_orders_id',
      'raw.customers',
      'raw.orders',
      'stg_customers',
      'stg_orders',
    ];
    expect(pick('path:models/staging')).toEqual(staging);
    expect(pick('models/staging/')).toEqual(staging);
    expect(pick('./models/staging')).toEqual(staging);
  });

  it('matches one file, and globs relative to the project root', () => {
    expect(pick('path:models/staging/stg_orders.sql')).toEqual(['stg_orders']);
    expect(pick('path:models/marts/*.sql')).toEqual(['customers', 'order_summary', 'orders']);
    expect(pick('path:models/marts/**/*.sql')).toEqual([
      'customers',
      'int_orders',
      'order_summary',
      'orders',
    ]);
    expect(pick('path:seeds')).toEqual(['country_codes']);
    expect(pick('path:tests/*.sql')).toEqual(['assert_positive_total']);
  });

  it('matches the YAML file that documents a node', () => {
    expect(pick('path:models/staging/schema.yml')).toEqual([
      'not_null_raw_orders_id',
      'not_null_stg_orders_id',
      'stg_customers',
    ]);
  });

  it('matches package nodes relative to the package root', () => {
    expect(pick('path:models/sessions')).toEqual(['segment.tracks', 'segment_sessions']);
  });
});

describe('file', () => {
  it('matches the file name or its stem, with globs', () => {
    expect(pick('file:orders.sql')).toEqual(['orders']);
    expect(pick('orders.sql')).toEqual(['orders']);
    expect(pick('file:orders')).toEqual(['orders']);
    expect(pick('file:stg_*')).toEqual(['stg_customers', 'stg_orders', 'stg_top']);
    expect(pick('country_codes.csv')).toEqual(['country_codes']);
    expect(pick('file:sources.yml')).toEqual(['raw.customers', 'raw.orders', 'segment.tracks']);
  });
});

describe('tag', () => {
  it('matches any tag, with globs', () => {
    expect(pick('tag:nightly')).toEqual(['orders', 'stg_orders']);
    expect(pick('tag:fin*')).toEqual(['order_summary', 'orders']);
    expect(pick('tag:sessions')).toEqual(['segment_sessions']);
    expect(pick('tag:missing')).toEqual([]);
  });
});

describe('package', () => {
  it('matches package names with globs; `this` is the root project', () => {
    expect(pick('package:segment')).toEqual(['segment.tracks', 'segment_sessions']);
    expect(pick('package:seg*')).toEqual(['segment.tracks', 'segment_sessions']);
    const root = pick('package:this');
    expect(root).toEqual(pick('package:my_project'));
    expect(root).toContain('orders');
    expect(root).not.toContain('segment_sessions');
  });
});
