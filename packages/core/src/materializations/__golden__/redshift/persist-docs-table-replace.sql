-- 1. create tmp table (create, transactional)
create table "warehouse"."analytics"."orders__tsmodel_tmp" as (
select id, customer_id, amount from "warehouse"."raw"."orders"
);

-- 2. move old to backup (rename, transactional)
-- keeps the views that depend on "warehouse"."analytics"."orders"
alter table "warehouse"."analytics"."orders" rename to "orders__tsmodel_backup";

-- 3. move new into place (rename, transactional)
alter table "warehouse"."analytics"."orders__tsmodel_tmp" rename to "orders";

-- 4. comment on table (comment, transactional)
comment on table "warehouse"."analytics"."orders" is 'Orders, one row per order.
It''s built nightly -- see $$docs$$ /* here */';

-- 5. comment on columns: read the built columns (query, transactional)
select * from "warehouse"."analytics"."orders" where 1 = 0;

-- 6. comment on columns: id (comment, transactional)
comment on column "warehouse"."analytics"."orders"."id" is 'The order''s id';

-- 7. comment on columns: amount (comment, transactional)
comment on column "warehouse"."analytics"."orders"."amount" is 'Total in EUR\\cents';

-- 8. drop backup (drop)
drop table if exists "warehouse"."analytics"."orders__tsmodel_backup" cascade;
