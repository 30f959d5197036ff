export { parsePropertiesFile } from './parse-properties-file';
export { mergeParsedProperties } from './duplicates';
export { patchKey, patchKeyOf } from './patches';
export type {
  GenericTestSpec,
  MacroArgument,
  NodePatch,
  ParsedProperties,
  PatchedResourceType,
  PropertiesFileInput,
  TestAttachment,
} from './types';
