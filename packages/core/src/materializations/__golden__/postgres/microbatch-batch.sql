-- 1. stage the batch (create)
create table "warehouse"."analytics"."orders__20240102__tsmodel_tmp" as (
select id, customer_id, amount from "warehouse"."raw"."orders"
);

-- 2. delete the batch window (delete, transactional)
delete from "warehouse"."analytics"."orders" as DBT_INTERNAL_DEST
where ordered_at >= '2024-01-02 00:00:00+00:00'
  and ordered_at < '2024-01-03 00:00:00+00:00';

-- 3. insert the batch (insert, transactional)
insert into "warehouse"."analytics"."orders" ("id", "customer_id", "amount")
select "id", "customer_id", "amount"
from "warehouse"."analytics"."orders__20240102__tsmodel_tmp"
where ordered_at >= '2024-01-02 00:00:00+00:00'
  and ordered_at < '2024-01-03 00:00:00+00:00';

-- 4. drop staging (drop)
drop table if exists "warehouse"."analytics"."orders__20240102__tsmodel_tmp" cascade;
