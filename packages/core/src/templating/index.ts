export * from './template-engine';
export * from './macro-registry';
export * from './render-capture';
export * from './relation-placeholder';
export { toTemplateError } from './template-errors';
