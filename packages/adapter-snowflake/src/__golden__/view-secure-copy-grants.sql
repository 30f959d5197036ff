-- 1. create or replace view (create, transactional)
create or replace secure view warehouse.analytics.orders copy grants as (
select id, customer_id, amount from "warehouse"."raw"."orders"
);
