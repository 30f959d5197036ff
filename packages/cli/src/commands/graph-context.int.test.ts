import { describe, expect, it } from 'vitest';
import { testProject } from './run-fixtures';

/**
 * dbt's `graph` context variable: packages such as dbt-project-evaluator walk it at run time
 * (`graph.nodes.values()`, `graph.sources`, `graph.exposures`) to build tables about the
 * project itself.
 */
const FILES = {
  'models/orders.sql': "{{ config(materialized='table', tags=['core']) }} select 1 as id",
  'models/sources.yml':
    'version: 2\nsources:\n  - name: raw\n    schema: main\n    tables:\n      - name: people\n',
  'models/exposures.yml':
    "version: 2\nexposures:\n  - name: board\n    type: dashboard\n    owner: {name: ann}\n    depends_on:\n      - ref('orders')\n",
  // Lists every model of the graph with fields dbt's dicts carry, sources with theirs.
  'models/inventory.sql': `{{ config(materialized='table') }}
{%- set rows = [] -%}
{%- if execute -%}
{%- for node in graph.nodes.values() | selectattr('resource_type', 'equalto', 'model') | sort(attribute='name') -%}
{%- do rows.append("select '" ~ node.name ~ "' as name, '" ~ node.schema ~ "' as schema_name, '" ~ node.alias ~ "' as alias, '" ~ node.config.materialized ~ "' as materialized, '" ~ (node.tags | join(',')) ~ "' as tags, '" ~ node.language ~ "' as language, " ~ (node.depends_on.nodes | length) ~ " as parents, '" ~ (node.relation_name or '') ~ "' as relation_name, " ~ (node.raw_code | length > 0) ~ " as has_code") -%}
{%- endfor -%}
{%- for source in graph.sources.values() -%}
{%- do rows.append("select '" ~ source.source_name ~ "." ~ source.name ~ "', '" ~ source.schema ~ "', '" ~ source.identifier ~ "', 'source', '', '', 0, '" ~ source.relation_name ~ "', " ~ (source.freshness.warn_after.count is none) ) -%}
{%- endfor -%}
{%- for e in graph.exposures.values() -%}
{%- do rows.append("select '" ~ e.name ~ "', '', '" ~ e.refs[0].name ~ "', 'exposure', '', '', " ~ (e.depends_on.nodes | length) ~ ", '" ~ e.depends_on.nodes[0] ~ "', true") -%}
{%- endfor -%}
{%- endif -%}
{{ rows | join(' union all ') if rows else "select 'parse' as name" }}`,
};

describe('the graph context variable', () => {
  it('holds every node, source and exposure as dbt dicts when a model renders at run time', async () => {
    const p = testProject(FILES);
    const built = await p.run('build');
    expect(built.stderr).not.toContain('error');
    expect(built.code).toBe(0);
    const rows = await p.query('select * from main.inventory order by name');
    expect(rows).toEqual([
      {
        name: 'board',
        schema_name: '',
        alias: 'orders',
        materialized: 'exposure',
        tags: '',
        language: '',
        parents: 1,
        relation_name: 'model.shop.orders',
        has_code: true,
      },
      {
        name: 'inventory',
        schema_name: 'main',
        alias: 'inventory',
        materialized: 'table',
        tags: '',
        language: 'sql',
        parents: 0,
        relation_name: '"shop"."main"."inventory"',
        has_code: true,
      },
      {
        name: 'orders',
        schema_name: 'main',
        alias: 'orders',
        materialized: 'table',
        tags: 'core',
        language: 'sql',
        parents: 0,
        relation_name: '"shop"."main"."orders"',
        has_code: true,
      },
      {
        name: 'raw.people',
        schema_name: 'main',
        alias: 'people',
        materialized: 'source',
        tags: '',
        language: '',
        parents: 0,
        relation_name: '"shop"."main"."people"',
        has_code: true,
      },
    ]);
  });

  it('is empty while parsing, so compile names the node as one to render with --introspect', async () => {
    const p = testProject(FILES);
    const compiled = await p.run('compile');
    expect(compiled.code).toBe(0);
    expect(compiled.stdout).toContain('model.shop.inventory');
    expect(compiled.stdout).toMatch(/1 node reads? the warehouse while rendering/);
  });
});
