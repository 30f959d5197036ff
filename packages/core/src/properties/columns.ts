import type { ColumnInfo } from '../manifest/types';
import { tagList, type ColumnEntry } from './schema';

/**
 * Column docs keyed by name, as in dbt's manifest. A column's `meta`/`tags` may sit at the top
 * level or (dbt 1.10) under `config:`; both are merged, `config:` winning.
 */
export function buildColumns(entries: ColumnEntry[] | undefined): Record<string, ColumnInfo> {
  const columns: Record<string, ColumnInfo> = {};
  for (const entry of entries ?? []) {
    columns[entry.name] = {
      name: entry.name,
      description: entry.description ?? '',
      ...(entry.data_type !== undefined ? { data_type: entry.data_type } : {}),
      meta: { ...entry.meta, ...entry.config?.meta },
      tags: columnTags(entry),
      ...(entry.quote !== undefined ? { quote: entry.quote } : {}),
      ...(entry.constraints !== undefined ? { constraints: entry.constraints } : {}),
      ...(entry.granularity !== undefined ? { granularity: entry.granularity } : {}),
    };
  }
  return columns;
}

export function columnTags(entry: ColumnEntry): string[] {
  return [...new Set([...tagList(entry.tags), ...tagList(entry.config?.tags)])];
}
