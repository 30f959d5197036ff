-- 1. truncate seed table (truncate, transactional)
truncate table "warehouse"."analytics"."countries";

-- 2. load seed rows (insert, transactional)
insert into "warehouse"."analytics"."countries"
select * from read_csv('/project/seeds/countries.csv', header = true, delim = ',', quote = '"', escape = '"', auto_detect = true, types = {'zip': 'VARCHAR'});
