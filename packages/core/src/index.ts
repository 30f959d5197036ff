export * from './diagnostics';
export * from './warn-error-policy';
export * from './manifest/types';
export * from './graph/graph';
export * from './project';
export * from './yaml/yaml-file';
export * from './selector';
export * from './properties';
export * from './compile';
export {
  TemplateEngine,
  MacroRegistry,
  INTERNAL_PACKAGE,
  type RenderTarget,
  type RenderOptions,
  type RenderResult,
  type TemplateEngineOptions,
  type MacroFile,
  type MacroDefinition,
  type RenderCapture,
} from './templating';
export * from './adapter';
export * from './materializations';
export * from './run';
export * from './secrets';
export * from './freshness';
export * from './catalog';
export * from './unit-tests';
export * from './lineage';
export * from './docs-site';
