-- 1. create table (create, transactional)
create table "warehouse"."analytics"."orders" as (
select id, customer_id, amount from "warehouse"."raw"."orders"
);
