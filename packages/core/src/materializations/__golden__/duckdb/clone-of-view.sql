-- 1. create view (create, transactional)
create view "warehouse"."analytics"."orders" as (
select * from "warehouse"."prod"."orders"
);
