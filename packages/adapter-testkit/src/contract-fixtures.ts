/**
 * Model contracts on every engine: a contracted table with column and model-level
 * constraints, a foreign key to another contracted table, and a contracted view; plus the
 * edits that break them. Schema-agnostic (relations through `ref()`), so the DuckDB CLI tests
 * and the PostgreSQL tests run the same project.
 */
const SCHEMA = `version: 2
models:
  - name: customers
    config:
      materialized: table
      contract: {enforced: true}
    columns:
      - name: id
        data_type: integer
        constraints:
          - type: not_null
          - type: primary_key
      - name: name
        data_type: varchar(20)
  - name: orders
    config:
      materialized: table
      contract: {enforced: true}
    constraints:
      - type: check
        expression: "amount >= 0"
      - type: unique
        name: orders_one_per_customer
        columns: [order_id, customer_id]
    columns:
      - name: order_id
        data_type: int
        constraints: [{ type: not_null }, { type: unique }]
      - name: customer_id
        data_type: integer
        constraints:
          - type: foreign_key
            to: ref('customers')
            to_columns: [id]
      - name: amount
        data_type: numeric(12,2)
  - name: order_totals
    config:
      materialized: view
      contract: {enforced: true}
    columns:
      - name: customer_id
        data_type: integer
      - name: total
        data_type: numeric
`;

export const CONTRACT_FILES: Record<string, string> = {
  'models/schema.yml': SCHEMA,
  'models/customers.sql': "select 1 as id, cast('ann' as varchar(20)) as name",
  'models/orders.sql':
    'select 10 as order_id, 1 as customer_id, cast(5.5 as numeric(12,2)) as amount',
  'models/order_totals.sql':
    "select customer_id, sum(amount) as total from {{ ref('orders') }} group by customer_id",
};

/** `orders` with a column whose type the contract does not allow, and one it does not list. */
export const CONTRACT_MISMATCH = {
  'models/orders.sql':
    "select 'ten' as order_id, 1 as customer_id, cast(5.5 as numeric(12,2)) as amount, 1 as extra",
};

/** `orders` returning a row its check constraint refuses. */
export const CONTRACT_CHECK_VIOLATION = {
  'models/orders.sql':
    'select 11 as order_id, 1 as customer_id, cast(-1 as numeric(12,2)) as amount',
};

/** `orders` pointing at a customer that does not exist. */
export const CONTRACT_ORPHAN = {
  'models/orders.sql':
    'select 12 as order_id, 99 as customer_id, cast(1 as numeric(12,2)) as amount',
};
