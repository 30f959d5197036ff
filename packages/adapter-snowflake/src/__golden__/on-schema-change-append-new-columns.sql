-- 1. stage new rows (create)
create transient table warehouse.analytics.orders__tsmodel_tmp as (
select id, customer_id, amount from "warehouse"."raw"."orders"
);

-- 2. add new columns (alter)
alter table warehouse.analytics.orders add column currency VARCHAR;

-- 3. merge new rows (merge, transactional)
merge into warehouse.analytics.orders as DBT_INTERNAL_DEST
using warehouse.analytics.orders__tsmodel_tmp as DBT_INTERNAL_SOURCE
on (DBT_INTERNAL_SOURCE.id = DBT_INTERNAL_DEST.id)
when matched then update set amount = DBT_INTERNAL_SOURCE.amount, currency = DBT_INTERNAL_SOURCE.currency
when not matched then insert (id, amount, currency)
values (DBT_INTERNAL_SOURCE.id, DBT_INTERNAL_SOURCE.amount, DBT_INTERNAL_SOURCE.currency);

-- 4. drop staging (drop)
drop table if exists warehouse.analytics.orders__tsmodel_tmp;
