-- 1. drop old view (drop)
drop view if exists warehouse.analytics.orders;

-- 2. create or replace table (create)
create or replace transient table warehouse.analytics.orders as (
select id, customer_id, amount from "warehouse"."raw"."orders"
);
