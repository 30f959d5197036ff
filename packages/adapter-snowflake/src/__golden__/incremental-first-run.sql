-- 1. create table (create, transactional)
create transient table warehouse.analytics.orders as (
select id, customer_id, amount from "warehouse"."raw"."orders"
);
