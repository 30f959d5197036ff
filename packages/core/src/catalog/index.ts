export * from './catalog-artifact';
export * from './catalog-nodes';
export * from './generate-catalog';
