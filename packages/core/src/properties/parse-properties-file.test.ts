import { describe, expect, it } from 'vitest';
import { parsePropertiesFile } from './parse-properties-file';

const parse = (text: string, path = 'models/staging/schema.yml') =>
  parsePropertiesFile({ packageName: 'shop', rootDir: 'models', path, text });

describe('sources', () => {
  const parsed = parse(`
version: 2
sources:
  - name: raw
    tags: [ingest]
    loaded_at_field: _loaded_at
    freshness:
      warn_after: { count: 12, period: hour }
      error_after: { count: 24, period: hour }
    quoting: { identifier: true }
    meta: { owner: data }
    tables:
      - name: orders
        description: One row per order.
        columns:
          - name: id
            description: Primary key.
            data_type: integer
            tags: [pk]
      - name: customers
        identifier: Customers_V2
        tags: [pii]
        loaded_at_field: updated_at
        freshness: { warn_after: { count: 1 } }
        quoting: { schema: false }
        meta: { owner: crm }
      - name: events
        freshness: null
      - name: refunds
        config:
          loaded_at_field: refunded_at
          freshness: { error_after: { count: 2, period: day } }
  - name: stripe
    database: lake
    schema: stripe_raw
    config: { enabled: false }
    tables: [{ name: payments }]
`);

  it('parses without problems', () => expect(parsed.problems).toEqual([]));

  it('default schema to the source name and identifier to the table name', () => {
    const orders = parsed.sources[0]!;
    expect(orders.unique_id).toBe('source.shop.raw.orders');
    expect(orders.resource_type).toBe('source');
    expect(orders.relation).toEqual({ schema: 'raw', identifier: 'orders' });
    expect(orders.fqn).toEqual(['shop', 'staging', 'raw', 'orders']);
    expect(orders.source_name).toBe('raw');
    expect(orders.original_file_path).toBe('models/staging/schema.yml');
    expect(orders.description).toBe('One row per order.');
    expect(orders.columns).toEqual({
      id: { name: 'id', description: 'Primary key.', data_type: 'integer', meta: {}, tags: ['pk'] },
    });
    expect(orders.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('let tables and sources override database, schema and identifier', () => {
    expect(parsed.sources[1]!.relation).toEqual({ schema: 'raw', identifier: 'Customers_V2' });
    expect(parsed.sources[1]!.identifier).toBe('Customers_V2');
    expect(parsed.sources[4]!.relation).toEqual({
      database: 'lake',
      schema: 'stripe_raw',
      identifier: 'payments',
    });
    expect(parsed.sources[4]!.config.enabled).toBe(false);
    expect(parsed.sources[0]!.config.enabled).toBe(true);
  });

  it('merge tags, meta, quoting, loaded_at_field and freshness from source to table', () => {
    const [orders, customers, events] = parsed.sources;
    expect(orders!.tags).toEqual(['ingest']);
    expect(customers!.tags).toEqual(['ingest', 'pii']);
    expect(customers!.config.tags).toEqual(['ingest', 'pii']);
    expect(customers!.config.meta).toEqual({ owner: 'crm' });
    expect(orders!.config.quoting).toEqual({ identifier: true });
    expect(customers!.config.quoting).toEqual({ identifier: true, schema: false });
    expect(orders!.loaded_at_field).toBe('_loaded_at');
    expect(customers!.loaded_at_field).toBe('updated_at');
    expect(orders!.freshness).toEqual({
      warn_after: { count: 12, period: 'hour' },
      error_after: { count: 24, period: 'hour' },
    });
    expect(customers!.freshness).toEqual({
      warn_after: { count: 1, period: 'hour' },
      error_after: { count: 24, period: 'hour' },
    });
    expect(events!.freshness).toBeUndefined();
  });

  it('take freshness and loaded_at_field from config: too (dbt 1.9+)', () => {
    const refunds = parsed.sources[3]!;
    expect(refunds.loaded_at_field).toBe('refunded_at');
    expect(refunds.freshness).toEqual({
      warn_after: { count: 12, period: 'hour' },
      error_after: { count: 2, period: 'day' },
    });
  });

  it('record where each table is declared', () => {
    expect(parsed.sourceLocations.get('source.shop.raw.customers')).toEqual({
      file: 'models/staging/schema.yml',
      line: 20,
      column: 9,
    });
  });
});

describe('patches', () => {
  const parsed = parse(`
models:
  - name: orders
    description: Orders, cleaned.
    config: { materialized: table, tags: [daily] }
    tags: [finance]
    meta: { owner: finance }
    docs: { show: false }
    columns:
      - name: id
        description: Key.
        meta: { pk: true }
        config: { tags: [key] }
      - name: amount
seeds:
  - name: country_codes
    config: { column_types: { code: varchar } }
    columns: [{ name: code, description: ISO code }]
snapshots:
  - name: orders_snapshot
    description: History.
macros:
  - name: cents_to_dollars
    description: Divides by 100.
    arguments:
      - name: column_name
        type: string
        description: The column.
`);

  it('describe models with columns, config and docs', () => {
    expect(parsed.problems).toEqual([]);
    expect(parsed.patches.get('model.shop.orders')).toEqual({
      resource_type: 'model',
      name: 'orders',
      package_name: 'shop',
      description: 'Orders, cleaned.',
      columns: {
        id: { name: 'id', description: 'Key.', meta: { pk: true }, tags: ['key'] },
        amount: { name: 'amount', description: '', meta: {}, tags: [] },
      },
      config: { materialized: 'table', tags: ['finance', 'daily'], meta: { owner: 'finance' } },
      docs: { show: false },
      patch_path: 'models/staging/schema.yml',
      location: { file: 'models/staging/schema.yml', line: 3, column: 5 },
    });
  });

  it('describe seeds, snapshots and macros', () => {
    const seed = parsed.patches.get('seed.shop.country_codes')!;
    expect(seed.config).toEqual({ column_types: { code: 'varchar' } });
    expect(seed.columns.code!.description).toBe('ISO code');
    expect(parsed.patches.get('snapshot.shop.orders_snapshot')!.description).toBe('History.');
    expect(parsed.patches.get('macro.shop.cents_to_dollars')!.arguments).toEqual([
      { name: 'column_name', type: 'string', description: 'The column.' },
    ]);
  });

  it('accept an empty file and a file without version', () => {
    expect(parse('')).toMatchObject({ problems: [], sources: [], tests: [] });
    expect(parse('models: [{ name: a }]').patches.has('model.shop.a')).toBe(true);
  });
});
