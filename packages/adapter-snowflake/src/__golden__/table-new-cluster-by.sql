-- 1. create table (create, transactional)
create transient table warehouse.analytics.orders as (
select * from (
select id, customer_id, amount from "warehouse"."raw"."orders"
) order by (to_date(ordered_at))
);

-- 2. set table options (alter)
alter table warehouse.analytics.orders cluster by (to_date(ordered_at));
