import type { Probe } from './probe';
import { GRAMMAR_PROBES } from './probes-grammar';
import { SEMANTICS_PROBES } from './probes-semantics';
import { METHOD_PROBES } from './probes-methods';
import { FILTER_PROBES } from './probes-filters';
import { DBT_PROBES } from './probes-dbt';

/** Every probe of the differential suite. */
export const ALL_PROBES: Probe[] = [
  ...GRAMMAR_PROBES,
  ...SEMANTICS_PROBES,
  ...METHOD_PROBES,
  ...FILTER_PROBES,
  ...DBT_PROBES,
];
