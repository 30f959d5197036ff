-- 1. create seed table (create, transactional)
create table "warehouse"."analytics"."countries" as (
select * from read_csv('/project/seeds/countries.csv', header = true, names = ['code', 'name', 'zip', 'population', 'joined'], delim = ',', quote = '"', escape = '"', skip = 0, comment = '', strict_mode = true, null_padding = false, ignore_errors = false, auto_detect = true, sample_size = -1, types = {'zip': 'VARCHAR'})
);
