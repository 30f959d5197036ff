export {
  clientConfig,
  PostgresAdapter,
  createPostgresAdapter,
  createRedshiftAdapter,
} from './postgres-adapter';
export { PostgresConnection, type BackendCanceller } from './postgres-connection';
export { parsePostgresProfile, type PostgresProfile } from './profile';
export { plugin, postgresPlugin, redshiftPlugin } from './plugin';
export { targetFromUrl } from './target-from-url';
export { pgColumnsQuery, postgresIntrospector } from './postgres-introspector';
export { pgCatalogQuery } from './postgres-catalog';
export { redshiftCatalogQuery, redshiftIntrospector } from './redshift-catalog';
