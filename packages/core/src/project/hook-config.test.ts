import { describe, expect, it } from 'vitest';
import { hookConfigText, parseHook } from './hook-config';

describe('hook configs', () => {
  it('keeps SQL text, and stores a {sql, transaction} dict as JSON text', () => {
    expect(hookConfigText('vacuum t')).toBe('vacuum t');
    expect(parseHook(hookConfigText({ sql: 'vacuum t', transaction: false }))).toEqual({
      sql: 'vacuum t',
      transaction: false,
    });
    expect(parseHook(hookConfigText({ sql: 'grant …' }))).toEqual({
      sql: 'grant …',
      transaction: true,
    });
  });

  it('reads plain SQL, templates and broken dicts as SQL in the transaction', () => {
    expect(parseHook('{{ grant(this) }}')).toEqual({ sql: '{{ grant(this) }}', transaction: true });
    expect(parseHook('{"sql": oops')).toEqual({ sql: '{"sql": oops', transaction: true });
  });
});
