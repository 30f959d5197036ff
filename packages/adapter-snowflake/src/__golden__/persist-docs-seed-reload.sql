-- 1. truncate seed table (truncate)
truncate table warehouse.analytics.countries;

-- 2. load seed rows (insert, transactional)
insert into warehouse.analytics.countries (CODE, NAME, ZIP, POPULATION, JOINED) values
('de', 'Côte d''Ivoire \\ x', '01234', '83.2', '2020-01-01'),
('fr', null, '75001', null, '2021-06-30');

-- 3. comment on table (comment)
comment on table warehouse.analytics.countries is 'Orders, one row per order.
It''s built nightly -- see $$docs$$ /* here */';

-- 4. comment on columns: read the built columns (query)
select * from warehouse.analytics.countries where 1 = 0;

-- 5. comment on columns: id (comment)
alter table warehouse.analytics.countries alter column id comment 'The order''s id';

-- 6. comment on columns: amount (comment)
alter table warehouse.analytics.countries alter column amount comment 'Total in EUR\\cents';
