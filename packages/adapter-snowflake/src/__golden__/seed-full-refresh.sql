-- 1. drop old table (drop)
drop table if exists warehouse.analytics.countries;

-- 2. create seed table (create)
create transient table warehouse.analytics.countries (
  CODE varchar,
  NAME varchar,
  ZIP VARCHAR,
  POPULATION float,
  JOINED date
);

-- 3. load seed rows (insert, transactional)
insert into warehouse.analytics.countries (CODE, NAME, ZIP, POPULATION, JOINED) values
('de', 'Côte d''Ivoire \\ x', '01234', '83.2', '2020-01-01'),
('fr', null, '75001', null, '2021-06-30');
