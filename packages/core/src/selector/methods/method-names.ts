import { invalidChoice } from './choice-error';

/**
 * The selector methods the grammar knows, in the order errors list them (new ones last). Kept
 * apart from their implementations so the parser needs none of them: the docs site bundles
 * the parser for the browser, where the state methods' Node built-ins do not exist.
 */
export const SELECTOR_METHOD_NAMES = [
  'fqn',
  'tag',
  'source',
  'path',
  'file',
  'package',
  'config',
  'test_name',
  'test_type',
  'resource_type',
  'unit_test',
  'state',
  'result',
  'selector',
  'version',
  'source_status',
] as const;

export type SelectorMethodName = (typeof SELECTOR_METHOD_NAMES)[number];

/** Throws `invalid-selector` naming the valid methods (and the closest one) for a typo like `tags:`. */
export function assertKnownMethod(method: string, raw: string): void {
  if ((SELECTOR_METHOD_NAMES as readonly string[]).includes(method)) return;
  throw invalidChoice({
    code: 'invalid-selector',
    what: 'selector method',
    given: method,
    choices: SELECTOR_METHOD_NAMES,
    context: raw,
  });
}
