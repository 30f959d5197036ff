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
];
/** dbt's `ls` default: everything a user selects on, without analyses and hooks/operations. */
const DEFAULT_RESOURCE_TYPES: readonly ResourceType[] = [
  'model',
  'seed',
  'test',
  'snapshot',
  'source',
];

interface LsFlags {
  output: LsOutput;
  resourceType?: string[];
}

/** `--resource-type` values to resource types; `all` and `default` are dbt's shorthands. */
export function resourceTypesFromFlag(values: readonly string[] | undefined): ResourceType[] {
  if (!values || values.length === 0) return [...DEFAULT_RESOURCE_TYPES];
  const types = new Set<ResourceType>();
  for (const value of values) {
    if (value === 'all') RESOURCE_TYPES.forEach((t) => types.add(t));
    else if (value === 'default') DEFAULT_RESOURCE_TYPES.forEach((t) => types.add(t));
    else types.add(value as ResourceType);
  }
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
      description: 'Only list these resource types (default: model seed test snapshot source)',
    },
  },
  async run(ctx) {
    const compiled = await manifestWithWarnings(ctx, 'manifest');
    const { keepResourceTypes } = await import('@tsmodel/core');
    const selected = await selectInDagOrder(ctx, compiled);
    const types = resourceTypesFromFlag(ctx.flags.resourceType);
    const { nodes, sources } = compiled.manifest;
    for (const id of keepResourceTypes(selected, compiled.manifest, types)) {
      const node = nodes[id] ?? sources[id];
      if (node) ctx.reporter.output(formatLsLine(node, ctx.flags.output));
    }
  },
});
