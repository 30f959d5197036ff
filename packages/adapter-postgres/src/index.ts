export {
  clientConfig,
  PostgresAdapter,
  postgresAdapterFactory,
  redshiftAdapterFactory,
} from './postgres-adapter';
export { PostgresConnection, type BackendCanceller } from './postgres-connection';
export { parsePostgresProfile, type PostgresProfile } from './profile';
/** The registry's default export name: `type: postgres`. */
export { postgresAdapterFactory as adapterFactory } from './postgres-adapter';
export { targetFromUrl } from './target-from-url';
export { pgColumnsQuery, postgresIntrospector } from './postgres-introspector';
