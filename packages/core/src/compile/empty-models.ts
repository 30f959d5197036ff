import { TsmodelError } from '../diagnostics';
import { isBlankModel } from '../manifest/blank-model';
import type { ManifestNode } from '../manifest/types';

const FIX =
  "write the model's select, delete the file, or disable it with {{ config(enabled=false) }}";

/**
 * The compile warning for a model that renders to no SQL. A blank file is dbt's `empty` node,
 * kept in the manifest but never selected or run; any other empty render (only comments, an
 * `{% if %}` that renders nothing) is a node like any other, which fails when it runs — unless
 * it is ephemeral, which never runs. Either way the user hears of it at compile.
 */
export function emptyModelWarning(node: ManifestNode): TsmodelError {
  const file = node.original_file_path;
  const fate = isBlankModel(node)
    ? 'it is never selected or run (as in dbt)'
    : node.config.materialized === 'ephemeral'
      ? 'nothing selects from it (it is ephemeral)'
      : 'running it fails';
  return new TsmodelError({
    code: 'empty-model',
    message: `model '${node.name}' is empty: ${file} renders to no SQL (${isBlankModel(node) ? 'the file is blank' : 'only comments, or Jinja that renders nothing'}), so ${fate}`,
    location: { file },
    node: node.unique_id,
    hint: FIX,
  });
}

/**
 * The run-time error of an empty model that was selected: raised before any statement of the
 * node reaches the warehouse, so the relation it would replace stays as it was. Run results
 * print its file and the fix with the message.
 */
export function emptyModelRunError(node: ManifestNode): TsmodelError {
  const file = node.original_file_path;
  return new TsmodelError({
    code: 'empty-model',
    message: `model '${node.name}' is empty: ${file} renders to no SQL (only whitespace or comments), so there is nothing to build and nothing was sent to the warehouse`,
    location: { file },
    node: node.unique_id,
    hint: FIX,
  });
}

/**
 * A node that refers to an empty model would select from a relation that is never built (or
 * inline an empty CTE): a compile error naming both files. Generic tests attached to the empty
 * model are exempt: they are not run with a blank model, and are skipped with a failing one.
 */
export function emptyModelConsumers(
  nodes: Iterable<ManifestNode>,
  empty: ReadonlyMap<string, ManifestNode>,
): TsmodelError[] {
  const problems: TsmodelError[] = [];
  if (empty.size === 0) return problems;
  for (const consumer of nodes) {
    for (const parentId of consumer.depends_on.nodes) {
      const parent = empty.get(parentId);
      if (!parent || consumer.attached_node === parentId) continue;
      const from = consumer.original_file_path;
      // A test's error is prefixed with its name where its YAML declares it (atDeclaration).
      const subject =
        consumer.resource_type === 'test'
          ? 'it'
          : `${consumer.resource_type} '${consumer.name}' (${from})`;
      problems.push(
        new TsmodelError({
          code: 'ref-to-empty-model',
          message: `${subject} refers to model '${parent.name}', which is empty: ${parent.original_file_path} renders to no SQL`,
          location: { file: from },
          node: consumer.unique_id,
          hint: `write the select of ${parent.original_file_path}, or remove the reference from ${from}`,
        }),
      );
    }
  }
  return problems;
}
