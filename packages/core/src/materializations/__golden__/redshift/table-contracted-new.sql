-- 1. create contracted table (create, transactional)
create table "warehouse"."analytics"."orders" (
  id integer not null primary key,
  customer_id integer references "warehouse"."analytics"."customers" (id),
  amount numeric(18,2),
  constraint one_per_customer unique (id, customer_id)
);

-- 2. insert contracted rows (insert, transactional)
insert into "warehouse"."analytics"."orders" (id, customer_id, amount)
select id, customer_id, amount
from (
select id, customer_id, amount from "warehouse"."raw"."orders"
) as model_subq;
