/**
 * The files `tsmodel init` writes: the smallest project that compiles and runs on the embedded
 * DuckDB default (no profiles.yml needed), with one model and one YAML file showing tests.
 */

/** Relative path → contents, for a project called `name`. */
export function initTemplates(name: string): Record<string, string> {
  return {
    'project.yml': `# tsmodel project settings; the keys follow dbt_project.yml.
name: ${name}
version: "1.0.0"
# No profile: tsmodel uses DuckDB in ${name}.duckdb beside this file. Add \`profile: <name>\` and a
# profiles.yml to use another warehouse.

model-paths: ["models"]
macro-paths: ["macros"]
seed-paths: ["seeds"]

models:
  ${name}:
    +materialized: view
`,
    'models/example.sql': `{# A model is a SELECT; tsmodel creates a view (or table) named after the file.
   Reference other models with {{ ref('model_name') }}. #}
select 1 as id, 'hello' as greeting
union all
select 2 as id, 'world' as greeting
`,
    'models/schema.yml': `version: 2

models:
  - name: example
    description: A first model; replace it with your own.
    columns:
      - name: id
        description: One row per id.
        tests:
          - unique
          - not_null
`,
    '.gitignore': `target/
node_modules/
*.duckdb
*.duckdb.wal
`,
  };
}
