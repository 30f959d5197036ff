import type { SiteData } from './site-data';
import { shardPath } from './shards';
import type { SiteFiles } from './types';

/** The browser app, built by scripts/build.mjs into dist/docs-site/. */
export interface SiteAssets {
  js: string;
  css: string;
}

/** Where the files of the site live, relative to the target directory. */
export const SITE_PATHS = {
  index: 'index.html',
  static: 'static_index.html',
  js: 'docs-site/app.js',
  css: 'docs-site/app.css',
  info: 'docs-site/data/site.json',
  search: 'docs-site/data/search.json',
  graph: 'docs-site/data/graph.json',
} as const;

/** Id of the script element the self-contained page keeps its data in. */
export const EMBEDDED_DATA_ID = 'tsmodel-docs-data';

/**
 * The served site: `index.html`, the app, and the data files the app fetches (site info,
 * search index, graph, and the node shards it loads when a page is opened).
 */
export function siteFiles(data: SiteData, assets: SiteAssets): SiteFiles {
  const files: SiteFiles = new Map();
  files.set(
    SITE_PATHS.index,
    pageHtml(data.site.project, {
      head: `<link rel="stylesheet" href="${SITE_PATHS.css}">`,
      body: `<script type="module" src="${SITE_PATHS.js}"></script>`,
    }),
  );
  files.set(SITE_PATHS.js, assets.js);
  files.set(SITE_PATHS.css, assets.css);
  files.set(SITE_PATHS.info, JSON.stringify(data.site));
  files.set(SITE_PATHS.search, JSON.stringify(data.search));
  files.set(SITE_PATHS.graph, JSON.stringify(data.graph));
  data.shards.forEach((shard, n) => files.set(shardPath(n), JSON.stringify(shard)));
  return files;
}

/**
 * One self-contained page (`--static`): app, styles and every data file inlined, so it opens
 * from `file://` where the browser fetches nothing.
 */
export function staticSiteHtml(data: SiteData, assets: SiteAssets): string {
  return pageHtml(data.site.project, {
    head: `<style>${assets.css.replace(/<\/style/gi, '<\\/style')}</style>`,
    body:
      `<script type="application/json" id="${EMBEDDED_DATA_ID}">${scriptSafe(JSON.stringify(data))}</script>\n` +
      `<script type="module">${assets.js.replace(/<\/script/gi, '<\\/script')}</script>`,
  });
}

/** JSON inside a script element: `<` escaped so no `</script>` or `<!--` ends it early. */
function scriptSafe(json: string): string {
  return json
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function pageHtml(project: string, parts: { head: string; body: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(project)} · tsmodel docs</title>
${parts.head}
</head>
<body>
<div id="app" data-state="loading">Loading the docs of ${escapeHtml(project)}…</div>
${parts.body}
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
