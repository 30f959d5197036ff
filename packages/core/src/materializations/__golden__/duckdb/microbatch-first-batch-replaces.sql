-- 1. create or replace table (create, transactional)
create or replace table "warehouse"."analytics"."orders" as (
select id, customer_id, amount from "warehouse"."raw"."orders"
);
