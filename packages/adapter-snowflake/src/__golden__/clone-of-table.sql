-- 1. clone table (create)
create or replace transient table warehouse.analytics.orders clone warehouse.prod.orders;
