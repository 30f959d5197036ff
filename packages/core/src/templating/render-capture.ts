/**
 * What one render of a model, test or hook learned about its node: dependencies, config
 * calls and every outside input it read. The parse cache stores this and re-uses a render only
 * while those inputs are unchanged, so a changed `--vars` value re-renders only the models
 * that read it (dbt re-parses the whole project, dbt#10578).
 */
/** One `ref()` call as written: `ref('pkg', 'name', v=2)`. */
export interface RefCall {
  pkg?: string;
  name: string;
  /** The pinned model version (`v=` / `version=`), as text; absent: the latest version. */
  version?: string;
}

/** Identifies a ref call within its caller: `r|pkg|name|version`. */
export function refCallKey(ref: RefCall): string {
  return `r|${ref.pkg ?? ''}|${ref.name}|${ref.version ?? ''}`;
}

export interface RenderCapture {
  refs: RefCall[];
  sources: Array<{ source: string; table: string }>;
  /** Keyword arguments of each `config()` call, in call order. */
  configCalls: Array<Record<string, unknown>>;
  /** var name → JSON of the value the render saw (`undefined` when it used its default). */
  vars: Record<string, string | null>;
  /**
   * env var name → digest of the value the render saw (null when unset): the cache file must
   * not hold the environment's values.
   */
  envVars: Record<string, string | null>;
  /** Macro names (qualified `package.name`) the render called. */
  macros: string[];
  /** True when the output read `target`; the target's fingerprint then joins the cache key. */
  usedTarget: boolean;
  /**
   * True when the render read `execute` or called the warehouse (`run_query`, `statement`,
   * `adapter.get_columns_in_relation`, …) while parsing: its SQL there is dbt's parse-time
   * fallback, so the node is rendered again just in time at run time.
   */
  introspective: boolean;
  /**
   * True when the render read `this` or called `is_incremental()` — in the template or in any
   * macro it called (dbt's `has_this`): the node reads its own table, so a microbatch model's
   * batches must run one after another.
   */
  usedThis: boolean;
  /** True when the output depends on the moment (`run_started_at`, `invocation_id`): never cached. */
  volatile: boolean;
  logs: string[];
}

export function emptyCapture(): RenderCapture {
  return {
    refs: [],
    sources: [],
    configCalls: [],
    vars: {},
    envVars: {},
    macros: [],
    usedTarget: false,
    introspective: false,
    usedThis: false,
    volatile: false,
    logs: [],
  };
}
