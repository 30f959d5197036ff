import { TsmodelError } from '../diagnostics';
import type { ManifestNode } from '../manifest/types';

/**
 * dbt's deprecation notices for models with a `deprecation_date`: the model itself once the
 * date has passed, and every node that refers to it — with the latest version to move to when
 * there is a newer one, or the coming date when it has not passed yet. A date tsmodel cannot
 * read is an error: a typo would otherwise switch the notices off.
 */
export function deprecationNotices(
  nodes: ReadonlyMap<string, ManifestNode>,
  now: Date,
): { problems: TsmodelError[]; warnings: TsmodelError[] } {
  const problems: TsmodelError[] = [];
  const warnings: TsmodelError[] = [];
  const dates = new Map<string, Date>();
  for (const node of nodes.values()) {
    if (node.deprecation_date === undefined) continue;
    const date = readDeprecationDate(node.deprecation_date);
    if (date === undefined) {
      problems.push(
        new TsmodelError({
          code: 'bad-deprecation-date',
          message: `deprecation_date '${node.deprecation_date}' of ${displayName(node)} is not a date`,
          location: { file: node.patch_path ?? node.original_file_path },
          node: node.unique_id,
          hint: 'write it as 2025-06-30, 2025-06-30 12:00:00 or 2025-06-30 12:00:00+00:00',
        }),
      );
      continue;
    }
    dates.set(node.unique_id, date);
    if (date <= now)
      warnings.push(
        new TsmodelError({
          code: 'deprecated-model',
          message: `${displayName(node)} has passed its deprecation date of ${node.deprecation_date}: disable or remove it`,
          location: { file: node.patch_path ?? node.original_file_path },
          node: node.unique_id,
          hint: 'move its consumers to a newer version, then delete the model or its version entry',
        }),
      );
  }
  if (dates.size === 0) return { problems, warnings };
  // Tests of a deprecated model are not its consumers: only models, snapshots and the like are.
  for (const node of nodes.values()) {
    if (node.resource_type === 'test') continue;
    for (const dep of node.depends_on.nodes) {
      const date = dates.get(dep);
      const target = nodes.get(dep);
      if (!date || !target) continue;
      const passed = date <= now;
      warnings.push(
        new TsmodelError({
          code: passed ? 'deprecated-ref' : 'upcoming-deprecation',
          message: `${node.unique_id} refers to ${displayName(target)}, which ${passed ? 'was deprecated on' : 'is slated for deprecation on'} ${target.deprecation_date}`,
          location: { file: node.original_file_path },
          node: node.unique_id,
          hint: newerVersionHint(target) ?? `plan a replacement for ${displayName(target)}`,
        }),
      );
    }
  }
  return { problems, warnings };
}

/**
 * dbt's formats: `YYYY-MM-DD`, with ` hh:mm:ss[.sss]`, and an optional UTC offset; without an
 * offset the date is in the local time zone, as dbt reads it.
 */
export function readDeprecationDate(text: string): Date | undefined {
  const m =
    /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(
      text.trim(),
    );
  if (!m) return undefined;
  const zone = m[3]?.toUpperCase();
  const offset =
    zone === undefined || zone === 'Z'
      ? (zone ?? '')
      : `${zone.slice(0, 3)}:${zone.slice(3).replace(':', '') || '00'}`;
  const date = new Date(`${m[1]}T${m[2] ?? '00:00:00'}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function displayName(node: ManifestNode): string {
  return node.version === undefined ? node.name : `${node.name}.v${String(node.version)}`;
}

function newerVersionHint(node: ManifestNode): string | undefined {
  if (node.version === undefined || node.latest_version === undefined) return undefined;
  if (String(node.version) === String(node.latest_version)) return undefined;
  const latest =
    typeof node.latest_version === 'number'
      ? String(node.latest_version)
      : `'${node.latest_version}'`;
  return `a newer version of '${node.name}' is available: {{ ref('${node.name}', v=${latest}) }}`;
}
