-- 1. drop old table (drop, transactional)
drop table if exists "warehouse"."analytics"."orders";

-- 2. create view (create, transactional)
create view "warehouse"."analytics"."orders" as (
select * from "warehouse"."prod"."orders"
);
