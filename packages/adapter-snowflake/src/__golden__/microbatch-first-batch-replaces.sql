-- 1. create or replace table (create)
create or replace transient table warehouse.analytics.orders as (
select id, customer_id, amount from "warehouse"."raw"."orders"
);
