export * from './diagnostics';
export * from './manifest/types';
export * from './graph/graph';
export * from './project/types';
export * from './yaml/yaml-file';
