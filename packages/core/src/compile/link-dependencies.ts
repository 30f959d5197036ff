import { TsmodelError } from '../diagnostics';
import type { ManifestNode } from '../manifest/types';
import { refCallKey, type RenderCapture } from '../templating/render-capture';
import type { DependencyResolver } from './dependency-resolver';

/** Per node: `r|pkg|name|version` / `s|source|table` → the node that ref or source call means. */
export type ResolvedKeys = Map<string, Map<string, ManifestNode>>;

/**
 * Resolves every `ref()` and `source()` a render recorded into `depends_on`, and the node each
 * generic test checks into `attached_node`. Unresolvable calls go to `report`; the rest of the
 * project is still linked, so every problem is found in one pass.
 */
export function linkDependencies(
  nodes: Map<string, ManifestNode>,
  captures: ReadonlyMap<string, RenderCapture>,
  resolver: DependencyResolver,
  report: (err: TsmodelError) => void,
  warn: (err: TsmodelError) => void,
): ResolvedKeys {
  const resolved: ResolvedKeys = new Map();
  for (const node of [...nodes.values()]) {
    const capture = captures.get(node.unique_id);
    if (!capture) continue;
    if (node.resource_type === 'seed' && capture.refs.length > 0) {
      // A seed has no SQL: its only refs are its hooks', which dbt refuses (a seed is a root).
      report(seedWithRefs(node, capture));
      continue;
    }
    const model = capture.refs[0];
    const checked =
      node.resource_type === 'test' && node.test_metadata && model && capture.sources.length === 0
        ? resolver.resolveRef(node, model)
        : undefined;
    if (checked instanceof TsmodelError && checked.code === 'unknown-ref') {
      // dbt's rule: a generic test of a model that does not exist is dropped with a warning
      // (the properties entry outlived its model), not an error.
      nodes.delete(node.unique_id);
      warn(
        new TsmodelError({
          code: 'test-of-missing-node',
          message: `${node.unique_id} is not run: it tests '${model!.name}', which does not exist (${checked.message})`,
          node: node.unique_id,
          ...(checked.location ? { location: checked.location } : {}),
          hint: `remove the entry for '${model!.name}' from the properties file, or restore the model`,
        }),
      );
      continue;
    }
    const deps = new Set<string>();
    const keyed = new Map<string, ManifestNode>();
    const take = (key: string, hit: ManifestNode | TsmodelError) => {
      if (hit instanceof TsmodelError) return report(hit);
      deps.add(hit.unique_id);
      keyed.set(key, hit);
    };
    for (const r of capture.refs) take(refCallKey(r), resolver.resolveRef(node, r));
    for (const s of capture.sources)
      take(`s|${s.source}|${s.table}`, resolver.resolveSource(node, s.source, s.table));
    resolved.set(node.unique_id, keyed);
    node.depends_on = { nodes: [...deps], macros: capture.macros.map((m) => `macro.${m}`) };
    if (node.resource_type === 'test' && node.test_metadata) {
      // The model argument is the test's first ref or source.
      const first = keyed.values().next();
      if (!first.done) node.attached_node = first.value.unique_id;
    }
  }
  return resolved;
}

function seedWithRefs(node: ManifestNode, capture: RenderCapture): TsmodelError {
  const names = capture.refs.map((r) => `ref('${r.name}')`).join(', ');
  return new TsmodelError({
    code: 'seed-depends-on-node',
    message: `Seeds cannot depend on other nodes: a hook of ${node.unique_id} (${node.original_file_path}) calls ${names}`,
    location: { file: node.original_file_path },
    node: node.unique_id,
    hint: "name the relation in the hook's SQL without ref(), or move the hook to a model",
  });
}
