-- 1. drop old table (drop, transactional)
drop table if exists "warehouse"."analytics"."countries";

-- 2. create seed table (create, transactional)
create table "warehouse"."analytics"."countries" as (
select * from read_csv('/project/seeds/countries.csv', header = true, delim = ',', quote = '"', escape = '"', auto_detect = true, types = {'zip': 'VARCHAR'})
);
