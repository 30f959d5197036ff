-- 1. stage new rows (create)
create table "warehouse"."analytics"."orders__tsmodel_tmp" as (
select id, customer_id, amount from "warehouse"."raw"."orders"
);

-- 2. delete replaced rows (delete, transactional)
delete from "warehouse"."analytics"."orders"
where ("id") in (
  select distinct "id"
  from "warehouse"."analytics"."orders__tsmodel_tmp" as DBT_INTERNAL_SOURCE
);

-- 3. insert new rows (insert, transactional)
insert into "warehouse"."analytics"."orders" ("id", "amount")
select "id", "amount"
from "warehouse"."analytics"."orders__tsmodel_tmp";

-- 4. drop staging (drop)
drop table if exists "warehouse"."analytics"."orders__tsmodel_tmp" cascade;
