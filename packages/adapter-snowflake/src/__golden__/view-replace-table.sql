-- 1. create tmp view (create)
create view warehouse.analytics.orders__tsmodel_tmp as (
select id, customer_id, amount from "warehouse"."raw"."orders"
);

-- 2. move old to backup (rename)
alter table warehouse.analytics.orders rename to warehouse.analytics.orders__tsmodel_backup;

-- 3. move new into place (rename)
alter view warehouse.analytics.orders__tsmodel_tmp rename to warehouse.analytics.orders;

-- 4. drop backup (drop)
drop table if exists warehouse.analytics.orders__tsmodel_backup;
