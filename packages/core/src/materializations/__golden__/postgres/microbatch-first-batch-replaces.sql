-- 1. create tmp table (create, transactional)
create table "warehouse"."analytics"."orders__tsmodel_tmp" as (
select * from (
select id, customer_id, amount from "warehouse"."raw"."orders"
) as dbt_batch_rows
where ordered_at >= '2024-01-02 00:00:00+00:00'
  and ordered_at < '2024-01-03 00:00:00+00:00'
);

-- 2. move old to backup (rename, transactional)
-- keeps the views that depend on "warehouse"."analytics"."orders"
alter table "warehouse"."analytics"."orders" rename to "orders__tsmodel_backup";

-- 3. move new into place (rename, transactional)
alter table "warehouse"."analytics"."orders__tsmodel_tmp" rename to "orders";

-- 4. drop backup (drop)
drop table if exists "warehouse"."analytics"."orders__tsmodel_backup" cascade;
