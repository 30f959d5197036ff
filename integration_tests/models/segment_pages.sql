{#- The raw Segment `pages` stand-in: the upstream seed row plus this project's own examples.
    The upstream seed has no context_locale, the pass-through column the tests carry. -#}
select *, cast(null as varchar) as context_locale from {{ ref('example_segment_pages') }}
union all
select * from {{ ref('worked_example_pages') }}
union all
select * from {{ ref('edge_case_pages') }}
