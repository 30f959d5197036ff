-- 1. stage new rows (create)
create table "warehouse"."analytics"."orders__tsmodel_tmp" as (
select id, customer_id, amount from "warehouse"."raw"."orders"
);

-- 2. add new columns (alter, transactional)
alter table "warehouse"."analytics"."orders" add column "currency" varchar(max);

-- 3. drop removed columns (alter, transactional)
-- keeps the views that depend on "warehouse"."analytics"."orders"
alter table "warehouse"."analytics"."orders" drop column "customer_id";

-- 4. change column types (alter, transactional)
alter table "warehouse"."analytics"."orders" add column "amount__tsmodel_tmp" DECIMAL(18,2);

-- 5. change column types (alter, transactional)
update "warehouse"."analytics"."orders" set "amount__tsmodel_tmp" = "amount";

-- 6. change column types (alter, transactional)
alter table "warehouse"."analytics"."orders" drop column "amount" cascade;

-- 7. change column types (alter, transactional)
alter table "warehouse"."analytics"."orders" rename column "amount__tsmodel_tmp" to "amount";

-- 8. delete replaced rows (delete, transactional)
delete from "warehouse"."analytics"."orders"
where ("id") in (
  select distinct "id"
  from "warehouse"."analytics"."orders__tsmodel_tmp" as DBT_INTERNAL_SOURCE
);

-- 9. insert new rows (insert, transactional)
insert into "warehouse"."analytics"."orders" ("id", "amount", "currency")
select "id", "amount", "currency"
from "warehouse"."analytics"."orders__tsmodel_tmp";

-- 10. drop staging (drop)
drop table if exists "warehouse"."analytics"."orders__tsmodel_tmp" cascade;
