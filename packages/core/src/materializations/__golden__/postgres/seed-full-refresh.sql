-- 1. drop old table (drop, transactional)
-- keeps the views that depend on "warehouse"."analytics"."countries"
drop table if exists "warehouse"."analytics"."countries" cascade;

-- 2. create seed table (create, transactional)
create table "warehouse"."analytics"."countries" (
  "code" text,
  "name" text,
  "zip" VARCHAR,
  "population" float8,
  "joined" date
);

-- 3. load seed rows (insert, transactional)
insert into "warehouse"."analytics"."countries" ("code", "name", "zip", "population", "joined") values
('de', 'Côte d''Ivoire \ x', '01234', '83.2', '2020-01-01'),
('fr', null, '75001', null, '2021-06-30');
