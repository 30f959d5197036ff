/** The registry of selector methods by the name users write before the `:`. */
import { configMethod } from './config';
import type { SelectorMethod } from './context';
import { type SelectorMethodName } from './method-names';
import { fileMethod } from './file';
import { fqnMethod } from './fqn';
import { packageMethod } from './package';
import { pathMethod } from './path';
import { resourceTypeMethod } from './resource-type';
import { resultMethod } from './result';
import { selectorMethod } from './selector';
import { sourceMethod } from './source';
import { sourceStatusMethod } from './source-status';
import { stateMethod } from './state';
import { tagMethod } from './tag';
import { testNameMethod } from './test-name';
import { testTypeMethod } from './test-type';
import { versionMethod } from './version';
import { unitTestMethod } from './unit-test';

export type { MethodContext, SelectorMethod } from './context';
export { assertKnownMethod, SELECTOR_METHOD_NAMES, type SelectorMethodName } from './method-names';

/** Every method of {@link SELECTOR_METHOD_NAMES}, by name: the type makes the two lists agree. */
export const SELECTOR_METHODS: Readonly<Record<SelectorMethodName, SelectorMethod>> = {
  fqn: fqnMethod,
  tag: tagMethod,
  source: sourceMethod,
  path: pathMethod,
  file: fileMethod,
  package: packageMethod,
  config: configMethod,
  test_name: testNameMethod,
  test_type: testTypeMethod,
  resource_type: resourceTypeMethod,
  unit_test: unitTestMethod,
  state: stateMethod,
  result: resultMethod,
  selector: selectorMethod,
  version: versionMethod,
  source_status: sourceStatusMethod,
};
