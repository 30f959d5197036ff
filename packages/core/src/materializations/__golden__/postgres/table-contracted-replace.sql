-- 1. create contracted tmp table (create, transactional)
create table "warehouse"."analytics"."orders__tsmodel_tmp" (
  id integer not null primary key,
  customer_id integer references "warehouse"."analytics"."customers" (id),
  amount numeric(18,2) check (amount >= 0),
  constraint one_per_customer__tsmodel_tmp unique (id, customer_id)
);

-- 2. insert contracted rows (insert, transactional)
insert into "warehouse"."analytics"."orders__tsmodel_tmp" (id, customer_id, amount)
select id, customer_id, amount
from (
select id, customer_id, amount from "warehouse"."raw"."orders"
) as model_subq;

-- 3. move old to backup (rename, transactional)
-- keeps the views that depend on "warehouse"."analytics"."orders"
alter table "warehouse"."analytics"."orders" rename to "orders__tsmodel_backup";

-- 4. move new into place (rename, transactional)
alter table "warehouse"."analytics"."orders__tsmodel_tmp" rename to "orders";

-- 5. drop backup (drop, transactional)
drop table if exists "warehouse"."analytics"."orders__tsmodel_backup" cascade;

-- 6. name constraint one_per_customer (alter, transactional)
alter table "warehouse"."analytics"."orders" rename constraint one_per_customer__tsmodel_tmp to one_per_customer;
