-- 1. truncate seed table (truncate)
truncate table warehouse.analytics.countries;

-- 2. load seed rows (insert, transactional)
insert into warehouse.analytics.countries (CODE, NAME, ZIP, POPULATION, JOINED) values
('de', 'Côte d''Ivoire \\ x', '01234', '83.2', '2020-01-01'),
('fr', null, '75001', null, '2021-06-30');
