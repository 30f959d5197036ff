/**
 * The shapes node selection works with. A `--select`/`--exclude` value or a `selectors.yml`
 * definition is parsed into a {@link SelectionSpec} tree first and evaluated second, so syntax
 * errors surface before any node is looked at and the same evaluator serves CLI and YAML.
 */
import type { TsmodelError } from '../diagnostics';
import type { Manifest } from '../manifest/types';
import type { NamedSelector } from '../project/types';

/**
 * Which tests come along when the nodes they test are selected (dbt's `--indirect-selection`).
 * `eager`: a test joins if any parent is selected; `cautious`: only if all parents are;
 * `buildable`: if every parent is selected or upstream of the selection; `empty`: never.
 */
export type IndirectSelection = 'eager' | 'cautious' | 'buildable' | 'empty';

export const INDIRECT_SELECTION_MODES: readonly IndirectSelection[] = [
  'eager',
  'cautious',
  'buildable',
  'empty',
];

/** The part of `run_results.json` that `result:<status>` reads. */
export interface RunResultsLike {
  results: Array<{ unique_id: string; status: string }>;
}

/** A `sources.json` (dbt's v3): each checked source and when it was last loaded. */
export interface SourcesResultsLike {
  results: Array<{ unique_id: string; status: string; max_loaded_at?: string | null }>;
}

/** The earlier run `state:` and `result:` compare against (loaded by the caller from `--state DIR`). */
export interface PreviousState {
  manifest?: Manifest;
  runResults?: RunResultsLike;
  /** The state's `sources.json`, for `source_status:`. */
  sources?: SourcesResultsLike;
  /** This target's own `sources.json` (the `source freshness` just run), for `source_status:`. */
  currentSources?: SourcesResultsLike;
}

/**
 * One atom such as `2+config.materialized:incremental+1` after parsing. Kept close to dbt's
 * `SelectionCriteria` so the semantics can be checked side by side.
 */
export interface SelectionCriteria {
  kind: 'criteria';
  /** The text the user wrote, for messages. */
  raw: string;
  method: string;
  /** Dotted arguments after the method, e.g. `['materialized']` for `config.materialized:`. */
  methodArgs: string[];
  value: string;
  /** `@` prefix: the selection, its descendants, and every ancestor of those. */
  childrensParents: boolean;
  parents: boolean;
  /** `undefined` means unlimited. */
  parentsDepth?: number;
  children: boolean;
  childrenDepth?: number;
  /** Set when the atom (a YAML selector) overrides the invocation's mode. */
  indirectSelection?: IndirectSelection;
}

/** Set algebra over criteria. `difference` removes every later component from the first. */
export interface SelectionSetOperation {
  kind: 'union' | 'intersection' | 'difference';
  components: SelectionSpec[];
  raw: string;
  /** Warn `nothing-selected` when this operation selects nothing (CLI tokens, named selectors). */
  expectExists?: boolean;
  /** Mode used when the operation combines tests that were only indirectly selected. */
  indirectSelection?: IndirectSelection;
}

export type SelectionSpec = SelectionCriteria | SelectionSetOperation;

export interface SelectionOptions {
  /** Raw `--select` values; each may hold several space-separated tokens (unioned). */
  select?: string[];
  exclude?: string[];
  /** `--selector NAME` from selectors.yml. */
  selector?: string;
  /** Every selector of selectors.yml; one with `default: true` applies when nothing else is given. */
  selectors?: NamedSelector[];
  /** Default `eager`, like dbt. */
  indirectSelection?: IndirectSelection;
  /** Name of the root project, for `package:this`. */
  rootProject: string;
  /** From `--state DIR`; the caller reads the files. */
  state?: PreviousState;
}

export interface SelectionResult {
  selected: Set<string>;
  /** `nothing-selected` warnings; the caller prints them (or escalates with --warn-error). */
  warnings: TsmodelError[];
}
