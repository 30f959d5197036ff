-- 1. create or replace table (create, transactional)
create or replace table "warehouse"."analytics"."orders" as (
select id, customer_id, amount from "warehouse"."raw"."orders"
);

-- 2. comment on table (comment, transactional)
comment on table "warehouse"."analytics"."orders" is 'Orders, one row per order.
It''s built nightly -- see $$docs$$ /* here */';

-- 3. comment on columns: read the built columns (query, transactional)
select * from "warehouse"."analytics"."orders" where 1 = 0;

-- 4. comment on columns: id (comment, transactional)
comment on column "warehouse"."analytics"."orders"."id" is 'The order''s id';

-- 5. comment on columns: amount (comment, transactional)
comment on column "warehouse"."analytics"."orders"."amount" is 'Total in EUR\cents';
