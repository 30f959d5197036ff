import { describe, expect, it } from 'vitest';
import { mergeParsedProperties } from './duplicates';
import { parsePropertiesFile } from './parse-properties-file';

const parse = (text: string, path = 'models/s.yml') =>
  parsePropertiesFile({ packageName: 'p', rootDir: 'models', path, text });
/** Each problem as `code file:line:col message — hint` (first line only). */
const problems = (text: string, path?: string) =>
  parse(text, path).problems.map((p) => `${p.code} ${p.format().split('\n')[0]}`);

describe('properties file errors', () => {
  it('invalid YAML', () => {
    expect(problems('models: [a\n')).toEqual([
      'yaml-syntax models/s.yml:2:1 invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] — check indentation and quoting on that line',
    ]);
  });

  it('unknown and unsupported keys, at the key, with a suggestion, all at once', () => {
    expect(
      problems(
        'version: 2\nmodel:\n  - name: a\nexposures: []\nmodels:\n  - name: b\n    colums: []\nsources:\n  - name: s\n    overrides: x\n',
      ),
    ).toEqual([
      "yaml-unknown-key models/s.yml:2:1 unknown key 'model' — did you mean 'models'?",
      "yaml-unknown-key models/s.yml:7:5 models.0: unknown key 'colums' — did you mean 'columns'?",
      "yaml-unknown-key models/s.yml:10:5 sources.0: unknown key 'overrides' — tsmodel does not support source overrides yet; remove 'overrides'",
    ]);
    expect(
      problems(
        'sources:\n  - name: raw\n    tables:\n      - name: t\n        columns:\n          - name: c\n            descripton: x\n',
      ),
    ).toEqual([
      "yaml-unknown-key models/s.yml:7:13 sources.0.tables.0.columns.0: unknown key 'descripton' — did you mean 'description'?",
    ]);
    expect(problems('seeds:\n  - name: s\n    zzz: 1\n')).toEqual([
      "yaml-unknown-key models/s.yml:3:5 seeds.0: unknown key 'zzz' — expected one of: name, description, config, docs, meta, tags, columns, tests, data_tests",
    ]);
  });

  it('entries without a name, a wrong version and wrong types', () => {
    expect(
      problems(
        'version: 1\nmodels:\n  - description: no name\n  - name: b\n    tags: 3\nsources:\n  - name: raw\n    tables: [{ identifier: x }]\n',
      ),
    ).toEqual([
      'yaml-schema models/s.yml:1:10 version: only `version: 2` properties files exist; use 2 or leave it out',
      'yaml-schema models/s.yml:8:14 sources.0.tables.0.name: a source table needs a `name`',
      'yaml-schema models/s.yml:3:5 models.0.name: an entry needs a `name`',
      'yaml-schema models/s.yml:5:11 models.1.tags: expected a tag or a list of tags',
    ]);
  });

  it('malformed tests, every one reported', () => {
    const text = [
      'models:',
      '  - name: a',
      '    tests:',
      '      - [unique]',
      '      - { unique: {}, not_null: {} }',
      '      - accepted_values: [a]',
      '      - "not a name"',
      '      - { unique: { severity: fatal } }',
      '      - { unique: { where: 3 } }',
      '      - { unique: { limit: -1 } }',
      '      - { test_name: 5 }',
      '      - { unique: { config: [x] } }',
      '      - { unique: { arguments: 1 } }',
      '      - { unique: { name: 7 } }',
      '      - not_null',
    ].join('\n');
    const parsed = parse(text);
    expect(parsed.problems.map((p) => `${p.code} ${p.format().split('\n')[0]}`)).toEqual([
      "invalid-test models/s.yml:4:9 a test must be a name or a mapping with one key (the test name), got a list — write `- unique` or `- accepted_values: { values: ['a', 'b'] }`",
      "invalid-test models/s.yml:5:9 a test must be a name or a mapping with one key (the test name), got a mapping with keys unique, not_null — write `- unique` or `- accepted_values: { values: ['a', 'b'] }`",
      "invalid-test models/s.yml:6:9 arguments of test 'accepted_values' must be a mapping, got a list — write `- accepted_values: { argument: value }`",
      "invalid-test models/s.yml:7:9 invalid test name 'not a name' — use `name` or `package.name` with letters, digits and _",
      "invalid-test models/s.yml:8:9 severity of test 'unique' must be 'warn' or 'error', got string \"fatal\" — write `severity: warn`",
      "invalid-test models/s.yml:9:9 'where' of test 'unique' must be a SQL condition string, got number 3 — write `where: \"status != 'test'\"`",
      "invalid-test models/s.yml:10:9 'limit' of test 'unique' must be a whole number, got number -1 — write `limit: 100`",
      'invalid-test models/s.yml:11:9 test name must be a string, got number 5 — write `- test_name: unique`',
      "invalid-test models/s.yml:12:9 'config' of test 'unique' must be a mapping, got a list — write `config: { severity: warn }`",
      "invalid-test models/s.yml:13:9 'arguments' of test 'unique' must be a mapping, got number 1 — write `arguments: { key: value }`",
      "invalid-test models/s.yml:14:9 'name' of test 'unique' must be a string, got number 7 — write `name: my_test_name`",
    ]);
    expect(parsed.problems[0]!.excerpt).toBe('      - [unique]');
    expect(parsed.tests.map((t) => t.name)).toEqual(['not_null_a_']);
  });

  it('duplicate source tables, entries and tests in one file, with both locations', () => {
    const text = [
      'sources:',
      '  - name: raw',
      '    tables: [{ name: orders }, { name: orders }]',
      'models:',
      '  - name: a',
      '    columns: [{ name: id, tests: [unique, unique] }]',
      '  - name: a',
    ].join('\n');
    const parsed = parse(text);
    expect(parsed.problems.map((p) => p.format())).toEqual([
      "models/s.yml:3:32 source table 'raw.orders' is declared twice: here and at models/s.yml:3:14 — list each table once per source (a source may span files only with different table names)",
      "models/s.yml:7:5 model 'a' is declared twice: here and at models/s.yml:5:5 — describe each model in one properties entry",
      "models/s.yml:6:43 test 'unique_a_id' is declared twice: here and at models/s.yml:6:35 — give one of the two tests a distinct `name:`",
    ]);
    expect(parsed.problems.every((p) => p.code === 'duplicate-property')).toBe(true);
    expect(parsed.sources).toHaveLength(1);
    expect(parsed.tests).toHaveLength(1);
  });

  it('duplicates across files when merged', () => {
    const a = parse(
      'sources: [{ name: raw, tables: [{ name: orders }] }]\nmodels: [{ name: m }]',
      'models/a.yml',
    );
    const b = parse(
      'sources: [{ name: raw, tables: [{ name: orders }, { name: items }] }]\nmodels: [{ name: m }]',
      'models/b.yml',
    );
    const merged = mergeParsedProperties([a, b]);
    expect(merged.problems.map((p) => p.format())).toEqual([
      "models/b.yml:1:33 source table 'raw.orders' is declared twice: here and at models/a.yml:1:33 — list each table once per source (a source may span files only with different table names)",
      "models/b.yml:2:10 model 'm' is declared twice: here and at models/a.yml:2:10 — describe each model in one properties entry",
    ]);
    expect(merged.sources.map((s) => s.unique_id)).toEqual([
      'source.p.raw.orders',
      'source.p.raw.items',
    ]);
    expect(merged.sourceLocations.get('source.p.raw.items')).toEqual({
      file: 'models/b.yml',
      line: 1,
      column: 51,
    });
    expect([...merged.patches.keys()]).toEqual(['model.p.m']);
  });

  it('shows displayPath in locations', () => {
    const parsed = parsePropertiesFile({
      packageName: 'p',
      rootDir: 'models',
      path: 'models/s.yml',
      displayPath: 'node_modules/p/models/s.yml',
      text: 'modls: []',
    });
    expect(parsed.problems[0]!.location).toEqual({
      file: 'node_modules/p/models/s.yml',
      line: 1,
      column: 1,
    });
  });
});
