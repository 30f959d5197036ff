/**
 * What a selector method may look at. Methods are plain functions over the candidate nodes so
 * each one can be read and tested on its own, like dbt's one-class-per-method layout.
 */
import type { Manifest, ManifestNode } from '../../manifest/types';
import type { PreviousState, SelectionCriteria } from '../types';

export interface MethodContext {
  manifest: Manifest;
  /** Root project name, for `package:this`. */
  rootProject: string;
  state?: PreviousState;
  /** Ids selected by another named selector, for `selector:NAME`. */
  resolveSelector(name: string): ReadonlySet<string>;
}

/** Returns the ids of the `candidates` that the criteria's `value` (and `methodArgs`) match. */
export type SelectorMethod = (
  candidates: readonly ManifestNode[],
  criteria: SelectionCriteria,
  ctx: MethodContext,
) => Iterable<string>;
