import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../manifest/types';
import { ManifestBuilder, type FixtureNodeOptions } from '../test-fixtures';
import { errorOf, selectNames } from '../test-project';

type Changes = Partial<Record<'a' | 'b' | 'c', FixtureNodeOptions>>;

/** a ─► b ─► c, with a macro used by b; `changes` alters one node's options. */
function build(changes: Changes = {}, extra?: (b: ManifestBuilder) => void, macroChecksum = 'm1') {
  const builder = new ManifestBuilder()
    .macro('cents', macroChecksum)
    .model('a', { description: 'A', columns: { id: 'the id' }, ...changes.a })
    .model('b', { refs: ['a'], macros: ['macro.my_project.cents'], ...changes.b })
    .model('c', { refs: ['b'], ...changes.c });
  extra?.(builder);
  return builder.build();
}

const previous: Manifest = build().manifest;
const pick = (project: ReturnType<typeof build>, spec: string) =>
  selectNames(project, spec, { state: { manifest: previous } });

describe('state', () => {
  it('needs a comparison manifest', () => {
    const e = errorOf(() => selectNames(build(), 'state:modified'));
    expect(e.code).toBe('missing-state');
    expect(e.format()).toBe(
      'Got a state selector method, but no comparison manifest — pass --state DIR with an earlier target/ that holds manifest.json',
    );
  });

  it('rejects an unknown check', () => {
    const e = errorOf(() => pick(build(), 'state:modified.bodies'));
    expect(e.message).toBe(`unknown state check 'modified.bodies'`);
    expect(e.hint).toMatch(
      /^did you mean 'modified.body'\? valid: new, old, modified, unmodified, modified.body,/,
    );
  });

  it('finds new, old and unmodified nodes', () => {
    const project = build({}, (b) => b.model('d', { refs: ['c'] }));
    expect(pick(project, 'state:new')).toEqual(['d']);
    expect(pick(project, 'state:old')).toEqual(['a', 'b', 'c']);
    expect(pick(project, 'state:modified')).toEqual(['d']);
    expect(pick(project, 'state:unmodified')).toEqual(['a', 'b', 'c']);
  });

  it('modified.body: the file checksum changed', () => {
    const project = build({ b: { checksum: 'edited' } });
    expect(pick(project, 'state:modified.body')).toEqual(['b']);
    expect(pick(project, 'state:modified')).toEqual(['b']);
    expect(pick(project, 'state:modified+')).toEqual(['b', 'c']);
    expect(pick(project, 'state:modified.configs')).toEqual([]);
  });

  it('modified.configs: any config value changed', () => {
    const project = build({ c: { config: { materialized: 'table' } } });
    expect(pick(project, 'state:modified.configs')).toEqual(['c']);
    expect(pick(project, 'state:modified.body')).toEqual([]);
  });

  it('modified.relation: the node is configured to build somewhere else', () => {
    const project = build({
      a: { config: { schema: 'analytics' } },
      b: { config: { alias: 'bee' } },
    });
    expect(pick(project, 'state:modified.relation')).toEqual(['a', 'b']);
    expect(pick(project, 'state:modified')).toEqual(['a', 'b']);
  });

  it('modified.relation: another target schema is not a change (dev against a prod state)', () => {
    const project = build({ a: { relation: { schema: 'dbt_alice', identifier: 'a' } } });
    expect(pick(project, 'state:modified.relation')).toEqual([]);
    expect(pick(project, 'state:modified')).toEqual([]);
  });

  it('modified.persisted_descriptions: node or column descriptions changed', () => {
    expect(
      pick(build({ a: { description: 'A, better' } }), 'state:modified.persisted_descriptions'),
    ).toEqual(['a']);
    expect(
      pick(
        build({ a: { description: 'A', columns: { id: 'primary key' } } }),
        'state:modified.persisted_descriptions',
      ),
    ).toEqual(['a']);
    expect(pick(build(), 'state:modified.persisted_descriptions')).toEqual([]);
  });

  it('modified.macros: a macro the node calls changed or is new', () => {
    const project = build({}, undefined, 'm2');
    expect(pick(project, 'state:modified.macros')).toEqual(['b']);
    expect(pick(project, 'state:modified')).toEqual(['b']);
    const newMacro = build({ c: { macros: ['macro.my_project.fresh'] } }, (b) =>
      b.macro('fresh', 'f1'),
    );
    expect(pick(newMacro, 'state:modified.macros')).toEqual(['c']);
  });

  it('modified.contract: the contract config changed', () => {
    const project = build({ b: { config: { contract: { enforced: true } } } });
    expect(pick(project, 'state:modified.contract')).toEqual(['b']);
    expect(pick(project, 'state:modified.configs')).toEqual(['b']);
  });

  it('counts new nodes as modified for every aspect', () => {
    const project = build({}, (b) => b.model('d'));
    for (const aspect of [
      'body',
      'configs',
      'relation',
      'persisted_descriptions',
      'macros',
      'contract',
    ]) {
      expect(pick(project, `state:modified.${aspect}`)).toEqual(['d']);
    }
  });

  it('treats a key holding undefined like an absent key', () => {
    const project = build({ a: { config: { alias: undefined } } });
    expect(pick(project, 'state:modified')).toEqual([]);
  });
});

describe('result', () => {
  const project = build();
  const runResults = {
    results: [
      { unique_id: 'model.my_project.a', status: 'success' },
      { unique_id: 'model.my_project.b', status: 'error' },
    ],
  };

  it('selects nodes by their status in the earlier run', () => {
    expect(selectNames(project, 'result:error', { state: { runResults } })).toEqual(['b']);
    expect(selectNames(project, 'result:error+', { state: { runResults } })).toEqual(['b', 'c']);
    expect(selectNames(project, 'result:success', { state: { runResults } })).toEqual(['a']);
    expect(selectNames(project, 'result:skipped', { state: { runResults } })).toEqual([]);
  });

  it('needs run results', () => {
    const e = errorOf(() =>
      selectNames(project, 'result:error', { state: { manifest: previous } }),
    );
    expect(e.code).toBe('missing-state');
    expect(e.format()).toBe(
      'Got a result selector method, but no run results to compare with — pass --state DIR with an earlier target/ that holds run_results.json',
    );
  });
});
