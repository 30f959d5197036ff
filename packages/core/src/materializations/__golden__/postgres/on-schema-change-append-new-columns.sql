-- 1. stage new rows (create)
create table "warehouse"."analytics"."orders__tsmodel_tmp" as (
select id, customer_id, amount from "warehouse"."raw"."orders"
);

-- 2. add new columns (alter, transactional)
alter table "warehouse"."analytics"."orders" add column "currency" VARCHAR;

-- 3. delete replaced rows (delete, transactional)
delete from "warehouse"."analytics"."orders" as DBT_INTERNAL_DEST
where ("id") in (
  select distinct "id"
  from "warehouse"."analytics"."orders__tsmodel_tmp" as DBT_INTERNAL_SOURCE
);

-- 4. insert new rows (insert, transactional)
insert into "warehouse"."analytics"."orders" ("id", "amount", "currency")
select "id", "amount", "currency"
from "warehouse"."analytics"."orders__tsmodel_tmp";

-- 5. drop staging (drop)
drop table if exists "warehouse"."analytics"."orders__tsmodel_tmp" cascade;
