import { describe, expect, it } from 'vitest';
import { loadProject } from './load-project';
import { loadSelectors } from './selectors';
import { tempProject, writeProjectFiles, thrownProblems } from './test-helpers';

/** Loads `selectorsYml` as the selectors.yml of a fresh project (lazily, for error assertions). */
function load(selectorsYml: string) {
  const dir = tempProject({ 'project.yml': 'name: app\n' });
  const { root } = loadProject({ projectDir: dir, env: {} });
  writeProjectFiles(dir, { 'selectors.yml': selectorsYml });
  return () => loadSelectors(root);
}

describe('loadSelectors', () => {
  it('returns no selectors without selectors.yml', () => {
    const dir = tempProject({ 'project.yml': 'name: app\n' });
    expect(loadSelectors(loadProject({ projectDir: dir, env: {} }).root)).toEqual([]);
  });

  it('accepts strings, full method mappings, one-key shorthands and set operators', () => {
    const yml = [
      'selectors:',
      '  - name: nightly',
      '    description: everything tagged nightly',
      '    default: true',
      '    definition: "tag:nightly"',
      '  - name: sessions_tree',
      '    definition:',
      '      union:',
      '        - method: fqn',
      '          value: sessions',
      '          parents: true',
      '          children_depth: 2',
      '          indirect_selection: cautious',
      '        - tag: daily',
      '        - intersection: ["path:models/marts", {method: config.materialized, value: table}]',
      '        - exclude:',
      '            - "tag:deprecated"',
    ].join('\n');
    expect(load(yml)()).toEqual([
      {
        name: 'nightly',
        description: 'everything tagged nightly',
        default: true,
        definition: 'tag:nightly',
      },
      {
        name: 'sessions_tree',
        default: false,
        definition: {
          union: [
            {
              method: 'fqn',
              value: 'sessions',
              parents: true,
              children_depth: 2,
              indirect_selection: 'cautious',
            },
            { method: 'tag', value: 'daily' },
            {
              intersection: [
                'path:models/marts',
                { method: 'config.materialized', value: 'table' },
              ],
            },
            { exclude: ['tag:deprecated'] },
          ],
        },
      },
    ]);
  });

  it('reports every invalid definition with its line', () => {
    const yml = [
      'selectors:',
      '  - name: a',
      '    definition:',
      '      method: fqn',
      '      value: x',
      '      parents: yes please',
      '      childs: true',
      '  - name: b',
      '    definition:',
      '      union: []',
      '  - name: c',
      '    definition: 3',
      '  - name: d',
    ].join('\n');
    expect(thrownProblems(load(yml))).toEqual([
      'selectors.yml:4:7 selectors.0.definition: unknown key(s) childs — allowed: method, value, exclude, indirect_selection, parents, children, childrens_parents, parents_depth, children_depth',
      'selectors.yml:6:16 selectors.0.definition.parents: parents must be true or false',
      "selectors.yml:10:14 selectors.1.definition.union: 'union' expects a non-empty list of definitions",
      'selectors.yml:12:17 selectors.2.definition: expected a selector string or a mapping — write `tag:nightly`, `{method: tag, value: nightly}` or `{union: [...]}`',
      "selectors.yml:13:11 selector 'd' has no definition — add `definition:` with a selector string or mapping",
    ]);
  });

  it('rejects two defaults and duplicate names', () => {
    const yml = [
      'selectors:',
      '  - {name: a, default: true, definition: "tag:a"}',
      '  - {name: b, default: true, definition: "tag:b"}',
      '  - {name: a, definition: "tag:c"}',
    ].join('\n');
    expect(thrownProblems(load(yml))).toEqual([
      "selectors.yml:4:12 selector 'a' is defined twice — the first definition is on line 2; rename one",
      "selectors.yml:3:24 more than one default selector: 'a', 'b' — set `default: true` on one selector only",
    ]);
  });

  it('reports schema problems of the file itself', () => {
    expect(
      thrownProblems(load('selectors:\n  - name: a\n    definition: x\n    other: 1\n')),
    ).toEqual(['selectors.yml:4:5 selectors.0: Unrecognized key: "other"']);
  });
});
