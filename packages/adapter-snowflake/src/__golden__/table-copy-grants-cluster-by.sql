-- 1. create or replace table (create)
create or replace transient table warehouse.analytics.orders copy grants as (
select * from (
select id, customer_id, amount from "warehouse"."raw"."orders"
) order by (order_date, customer_id)
);

-- 2. set table options (alter)
alter table warehouse.analytics.orders cluster by (order_date, customer_id);

-- 3. set table options (alter)
alter table warehouse.analytics.orders resume recluster;
