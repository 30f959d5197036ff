import { describe, expect, it } from 'vitest';
import type { NamedSelector, SelectorDefinition } from '../project/types';
import { errorOf, sampleProject, selectNames } from './test-project';

const project = sampleProject();

function named(name: string, definition: SelectorDefinition, isDefault = false): NamedSelector {
  return { name, definition, default: isDefault };
}

const SELECTORS: NamedSelector[] = [
  named('nightly', 'tag:nightly'),
  named('finance_tables', { intersection: ['tag:finance', 'config.materialized:table'] }),
  named('staging_but_orders', { union: ['staging', { exclude: ['stg_orders'] }] }),
  named('upstream_of_orders', {
    method: 'fqn',
    value: 'marts.orders',
    parents: true,
    parents_depth: 1,
  }),
  named('downstream_of_stg', {
    method: 'tag',
    value: 'staging',
    children: true,
    exclude: [{ method: 'resource_type', value: 'snapshot' }, 'marts.orders'],
  }),
  named('ci', { method: 'fqn', value: 'customers', childrens_parents: true }),
  named('meta_owner', { method: 'config.meta.owner', value: 'finance' }),
  named('nightly_plus', {
    union: [{ method: 'selector', value: 'nightly', children: true, children_depth: 1 }],
  }),
];

const pick = (selector: string, selectors = SELECTORS, options = {}) =>
  selectNames(project, [], { selector, selectors, ...options });

describe('selectors.yml', () => {
  it('a string definition uses the CLI grammar', () => {
    expect(pick('nightly')).toEqual(['orders', 'stg_orders']);
  });

  it('intersection and union with exclude', () => {
    expect(pick('finance_tables')).toEqual(['order_summary']);
    // Indirect selection is `empty` here, so the test in the staging folder stays (it is matched by `staging` itself).
    expect(pick('staging_but_orders')).toEqual([
      'not_null_raw_orders_id',
      'not_null_stg_orders_id',
      'stg_customers',
    ]);
    expect(pick('staging_but_orders', SELECTORS, { indirectSelection: 'eager' })).toEqual([
      'not_null_raw_orders_id',
      'stg_customers',
    ]);
  });

  it('method/value criteria with graph flags and depths', () => {
    expect(pick('upstream_of_orders')).toEqual([
      'country_codes',
      'int_orders',
      'orders',
      'stg_customers',
    ]);
    expect(pick('ci')).toEqual(selectNames(project, '@customers'));
    expect(pick('meta_owner')).toEqual(['orders']);
  });

  it('a criterion’s exclude list is unioned and subtracted', () => {
    expect(pick('downstream_of_stg')).toEqual([
      'assert_positive_total',
      'customers',
      'int_orders',
      'not_null_stg_orders_id',
      'order_summary',
      'relationships_orders_customers_customer_id',
      'stg_customers',
      'stg_orders',
      'unique_orders_order_id',
    ]);
  });

  it('selector: refers to another selector, from YAML and from --select', () => {
    expect(pick('nightly_plus')).toEqual([
      'assert_positive_total',
      'int_orders',
      'not_null_stg_orders_id',
      'order_summary',
      'orders',
      'orders_snapshot',
      'relationships_orders_customers_customer_id',
      'stg_orders',
      'unique_orders_order_id',
    ]);
    expect(selectNames(project, 'selector:nightly,tag:finance', { selectors: SELECTORS })).toEqual([
      'orders',
    ]);
    expect(selectNames(project, 'selector:nightly+1', { selectors: SELECTORS })).toEqual(
      pick('nightly_plus'),
    );
  });

  it('indirect_selection on a criterion overrides the invocation', () => {
    const selectors = [
      named('eager_orders', { method: 'fqn', value: 'marts.orders', indirect_selection: 'eager' }),
      named('cautious_orders', {
        method: 'fqn',
        value: 'marts.orders',
        indirect_selection: 'cautious',
      }),
    ];
    expect(pick('eager_orders', selectors, { indirectSelection: 'empty' })).toEqual([
      'assert_positive_total',
      'orders',
      'relationships_orders_customers_customer_id',
      'unique_orders_order_id',
    ]);
    expect(pick('cautious_orders', selectors, { indirectSelection: 'eager' })).toEqual([
      'assert_positive_total',
      'orders',
      'unique_orders_order_id',
    ]);
  });

  it('the default selector applies only when nothing is selected or excluded', () => {
    const selectors = [...SELECTORS.slice(1), named('nightly', 'tag:nightly', true)];
    expect(selectNames(project, [], { selectors })).toEqual(['orders', 'stg_orders']);
    expect(selectNames(project, 'stg_top', { selectors })).toEqual(['stg_top']);
    expect(selectNames(project, [], { selectors, exclude: ['segment'] })).toContain('stg_top');
    expect(selectNames(project, [], { selectors, selector: 'meta_owner' })).toEqual(['orders']);
  });
});

