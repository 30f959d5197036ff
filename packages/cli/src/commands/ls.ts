import type { ResourceType } from '@tsmodel/core';
import { defineCommand } from './command';
import { manifestWithWarnings, selectInDagOrder } from './core-options';
import { formatLsLine, LS_OUTPUTS, type LsOutput } from './ls-format';

const RESOURCE_TYPES: readonly ResourceType[] = [
  'model',
  'seed',
  'source',
  'test',
  'snapshot',
  'analysis',
  'operation',
  'unit_test',
];
/**
 * dbt's `ls` default: everything a user selects on (unit tests included, as since dbt 1.8),
 * without analyses and hooks/operations.
 */
const DEFAULT_RESOURCE_TYPES: readonly ResourceType[] = [
  'model',
  'seed',
  'test',
  'snapshot',
  'source',
  'unit_test',
];

interface LsFlags {
  output: LsOutput;
  resourceType?: string[];
  excludeResourceType?: string[];
}

/**
 * `--resource-type` values to resource types, less `--exclude-resource-type`'s (dbt's
 * `resource_types_from_args`); `all` and `default` are dbt's shorthands.
 */
export function resourceTypesFromFlag(
  values: readonly string[] | undefined,
  excluded: readonly string[] = [],
): ResourceType[] {
  const types = new Set<ResourceType>();
  if (!values || values.length === 0) DEFAULT_RESOURCE_TYPES.forEach((t) => types.add(t));
  for (const value of values ?? []) {
    if (value === 'all') RESOURCE_TYPES.forEach((t) => types.add(t));
    else if (value === 'default') DEFAULT_RESOURCE_TYPES.forEach((t) => types.add(t));
    else types.add(value as ResourceType);
  }
  for (const value of excluded) types.delete(value as ResourceType);
  return [...types];
}

/** `tsmodel ls`: the selected nodes, parents before children, one per line. */
export const lsCommand = defineCommand<LsFlags>({
  name: 'ls',
  aliases: ['list'],
  describe: 'List the selected nodes, parents first',
  flagGroups: ['project', 'selection'],
  flags: {
    output: {
      type: 'string',
      alias: ['o'],
      choices: LS_OUTPUTS,
      default: 'selector',
      description:
        'selector: what --select accepts; name; path: the file; json: one object per line',
    },
    resourceType: {
      type: 'array',
      alias: ['resource-types'],
      choices: [...RESOURCE_TYPES, 'all', 'default'],
      description:
        'Only list these resource types (default: model seed test snapshot source unit_test)',
    },
    excludeResourceType: {
      type: 'array',
      alias: ['exclude-resource-types'],
      choices: RESOURCE_TYPES,
      description: 'Do not list these resource types (e.g. unit_test)',
    },
  },
  async run(ctx) {
    const compiled = await manifestWithWarnings(ctx, 'manifest');
    const { keepResourceTypes, nodeById } = await import('@tsmodel/core');
    const selected = await selectInDagOrder(ctx, compiled);
    const types = resourceTypesFromFlag(ctx.flags.resourceType, ctx.flags.excludeResourceType);
    for (const id of keepResourceTypes(selected, compiled.manifest, types)) {
      const node = nodeById(compiled.manifest, id);
      if (node) ctx.reporter.output(formatLsLine(node, ctx.flags.output));
    }
  },
});
