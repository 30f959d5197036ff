-- 1. create or replace view (create, transactional)
create or replace view warehouse.analytics.orders as (
select id, customer_id, amount from "warehouse"."raw"."orders"
);

-- 2. comment on view (comment)
comment on view warehouse.analytics.orders is 'Orders, one row per order.
It''s built nightly -- see $$docs$$ /* here */';

-- 3. comment on columns: read the built columns (query)
select * from warehouse.analytics.orders where 1 = 0;

-- 4. comment on columns: id (comment)
alter view warehouse.analytics.orders alter column id comment 'The order''s id';

-- 5. comment on columns: amount (comment)
alter view warehouse.analytics.orders alter column amount comment 'Total in EUR\\cents';
