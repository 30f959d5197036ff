-- 1. truncate seed table (truncate, transactional)
truncate table "warehouse"."analytics"."countries";

-- 2. load seed rows (insert, transactional)
insert into "warehouse"."analytics"."countries"
select * from read_csv('/project/seeds/countries.csv', header = true, names = ['code', 'name', 'zip', 'population', 'joined'], delim = ',', quote = '"', escape = '"', skip = 0, comment = '', strict_mode = true, null_padding = false, ignore_errors = false, auto_detect = true, sample_size = -1, types = {'zip': 'VARCHAR'});

-- 3. comment on table (comment, transactional)
comment on table "warehouse"."analytics"."countries" is 'Orders, one row per order.
It''s built nightly -- see $$docs$$ /* here */';

-- 4. comment on columns: read the built columns (query, transactional)
select * from "warehouse"."analytics"."countries" where 1 = 0;

-- 5. comment on columns: id (comment, transactional)
comment on column "warehouse"."analytics"."countries"."id" is 'The order''s id';

-- 6. comment on columns: amount (comment, transactional)
comment on column "warehouse"."analytics"."countries"."amount" is 'Total in EUR\cents';
