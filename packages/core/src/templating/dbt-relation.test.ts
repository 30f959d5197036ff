import { describe, expect, it } from 'vitest';
import { TemplateEngine } from './template-engine';
import { DbtRelation } from './dbt-relation';
import { displayMarkers } from './relation-placeholder';
import { internalMacroFiles } from '../compile/internal-macros';

const engine = () =>
  new TemplateEngine({
    rootProject: 'shop',
    target: { type: 'postgres', name: 'dev', profile_name: 'p', schema: 'main', threads: 1 },
    dialect: { type: 'postgres', dispatchOrder: ['postgres'], quoteCharacter: '"' },
    vars: () => ({ found: false }),
    env: {},
    dispatch: [],
    invocationId: 'i',
    runStartedAt: new Date(0),
  });

const target = {
  uniqueId: 'model.shop.m',
  name: 'm',
  packageName: 'shop',
  resourceType: 'model',
  file: 'models/m.sql',
  baseConfig: {},
};

const render = (text: string) => {
  const e = engine();
  e.loadMacros(internalMacroFiles());
  return e.render(target, text, { isIncremental: false, execute: false });
};

describe('Relations in templates', () => {
  it('api.Relation.create prints quoted parts, honours include() and is a mapping', () => {
    const out = render(
      `{% set r = api.Relation.create(database='db', schema='s', identifier='t', type='table') %}` +
        `{{ r }}|{{ r.include(database=false) }}|{{ r.identifier }}|{{ r.is_table }}|{{ r is mapping }}|` +
        `{{ r.get('metadata', {}).get('type', '').endswith('Relation') }}|{{ r.incorporate(path={'identifier': 'u'}) }}`,
    );
    expect(out.sql).toBe('"db"."s"."t"|"s"."t"|t|True|True|True|"db"."s"."u"');
  });

  it("information_schema() names the database's information schema as dbt prints it", () => {
    const out = render(
      `{% set r = api.Relation.create(database='db', schema='s', identifier='t') %}` +
        `{{ r.information_schema('columns') }}|{{ r.information_schema() }}|` +
        `{{ api.Relation.create(schema='s', identifier='t').information_schema('tables') }}`,
    );
    expect(out.sql).toBe(
      '"db".INFORMATION_SCHEMA.columns|"db".INFORMATION_SCHEMA|INFORMATION_SCHEMA.tables',
    );
  });

  it('relations key dicts, as dbt_utils.unpivot keys its columns by relation', () => {
    const out = render(
      `{% set r = api.Relation.create(schema='s', identifier='t') %}{% set d = {} %}{% do d.update({r: [1]}) %}{{ d[r] }}`,
    );
    expect(out.sql).toBe('[1]');
  });

  it('ref() while parsing prints a marker whose parts read as the call in messages', () => {
    const out = render(
      `{{ ref('orders') }} {{ ref('orders').schema }} {{ ref('orders') is mapping }}`,
    );
    expect(displayMarkers(out.sql)).toBe("ref('orders') ref('orders').schema True");
    expect(out.capture.refs).toEqual([{ name: 'orders' }]);
  });

  it('warehouse methods answer as dbt parses (nothing found) and mark the render introspective', () => {
    const out = render(
      `{{ adapter.get_columns_in_relation(ref('orders')) | length }}|{{ adapter.get_relation(database=none, schema='s', identifier='t') }}|{{ run_query('select 1') }}`,
    );
    expect(out.sql).toBe('0|None|None');
    expect(out.capture.introspective).toBe(true);
  });

  it('a render with execute true but no live warehouse fails instead of answering as a parse', () => {
    const e = engine();
    e.loadMacros(internalMacroFiles());
    expect(() =>
      e.render(target, "{{ adapter.get_relation(database=none, schema='s', identifier='t') }}", {
        isIncremental: false,
        execute: true,
      }),
    ).toThrow(/asked the warehouse while rendering with execute true but without a connection/);
  });

  it('reading execute marks the render; a static one is not marked', () => {
    expect(render('{% if execute %}a{% endif %}').capture.introspective).toBe(true);
    expect(render("select 1 from {{ ref('x') }}").capture.introspective).toBe(false);
  });

  it('errors print a relation not yet named as its call, never the internal encoding', () => {
    expect(() =>
      render(
        "{% do exceptions.raise_compiler_error('Macro star expected a Relation but received the value: ' ~ ref('dbt_utils', 'x')) %}",
      ),
    ).toThrow("Macro star expected a Relation but received the value: ref('dbt_utils', 'x')");
  });

  it('a relation whose name is unknown while parsing cannot be reshaped', () => {
    const rel = new DbtRelation(
      { quoteCharacter: '"', className: 'PostgresRelation' },
      undefined,
      null,
      'r\u0002c\u0002\u0002x',
    );
    expect(() => rel.incorporate({ path: { identifier: 'y' }, __keywords: true })).toThrow(
      /cannot be changed while parsing.*\{% if execute %\}/,
    );
  });
});
