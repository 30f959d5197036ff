-- dateadd day
select cast(dateadd(day, 3, cast('2024-01-30' as date)) as date) as v;

-- dateadd month end
select cast(dateadd(month, 1, cast('2024-01-31' as date)) as date) as v;

-- dateadd quarter back
select cast(dateadd(quarter, -1, cast('2024-05-15' as date)) as date) as v;

-- dateadd bare week
select cast(dateadd(week, 2, cast('2024-01-01' as date)) as date) as v;

-- dateadd from a quoted string
select cast(dateadd(day, 9, '2018-01-01') as date) as v;

-- dateadd hour
select cast(dateadd(hour, 25, cast('2024-01-01 00:00:00' as timestamp)) as timestamp) as v;

-- datediff day
select datediff(day, cast('2024-01-01' as date), cast('2024-03-01' as date)) as v;

-- datediff negative
select datediff(day, cast('2024-01-10' as date), cast('2024-01-01' as date)) as v;

-- datediff month boundary
select datediff(month, cast('2024-01-31' as date), cast('2024-02-01' as date)) as v;

-- datediff quarter
select datediff(quarter, cast('2024-03-31' as date), cast('2024-04-01' as date)) as v;

-- datediff year
select datediff(year, cast('2023-12-31' as date), cast('2024-01-01' as date)) as v;

-- datediff week (Sunday to Monday)
select datediff(week, cast('2024-01-07' as date), cast('2024-01-08' as date)) as v;

-- datediff week (within a week)
select datediff(week, cast('2024-01-08' as date), cast('2024-01-14' as date)) as v;

-- datediff hour
select datediff(hour, cast('2024-01-01 23:59:00' as timestamp), cast('2024-01-02 00:01:00' as timestamp)) as v;

-- datediff second
select datediff(second, cast('2024-01-01 10:00:00.900' as timestamp), cast('2024-01-01 10:30:00.100' as timestamp)) as v;

-- date_trunc month
select cast(date_trunc('month', cast('2024-01-15' as date)) as date) as v;

-- date_trunc week
select cast(date_trunc('week', cast('2024-01-10' as date)) as date) as v;

-- last_day month
select cast(last_day(cast('2024-02-10' as date), 'month') as date) as v;

-- last_day quarter
select cast(last_day(cast('2024-05-10' as date), 'quarter') as date) as v;

-- last_day year
select cast(last_day(cast('2024-05-10' as date), 'year') as date) as v;

-- date
select cast('2024-02-09' as date) as v;

-- current_timestamp
select cast(convert_timezone('UTC', current_timestamp()) as date) >= cast('2024-01-01' as date) as v;

-- current_timestamp_backcompat
select datediff(minute, current_timestamp()::timestamp_ntz, cast(current_timestamp as timestamp)) as v;

-- current_timestamp_in_utc_backcompat
select cast(convert_timezone('UTC', current_timestamp())::timestamp_ntz as date) >= cast('2024-01-01' as date) as v;

-- split_part
select split_part('a,b,c', ',', 2) as v;

-- split_part negative
select split_part('a,b,c', ',', -1) as v;

-- split_part missing
select split_part('a,b', ',', 5) as v;

-- replace
select replace('a,b,c', ',', '-') as v;

-- concat
select concat('a', 'b', 'c') as v;

-- hash
select md5(cast('abc' as varchar)) as v;

-- length
select length('abcd') as v;

-- position
select position('c' in 'abcd') as v;

-- position absent
select position('z' in 'abcd') as v;

-- right
select right('abcd', 2) as v;

-- safe_cast
select try_cast(cast('12' as varchar) as integer) as v;

-- safe_cast of a bad value is null
select try_cast(cast('twelve' as varchar) as integer) as v;

-- cast_bool_to_text
select cast(1 = 1 as varchar) as v;

-- cast_bool_to_text false
select cast(1 = 2 as varchar) as v;

-- string_literal
select 'abc' as v;

-- string_literal of an escaped value
select 'it\'s' as v;

-- escape_single_quotes
select 'a\'b' as v;

-- listagg ordered
select listagg(x, ',') within group (order by x) as v from (select 'b' as x union all select 'a' union all select 'c') t;

-- listagg limited
select array_to_string(array_slice(array_agg(x) within group (order by x desc), 0, 2), '|') as v from (select 'b' as x union all select 'a' union all select 'c') t;

