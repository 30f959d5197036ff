/**
 * The docs site's browser app: routes `#!/node/<id>` (and dbt-docs' `#!/model/<id>`, …),
 * `#!/graph?select=…` and the overview.
 * Bundled by scripts/build.mjs into dist/docs-site/app.js; `tsmodel docs generate` copies it.
 */
import { openDocsData, type DocsData } from './data-source';
import { graphHref, h } from './dom';
import { renderGraphPage } from './graph-page';
import { renderNodePage } from './node-page';
import { renderOverview } from './overview-page';
import { searchBox } from './search-box';

async function start(): Promise<void> {
  const app = document.getElementById('app')!;
  let data: DocsData;
  try {
    data = await openDocsData();
  } catch (err) {
    app.textContent = `The docs data could not be loaded: ${(err as Error).message}`;
    app.dataset.state = 'error';
    return;
  }
  const labels = new Map<string, string>();
  const labelsReady = data
    .search()
    .then((entries) => entries.forEach(([id, name]) => labels.set(id, name)));
  const label = (id: string) => labels.get(id) ?? id;
  const main = h('main', { id: 'content' });
  app.replaceChildren(
    h(
      'header',
      {},
      h('a', { href: '#!/', class: 'brand' }, data.info.project),
      searchBox(data.search),
      h('a', { href: graphHref('') }, 'Lineage graph'),
    ),
    main,
  );
  const route = async () => {
    await labelsReady;
    const [rawPath, query = ''] = splitOnce(location.hash.replace(/^#!?\/?/, ''), '?');
    const path = decodeURIComponent(rawPath);
    const params = queryParams(query);
    document.body.dataset.page = 'loading';
    const nodeId = nodePageId(path);
    if (nodeId !== undefined) await renderNodePage(main, data, nodeId, params.column, label);
    else if (path === 'graph') await renderGraphPage(main, data, params.select ?? '');
    else renderOverview(main, data.info, await data.search());
    document.body.dataset.page = path.split('/')[0] || 'overview';
  };
  window.addEventListener('hashchange', () => void route());
  await route();
  app.dataset.state = 'ready';
}

/**
 * The unique id a node page's path names: ours, `node/<id>`, or dbt-docs' `<type>/<id>`
 * (`model/model.shop.orders`, `source/source.shop.raw.orders`), as dbt users' descriptions
 * link to other nodes.
 */
function nodePageId(path: string): string | undefined {
  const [kind, id] = splitOnce(path, '/');
  if (id === undefined) return undefined;
  if (kind === 'node' || id.startsWith(`${kind}.`)) return id;
  return undefined;
}

/** `a=1&b=2`, each value percent-decoded (a `+` stays a plus: it is a graph operator). */
function queryParams(query: string): Record<string, string | undefined> {
  const out: Record<string, string> = {};
  for (const pair of query.split('&')) {
    const [key, value = ''] = splitOnce(pair, '=');
    if (key) out[decodeURIComponent(key)] = decodeURIComponent(value);
  }
  return out;
}

function splitOnce(text: string, sep: string): [string, string?] {
  const at = text.indexOf(sep);
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + 1)];
}

void start();
