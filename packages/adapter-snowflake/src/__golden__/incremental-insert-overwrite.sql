-- 1. stage new rows (create)
create transient table warehouse.analytics.orders__tsmodel_tmp as (
select id, customer_id, amount from "warehouse"."raw"."orders"
);

-- 2. overwrite rows (insert, transactional)
insert overwrite into warehouse.analytics.orders (id, amount)
select id, amount
from warehouse.analytics.orders__tsmodel_tmp;

-- 3. drop staging (drop)
drop table if exists warehouse.analytics.orders__tsmodel_tmp;
