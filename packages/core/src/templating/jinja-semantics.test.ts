import { describe, expect, it } from 'vitest';
import { TemplateEngine, type RenderTarget } from './template-engine';

/**
 * The differences from Jinja2 that gave silently wrong SQL, checked without the Python oracle
 * (the unit tier runs everywhere; jinja-parity.int.test.ts compares ~500 probes with Jinja2).
 */
function render(template: string, macros = ''): string {
  const engine = new TemplateEngine({
    rootProject: 'p',
    target: { type: 'postgres', name: 'dev', profile_name: 'p', schema: 's', threads: 1 },
    dialect: { type: 'postgres', dispatchOrder: ['postgres'], quoteCharacter: '"' },
    vars: () => ({ found: false }),
    env: {},
    dispatch: [],
    invocationId: 'i',
    runStartedAt: new Date('2024-05-06T07:08:09Z'),
  });
  if (macros)
    expect(engine.loadMacros([{ packageName: 'p', path: 'macros/m.sql', text: macros }])).toEqual(
      [],
    );
  const target: RenderTarget = {
    uniqueId: 'model.p.m',
    name: 'm',
    packageName: 'p',
    resourceType: 'model',
    file: 'models/m.sql',
    baseConfig: {},
  };
  return engine.render(target, template, { isIncremental: false, execute: true }).sql;
}

describe('Jinja2 semantics that decide the SQL', () => {
  it('an empty list, dict or string is false', () => {
    expect(
      render(
        "{% if [] %}a{% endif %}{% if {} %}b{% endif %}{% if '' %}c{% endif %}{{ [] or 'd' }}",
      ),
    ).toBe('d');
  });

  it('a dict key that is a name uses its value', () => {
    expect(render("{% set col = 'id' %}{{ {col: 1} }}")).toBe("{'id': 1}");
  });

  it('lists and dicts compare by value', () => {
    expect(
      render("{{ [] != [] }} {{ [1] == [1] }} {{ {'a': 1} == {'a': 1} }} {{ 1 == '1' }}"),
    ).toBe('False True True False');
  });

  it('macros receive extra arguments in varargs and kwargs', () => {
    expect(
      render('{{ f(1, 2, 3, x=4) }}', '{% macro f(a) %}{{ varargs }} {{ kwargs }}{% endmacro %}'),
    ).toBe("(2, 3) {'x': 4}");
  });

  it('values print as Python prints them', () => {
    expect(render("{{ none }} {{ true }} {{ ['a', none] }} {{ 10 / 4 }} {{ 10 / 2 }}")).toBe(
      "None True ['a', None] 2.5 5.0",
    );
  });

  it('set inside a loop stays in the loop; namespace carries out', () => {
    expect(
      render(
        '{% set n = 0 %}{% set ns = namespace(n=0) %}{% for x in [1, 2] %}{% set n = n + x %}{% set ns.n = ns.n + x %}{% endfor %}{{ n }} {{ ns.n }}',
      ),
    ).toBe('0 3');
  });

  it('a template loses its final newline, as in Jinja', () => {
    expect(render('select 1\n')).toBe('select 1');
  });
});
