-- 1. describe schema analytics (query)
select
    t.table_catalog as "table_database",
    t.table_schema as "table_schema",
    t.table_name as "table_name",
    case
        when t.is_dynamic = 'YES' and t.table_type = 'BASE TABLE' then 'DYNAMIC TABLE'
        else t.table_type
    end as "table_type",
    t.comment as "table_comment",
    t.table_owner as "table_owner",
    c.ordinal_position as "column_index",
    c.comment as "column_comment",
    c.column_name, c.data_type, c.character_maximum_length, c.numeric_precision, c.numeric_scale, c.datetime_precision
from wh.information_schema.tables t
left join wh.information_schema.columns c
    on c.table_catalog = t.table_catalog
    and c.table_schema = t.table_schema
    and c.table_name = t.table_name
where t.table_schema = ?
order by t.table_name, c.ordinal_position;
