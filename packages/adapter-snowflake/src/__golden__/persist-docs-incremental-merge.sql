-- 1. stage new rows (create)
create transient table warehouse.analytics.orders__tsmodel_tmp as (
select id, customer_id, amount from "warehouse"."raw"."orders"
);

-- 2. merge new rows (merge, transactional)
merge into warehouse.analytics.orders as DBT_INTERNAL_DEST
using warehouse.analytics.orders__tsmodel_tmp as DBT_INTERNAL_SOURCE
on (DBT_INTERNAL_SOURCE.id = DBT_INTERNAL_DEST.id)
when matched then update set customer_id = DBT_INTERNAL_SOURCE.customer_id, amount = DBT_INTERNAL_SOURCE.amount
when not matched then insert (id, customer_id, amount)
values (DBT_INTERNAL_SOURCE.id, DBT_INTERNAL_SOURCE.customer_id, DBT_INTERNAL_SOURCE.amount);

-- 3. drop staging (drop)
drop table if exists warehouse.analytics.orders__tsmodel_tmp;

-- 4. comment on table (comment)
comment on table warehouse.analytics.orders is 'Orders, one row per order.
It''s built nightly -- see $$docs$$ /* here */';

-- 5. comment on columns: read the built columns (query)
select * from warehouse.analytics.orders where 1 = 0;

-- 6. comment on columns: id (comment)
alter table warehouse.analytics.orders alter column id comment 'The order''s id';

-- 7. comment on columns: amount (comment)
alter table warehouse.analytics.orders alter column amount comment 'Total in EUR\\cents';
