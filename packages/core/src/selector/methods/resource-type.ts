import type { ResourceType } from '../../manifest/types';
import { invalidChoice } from './choice-error';
import type { SelectorMethod } from './context';

export const RESOURCE_TYPES: readonly ResourceType[] = [
  'model',
  'seed',
  'source',
  'test',
  'snapshot',
  'analysis',
  'operation',
  'unit_test',
];

/** `resource_type:` — the node's type, one of {@link RESOURCE_TYPES}. */
export const resourceTypeMethod: SelectorMethod = function* (candidates, { value }) {
  if (!(RESOURCE_TYPES as readonly string[]).includes(value)) {
    throw invalidChoice({
      code: 'invalid-selector',
      what: 'resource type',
      given: value,
      choices: RESOURCE_TYPES,
    });
  }
  for (const node of candidates) if (node.resource_type === value) yield node.unique_id;
};
