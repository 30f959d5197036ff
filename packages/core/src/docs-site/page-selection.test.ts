import { describe, expect, it } from 'vitest';
import { TsmodelError } from '../diagnostics';
import { sampleProject, selectNames } from '../selector/test-project';
import { PageSelector } from './page-selection';
import { buildSiteGraph } from './site-graph';
import { DRAWN_TYPES } from './site-nodes';

const project = sampleProject();
const graph = buildSiteGraph(project.manifest);
const selector = new PageSelector(graph, 'my_project');

/** What the page draws for `text`, by name (sources as `source_name.table`). */
function pageNames(text: string): string[] {
  return selector
    .select(text)
    .map((i) => graph.nodes[i]!)
    .map((n) => (n.resource_type === 'source' ? `${n.source_name}.${n.name}` : n.name))
    .sort();
}

/** What `tsmodel ls --select text` selects, without the tests the page never draws. */
function cliNames(text: string): string[] {
  const drawn = new Set(
    graph.nodes
      .filter((n) => DRAWN_TYPES.has(n.resource_type))
      .map((n) => (n.resource_type === 'source' ? `${n.source_name}.${n.name}` : n.name)),
  );
  return selectNames(project, text).filter((name) => drawn.has(name));
}

describe('the lineage page selects what the CLI selects', () => {
  it.each([
    'orders',
    '+orders',
    'orders+',
    '1+orders',
    'stg_orders+1',
    '@stg_customers',
    '@int_orders',
    'tag:nightly',
    'tag:fin*',
    'path:models/staging',
    'models/marts',
    'file:orders.sql',
    'package:segment',
    'package:this',
    'resource_type:seed',
    'resource_type:source',
    'config.materialized:table',
    'config.materialized:ephemeral+',
    'source:raw',
    'source:raw.orders+',
    'marts.*',
    'my_project.staging',
    'tag:nightly,resource_type:model',
    'tag:staging tag:finance',
    '+order_summary,tag:staging',
  ])('%s', (text) => {
    const expected = cliNames(text);
    expect(
      expected.length,
      'the CLI selects something (else the case proves nothing)',
    ).toBeGreaterThan(0);
    expect(pageNames(text)).toEqual(expected);
  });

  it('reaches parents of children through tests, as `@` does on the command line', () => {
    // orders' relationships test also depends on customers, so `@orders` brings customers in.
    expect(pageNames('@orders')).toContain('customers');
    expect(pageNames('@orders')).toEqual(cliNames('@orders'));
  });

  it('draws every node but the tests for blank text', () => {
    const names = pageNames('  ');
    expect(names).toContain('orders');
    expect(names).toContain('raw.orders');
    expect(names.some((n) => n.startsWith('unique_'))).toBe(false);
  });
});

describe('what the page cannot evaluate is an error, never an empty graph', () => {
  const error = (text: string) => {
    try {
      selector.select(text);
    } catch (err) {
      if (err instanceof TsmodelError) return err;
      throw err;
    }
    throw new Error(`'${text}' did not throw`);
  };

  it.each([
    'state:modified',
    'result:error',
    'source_status:fresher',
    'selector:nightly',
    'version:latest',
  ])('%s', (text) => {
    const err = error(text);
    expect(err.code).toBe('selector-not-in-page');
    expect(err.message).toContain(`\`${text.split(':')[0]}:\``);
  });

  it('a config key the graph file does not carry', () => {
    const err = error('config.meta.owner:finance');
    expect(err.code).toBe('selector-not-in-page');
    expect(err.message).toContain('config.materialized');
  });

  it("a misspelt method gets the CLI parser's error", () => {
    const err = error('tags:nightly');
    expect(err.code).toBe('invalid-selector');
    expect(err.hint).toContain("did you mean 'tag'");
  });

  it('the `@` prefix with a `+` suffix', () => {
    expect(error('@orders+').code).toBe('invalid-selector');
  });
});
