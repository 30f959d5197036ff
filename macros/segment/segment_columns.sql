{#- The columns of the page_views model in output order, pass-through columns included: the
    sessionized model lists them explicitly (dbt_utils.star would need a warehouse connection
    at compile time). -#}
{% macro page_view_columns() -%}
  {%- set columns = [
      'page_view_id', 'anonymous_id', 'user_id', 'received_at_tstamp', 'sent_at_tstamp', 'tstamp',
      'page_url', 'page_url_host', 'page_url_path', 'page_title', 'page_url_query', 'referrer',
      'referrer_host', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content',
      'gclid', 'ip', 'user_agent', 'device'
  ] -%}
  {%- for column in var('segment_pass_through_columns', []) -%}
    {%- do columns.append(column) -%}
  {%- endfor -%}
  {%- do columns.append('device_category') -%}
  {{ columns | join(',\n        ') }}
{%- endmacro %}

{#- Devices whose rows in `upstream` differ from this model's existing rows: a different page
    view count (page views only ever arrive, so any new page view changes it) or, when
    `compare_blended` is set, a different blended_user_id. `upstream_count` is the SQL counting
    page views per device in `upstream`. The NULL device is left out: delete+insert matches
    rows by anonymous_id, which NULL never equals (see docs/segment.md). -#}
{% macro segment_changed_devices(upstream, upstream_count, existing, compare_blended=false) -%}
    select coalesce(new_rows.anonymous_id, old_rows.anonymous_id) as anonymous_id
    from (
        select anonymous_id, {{ upstream_count }} as page_views
        {%- if compare_blended %}, max(blended_user_id) as blended_user_id{% endif %}
        from {{ upstream }} as upstream_rows
        where anonymous_id is not null
        group by anonymous_id
    ) as new_rows
    full outer join (
        select anonymous_id, sum(page_views) as page_views
        {%- if compare_blended %}, max(blended_user_id) as blended_user_id{% endif %}
        from {{ existing }}
        where anonymous_id is not null
        group by anonymous_id
    ) as old_rows
        on new_rows.anonymous_id = old_rows.anonymous_id
    where new_rows.anonymous_id is null
       or old_rows.anonymous_id is null
       or new_rows.page_views <> old_rows.page_views
       {%- if compare_blended %}
       or new_rows.blended_user_id <> old_rows.blended_user_id
       {%- endif %}
{%- endmacro %}