describe('selectors.yml errors', () => {
  it('an unknown selector lists the defined ones', () => {
    const e = errorOf(() => pick('nightlly'));
    expect(e.code).toBe('unknown-selector');
    expect(e.message).toBe(`unknown selector 'nightlly'`);
    expect(e.hint).toBe(
      `did you mean 'nightly'? defined in selectors.yml: nightly, finance_tables, staging_but_orders, upstream_of_orders, downstream_of_stg, ci, meta_owner, nightly_plus`,
    );
    expect(errorOf(() => pick('x', [])).hint).toBe('selectors.yml defines no selectors');
    expect(
      errorOf(() => selectNames(project, 'selector:nope', { selectors: SELECTORS })).code,
    ).toBe('unknown-selector');
  });

  it('several defaults are an error', () => {
    const e = errorOf(() =>
      selectNames(project, [], { selectors: [named('a', 'a', true), named('b', 'b', true)] }),
    );
    expect(e.code).toBe('invalid-selector-definition');
    expect(e.format()).toBe(
      'selectors.yml several selectors are marked default: true (a, b) — keep `default: true` on one selector only',
    );
  });

  it('a selector that refers to itself', () => {
    const selectors = [
      named('a', { method: 'selector', value: 'b' }),
      named('b', { union: ['stg_top', 'selector:a'] }),
    ];
    const e = errorOf(() => pick('a', selectors));
    expect(e.message).toBe(`selector 'a' refers to itself: a → b → a`);
  });

  it('--selector with --select or --exclude', () => {
    const e = errorOf(() =>
      selectNames(project, 'orders', { selector: 'nightly', selectors: SELECTORS }),
    );
    expect(e.code).toBe('invalid-option');
    expect(e.message).toBe('--selector cannot be combined with --select or --exclude');
    expect(e.hint).toBe(
      `add those criteria to the definition of 'nightly' in selectors.yml, or drop --selector`,
    );
  });

  it.each<[string, unknown, string, string]>([
    [
      'root with two keys',
      { union: ['a'], intersection: ['b'] },
      `selector 'bad' has more than one key at its root (union, intersection)`,
      "a root definition holds a single 'union' or 'intersection' key; nest the others inside it",
    ],
    [
      'two excludes',
      { union: ['a', { exclude: ['b'] }, { exclude: ['c'] }] },
      `selector 'bad' has 2 'exclude' entries in one 'union'`,
      "merge them into a single 'exclude' list",
    ],
    [
      'exclude on its own',
      { exclude: ['a'] },
      `selector 'bad' has an 'exclude' outside a union or intersection`,
      "put it in the list of a 'union' or 'intersection'",
    ],
    [
      'union not a list',
      { union: 'a' },
      `selector 'bad' has a 'union' that is not a list`,
      `write 'union:' followed by a list of definitions`,
    ],
    [
      'no value',
      { method: 'tag', value: '' },
      `selector 'bad' has method 'tag' with no value`,
      "add a 'value:' to search for",
    ],
    [
      'childrens_parents with children',
      { method: 'fqn', value: 'a', childrens_parents: true, children: true },
      `selector 'bad' combines 'childrens_parents' with 'children' in 'fqn:a'`,
      "'childrens_parents' already includes every descendant; drop 'children'",
    ],
    [
      'unknown shape',
      { tag: 'nightly' },
      `selector 'bad' has an entry that is not a string, union, intersection or method/value: {"tag":"nightly"}`,
      'each entry is a selector string, {union: [...]}, {intersection: [...]} or {method: ..., value: ...}',
    ],
  ])('%s', (_, definition, message, hint) => {
    const e = errorOf(() => pick('bad', [named('bad', definition as SelectorDefinition)]));
    expect(e.code).toBe('invalid-selector-definition');
    expect(e.message).toBe(message);
    expect(e.hint).toBe(hint);
    expect(e.location).toEqual({ file: 'selectors.yml' });
  });

  it('an unknown method or indirect_selection mode', () => {
    const method = errorOf(() => pick('bad', [named('bad', { method: 'tags', value: 'x' })]));
    expect(method.message).toBe(`unknown selector method 'tags' in 'tags:x'`);
    const mode = errorOf(() =>
      pick('bad', [
        named('bad', { method: 'tag', value: 'x', indirect_selection: 'eagre' as 'eager' }),
      ]),
    );
    expect(mode.code).toBe('invalid-selector-definition');
    expect(mode.message).toBe(`unknown indirect_selection 'eagre' in 'bad'`);
    expect(mode.hint).toBe(`did you mean 'eager'? valid: eager, cautious, buildable, empty`);
  });
});
