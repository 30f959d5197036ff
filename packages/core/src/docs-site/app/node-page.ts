/** A node's page: description (Markdown), columns (types, docs, tests, lineage), SQL, config, neighbours. */
import type { ColumnDetails, MacroArgumentDetails, NodeDetails } from '../types';
import { loadUpstreamTree, renderTree } from './column-lineage';
import type { DocsData } from './data-source';
import { graphHref, h, nodeHref } from './dom';
import { markdownBlock } from './markdown-view';

export async function renderNodePage(
  root: HTMLElement,
  data: DocsData,
  uniqueId: string,
  openColumn: string | undefined,
  label: (id: string) => string,
): Promise<void> {
  const details = await data.details(uniqueId);
  if (!details) {
    root.replaceChildren(
      h(
        'section',
        { class: 'node-page' },
        h('h1', {}, 'Not found'),
        h(
          'p',
          { class: 'error' },
          `the site has no node '${uniqueId}' (run \`tsmodel docs generate\` again?)`,
        ),
      ),
    );
    return;
  }
  const link = (id: string) =>
    h(
      'li',
      {},
      h('a', { href: nodeHref(id) }, label(id)),
      h('span', { class: 'muted' }, ` ${id.split('.')[0]}`),
    );
  const sections: Array<HTMLElement | undefined> = [
    h(
      'h1',
      {},
      label(details.unique_id),
      ' ',
      h('span', { class: `badge type-${details.resource_type}` }, details.resource_type),
    ),
    h(
      'p',
      { class: 'muted' },
      `${details.package_name} · ${details.original_file_path}${details.relation ? ` · ${details.relation}` : ''}`,
    ),
    details.resource_type !== 'macro' && details.resource_type !== 'test'
      ? h(
          'p',
          {},
          h('a', { href: graphHref(`+${selectorName(details)}+`) }, 'Lineage graph of this node'),
        )
      : undefined,
    h(
      'div',
      { class: 'description' },
      markdownBlock(details.description, h('span', { class: 'muted' }, 'No description.')),
    ),
    details.source_description
      ? h(
          'section',
          { class: 'source-description' },
          h('h2', {}, 'Source description'),
          markdownBlock(details.source_description),
        )
      : undefined,
    details.tags.length > 0
      ? h('p', {}, 'Tags: ', ...details.tags.map((t) => h('span', { class: 'tag' }, t)))
      : undefined,
    details.facts ? factsTable(details.facts) : undefined,
    details.arguments ? argumentsSection(details.arguments) : undefined,
    details.columns.length > 0 || details.unlisted
      ? columnsSection(details, data, openColumn, label)
      : undefined,
    details.parents.length > 0
      ? h(
          'section',
          {},
          h('h2', {}, 'Depends on'),
          h('ul', { class: 'links', id: 'parents' }, ...details.parents.map(link)),
        )
      : undefined,
    details.children.length > 0
      ? h(
          'section',
          {},
          h('h2', {}, 'Referenced by'),
          h('ul', { class: 'links', id: 'children' }, ...details.children.map(link)),
        )
      : undefined,
    details.filters
      ? h(
          'section',
          {},
          h('h2', {}, 'Columns used in conditions'),
          h(
            'ul',
            { class: 'links' },
            ...details.filters.map((f) =>
              h(
                'li',
                {},
                h('a', { href: nodeHref(f.node, f.column) }, `${label(f.node)}.${f.column}`),
                h('span', { class: 'how how-filter' }, ' filter'),
              ),
            ),
          ),
        )
      : undefined,
    codeSection('Compiled SQL', details.compiled_code, true),
    codeSection('Source', details.raw_code, details.compiled_code === undefined),
    details.config
      ? codeSection('Config', JSON.stringify(details.config, null, 2), false)
      : undefined,
  ];
  root.replaceChildren(
    h(
      'article',
      { class: 'node-page', 'data-node': details.unique_id },
      ...sections.filter((s) => s !== undefined),
    ),
  );
}

