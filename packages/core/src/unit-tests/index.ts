export * from './types';
export { compareRows, formatRowDiff, hasDifference, type RowDiff } from './row-diff';
