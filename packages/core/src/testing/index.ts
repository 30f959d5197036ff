export * from './golden-plans';
export * from './dialect-adapters';
export { tempProject } from '../project/test-helpers';
