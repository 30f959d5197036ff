export * from './types';
export { loadProject, type LoadProjectOptions } from './load-project';
export { VarResolver, type VarLookup } from './var-resolver';
export { resolveProfile, type ResolveProfileOptions } from './resolve-profile';
export {
  findProfilesFile,
  PROFILES_DIR_ENV,
  PROFILES_FILE_NAME,
  type FindProfilesFileOptions,
} from './find-profiles-file';
export { loadSelectors, SELECTORS_FILE_NAME } from './selectors';
export { folderConfig, mergeConfigs, normaliseConfigKey } from './folder-config';
export { KNOWN_FOLDER_CONFIGS } from './folder-config-tree';
export { parseCliVars } from './cli-vars';
export { EnvVarRenderer } from './env-var-renderer';
export { PROJECT_FILE_NAME } from './read-project-file';
export { PROJECT_NAME_PATTERN } from './project-file-schema';
export { closestMatch, didYouMean } from '../did-you-mean';