-- bool_or
select boolor_agg(x) as v from (select false as x union all select true) t;

-- any_value
select any_value(x) as v from (select 'a' as x union all select 'a') t;

-- except
select count(*) as v from (select 1 as x union all select 2 except select 2) t;

-- intersect
select count(*) as v from (select 1 as x intersect select 1) t;

-- array_append
select array_append(array_construct('a', 'b'), 'c') as v;

-- array_concat
select array_cat(array_construct(1, 2), array_construct(3)) as v;

-- array_construct empty
select array_construct() as v;

-- array_construct
select array_construct('a', 'b') as v;

-- array_construct of strings without a data_type
select array_append(array_construct('a'), 'b') as v;

-- array_construct of the default type
select array_append(array_construct(1, 2), 3) as v;

-- type_string
select cast(12 as varchar) = '12' as v;

-- type_timestamp
select cast('2024-01-02 03:04:05' as timestamp_ntz) as v;

-- type_float
select cast('1.5' as float) * 2 = 3 as v;

-- type_numeric
select cast('1.25' as numeric(28, 6)) * 4 = 5 as v;

-- type_bigint
select cast('9007199254740993' as bigint) as v;

-- type_int
select cast('7' as integer) + 1 as v;

-- type_boolean
select cast('true' as boolean) as v;

-- get_powers_of_two
select 3 as v;

-- generate_series
select count(*) * 1000 + sum(generated_number) as v from (with bits as (
    select 0 as bit union all select 1
),
numbers as (
    select b0.bit * 1 + b1.bit * 2 + b2.bit * 4 + b3.bit * 8 + 1 as generated_number
    from bits as b0 cross join bits as b1 cross join bits as b2 cross join bits as b3
)
select generated_number from numbers where generated_number <= 10) s;

-- generate_series of one
select count(*) * 1000 + sum(generated_number) as v from (with bits as (
    select 0 as bit union all select 1
),
numbers as (
    select b0.bit * 1 + 1 as generated_number
    from bits as b0
)
select generated_number from numbers where generated_number <= 1) s;

-- date_spine days
select count(*) as v from (with all_periods as (
    select dateadd(day, spine_numbers.generated_number, cast('2024-01-01' as date)) as date_day
    from (select value::bigint as generated_number from table(flatten(array_generate_range(0, (datediff(day, cast('2024-01-01' as date), cast('2024-01-10' as date)))::integer)))) as spine_numbers
)
select * from all_periods where date_day < cast('2024-01-10' as date)) s;

-- date_spine last day is before the end
select cast(max(date_day) as date) as v from (with all_periods as (
    select dateadd(day, spine_numbers.generated_number, cast('2024-01-01' as date)) as date_day
    from (select value::bigint as generated_number from table(flatten(array_generate_range(0, (datediff(day, cast('2024-01-01' as date), cast('2024-01-10' as date)))::integer)))) as spine_numbers
)
select * from all_periods where date_day < cast('2024-01-10' as date)) s;

-- date_spine months
select count(*) as v from (with all_periods as (
    select dateadd(month, spine_numbers.generated_number, cast('2024-01-01' as date)) as date_month
    from (select value::bigint as generated_number from table(flatten(array_generate_range(0, (datediff(month, cast('2024-01-01' as date), cast('2024-06-01' as date)))::integer)))) as spine_numbers
)
select * from all_periods where date_month < cast('2024-06-01' as date)) s;

-- date_spine empty
select count(*) as v from (with all_periods as (
    select dateadd(day, spine_numbers.generated_number, cast('2024-01-10' as date)) as date_day
    from (select value::bigint as generated_number from table(flatten(array_generate_range(0, (datediff(day, cast('2024-01-10' as date), cast('2024-01-01' as date)))::integer)))) as spine_numbers
)
select * from all_periods where date_day < cast('2024-01-01' as date)) s;

-- get_intervals_between while parsing
select 1 as v;

-- should_full_refresh
select False as v;

-- should_full_refresh configured
select True as v;

-- should_store_failures
select True as v;

-- get_where_subquery
select count(*) as v from (select 1 as x union all select 2) t;

-- get_where_subquery with where
select count(*) as v from (select * from (select 1 as x union all select 2) t where x > 1) dbt_subquery;

-- generate_schema_name
select 'main_custom|main' as v;

-- generate_alias_name
select 'custom|orders' as v;

-- generate_database_name
select 'analytics' as v;
