import { describe, expect, it } from 'vitest';
import { TsmodelError } from '../diagnostics';
import { normalizeFixture, type FixtureLookup } from './fixture-rows';
import { parseGivenInput } from './given-input';

const site = { unitTest: 't', part: "given ref('a')", location: { file: 'models/u.yml', line: 3 } };
const files: Record<string, string> = {
  'people.csv': 'id , name\n1, ann\n2 ,\n3,""\n',
  'people.sql': 'select 1 as id',
};
const lookup: FixtureLookup = (name, ext) => {
  const text = files[`${name}.${ext}`];
  return text === undefined ? undefined : { path: `tests/fixtures/${name}.${ext}`, text };
};

function problem(fn: () => unknown): TsmodelError {
  try {
    fn();
  } catch (err) {
    return err as TsmodelError;
  }
  throw new Error('no error');
}

describe('fixture rows', () => {
  it('dict rows stay mappings; no rows is an empty input', () => {
    expect(normalizeFixture({ rows: [{ id: 1 }] }, site, lookup)).toEqual({
      format: 'dict',
      rows: [{ id: 1 }],
    });
    expect(normalizeFixture({}, site, lookup)).toEqual({ format: 'dict', rows: [] });
  });

  it('CSV, inline or from a fixture file, becomes trimmed strings with empty fields null', () => {
    expect(normalizeFixture({ format: 'csv', fixture: 'people' }, site, lookup)).toEqual({
      format: 'csv',
      fixture: 'people',
      rows: [
        { id: '1', name: 'ann' },
        { id: '2', name: null },
        { id: '3', name: '' },
      ],
    });
    expect(normalizeFixture({ format: 'csv', rows: 'a,b\n1,x\n' }, site, lookup).rows).toEqual([
      { a: '1', b: 'x' },
    ]);
  });

  it('SQL stays text, inline or from a fixture file', () => {
    expect(normalizeFixture({ format: 'sql', fixture: 'people' }, site, lookup).rows).toBe(
      'select 1 as id',
    );
    expect(normalizeFixture({ format: 'sql', rows: 'select 2' }, site, lookup).rows).toBe(
      'select 2',
    );
  });

  it('rows that do not match their format, or a missing fixture file, are errors at the unit test', () => {
    expect(problem(() => normalizeFixture({ rows: 'id\n1' }, site, lookup)).message).toBe(
      "unit test 't' given ref('a') has rows which do not match format dict",
    );
    const missing = problem(() =>
      normalizeFixture({ format: 'csv', fixture: 'nope' }, site, lookup),
    );
    expect(missing.message).toBe(
      "unit test 't' given ref('a') names fixture 'nope', but there is no file nope.csv in a test path's fixtures/ folder",
    );
    expect(missing.location).toEqual({ file: 'models/u.yml', line: 3 });
    expect(problem(() => normalizeFixture({ format: 'json' }, site, lookup)).hint).toBe(
      'use format: dict (the default), csv or sql',
    );
    expect(
      problem(() => normalizeFixture({ format: 'csv', rows: 'a,b\n1\n' }, site, lookup)).message,
    ).toMatch(/has CSV that does not parse/);
  });
});

describe('given inputs', () => {
  it('reads the literal ref, source and this forms dbt accepts', () => {
    expect(parseGivenInput("ref('orders')")).toEqual({ kind: 'ref', name: 'orders' });
    expect(parseGivenInput(' ref("pkg", "orders") ')).toEqual({
      kind: 'ref',
      pkg: 'pkg',
      name: 'orders',
    });
    expect(parseGivenInput("source('shop', 'raw')")).toEqual({
      kind: 'source',
      source: 'shop',
      table: 'raw',
    });
    expect(parseGivenInput('this')).toEqual({ kind: 'this' });
    expect(parseGivenInput("{{ ref('orders') }}")).toBeUndefined();
    expect(parseGivenInput("ref(var('x'))")).toBeUndefined();
  });
});
