import { describe, expect, it } from 'vitest';
import { TsmodelError } from './diagnostics';
import { warnErrorPolicy } from './warn-error-policy';

const levels = (warnError: boolean, options?: string) => {
  const policy = warnErrorPolicy(warnError, options);
  return ['unknown-config-key', 'nothing-selected', 'patch-without-node'].map((c) =>
    policy.levelOf(c),
  );
};

describe('warnErrorPolicy', () => {
  it('leaves warnings alone by default and makes all errors with --warn-error', () => {
    expect(levels(false)).toEqual(['warn', 'warn', 'warn']);
    expect(levels(true)).toEqual(['error', 'error', 'error']);
  });

  it("reads dbt's error/warn/silence and include/exclude, all or *, and dbt's event names", () => {
    expect(levels(false, '{"error": "all", "warn": ["nothing-selected"]}')).toEqual([
      'error',
      'warn',
      'error',
    ]);
    expect(levels(false, 'include: "*"\nexclude: [NoNodesForSelectionCriteria]')).toEqual([
      'error',
      'warn',
      'error',
    ]);
    expect(
      levels(false, '{"error": ["unknown-config-key"], "silence": ["patch-without-node"]}'),
    ).toEqual(['error', 'warn', 'silence']);
  });

  it.each([
    ['{"eror": "all"}', "unknown key 'eror'", "did you mean 'error'?"],
    [
      '{"error": ["unknown-config-keys"]}',
      "'unknown-config-keys' is not a warning",
      "did you mean 'unknown-config-key'?",
    ],
    ['{"error": 3}', 'must be "all", "*" or a list', 'e.g.'],
    ['[error]', 'must be a mapping', 'e.g.'],
    ['{error: [', 'is not valid YAML/JSON', 'e.g.'],
  ])('rejects %s', (options, message, hint) => {
    const error = (() => {
      try {
        warnErrorPolicy(false, options);
      } catch (e) {
        return e as TsmodelError;
      }
      throw new Error('expected an error');
    })();
    expect(error.message).toContain(message);
    expect(error.hint).toContain(hint);
  });

  it('refuses --warn-error together with --warn-error-options, as dbt does', () => {
    expect(() => warnErrorPolicy(true, '{"error": "all"}')).toThrow('cannot be used together');
  });
});

describe('notices of keys dbt accepts silently', () => {
  it('stay warnings under --warn-error and error: all, and fail only when named', () => {
    const notice = 'project-key-not-honoured';
    expect(warnErrorPolicy(true, undefined).levelOf(notice)).toBe('warn');
    expect(warnErrorPolicy(true, undefined).levelOf('unknown-config-key')).toBe('error');
    expect(warnErrorPolicy(false, '{"error": "all"}').levelOf(notice)).toBe('warn');
    expect(warnErrorPolicy(false, `{"error": ["${notice}"]}`).levelOf(notice)).toBe('error');
    expect(warnErrorPolicy(false, `{"silence": ["${notice}"]}`).levelOf(notice)).toBe('silence');
  });
});

describe('every compile warning can be named', () => {
  it.each([
    'deprecated-model',
    'deprecated-ref',
    'upcoming-deprecation',
    'constraints-without-contract',
    'constraint-not-enforced',
    'grants-not-applied',
    'dbt-version-unmet',
    'empty-model',
  ])('%s', (code) => {
    expect(warnErrorPolicy(false, `{"error": "all", "warn": ["${code}"]}`).levelOf(code)).toBe(
      'warn',
    );
  });
});
