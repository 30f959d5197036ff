-- 1. drop old table (drop, transactional)
-- keeps the views that depend on "warehouse"."analytics"."orders"
drop table if exists "warehouse"."analytics"."orders" cascade;

-- 2. create view (create, transactional)
create view "warehouse"."analytics"."orders" as (
select * from "warehouse"."prod"."orders"
);
