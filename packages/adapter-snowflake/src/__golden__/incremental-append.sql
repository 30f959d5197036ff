-- 1. stage new rows (create)
create transient table warehouse.analytics.orders__tsmodel_tmp as (
select id, customer_id, amount from "warehouse"."raw"."orders"
);

-- 2. merge new rows (merge, transactional)
insert into warehouse.analytics.orders (id, customer_id, amount)
select id, customer_id, amount
from warehouse.analytics.orders__tsmodel_tmp;

-- 3. drop staging (drop)
drop table if exists warehouse.analytics.orders__tsmodel_tmp;
