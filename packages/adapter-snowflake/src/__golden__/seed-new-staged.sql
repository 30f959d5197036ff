-- 1. create seed table (create)
create transient table warehouse.analytics.big_seed (
  ID integer,
  NAME varchar
);

-- 2. create seed stage (insert)
create or replace temporary stage warehouse.analytics.TSMODEL_SEED__big_seed;

-- 3. upload seed file (insert)
put 'file:///project/seeds/big_seed.csv' @warehouse.analytics.TSMODEL_SEED__big_seed auto_compress = true overwrite = true;

-- 4. copy seed rows (insert, transactional)
copy into warehouse.analytics.big_seed (ID, NAME)
from @warehouse.analytics.TSMODEL_SEED__big_seed
files = ('big_seed.csv.gz')
file_format = (type = csv field_delimiter = ',' skip_header = 1 field_optionally_enclosed_by = '"' empty_field_as_null = true null_if = ())
on_error = abort_statement
purge = true;
