-- 1. move old to backup (rename, transactional)
alter table "warehouse"."analytics"."orders" rename to "orders__tsmodel_backup";

-- 2. create view (create, transactional)
create view "warehouse"."analytics"."orders" as (
select id, customer_id, amount from "warehouse"."raw"."orders"
);

-- 3. drop backup (drop)
drop table if exists "warehouse"."analytics"."orders__tsmodel_backup" cascade;
