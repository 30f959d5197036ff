import { TsmodelError } from '../diagnostics';
import type { NodeConfig } from '../manifest/types';
import { MARK } from '../templating/relation-placeholder';
import { step, type Step } from './step';

/**
 * dbt's `sql_header` config (set by `{% call set_sql_header(config) %}…{% endcall %}` or
 * `config(sql_header=…)`): SQL that must run right before the statement building the model
 * from its select, in the same session — a session variable, a temporary function or macro the
 * select calls. dbt prepends it to `create table/view … as`, one statement (so one implicit
 * transaction: PostgreSQL's `set local` holds for the create). tsmodel runs it as its own step
 * just before each such `create`, so the create's result (its row count) stays its own on every
 * driver, and in the create's transaction: where DDL is transactional the pair always is one,
 * even for a create that otherwise runs alone (an incremental model's staging table).
 */
export function withSqlHeader(
  steps: Step[],
  header: unknown,
  node: string,
  transactionalDdl: boolean,
): Step[] {
  const text = headerText(header, node);
  if (text === undefined) return steps;
  return steps.flatMap((s) => {
    if (s.kind !== 'create') return [s];
    const transactional = s.transactional || transactionalDdl;
    return [step('header', 'sql_header', text, transactional), { ...s, transactional }];
  });
}

/**
 * The node's config with the relations its `sql_header` names (`{{ this }}`, `ref()` inside the
 * call block) resolved by `render`, the run's ad-hoc renderer; the header was rendered with the
 * model, so it is passed through verbatim (`raw`) and only its relation markers change.
 */
export async function withHeaderRelations(
  config: NodeConfig,
  render: (text: string) => Promise<string>,
): Promise<NodeConfig> {
  const header = config.sql_header;
  if (typeof header !== 'string' || !header.includes(MARK)) return config;
  return { ...config, sql_header: await render(`{% raw %}${header}{% endraw %}`) };
}

/** A query reading a model's rows, and the statements its `sql_header` needs run before it. */
export interface HeaderedQuery {
  before: string[];
  query: string;
}

/**
 * `show` of a model with a `sql_header`. dbt's `get_show_sql` prepends the header to the
 * preview query, which is the only way a header that is a `with …` clause (CTEs the select
 * reads) can work, so such a header is prepended here too: the query's own `with` sits in a
 * subquery, so the two never collide. Any other header (`set …`, `create temporary function …`)
 * is a statement of its own and runs first on the same session, as it does before a build:
 * prepending it would need a multi-statement call, which not every driver takes.
 */
export function queryWithSqlHeader(header: unknown, node: string, query: string): HeaderedQuery {
  const text = headerText(header, node);
  if (text === undefined) return { before: [], query };
  return isWithClause(text)
    ? { before: [], query: `${text.trim()}\n${query}` }
    : { before: [text], query };
}

/** A `with` clause, past leading comments: CTEs the statement after it reads. */
function isWithClause(sql: string): boolean {
  const code = sql.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/, '');
  return /^with\b/i.test(code);
}

/** The header's SQL, or undefined when there is none; anything but text is a config error. */
function headerText(header: unknown, node: string): string | undefined {
  if (header === undefined || header === null) return undefined;
  if (typeof header !== 'string')
    throw new TsmodelError({
      code: 'bad-config',
      message: `sql_header of ${node} must be SQL text, got ${JSON.stringify(header)}`,
      node,
      hint: "set it with {% call set_sql_header(config) %} … {% endcall %} or config(sql_header='…')",
    });
  return header.trim() === '' ? undefined : header;
}
