-- 1. list dependent views (query, transactional)
with recursive dependents(oid, depth) as (
  select r.ev_class, 1
  from pg_catalog.pg_depend d
  join pg_catalog.pg_rewrite r on r.oid = d.objid
  where d.classid = 'pg_catalog.pg_rewrite'::regclass
    and d.refclassid = 'pg_catalog.pg_class'::regclass
    and d.refobjid = (
      select c.oid
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1 and c.relname = $2
    )
    and r.ev_class <> d.refobjid
  union
  select r.ev_class, dependents.depth + 1
  from dependents
  join pg_catalog.pg_depend d on d.refobjid = dependents.oid
  join pg_catalog.pg_rewrite r on r.oid = d.objid
  where d.classid = 'pg_catalog.pg_rewrite'::regclass
    and d.refclassid = 'pg_catalog.pg_class'::regclass
    and r.ev_class <> dependents.oid
),
deepest as (
  select oid, max(depth) as depth from dependents group by oid
)
select n.nspname as schema,
  c.relname as name,
  c.relkind as kind,
  deepest.depth,
  pg_catalog.pg_get_viewdef(c.oid) as definition,
  pg_catalog.pg_get_userbyid(c.relowner) as owner,
  coalesce(c.relacl::text[], '{}') as acl,
  coalesce(c.reloptions, '{}') as options,
  c.relispopulated as populated,
  pg_catalog.obj_description(c.oid, 'pg_class') as comment,
  array(
    select a.attname::text
    from pg_catalog.pg_attribute a
    where a.attrelid = c.oid and a.attnum > 0
      and pg_catalog.col_description(c.oid, a.attnum) is not null
    order by a.attnum
  ) as comment_columns,
  array(
    select pg_catalog.col_description(c.oid, a.attnum)
    from pg_catalog.pg_attribute a
    where a.attrelid = c.oid and a.attnum > 0
      and pg_catalog.col_description(c.oid, a.attnum) is not null
    order by a.attnum
  ) as column_comments,
  array(
    select pg_catalog.pg_get_indexdef(i.indexrelid)
    from pg_catalog.pg_index i
    where i.indrelid = c.oid
    order by i.indexrelid
  ) as indexes
from deepest
join pg_catalog.pg_class c on c.oid = deepest.oid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('v', 'm')
order by deepest.depth, n.nspname, c.relname;

-- 2. drop big_orders (drop, transactional)
drop view "analyst"."big_orders";

-- 3. drop order_totals (drop, transactional)
drop materialized view "analyst"."order_totals";

-- 4. recreate big_orders (create, transactional)
create view "analyst"."big_orders" with (security_barrier=true) as
SELECT orders.id,
    orders.amount
   FROM analytics.orders
  WHERE orders.amount > 100;

-- 5. recreate big_orders (grant, transactional)
grant select on "analyst"."big_orders" to public;

-- 6. recreate big_orders (grant, transactional)
grant select on "analyst"."big_orders" to "bi" with grant option;

-- 7. recreate big_orders (comment, transactional)
comment on view "analyst"."big_orders" is 'Alice''s orders';

-- 8. recreate big_orders (comment, transactional)
comment on column "analyst"."big_orders"."amount" is 'in EUR';

-- 9. recreate big_orders (alter, transactional)
alter view "analyst"."big_orders" owner to "alice";

-- 10. recreate order_totals (create, transactional)
create materialized view "analyst"."order_totals" as
SELECT sum(big_orders.amount) AS total
   FROM analyst.big_orders
with no data;

-- 11. recreate order_totals (create, transactional)
CREATE INDEX order_totals_total ON analyst.order_totals USING btree (total);

-- 12. recreate order_totals (alter, transactional)
alter materialized view "analyst"."order_totals" owner to "alice";
