-- 1. drop old view (drop, transactional)
drop view if exists "warehouse"."analytics"."orders";

-- 2. create or replace table (create, transactional)
create or replace table "warehouse"."analytics"."orders" as (
select id, customer_id, amount from "warehouse"."raw"."orders"
);
