-- 1. drop old view (drop, transactional)
-- keeps the views that depend on "warehouse"."analytics"."orders"
drop view if exists "warehouse"."analytics"."orders" cascade;

-- 2. create view (create, transactional)
create view "warehouse"."analytics"."orders" as (
select id, customer_id, amount from "warehouse"."raw"."orders"
);

-- 3. comment on view (comment, transactional)
comment on view "warehouse"."analytics"."orders" is 'Orders, one row per order.
It''s built nightly -- see $$docs$$ /* here */';

-- 4. comment on columns: read the built columns (query, transactional)
select * from "warehouse"."analytics"."orders" where 1 = 0;

-- 5. comment on columns: id (comment, transactional)
comment on column "warehouse"."analytics"."orders"."id" is 'The order''s id';

-- 6. comment on columns: amount (comment, transactional)
comment on column "warehouse"."analytics"."orders"."amount" is 'Total in EUR\cents';
