export {
  compileProject,
  compileManifest,
  type CompileOptions,
  type CompileResult,
  type ManifestView,
} from './compile-project';
export { TSMODEL_VERSION } from './version';
export { relationRendererFor, templatingDialectOf } from './relation-rendering';
export { EPHEMERAL_CTE_PREFIX, injectCtes } from './sql-finalizer';
export { PARSE_CACHE_FILE } from './parse-cache';
export { internalMacroFiles } from './internal-macros';
export type { AdHocRender, AdHocRenderOptions } from './ad-hoc-render';
export { writeArtifacts } from './artifacts';
