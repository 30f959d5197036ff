import { p, type Probe } from './probe';

const COLS = [
  { name: 'id', type: 'int', pk: true },
  { name: 'Name', type: 'text', pk: false },
  { name: 'amount', type: 'numeric', pk: false },
];

/** Jinja2's built-in filters and tests, plus dbt's own filters. */
export const FILTER_PROBES: Probe[] = [
  p('filter: map attribute', "{{ cols | map(attribute='name') | join(', ') }}", { cols: COLS }),
  p('filter: map filter name', "{{ ['A', 'B'] | map('lower') | list }}"),
  p('filter: map filter with args', "{{ ['a', 'b'] | map('replace', 'a', 'x') | list }}"),
  p('filter: map attribute default', "{{ rows | map(attribute='x', default='-') | list }}", {
    rows: [{ x: 1 }, {}],
  }),
  p('filter: map nested attribute', "{{ rows | map(attribute='a.b') | list }}", {
    rows: [{ a: { b: 1 } }],
  }),
  p('filter: map prints generator as list only via list', "{{ ['a'] | map('upper') | join }}"),
  p(
    'filter: map/select/selectattr of none yield nothing',
    "{{ none | map('lower') | list }} {{ none | select | list }} {{ none | rejectattr('a') | list }} {{ 'a' in none | map('lower') }}",
  ),
  p('filter: select test', '{{ [1, 2, 3, 4] | select("odd") | list }}'),
  p('filter: select with argument', '{{ [1, 2, 3] | select("equalto", 2) | list }}'),
  p('filter: select greaterthan', '{{ [1, 5, 9] | select(">", 4) | list }}'),
  p('filter: reject test', '{{ [1, 2, 3] | reject("odd") | list }}'),
  p('filter: reject none', '{{ [1, none, 2] | reject("none") | list }}'),
  p('filter: selectattr truthy', "{{ cols | selectattr('pk') | map(attribute='name') | list }}", {
    cols: COLS,
  }),
  p(
    'filter: selectattr with test',
    "{{ cols | selectattr('type', 'equalto', 'text') | map(attribute='name') | list }}",
    { cols: COLS },
  ),
  p(
    'filter: selectattr in',
    "{{ cols | selectattr('name', 'in', ['id', 'amount']) | map(attribute='name') | list }}",
    { cols: COLS },
  ),
  p('filter: rejectattr', "{{ cols | rejectattr('pk') | map(attribute='name') | join(',') }}", {
    cols: COLS,
  }),
  p('filter: rejectattr with test', "{{ cols | rejectattr('name', 'eq', 'id') | list | length }}", {
    cols: COLS,
  }),
  p('filter: selectattr on missing attribute', "{{ rows | selectattr('x') | list }}", {
    rows: [{ x: 1 }, { y: 2 }],
  }),
  p(
    'filter: groupby',
    "{% for g in rows | groupby('k') %}{{ g.grouper }}={{ g.list | map(attribute='v') | join }};{% endfor %}",
    {
      rows: [
        { k: 'b', v: 1 },
        { k: 'a', v: 2 },
        { k: 'b', v: 3 },
      ],
    },
  ),
  p(
    'filter: groupby unpack',
    "{% for key, items in rows | groupby('k') %}{{ key }}{{ items | length }} {% endfor %}",
    { rows: [{ k: 1 }, { k: 1 }, { k: 2 }] },
  ),
  p('filter: unique', "{{ ['a', 'b', 'a', 'A'] | unique | list }}"),
  p('filter: unique case sensitive', "{{ ['a', 'A'] | unique(case_sensitive=true) | list }}"),
  p('filter: sort', '{{ [3, 1, 2] | sort }} {{ ["b", "A", "a"] | sort }}'),
  p('filter: sort reverse', '{{ [3, 1, 2] | sort(reverse=true) }}'),
  p(
    'filter: sort attribute',
    "{{ cols | sort(attribute='name') | map(attribute='name') | list }}",
    { cols: COLS },
  ),
  p('filter: sort case sensitive', "{{ ['b', 'A', 'a'] | sort(case_sensitive=true) }}"),
  p('filter: batch', '{{ [1, 2, 3, 4, 5] | batch(2) | list }}'),
  p('filter: batch fill', "{{ [1, 2, 3] | batch(2, 'x') | list }}"),
  p('filter: slice', '{{ [1, 2, 3, 4, 5] | slice(2) | list }}'),
  p('filter: dictsort', "{{ {'b': 1, 'a': 2} | dictsort }}"),
  p('filter: dictsort by value', "{{ {'b': 1, 'a': 2} | dictsort(by='value') }}"),
  p('filter: tojson', "{{ {'a': [1, none, true], 'b': 'x'} | tojson }}"),
  p('filter: tojson sorts keys', "{{ {'b': 1, 'a': 2} | tojson }}"),
  p('filter: tojson escapes html', "{{ '<a>' | tojson }}"),
  p('filter: wordcount', "{{ 'one two  three' | wordcount }}"),
  p(
    'filter: length of list dict string',
    "{{ [1, 2] | length }} {{ {'a': 1} | length }} {{ 'abc' | count }}",
  ),
  p('filter: join with attribute', "{{ cols | join(', ', attribute='name') }}", { cols: COLS }),
  p('filter: join none and numbers', '{{ [1, none, true] | join("-") }}'),
  p('filter: join default separator', '{{ ["a", "b"] | join }}'),
  p('filter: lower upper on values', "{{ 'AbC' | lower }} {{ 'abc' | upper }}"),
  p('filter: trim', "[{{ '  x  ' | trim }}] [{{ 'xxaxx' | trim('x') }}]"),
  p('filter: replace', "{{ 'aaa' | replace('a', 'b') }} {{ 'aaa' | replace('a', 'b', 1) }}"),
  p('filter: list of string', "{{ 'ab' | list }}"),
  p('filter: list of dict', "{{ {'a': 1, 'b': 2} | list }}"),
  p('filter: first last', '{{ [1, 2, 3] | first }} {{ [1, 2, 3] | last }} {{ "abc" | first }}'),
  p('filter: first of empty is undefined', '[{{ [] | first }}]'),
  p('filter: min max', '{{ [3, 1, 2] | min }} {{ [3, 1, 2] | max }} {{ ["b", "A"] | min }}'),
  p('filter: max attribute', "{{ (rows | max(attribute='n')).n }}", { rows: [{ n: 1 }, { n: 5 }] }),
  p('filter: sum', '{{ [1, 2, 3] | sum }} {{ [1, 2] | sum(start=10) }}'),
  p('filter: sum attribute', "{{ rows | sum(attribute='n') }}", { rows: [{ n: 1 }, { n: 5 }] }),
  p(
    'filter: int',
    "{{ '42' | int }} {{ '4.7' | int }} {{ 'x' | int }} {{ 'x' | int(7) }} {{ 3.9 | int }}",
  ),
  p('filter: float', "{{ '4.5' | float }} {{ 'x' | float }} {{ 3 | float }}"),
  p('filter: round', '{{ 2.567 | round(2) }} {{ 2.5 | round }} {{ 2.4 | round(0, "ceil") }}'),
  p('filter: abs', '{{ -3 | abs }}'),
  p(
    'filter: string',
    '{{ 1 | string }} {{ none | string }} {{ [1] | string }} {{ true | string }}',
  ),
  p('filter: string of list then length', '{{ [1, 2] | string | length }}'),
  p(
    'filter: default',
    "{{ nope | default('x') }} {{ none | default('x') }} {{ '' | default('x') }}",
  ),
  p('filter: d alias', "{{ nope | d('y') }}"),
  p('filter: capitalize title', "{{ 'hello WORLD' | capitalize }} {{ 'hello world' | title }}"),
  p('filter: center', "[{{ 'ab' | center(6) }}]"),
  p('filter: indent', "{{ 'a\\nb\\nc' | indent(2) }}"),
  p('filter: indent first', "{{ 'a\\nb' | indent(4, first=true) }}"),
  p(
    'filter: truncate',
    "{{ 'hello world foo' | truncate(9) }} {{ 'hello world' | truncate(5, true, '') }}",
  ),
  p('filter: reverse', "{{ 'abc' | reverse }} {{ [1, 2] | reverse | list }}"),
  p('filter: attr', "{{ d | attr('name') }}", { d: { name: 'n' } }),
  p('filter: items', "{{ {'a': 1} | items | list }}"),
  p('filter: format', "{{ '%s-%d' | format('a', 3) }}"),
  p('filter: wordwrap', "{{ 'aaa bbb ccc' | wordwrap(7) }}"),
  p('filter: striptags', "{{ '<b>x</b>  y' | striptags }}"),
  p('filter: urlencode', "{{ 'a b&c' | urlencode }}"),
  p('filter: filesizeformat', '{{ 1000000 | filesizeformat }}'),
  p('filter: pprint', "{{ {'a': 1} | pprint }}"),
  p('filter: safe and escape', "{{ '<x>' | safe }} {{ '<x>' | e }}"),
  p(
    'filter: chained map lower join',
    "{{ cols | map(attribute='name') | map('lower') | join(', ') }}",
    { cols: COLS },
  ),
  p('filter: select on strings with test', "{{ ['a', 'B', 'c'] | select('upper') | list }}"),
  p('filter: map int', "{{ ['1', '2'] | map('int') | sum }}"),
  p(
    'filter: as_text as_bool as_number',
    "{{ 5 | as_text }} {{ 'x' | as_bool }} {{ 3 | as_number }}",
  ),
  p('filter: map result printed without list', "{{ ['a'] | map('upper') }}"),
  p('filter: length of map result', "{{ ['a'] | map('upper') | list | length }}"),
  p('filter: unknown filter fails', '{{ 1 | nosuchfilter }}'),
  // tests
  p('test: none', '{{ none is none }} {{ 0 is none }} {{ nope is none }}'),
  p(
    'test: string number',
    "{{ 'a' is string }} {{ 1 is string }} {{ 1 is number }} {{ 1.5 is number }} {{ true is number }}",
  ),
  p(
    'test: mapping sequence iterable',
    "{{ {} is mapping }} {{ [] is mapping }} {{ [] is sequence }} {{ 'a' is sequence }} {{ {} is sequence }} {{ 1 is iterable }} {{ 'a' is iterable }}",
  ),
  p(
    'test: integer float boolean',
    '{{ 1 is integer }} {{ 1.5 is float }} {{ true is boolean }} {{ 1 is boolean }} {{ true is integer }}',
  ),
  p('test: true false', '{{ true is true }} {{ 1 is true }} {{ false is false }}'),
  p('test: lower upper', "{{ 'ab' is lower }} {{ 'AB' is upper }} {{ 'aB' is lower }}"),
  p('test: in', '{{ 1 is in [1, 2] }} {{ 3 is in [1, 2] }}'),
  p('test: odd even divisibleby', '{{ 3 is odd }} {{ 3 is even }} {{ 9 is divisibleby 3 }}'),
  p(
    'test: comparisons',
    '{{ 3 is gt 2 }} {{ 3 is ge 3 }} {{ 3 is lt 2 }} {{ 3 is le 3 }} {{ 3 is ne 3 }} {{ 3 is eq 3 }}',
  ),
  p(
    'test: callable',
    "{{ f is callable }} {{ 'a' is callable }}",
    {},
    '{% macro f() %}{% endmacro %}',
  ),
  p(
    'test: filter and test names',
    "{{ 'upper' is filter }} {{ 'nosuch' is filter }} {{ 'odd' is test }}",
  ),
  p('test: escaped', "{{ 'a' is escaped }}"),
  p('test: mapping of context value', '{{ x is mapping }} {{ y is mapping }}', {
    x: { a: 1 },
    y: [1],
  }),
  p('test: unknown test fails', '{{ 1 is nosuchtest }}'),
  // globals
  p('global: range', '{{ range(3) | list }} {{ range(1, 4) | list }} {{ range(0, 10, 4) | list }}'),
  p('global: range prints as range', '{{ range(3) }}'),
  p(
    'global: namespace',
    '{% set ns = namespace(found=false) %}{% for x in [1, 2] %}{% if x == 2 %}{% set ns.found = true %}{% endif %}{% endfor %}{{ ns.found }}',
  ),
  p(
    'global: cycler',
    "{% set c = cycler('a', 'b') %}{{ c.next() }}{{ c.next() }}{{ c.next() }}{{ c.current }}",
  ),
  p(
    'global: joiner',
    "{% set j = joiner(', ') %}{% for x in [1, 2, 3] %}{{ j() }}{{ x }}{% endfor %}",
  ),
  p('global: dict', '{{ dict(a=1) }}'),
];
