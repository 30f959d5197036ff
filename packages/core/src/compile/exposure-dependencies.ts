import { TsmodelError, type SourceLocation } from '../diagnostics';
import type { PropertiesEntry } from '../manifest/types';
import type { DependencyResolver } from './dependency-resolver';
import { layerConfig, newNode } from './node-factory';

const REF =
  /^ref\(\s*(['"])([^'"]+)\1\s*(?:,\s*(['"])([^'"]+)\3\s*)?(?:,\s*v(?:ersion)?\s*=\s*(['"]?)([^'"()\s]+)\5\s*)?\)$/;
const SOURCE = /^source\(\s*(['"])([^'"]+)\1\s*,\s*(['"])([^'"]+)\3\s*\)$/;

/**
 * Resolves each exposure's `depends_on: [ref('orders'), source('raw', 'people')]` as dbt does:
 * the entry gets `depends_on: {macros: [], nodes: [unique ids]}`, `refs` and `sources`, the
 * shape dbt's manifest and `graph.exposures` have (the docs site draws the edges from it). An
 * entry that is neither a ref nor a source, or names nothing in the project, is an error at the
 * exposure, as in dbt.
 */
export function resolveExposureDependencies(
  exposures: ReadonlyArray<{ entry: PropertiesEntry; location: SourceLocation }>,
  resolver: DependencyResolver,
): TsmodelError[] {
  const problems: TsmodelError[] = [];
  for (const { entry, location } of exposures) {
    const written = Array.isArray(entry.depends_on) ? (entry.depends_on as unknown[]) : [];
    const caller = newNode({
      unique_id: entry.unique_id,
      resource_type: 'operation',
      name: entry.name,
      package_name: entry.package_name,
      path: entry.original_file_path,
      original_file_path: entry.original_file_path,
      fqn: [entry.package_name, entry.name],
      config: layerConfig('model', []),
      checksum: '',
    });
    const nodes: string[] = [];
    const refs: Array<{ name: string; package: string | null; version: string | null }> = [];
    const sources: Array<[string, string]> = [];
    for (const item of written) {
      const text = String(item)
        .trim()
        .replace(/^\{\{\s*([\s\S]*?)\s*\}\}$/, '$1');
      const ref = REF.exec(text);
      const source = ref ? null : SOURCE.exec(text);
      const hit = ref
        ? resolver.resolveRef(caller, {
            ...(ref[4] !== undefined ? { pkg: ref[2]! } : {}),
            name: ref[4] ?? ref[2]!,
            ...(ref[6] !== undefined ? { version: ref[6] } : {}),
          })
        : source
          ? resolver.resolveSource(caller, source[2]!, source[4]!)
          : new TsmodelError({
              code: 'exposure-depends-on',
              message: `exposure '${entry.name}' depends on ${JSON.stringify(item)}, which is neither ref(…) nor source(…)`,
              hint: "write each entry as ref('model') or source('source', 'table')",
            });
      if (hit instanceof TsmodelError) {
        problems.push(
          new TsmodelError({
            code: hit.code,
            message: `exposure '${entry.name}': ${hit.message}`,
            location,
            ...(hit.hint !== undefined ? { hint: hit.hint } : {}),
          }),
        );
        continue;
      }
      if (!nodes.includes(hit.unique_id)) nodes.push(hit.unique_id);
      if (ref)
        refs.push({
          name: ref[4] ?? ref[2]!,
          package: ref[4] ? ref[2]! : null,
          version: ref[6] ?? null,
        });
      else sources.push([source![2]!, source![4]!]);
    }
    entry.depends_on = { macros: [], nodes };
    entry.refs = refs;
    entry.sources = sources;
  }
  return problems;
}
