-- 1. create view (create, transactional)
create view warehouse.analytics.orders as (
select id, customer_id, amount from "warehouse"."raw"."orders"
);
