export { keepResourceTypes, selectNodes } from './apply';
export { defaultMethod, parseSelectionSpec, parseSelectionValues } from './parse';
export { SELECTOR_METHODS } from './methods';
export type {
  IndirectSelection,
  PreviousState,
  RunResultsLike,
  SourcesResultsLike,
  SelectionCriteria,
  SelectionOptions,
  SelectionResult,
  SelectionSetOperation,
  SelectionSpec,
} from './types';
export { INDIRECT_SELECTION_MODES } from './types';