function columnsSection(
  details: NodeDetails,
  data: DocsData,
  openColumn: string | undefined,
  label: (id: string) => string,
): HTMLElement {
  const body = h('tbody');
  for (const column of details.columns) {
    const row = h(
      'tr',
      { 'data-column': column.name },
      h('td', { class: 'mono' }, column.name),
      h('td', { class: 'mono' }, column.type ?? ''),
      h('td', {}, markdownBlock(column.description)),
      h('td', {}, column.tests.join(', ')),
      h('td', {}, lineageSummary(column, label)),
    );
    const treeRow = h('tr', { class: 'tree-row', hidden: '' }, h('td', { colspan: '5' }));
    const open = async () => {
      treeRow.hidden = false;
      const cell = treeRow.firstElementChild as HTMLElement;
      cell.textContent = 'Loading lineage…';
      const tree = await loadUpstreamTree(data, { node: details.unique_id, column: column.name });
      cell.replaceChildren(
        h('div', { class: 'lineage', id: `lineage-${column.name}` }, renderTree(tree, label)),
      );
      document.body.dataset.columnLineage = column.name;
    };
    // A column computed from no upstream column (a constant) has no tree to open.
    if (column.lineage && (column.lineage.upstream.length > 0 || column.lineage.unresolved)) {
      const button = h('button', { type: 'button', class: 'lineage-button' }, 'upstream');
      button.addEventListener(
        'click',
        () => void (treeRow.hidden ? open() : (treeRow.hidden = true)),
      );
      row.lastElementChild!.append(' ', button);
      if (openColumn?.toLowerCase() === column.name.toLowerCase()) void open();
    }
    body.append(row, treeRow);
  }
  return h(
    'section',
    {},
    h('h2', {}, 'Columns'),
    details.unlisted
      ? h('p', { class: 'unresolved' }, `Not every column is listed: ${details.unlisted}`)
      : undefined,
    h(
      'table',
      { class: 'columns' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['Column', 'Type', 'Description', 'Tests', 'Lineage'].map((t) => h('th', {}, t)),
        ),
      ),
      body,
    ),
  );
}

function lineageSummary(column: ColumnDetails, label: (id: string) => string): HTMLElement {
  const l = column.lineage;
  if (!l) return h('span', { class: 'muted' }, '');
  return h(
    'span',
    {},
    h('span', { class: `how how-${l.how}` }, l.how),
    l.upstream.length > 0
      ? ` from ${l.upstream.map((u) => `${label(u.node)}.${u.column}`).join(', ')}`
      : '',
    l.unresolved
      ? h('span', { class: 'unresolved', title: l.unresolved }, ' (unresolved)')
      : undefined,
  );
}

function argumentsSection(args: readonly MacroArgumentDetails[]): HTMLElement {
  return h(
    'section',
    {},
    h('h2', {}, 'Arguments'),
    h(
      'table',
      { class: 'arguments' },
      h(
        'thead',
        {},
        h('tr', {}, ...['Argument', 'Type', 'Description'].map((t) => h('th', {}, t))),
      ),
      h(
        'tbody',
        {},
        ...args.map((a) =>
          h(
            'tr',
            { 'data-argument': a.name },
            h('td', { class: 'mono' }, a.name),
            h('td', { class: 'mono' }, a.type ?? ''),
            h('td', {}, markdownBlock(a.description)),
          ),
        ),
      ),
    ),
  );
}

function factsTable(facts: Record<string, string>): HTMLElement {
  return h(
    'table',
    { class: 'facts' },
    h(
      'tbody',
      {},
      ...Object.entries(facts).map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, v))),
    ),
  );
}

function codeSection(
  title: string,
  code: string | undefined,
  open: boolean,
): HTMLElement | undefined {
  if (code === undefined) return undefined;
  const details = h(
    'details',
    { class: 'code' },
    h('summary', {}, title),
    h('pre', {}, h('code', {}, code)),
  );
  details.open = open;
  return details;
}

/** How `--select` names the node: `source:src.table` for sources, else its name. */
function selectorName(details: NodeDetails): string {
  if (details.resource_type === 'source') {
    const [, , source, table] = details.unique_id.split('.');
    return `source:${source}.${table}`;
  }
  return details.name;
}
