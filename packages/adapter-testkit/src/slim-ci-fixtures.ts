/**
 * A three-model project for `--defer` and `clone` on every engine: built once into a
 * "production" target whose artifacts are the state, then selected pieces of it in a
 * development target. Schema-agnostic (relations through `ref()`).
 */
export const SLIM_CI_FILES: Record<string, string> = {
  'models/customers.sql': "{{ config(materialized='table') }}\nselect 1 as id, 'prod' as built_in",
  'models/orders.sql':
    "{{ config(materialized='table') }}\nselect 10 as order_id, 1 as customer_id",
  'models/report.sql':
    "{{ config(materialized='table') }}\nselect o.order_id, c.built_in from {{ ref('orders') }} o join {{ ref('customers') }} c on c.id = o.customer_id",
};

/** `customers` as the development target builds it. */
export const SLIM_CI_DEV_CUSTOMERS = {
  'models/customers.sql': "{{ config(materialized='table') }}\nselect 1 as id, 'dev' as built_in",
};
