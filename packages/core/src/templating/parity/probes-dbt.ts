import { p, type Probe } from './probe';

/** dbt's context helpers, and constructs reduced from real packages' macros. */
export const DBT_PROBES: Probe[] = [
  // return()
  p(
    'return: a list intact',
    '{% set r = f() %}{{ r | length }} {{ r[0] }}',
    {},
    '{% macro f() %}{{ return([1, 2]) }}{% endmacro %}',
  ),
  p(
    'return: a dict intact',
    "{{ f()['k'] }}",
    {},
    "{% macro f() %}{{ return({'k': 'v'}) }}{% endmacro %}",
  ),
  p(
    'return: ends the macro',
    '{{ f() }}',
    {},
    '{% macro f() %}before{{ return("r") }}after{% endmacro %}',
  ),
  p(
    'return: from inside a loop',
    '{{ f([1, 2, 3]) }}',
    {},
    '{% macro f(xs) %}{% for x in xs %}{% if x == 2 %}{{ return(x) }}{% endif %}{% endfor %}{{ return(0) }}{% endmacro %}',
  ),
  p(
    "return: a macro of the same file returning keeps its caller's variables",
    '{{ g() }}',
    {},
    '{% macro f(x) %}{{ return(x * 2) }}{% endmacro %}{% macro g() %}{% set xs = [1, 2] %}{{ f(1) }}{% for x in xs %}[{{ f(x) }}{{ xs | length }}]{% endfor %}{% endmacro %}',
  ),
  p('return: none', '{{ f() is none }}', {}, '{% macro f() %}{{ return(none) }}{% endmacro %}'),
  p(
    'return: empty list is falsy',
    '{% if f() %}T{% else %}F{% endif %}',
    {},
    '{% macro f() %}{{ return([]) }}{% endmacro %}',
  ),
  p('return: boolean', '{{ f() }}', {}, '{% macro f() %}{{ return(1 > 0) }}{% endmacro %}'),
  p('return: via do', '{{ f() }}', {}, '{% macro f() %}{% do return("d") %}{% endmacro %}'),
  p(
    'return: nested macro result',
    '{{ outer() }}',
    {},
    "{% macro inner() %}{{ return(['a']) }}{% endmacro %}{% macro outer() %}{% set x = inner() %}{{ return(x + ['b']) }}{% endmacro %}",
  ),
  p('return: macro text is a string', "{{ f() ~ '!' }}", {}, '{% macro f() %}t{% endmacro %}'),
  p(
    'return: macro text with filter',
    '{{ f() | trim | upper }}',
    {},
    '{% macro f() %}  t  {% endmacro %}',
  ),
  p(
    'return: returned value mutated by caller',
    '{% set l = f() %}{% do l.append(3) %}{{ l }}',
    {},
    '{% macro f() %}{{ return([1]) }}{% endmacro %}',
  ),
  // json / yaml
  p('fromjson', "{{ fromjson('{\"a\": [1, 2]}')['a'][1] }}"),
  p('fromjson: integral float', "{{ fromjson('[1.0]') }}"),
  p('fromjson default on bad input', "{{ fromjson('nope', 'dflt') }}"),
  p('tojson dbt function spacing', "{{ tojson({'a': [1, 2], 'b': none}) }}"),
  p('tojson dbt function sort_keys', "{{ tojson({'b': 1, 'a': 2}, sort_keys=true) }}"),
  p('fromyaml', "{{ fromyaml('a: 1\\nb: [x, y]')['b'] }}"),
  p(
    'fromyaml scalar types',
    '{% set y = fromyaml(\'a: yes\\nb: 1.5\\nc: null\\nd: "2"\') %}{{ y.a }} {{ y.b }} {{ y.c }} {{ y.d }}',
  ),
  p('toyaml', "{{ toyaml({'a': 1, 'b': ['x']}) }}"),
  p('toyaml nested', "{{ toyaml({'m': {'n': 'v'}, 'l': []}) }}"),
  // set / zip / misc
  p('set: dedupes', '{{ set([1, 2, 2]) | length }}'),
  p('set: membership', "{{ 'a' in set(['a', 'b']) }}"),
  p('set: sorted', "{{ set(['b', 'a', 'b']) | sort }}"),
  p('set: default on bad input', "{{ set(1, 'd') }}"),
  p('set_strict: bad input fails', '{{ set_strict(1) }}'),
  p('zip: pairs', "{{ zip([1, 2], ['a', 'b']) | list }}"),
  p('zip: in a loop', "{% for a, b in zip(['x', 'y'], [1, 2]) %}{{ a }}{{ b }}{% endfor %}"),
  p('zip: unequal lengths', '{{ zip([1, 2, 3], [4]) | list }}'),
  p('local_md5', "{{ local_md5('abc') }}"),
  p('try_or_compiler_error passes', "{{ try_or_compiler_error('bad', fromjson, '[1]') }}"),
  p(
    'try_or_compiler_error fails',
    "{{ try_or_compiler_error('bad', f) }}",
    {},
    '{% macro f() %}{{ exceptions.raise_compiler_error("x") }}{% endmacro %}',
  ),
  p('print returns empty', "[{{ print('x') }}]"),
  p('log returns empty', "[{{ log('x', info=true) }}]"),
  p('exceptions: raise_compiler_error fails', "{{ exceptions.raise_compiler_error('boom') }}"),
  p('exceptions: warn prints nothing', "[{{ exceptions.warn('careful') }}]"),
  p('exceptions: raise_not_implemented fails', "{{ exceptions.raise_not_implemented('no') }}"),
  p('flags: full refresh', '{{ flags.FULL_REFRESH }}'),
  // modules
  p('modules.datetime: date and isoformat', '{{ modules.datetime.date(2024, 1, 31).isoformat() }}'),
  p('modules.datetime: datetime prints', '{{ modules.datetime.datetime(2024, 1, 2, 3, 4, 5) }}'),
  p(
    'modules.datetime: strftime',
    "{{ modules.datetime.datetime(2024, 3, 9, 14, 5).strftime('%Y-%m-%d %H:%M %j %a %b') }}",
  ),
  p(
    'modules.datetime: strptime',
    "{{ modules.datetime.datetime.strptime('2024-02-29', '%Y-%m-%d').date() }}",
  ),
  p(
    'modules.datetime: timedelta arithmetic',
    '{{ modules.datetime.date(2024, 1, 31) + modules.datetime.timedelta(days=1) }}',
  ),
  p(
    'modules.datetime: datetime minus timedelta',
    '{{ modules.datetime.datetime(2024, 3, 1) - modules.datetime.timedelta(hours=1) }}',
  ),
  p(
    'modules.datetime: date difference days',
    '{{ (modules.datetime.date(2024, 3, 1) - modules.datetime.date(2024, 2, 1)).days }}',
  ),
  p(
    'modules.datetime: weekday and parts',
    '{% set d = modules.datetime.date(2024, 5, 6) %}{{ d.weekday() }} {{ d.isoweekday() }} {{ d.year }} {{ d.month }} {{ d.day }}',
  ),
  p(
    'modules.datetime: fromisoformat',
    "{{ modules.datetime.datetime.fromisoformat('2024-05-06T07:08:09') }}",
  ),
  p('modules.datetime: replace', '{{ modules.datetime.date(2024, 5, 6).replace(day=1) }}'),
  p(
    'modules.datetime: compare dates',
    '{{ modules.datetime.date(2024, 1, 1) < modules.datetime.date(2024, 1, 2) }}',
  ),
  p(
    'modules.datetime: isocalendar week',
    '{{ modules.datetime.date(2024, 12, 30).isocalendar()[1] }}',
  ),
  p(
    'modules.datetime: timezone aware',
    '{{ modules.datetime.datetime(2024, 1, 1, tzinfo=modules.pytz.utc).isoformat() }}',
  ),
  p(
    'modules.pytz: timezone localize',
    "{{ modules.pytz.timezone('America/New_York').localize(modules.datetime.datetime(2024, 7, 1, 12)).isoformat() }}",
  ),
  p(
    'modules.pytz: astimezone',
    "{{ modules.datetime.datetime(2024, 1, 1, 12, tzinfo=modules.pytz.utc).astimezone(modules.pytz.timezone('Europe/Amsterdam')).strftime('%H:%M') }}",
  ),
  p('modules.re: sub', "{{ modules.re.sub('[^a-z0-9]+', '_', 'Hello World!'.lower()) }}"),
  p(
    'modules.re: search group',
    "{% set m = modules.re.search('(\\\\d+)-(\\\\d+)', 'v12-34') %}{{ m.group(1) }} {{ m.group(2) }} {{ m.group(0) }}",
  ),
  p('modules.re: search none', "{{ modules.re.search('z', 'abc') is none }}"),
  p(
    'modules.re: match and fullmatch',
    "{{ modules.re.match('a', 'abc') is not none }} {{ modules.re.match('b', 'abc') is none }} {{ modules.re.fullmatch('a.c', 'abc') is not none }}",
  ),
  p('modules.re: findall', "{{ modules.re.findall('[0-9]+', 'a1b22c333') }}"),
  p('modules.re: split', "{{ modules.re.split('\\\\s*,\\\\s*', 'a , b,c') }}"),
  p(
    'modules.re: ignorecase flag',
    "{{ modules.re.sub('abc', 'x', 'ABC abc', flags=modules.re.IGNORECASE) }}",
  ),
  p(
    'modules.re: compile and match',
    "{% set r = modules.re.compile('^stg_(.*)$') %}{{ r.match('stg_orders').group(1) }}",
  ),
  p('modules.re: escape', "{{ modules.re.escape('a.b') }}"),
  // A regex written in a Jinja string: `\d` and `\s` keep their backslash, as in Python.
  p(
    'string literal: unknown escapes keep their backslash',
    String.raw`{{ '\d+\s' }}|{{ "a\tb" }}|{{ 'it\'s' }}|{{ "q\"" }}`,
  ),
  p(
    'string literal: hex, unicode and octal escapes',
    String.raw`{{ '\x41\u00e9\101' }}|{{ "\\n" }}`,
  ),
  p(
    'modules.re: a pattern from a Jinja string literal',
    String.raw`{{ modules.re.sub('(from|join)\s+(\w+)', '\\1 X', 'select 1 from  t join u') }}`,
  ),
  p(
    'modules.re: inline verbose and ignorecase flags',
    String.raw`{{ modules.re.findall('(?ix) A \d  # a digit
      [ #]', 'a1 A2#') }}`,
  ),
  p(
    'modules.re: braces that are not a quantifier are literal',
    String.raw`{{ modules.re.sub('{{\s*var\((\w+)\)\s*}}', '<\\1>', 'from {{ var(x) }} a{2}') }} {{ modules.re.findall('a{2}', 'aaa') }}`,
  ),
  p('modules.re: escaped punctuation', String.raw`{{ modules.re.findall('\'\#\:', "'#: x") }}`),
  p('modules.re: groups', "{{ modules.re.match('(a)(b)?', 'a').groups() }}"),
  p('modules.itertools: product', "{{ modules.itertools.product([1, 2], ['a']) | list }}"),
  p('modules.itertools: chain', '{{ modules.itertools.chain([1], [2, 3]) | list }}'),
  p('modules.itertools: combinations', '{{ modules.itertools.combinations([1, 2, 3], 2) | list }}'),
  p('modules.itertools: permutations', '{{ modules.itertools.permutations([1, 2]) | list }}'),
  // constructs reduced from packages
  p(
    'pkg: star excluding columns',
    "{%- set cols = ['id', 'name', 'ts'] -%}{%- set except = ['ts'] -%}{%- set include = [] -%}{%- for c in cols if c | lower not in except | map('lower') | list -%}{%- do include.append(adapter_quote(c)) -%}{%- endfor -%}{{ include | join(', ') }}",
    { adapter_quote: null },
  ),
  p(
    'pkg: star with quoting and prefix',
    "{%- for col in cols %}\n    {{ prefix ~ '\"' ~ col ~ '\"' }}{{ ',' if not loop.last }}\n{%- endfor %}",
    { cols: ['a', 'b'], prefix: 't.' },
  ),
  p(
    'pkg: union relations column superset',
    '{%- set column_superset = {} -%}{%- for rel in rels -%}{%- for col in rel.cols -%}{%- if col.name not in column_superset -%}{%- do column_superset.update({col.name: col}) -%}{%- endif -%}{%- endfor -%}{%- endfor -%}{{ column_superset.keys() | list }}',
    { rels: [{ cols: [{ name: 'a' }, { name: 'b' }] }, { cols: [{ name: 'b' }, { name: 'c' }] }] },
  ),
  p(
    'pkg: generate surrogate key fields',
    "{%- set fields = [] -%}{%- for field in ['a', 'b'] -%}{%- do fields.append(\"coalesce(cast(\" ~ field ~ \" as text), '_null_')\") -%}{%- if not loop.last %}{%- do fields.append(\"'-'\") -%}{%- endif -%}{%- endfor -%}md5({{ fields | join(' || ') }})",
  ),
  p(
    'pkg: date spine intervals',
    '{% set n = ((end - start) / 7) | round(0, "ceil") | int %}{{ n }}',
    { start: 1, end: 30 },
  ),
  p(
    'pkg: pivot values',
    "{% for v in values %}sum(case when {{ col }} = '{{ v }}' then 1 else 0 end) as {{ v | replace(' ', '_') | lower }}{% if not loop.last %},\n{% endif %}{% endfor %}",
    { col: 'color', values: ['Red', 'Sky Blue'] },
  ),
  p(
    'pkg: get_query_results_as_dict shape',
    '{%- set results = {} -%}{%- for k in cols -%}{%- do results.update({k: rows | map(attribute=k) | list}) -%}{%- endfor -%}{{ results }}',
    {
      cols: ['id', 'v'],
      rows: [
        { id: 1, v: 'a' },
        { id: 2, v: 'b' },
      ],
    },
  ),
  p(
    'pkg: expression_is_true where clause',
    "{% set where = kwargs.get('where') %}{{ f(**{'where': 'x > 1'}) }}",
    {},
    "{% macro f() %}where {{ kwargs.get('where', 'true') }}{% endmacro %}",
  ),
  p(
    'pkg: partition by list',
    "{% set partition_by = ['a', 'b'] %}{{ 'partition by ' ~ partition_by | join(', ') if partition_by else '' }}",
  ),
  p(
    'pkg: string list literal in sql',
    "where col in ({% for v in vals %}'{{ v }}'{% if not loop.last %}, {% endif %}{% endfor %})",
    { vals: ['x', 'y'] },
  ),
  p(
    'pkg: codegen column yaml',
    "{% set yaml = [] %}{% for c in cols %}{% do yaml.append('      - name: ' ~ c | lower) %}{% endfor %}{{ yaml | join('\\n') }}",
    { cols: ['ID', 'Name'] },
  ),
  p(
    'pkg: codegen leading comma',
    "{% for c in cols %}{{ ',' if not loop.first else ' ' }} {{ c }}\n{% endfor %}",
    { cols: ['a', 'b'] },
  ),
  p(
    'pkg: audit compare columns',
    "{% set a = ['id', 'x'] %}{% set b = ['id', 'y'] %}{{ a | reject('in', b) | list }} {{ a | select('in', b) | list }}",
  ),
  p('pkg: dbt_date day name', "{% set names = {1: 'Mon', 2: 'Tue'} %}{{ names[n] }}", { n: 2 }),
  p('pkg: dbt_date periods', "{% set dp = 'week' %}{{ 'date_trunc(' ~ dp | lower ~ ', d)' }}"),
  p(
    'pkg: expectations row condition',
    '{% set row_condition = none %}{% if row_condition %}where {{ row_condition }}{% else %}-- none{% endif %}',
  ),
  p(
    'pkg: expectations group by list',
    "{% set group_by = ['a', 'b'] %}{{ group_by | join(',') if group_by | length > 0 else 'none' }}",
  ),
  p(
    'pkg: expectations strictly flag',
    "{% set strictly = false %}{% set op = '<' if strictly else '<=' %}{{ op }}",
  ),
  p(
    'pkg: snowplow dict of lists',
    "{% set m = {'web': ['page_view'], 'mobile': []} %}{% for k, v in m.items() if v %}{{ k }}{% endfor %}",
  ),
  p(
    'pkg: snowplow split_part fields',
    "{% for f in 'a.b.c'.split('.') %}{{ loop.index }}:{{ f }} {% endfor %}",
  ),
  p('pkg: snowplow get by path', "{{ cfg.get('enabled', {}).get('web', false) }}", {
    cfg: { enabled: { web: true } },
  }),
  p('pkg: adapters is_list', '{{ x is iterable and x is not string and x is not mapping }}', {
    x: ['a'],
  }),
  p(
    'pkg: adapters partition config',
    "{% set raw = {'field': 'ts', 'granularity': 'day'} %}{% if raw is mapping %}{{ raw.field }}/{{ raw.get('granularity', 'day') }}{% endif %}",
  ),
  p(
    'pkg: adapters unique_key list or string',
    '{% for key in ([uk] if uk is string else uk) %}{{ key }};{% endfor %}',
    { uk: 'id' },
  ),
  p(
    'pkg: adapters dest columns csv',
    "{{ cols | map(attribute='name') | map('lower') | join(', ') }}",
    { cols: [{ name: 'A' }, { name: 'B' }] },
  ),
  p(
    'pkg: adapters sql_header none',
    '{%- set sql_header = none -%}[{{ sql_header if sql_header is not none }}]',
  ),
  p(
    'pkg: adapters merge update columns',
    "{% set update_columns = cols | reject('in', ['id']) | list %}{% for c in update_columns %}{{ c }} = s.{{ c }}{{ ', ' if not loop.last }}{% endfor %}",
    { cols: ['id', 'a', 'b'] },
  ),
  p(
    'pkg: nested return in dispatch-like macro',
    '{{ g() }}',
    {},
    "{% macro impl(x) %}{{ return(x ~ '!') }}{% endmacro %}{% macro g() %}{{ return(impl('y')) }}{% endmacro %}",
  ),
  p(
    'pkg: macro default none then or',
    '{{ f() }}',
    {},
    "{% macro f(relation=none, cols=none) %}{{ cols or ['*'] }}{% endmacro %}",
  ),
  p(
    'pkg: dict comprehension-free update loop',
    "{% set d = {} %}{% for k in ['a', 'b'] %}{% do d.update({k: loop.index}) %}{% endfor %}{{ d }}",
  ),
  p('pkg: string multiplication indent', "{{ ' ' * 4 ~ 'x' }}"),
  p('pkg: tuple comparison in if', '{% if (a, b) == (1, 2) %}yes{% endif %}', { a: 1, b: 2 }),
];
