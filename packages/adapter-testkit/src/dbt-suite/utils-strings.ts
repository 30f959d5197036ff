import { expect } from 'vitest';
import {
  assertEqualCase,
  assertEqualYml,
  expectBuilt,
  testStatuses,
  type UtilsCase,
} from './utils-case';

const fromSeed = (seed: string, select: string) =>
  `with data as (select * from {{ ref('${seed}') }})\nselect ${select}\nfrom data\n`;

const emptied = (seed: string, cols: string[], select: string) =>
  `with seed_data as (select * from {{ ref('${seed}') }}),
data as (select ${cols.map((c) => `{{ replace_empty('${c}') }} as ${c}`).join(', ')} from seed_data)
select ${select}
from data
`;

/** dbt's string, cast and aggregate cases. */
export const STRING_CASES: UtilsCase[] = [
  assertEqualCase(
    'test_concat',
    'test_concat',
    emptied(
      'data_concat',
      ['input_1', 'input_2', 'output'],
      "{{ concat(['input_1', 'input_2']) }} as actual, output as expected",
    ),
    { data_concat: 'input_1,input_2,output\nx,y,xy\nx,EMPTY,x\nEMPTY,y,y\nEMPTY,EMPTY,EMPTY\n' },
  ),
  assertEqualCase(
    'test_hash',
    'test_hash',
    emptied(
      'data_hash',
      ['input_1', 'output'],
      "{{ hash('input_1') }} as actual, output as expected",
    ),
    {
      data_hash: `input_1,output
tsm,35f0239b2449d5a7c3098817b85129ec
q,7694f4a66316e53c8cdd9d9954bd611d
7,8f14e45fceea167a5a36dedd4bea2543
EMPTY,d41d8cd98f00b204e9800998ecf8427e
`,
    },
  ),
  assertEqualCase(
    'test_length',
    'test_length',
    fromSeed('data_length', "{{ length('expression') }} as actual, output as expected"),
    { data_length: 'expression,output\ntsmodel,7\nconformance,11\na.b/c,5\n' },
  ),
  assertEqualCase(
    'test_position',
    'test_position',
    fromSeed(
      'data_position',
      "{{ position('substring_text', 'string_text') }} as actual, result as expected",
    ),
    {
      data_position:
        'substring_text,string_text,result\nmod,tsmodel,3\nzz,abc,0\nance,conformance,8\n',
    },
  ),
  assertEqualCase(
    'test_replace',
    'test_replace',
    `with data as (
  select *, coalesce(search_chars, '') as old_chars, coalesce(replace_chars, '') as new_chars
  from {{ ref('data_replace') }}
)
select {{ replace('string_text', 'old_chars', 'new_chars') }} as actual, result as expected
from data
`,
    {
      data_replace:
        'string_text,search_chars,replace_chars,result\nbanana,an,AN,bANANa\nhttps://x.org,https://,"",x.org\n',
    },
  ),
  assertEqualCase(
    'test_right',
    'test_right',
    fromSeed(
      'data_right',
      "{{ right('string_text', 'length_expression') }} as actual, coalesce(output, '') as expected",
    ),
    { data_right: 'string_text,length_expression,output\ntsmodel,5,model\nsuite,2,te\nsuite,0,\n' },
  ),
  assertEqualCase(
    'test_split_part',
    'test_split_part',
    [
      [1, 'result_1'],
      [2, 'result_2'],
      [3, 'result_3'],
      [-1, 'result_4'],
    ]
      .map(([n, col]) =>
        fromSeed(
          'data_split_part',
          `{{ split_part('parts', 'split_on', ${n}) }} as actual, ${col} as expected`,
        ),
      )
      .map((q) => `(${q})`)
      .join('union all\n'),
    {
      data_split_part:
        'parts,split_on,result_1,result_2,result_3,result_4\np-q-r,-,p,q,r,r\n7-8-9,-,7,8,9,9\n,-,,,,\n',
    },
  ),
  assertEqualCase(
    'test_string_literal',
    'test_string_literal',
    `select {{ string_literal("xyz") }} as actual, 'xyz' as expected union all
select {{ string_literal("9") }} as actual, '9' as expected union all
select {{ string_literal("") }} as actual, '' as expected union all
select {{ string_literal(none) }} as actual, 'None' as expected
`,
  ),
  assertEqualCase(
    'test_escape_single_quotes',
    'test_escape_single_quotes',
    `select '{{ escape_single_quotes("it's") }}' as actual, 'it''s' as expected,
  {{ length(string_literal(escape_single_quotes("it's"))) }} as actual_length, 4 as expected_length
union all
select '{{ escape_single_quotes("it is") }}' as actual, 'it is' as expected,
  {{ length(string_literal(escape_single_quotes("it is"))) }} as actual_length, 5 as expected_length
`,
  ),
  assertEqualCase(
    'test_listagg',
    'test_listagg',
    `with data as (select * from {{ ref('data_listagg') }}),
data_output as (select * from {{ ref('data_listagg_output') }}),
calculate as (
  select group_col, {{ listagg('string_text', "'_|_'", "order by order_col") }} as actual, 'bottom_ordered' as version
  from data group by group_col
  union all
  select group_col, {{ listagg('string_text', "'_|_'", "order by order_col", 2) }} as actual, 'bottom_ordered_limited' as version
  from data group by group_col
  union all
  select group_col, {{ listagg('string_text', "', '") }} as actual, 'comma_whitespace_unordered' as version
  from data where group_col = 3 group by group_col
  union all
  select group_col, {{ listagg('DISTINCT string_text', "','") }} as actual, 'distinct_comma' as version
  from data where group_col = 3 group by group_col
  union all
  select group_col, {{ listagg('string_text') }} as actual, 'no_params' as version
  from data where group_col = 3 group by group_col
)
select calculate.actual, data_output.expected
from calculate left join data_output
  on calculate.group_col = data_output.group_col and calculate.version = data_output.version
`,
    {
      data_listagg:
        'group_col,string_text,order_col\n1,x,1\n1,y,2\n1,z,3\n2,b,2\n2,9,1\n2,q,3\n3,h,1\n3,h,2\n3,h,3\n',
      data_listagg_output: `group_col,expected,version
1,"x_|_y_|_z",bottom_ordered
2,"9_|_b_|_q",bottom_ordered
3,"h_|_h_|_h",bottom_ordered
1,"x_|_y",bottom_ordered_limited
2,"9_|_b",bottom_ordered_limited
3,"h_|_h",bottom_ordered_limited
3,"h, h, h",comma_whitespace_unordered
3,"h",distinct_comma
3,"h,h,h",no_params
`,
    },
  ),
  ...(['cast', 'safe_cast'] as const).flatMap((macro) => [
    assertEqualCase(
      `test_${macro}`,
      `test_${macro}`,
      fromSeed(
        `data_${macro}`,
        `{{ ${macro}('field', api.Column.translate_type('string')) }} as actual, output as expected`,
      ),
      { [`data_${macro}`]: 'field,output\nxyz,xyz\n456,456\n,\n' },
      { awaiting: 'runtime' },
    ),
    assertEqualCase(
      `test_${macro} (to type_string())`,
      `test_${macro}_string`,
      fromSeed(
        `data_${macro}_string`,
        `{{ ${macro}('field', type_string()) }} as actual, output as expected`,
      ),
      { [`data_${macro}_string`]: 'field,output\nxyz,xyz\n456,456\n,\n' },
      // tsmodel's dbt namespace has no `cast` macro yet.
      macro === 'cast' ? { awaiting: 'dbtNamespace' } : {},
    ),
  ]),
  assertEqualCase(
    'test_cast_bool_to_text',
    'test_cast_bool_to_text',
    `with data as (
  select 0=1 as input, 'false' as expected union all
  select 1=1 as input, 'true' as expected union all
  select null as input, null as expected
)
select {{ cast_bool_to_text("input") }} as actual, expected
from data
`,
  ),
  assertEqualCase(
    'test_any_value',
    'test_any_value',
    `with data as (select * from {{ ref('data_any_value') }}),
data_output as (select * from {{ ref('data_any_value_expected') }}),
calculate as (
  select key_name, {{ any_value('static_col') }} as static_col, count(id) as num_rows
  from data group by key_name
)
select calculate.num_rows as actual, data_output.num_rows as expected
from calculate left join data_output
  on calculate.key_name = data_output.key_name and calculate.static_col = data_output.static_col
`,
    {
      data_any_value:
        'id,key_name,static_col\n1,red,one\n2,red,one\n3,red,one\n4,blue,one\n5,green,two\n6,green,two\n',
      data_any_value_expected: 'key_name,static_col,num_rows\nred,one,3\nblue,one,1\ngreen,two,2\n',
    },
  ),
  assertEqualCase(
    'test_bool_or',
    'test_bool_or',
    `with data as (select * from {{ ref('data_bool_or') }}),
data_output as (select * from {{ ref('data_bool_or_expected') }}),
calculate as (select key_column, {{ bool_or('val1 = val2') }} as value from data group by key_column)
select calculate.value as actual, data_output.value as expected
from calculate left join data_output on calculate.key_column = data_output.key_column
`,
    {
      data_bool_or: 'key_column,val1,val2\nk1,2,2\nk1,2,3\nk2,2,3\nk3,2,2\nk3,2,\nk4,2,3\nk4,2,\n',
      data_bool_or_expected: 'key_column,value\nk1,true\nk2,false\nk3,true\nk4,false\n',
    },
  ),
  {
    name: 'test_equals',
    files: {
      'seeds/data_equals.csv':
        'key_name,x,y,expected\n1,3,3,same\n2,3,4,different\n3,3,,different\n4,4,3,different\n5,4,4,same\n6,4,,different\n7,,3,different\n8,,4,different\n9,,,same\n',
      'models/equal_values.sql':
        "select * from {{ ref('data_equals') }} where {{ equals('x', 'y') }}\n",
      'models/not_equal_values.sql':
        "select * from {{ ref('data_equals') }} where not {{ equals('x', 'y') }}\n",
    },
    async check(p, build) {
      expectBuilt(p, build, ['data_equals', 'equal_values', 'not_equal_values']);
      const count = async (model: string, expected: string) =>
        Number(
          (
            await p.query(
              `select count(*) as n from ${p.relation(model)} where expected = '${expected}'`,
            )
          )[0]!.n,
        );
      expect(await count('equal_values', 'same')).toBe(3);
      expect(await count('not_equal_values', 'different')).toBe(6);
      expect(await p.rowCount('equal_values')).toBe(3);
    },
  },
  assertEqualCase(
    'test_null_compare',
    'test_null_compare',
    'select null as actual, null as expected\n',
  ),
  {
    name: 'test_mixed_null_compare (the test fails)',
    files: {
      'models/test_mixed_null_compare.sql': 'select 1 as actual, null as expected\n',
      'models/test_mixed_null_compare.yml': assertEqualYml('test_mixed_null_compare'),
    },
    async check(p, build) {
      expectBuilt(p, build, ['test_mixed_null_compare']);
      // dbt: `run_dbt(["test"], expect_pass=False)` — the test does not pass (PostgreSQL cannot
      // even compare integer with text: an error; DuckDB: a failure).
      const statuses = testStatuses(p, build, 'test_mixed_null_compare');
      expect(statuses).toHaveLength(1);
      expect(['fail', 'error']).toContain(statuses[0]);
    },
  },
];
