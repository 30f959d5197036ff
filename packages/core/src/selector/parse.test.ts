import { describe, expect, it } from 'vitest';
import { defaultMethod, parseSelectionSpec, parseSelectionValues } from './parse';
import { errorOf } from './test-project';

describe('parseSelectionSpec', () => {
  it('parses a bare name as fqn with no operators', () => {
    expect(parseSelectionSpec('orders')).toEqual({
      kind: 'criteria',
      raw: 'orders',
      method: 'fqn',
      methodArgs: [],
      value: 'orders',
      childrensParents: false,
      parents: false,
      parentsDepth: undefined,
      children: false,
      childrenDepth: undefined,
    });
  });

  it('parses depths, methods and arguments', () => {
    const c = parseSelectionSpec('2+config.meta.owner:finance+1');
    expect(c).toMatchObject({ method: 'config', methodArgs: ['meta', 'owner'], value: 'finance' });
    expect(c).toMatchObject({ parents: true, parentsDepth: 2, children: true, childrenDepth: 1 });
  });

  it('parses unlimited operators and @', () => {
    expect(parseSelectionSpec('+tag:nightly+')).toMatchObject({
      method: 'tag',
      value: 'nightly',
      parents: true,
      parentsDepth: undefined,
      children: true,
      childrenDepth: undefined,
    });
    expect(parseSelectionSpec('@orders')).toMatchObject({
      childrensParents: true,
      parents: false,
      value: 'orders',
    });
  });

  it('keeps dotted values whole (state:modified.body, source:raw.orders)', () => {
    expect(parseSelectionSpec('state:modified.body')).toMatchObject({
      method: 'state',
      methodArgs: [],
      value: 'modified.body',
    });
    expect(parseSelectionSpec('source:raw.orders+')).toMatchObject({
      method: 'source',
      value: 'raw.orders',
      children: true,
    });
  });

  it('picks the implicit method from the value', () => {
    expect(parseSelectionSpec('models/staging').method).toBe('path');
    expect(parseSelectionSpec('models\\staging').method).toBe('path');
    expect(parseSelectionSpec('stg_orders.sql').method).toBe('file');
    expect(parseSelectionSpec('country_codes.CSV').method).toBe('file');
    expect(parseSelectionSpec('model.py').method).toBe('file');
    expect(parseSelectionSpec('staging.stg_orders').method).toBe('fqn');
    expect(defaultMethod('my_project')).toBe('fqn');
  });

  it('rejects "@" with a trailing "+"', () => {
    const e = errorOf(() => parseSelectionSpec('@orders+'));
    expect(e.code).toBe('invalid-selector');
    expect(e.message).toBe(
      `invalid selector '@orders+': the "@" prefix and "+" suffix are incompatible`,
    );
    expect(e.hint).toContain('drop the trailing "+"');
  });

  it('rejects an atom without a value', () => {
    const e = errorOf(() => parseSelectionSpec('tag:'));
    expect(e.code).toBe('invalid-selector');
    expect(e.message).toBe(`selector 'tag:' has no value to search for`);
    expect(e.hint).toContain('[@][N+][method[.arg]:]value[+N]');
  });

  it('rejects an unknown method and suggests the closest one', () => {
    const e = errorOf(() => parseSelectionSpec('tags:nightly'));
    expect(e.code).toBe('invalid-selector');
    expect(e.message).toBe(`unknown selector method 'tags' in 'tags:nightly'`);
    expect(e.hint).toMatch(
      /^did you mean 'tag'\? valid: fqn, tag, source, path, file, package, config/,
    );
  });

  it('does not suggest a far-away method', () => {
    const e = errorOf(() => parseSelectionSpec('exposure:weekly'));
    expect(e.hint).toMatch(/^valid: fqn, tag/);
  });
});

describe('parseSelectionValues', () => {
  it('splits values on whitespace (union) and tokens on commas (intersection)', () => {
    const spec = parseSelectionValues(['a b', '  +c,tag:d  '], { expectExists: true });
    expect(spec.kind).toBe('union');
    expect(
      spec.components.map((c) =>
        c.kind === 'criteria' ? c.raw : [c.kind, c.raw, c.components.map((x) => x.raw)],
      ),
    ).toEqual([
      ['intersection', 'a', ['a']],
      ['intersection', 'b', ['b']],
      ['intersection', '+c,tag:d', ['+c', 'tag:d']],
    ]);
    expect(spec.components.every((c) => c.kind !== 'criteria' && c.expectExists)).toBe(true);
  });

  it('stamps the indirect selection mode on every atom', () => {
    const spec = parseSelectionValues(['a,b'], {
      expectExists: false,
      indirectSelection: 'cautious',
    });
    const token = spec.components[0]!;
    expect(token.kind).toBe('intersection');
    if (token.kind === 'criteria') throw new Error('unreachable');
    expect(token.components.map((c) => c.kind === 'criteria' && c.indirectSelection)).toEqual([
      'cautious',
      'cautious',
    ]);
  });

  it('rejects an empty atom from a stray comma', () => {
    expect(() => parseSelectionValues(['a,'], { expectExists: true })).toThrow(
      `selector '' has no value to search for`,
    );
  });
});
