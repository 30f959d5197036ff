import { didYouMean } from '../did-you-mean';
import { TsmodelError } from '../diagnostics';
import type { AdapterFactory } from './adapter';

/**
 * Adapter packages by profile `type`. Each is imported only when a target of that type is
 * used, so the CLI starts without loading native drivers (DuckDB's binary, pg, snowflake-sdk)
 * and `compile`/`ls` pay for none of them.
 */
const loaders: Record<string, () => Promise<{ adapterFactory: AdapterFactory }>> = {
  duckdb: () => import('@tsmodel/adapter-duckdb'),
  postgres: () => import('@tsmodel/adapter-postgres'),
  redshift: () =>
    import('@tsmodel/adapter-postgres').then((m) => ({ adapterFactory: m.redshiftAdapterFactory })),
};

/** Types whose dialect exists (compile and golden plans work) but whose driver does not yet. */
const DIALECT_ONLY = new Set(['snowflake']);

export function supportedAdapterTypes(): string[] {
  return Object.keys(loaders).sort();
}

/** Loads the factory for a profile's `type`; an unknown type is a user error naming the supported ones. */
export async function loadAdapter(type: string): Promise<AdapterFactory> {
  const load = loaders[type];
  if (!load && DIALECT_ONLY.has(type)) {
    throw new TsmodelError({
      code: 'unknown-adapter',
      message: `the ${type} driver is not built yet: tsmodel can compile for ${type} but not run against it`,
      hint: `use \`tsmodel compile\` for ${type}, or a target of type ${supportedAdapterTypes().join(', ')} to run`,
    });
  }
  if (!load) {
    const supported = supportedAdapterTypes();
    const suggested = didYouMean(type, supported);
    throw new TsmodelError({
      code: 'unknown-adapter',
      message: `unknown adapter type '${type}'; supported: ${supported.join(', ')}`,
      hint: `set type: to one of ${supported.join(', ')}${suggested ? ` (${suggested})` : ''}`,
    });
  }
  const module = await load();
  return module.adapterFactory;
}
