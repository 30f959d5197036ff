-- 1. truncate seed table (truncate, transactional)
truncate table "warehouse"."analytics"."countries";

-- 2. load seed rows (insert, transactional)
insert into "warehouse"."analytics"."countries" ("code", "name", "zip", "population", "joined") values
('de', 'Côte d''Ivoire \\ x', '01234', '83.2', '2020-01-01'),
('fr', null, '75001', null, '2021-06-30');

-- 3. comment on table (comment, transactional)
comment on table "warehouse"."analytics"."countries" is 'Orders, one row per order.
It''s built nightly -- see $$docs$$ /* here */';

-- 4. comment on columns: read the built columns (query, transactional)
select * from "warehouse"."analytics"."countries" where 1 = 0;

-- 5. comment on columns: id (comment, transactional)
comment on column "warehouse"."analytics"."countries"."id" is 'The order''s id';

-- 6. comment on columns: amount (comment, transactional)
comment on column "warehouse"."analytics"."countries"."amount" is 'Total in EUR\\cents';
