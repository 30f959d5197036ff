export * from './types';
export { buildSiteData, type SiteData } from './site-data';
export {
  siteFiles,
  staticSiteHtml,
  SITE_PATHS,
  EMBEDDED_DATA_ID,
  type SiteAssets,
} from './site-files';
export { layeredLayout, type LayeredLayout } from './layout';
export { PageSelector } from './page-selection';
export { searchEntries } from './search-index';
export { shardOf } from './shards';
export { generateDocsSite, writeDocsSite, readSiteAssets, type WrittenSite } from './write-site';
export { serveDocsSite, type RunningSite, type ServeOptions } from './serve-site';
