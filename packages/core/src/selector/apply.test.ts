import { describe, expect, it } from 'vitest';
import { keepResourceTypes, selectNodes } from './apply';
import { errorOf, names, sampleProject, selectNames } from './test-project';

const project = sampleProject();
const { manifest, graph } = project;
const everyId = [...Object.keys(manifest.nodes), ...Object.keys(manifest.sources)].sort();

describe('selectNodes', () => {
  it('selects every node, sources included, when nothing is given', () => {
    const result = selectNodes(manifest, graph, { rootProject: 'my_project' });
    expect([...result.selected].sort()).toEqual(everyId);
    expect(result.warnings).toEqual([]);
    expect(
      [
        ...selectNodes(manifest, graph, { rootProject: 'my_project', select: ['  '] }).selected,
      ].sort(),
    ).toEqual(everyId);
  });

  it('--exclude is a difference taken after both sides are expanded', () => {
    expect(selectNames(project, 'stg_orders+', { exclude: ['marts.orders+'] })).toEqual([
      'int_orders',
      'not_null_stg_orders_id',
      'orders_snapshot',
      'stg_orders',
    ]);
    expect(selectNames(project, [], { exclude: ['package:my_project'] })).toEqual([
      'segment.tracks',
      'segment_sessions',
    ]);
    const rest = selectNames(project, [], {
      exclude: ['tag:nightly tag:finance', 'resource_type:test,package:this'],
    });
    for (const gone of [
      'orders',
      'order_summary',
      'stg_orders',
      'unique_orders_order_id',
      'not_null_raw_orders_id',
    ]) {
      expect(rest).not.toContain(gone);
    }
    expect(rest).toContain('customers');
  });

  it('unions whitespace-separated tokens within one value', () => {
    expect(selectNames(project, 'stg_top  country_codes\tsegment_sessions')).toEqual([
      'country_codes',
      'segment_sessions',
      'stg_top',
    ]);
  });

  it('warns, without failing, for each token that selects nothing', () => {
    const result = selectNodes(manifest, graph, {
      rootProject: 'my_project',
      select: ['stg_top tag:nope', 'stg_order?,orders'],
    });
    expect(names(result.selected, manifest)).toEqual(['stg_top']);
    expect(result.warnings.map((w) => [w.code, w.message])).toEqual([
      ['nothing-selected', `nothing matches the selection 'tag:nope'`],
      ['nothing-selected', `nothing matches the selection 'stg_order?,orders'`],
    ]);
    expect(result.warnings[0]!.hint).toContain('tsmodel ls --select');
  });

  it('does not warn for an exclude that matches nothing', () => {
    const result = selectNodes(manifest, graph, {
      rootProject: 'my_project',
      exclude: ['tag:nope'],
    });
    expect(result.warnings).toEqual([]);
    expect(result.selected.size).toBe(everyId.length);
  });

  it('warns when a named selector selects nothing', () => {
    const result = selectNodes(manifest, graph, {
      rootProject: 'my_project',
      selector: 'empty',
      selectors: [{ name: 'empty', default: false, definition: 'tag:nope' }],
    });
    expect(result.selected.size).toBe(0);
    expect(result.warnings.map((w) => w.message)).toEqual([`nothing matches the selector 'empty'`]);
  });

  it('rejects an unknown indirect selection mode', () => {
    const e = errorOf(() =>
      selectNodes(manifest, graph, {
        rootProject: 'my_project',
        indirectSelection: 'cautios' as 'cautious',
      }),
    );
    expect(e.code).toBe('invalid-option');
    expect(e.message).toBe(`unknown --indirect-selection mode 'cautios'`);
    expect(e.hint).toBe(`did you mean 'cautious'? valid: eager, cautious, buildable, empty`);
  });

  it('raises parse errors before evaluating', () => {
    expect(
      errorOf(() => selectNodes(manifest, graph, { rootProject: 'my_project', select: ['@a+'] }))
        .code,
    ).toBe('invalid-selector');
    expect(
      errorOf(() => selectNodes(manifest, graph, { rootProject: 'my_project', exclude: ['tgs:a'] }))
        .message,
    ).toBe(`unknown selector method 'tgs' in 'tgs:a'`);
  });
});

describe('keepResourceTypes', () => {
  it('keeps the types a command acts on, after selection', () => {
    const selected = selectNodes(manifest, graph, {
      rootProject: 'my_project',
      select: ['+orders'],
    }).selected;
    expect(names(keepResourceTypes(selected, manifest, ['model']), manifest)).toEqual([
      'int_orders',
      'orders',
      'stg_customers',
      'stg_orders',
    ]);
    expect(names(keepResourceTypes(selected, manifest, ['seed', 'source']), manifest)).toEqual([
      'country_codes',
      'raw.customers',
      'raw.orders',
    ]);
    expect(keepResourceTypes(['model.my_project.unknown'], manifest, ['model']).size).toBe(0);
  });
});
