import nunjucks from 'nunjucks';
import { createTemplateEnvironment } from './environment';
import { describe, expect, it } from 'vitest';
import { parseStaticTemplate } from './static-template';

/** Globals that behave like ours: markers for refs, recorded config, literal vars. */
function globals(incremental: boolean, log: unknown[]): Record<string, unknown> {
  return {
    ref: (...a: unknown[]) => `<ref ${a.join('/')}>`,
    source: (...a: unknown[]) => `<src ${a.join('/')}>`,
    var: (name: string, dflt?: unknown) => (name === 'n' ? 10 : name === 'l' ? [1, 2] : dflt),
    config: (...a: unknown[]) => {
      log.push(a);
      return '';
    },
    is_incremental: () => incremental,
    env_var: (_n: string, d?: string) => d,
    this: { toString: () => '<this>' },
  };
}

const SAME_AS_NUNJUCKS = [
  "{{ config(materialized='table', unique_key='id', tags=['t3']) }}\n-- model 5\nselect * from (\nselect id from {{ ref('m1') }} where id > {{ var('n') }}\n) s\n{% if is_incremental() %}\nwhere id > (select max(id) from {{ this }})\n{% endif %}\n",
  "select {{ var('missing', 'dflt') }}, {{ var('missing', 1.50) }}, {{ var('missing', -3) }}, {{ var('missing', None) }}, {{ var('l') }}",
  '{# a comment #}select * from {{ source(\'raw\', "orders") }}{% if not is_incremental() %} full{% else %} inc{% endif %}',
  '{{ config(enabled=False, tags=[]) }}{{ config({}) if false }}',
  '{% if is_incremental() %}{% if is_incremental() %}a{% else %}b{% endif %}{% else %}c{% endif %}',
  "select '{' as brace, '}' as other, {{ ref('pkg', 'm') }}",
  "{{ env_var('X', 'd') }}",
  "{{ var('missing', none) }} {{ var('missing', true) }} {{ var('missing', ['a', none]) }} {{ var('l') }}",
];

describe('static templates', () => {
  for (const [i, source] of SAME_AS_NUNJUCKS.entries()) {
    it(`renders like nunjucks (${i})`, () => {
      const fast = parseStaticTemplate(source);
      for (const incremental of [false, true]) {
        const env = createTemplateEnvironment();
        const logA: unknown[] = [];
        const logB: unknown[] = [];
        for (const [k, v] of Object.entries(globals(incremental, logA))) env.addGlobal(k, v);
        const expected = new nunjucks.Template(source, env, 'x', true).render({});
        if (fast) {
          expect(fast.render(globals(incremental, logB))).toBe(expected);
          expect(JSON.stringify(logB)).toBe(JSON.stringify(logA));
        }
      }
    });
  }

  it('takes the fast path for the common model shapes', () => {
    expect(parseStaticTemplate(SAME_AS_NUNJUCKS[0]!)).toBeDefined();
    expect(parseStaticTemplate(SAME_AS_NUNJUCKS[2]!)).toBeDefined();
    expect(parseStaticTemplate(SAME_AS_NUNJUCKS[4]!)).toBeDefined();
  });

  it('gives every render its own copy of a list argument, even across templates', () => {
    const seen: unknown[][] = [];
    const keep = {
      config: (...a: unknown[]) => {
        seen.push(a);
        return '';
      },
    };
    const source = "{{ config(tags=['a'], meta=[['x']]) }}{{ config(['p']) }}";
    const first = parseStaticTemplate(source)!;
    const second = parseStaticTemplate(`-- other\n${source}`)!;
    first.render(keep);
    const [kwargs, positional] = seen as [[Record<string, unknown[]>], [string[]]];
    kwargs[0].tags!.push('mutated');
    (kwargs[0].meta![0] as string[]).push('mutated');
    positional[0].push('mutated');
    first.render(keep);
    second.render(keep);
    for (const call of [seen[2], seen[4]]) {
      expect(call).toEqual([{ tags: ['a'], meta: [['x']], __keywords: true }]);
    }
    for (const call of [seen[3], seen[5]]) expect(call).toEqual([['p']]);
  });

  it('leaves everything else to nunjucks', () => {
    for (const source of [
      '{{ my_macro() }}',
      "{{ ref('a') | upper }}",
      '{{ this.schema }}',
      "{{- ref('a') }}",
      '{% for x in [1] %}{{ x }}{% endfor %}',
      "{% if var('x') %}a{% endif %}",
      "{{ ref('a\\'b') }}",
      "{{ config(materialized=var('m')) }}",
      "{{ ref('a', x) }}",
      '{{ ref(',
      '{% if is_incremental() %}unclosed',
      '{% endif %}',
    ]) {
      expect(parseStaticTemplate(source), source).toBeUndefined();
    }
  });
});
