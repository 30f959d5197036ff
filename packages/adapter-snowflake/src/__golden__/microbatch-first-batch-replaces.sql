-- 1. create or replace table (create)
create or replace transient table warehouse.analytics.orders as (
select * from (
select id, customer_id, amount from "warehouse"."raw"."orders"
) as dbt_batch_rows
where ordered_at >= to_timestamp_tz('2024-01-02 00:00:00+00:00')
  and ordered_at < to_timestamp_tz('2024-01-03 00:00:00+00:00')
);
