-- 1. create or replace view (create, transactional)
create or replace view warehouse.analytics.orders as (
select id, customer_id, amount from "warehouse"."raw"."orders"
);
