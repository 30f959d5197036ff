import nunjucks from 'nunjucks';
import { installPythonMembers } from './python-members';

/**
 * The one nunjucks Environment of a compile. Creating it is the expensive part of Jinja-style
 * rendering (dbt rebuilds its Jinja environment per render, dbt-common#365), so the compiler
 * makes one per process and every model and macro shares it. The per-model names (`ref`,
 * `this`, `config`, …) are globals that read the render in progress, see `RenderScope`.
 */
export function createTemplateEnvironment(): nunjucks.Environment {
  installPythonMembers();
  // `dev` keeps line numbers and the original cause on render errors, which we turn into
  // located diagnostics; autoescape is for HTML, never for SQL.
  const env = new nunjucks.Environment(null, {
    autoescape: false,
    throwOnUndefined: false,
    dev: true,
  } as nunjucks.ConfigureOptions);
  env.addExtension('do', new DoExtension());
  for (const [name, test] of Object.entries(JINJA_TESTS)) env.addTest(name, test);
  for (const [name, filter] of Object.entries(JINJA_FILTERS)) env.addFilter(name, filter);
  for (const [name, value] of Object.entries(PYTHON_CONSTANTS)) env.addGlobal(name, value);
  return env;
}

/** Jinja's `{% do expr %}`: evaluate for side effects (`{% do cols.append(c) %}`), print nothing. */
class DoExtension implements nunjucks.Extension {
  tags = ['do'];

  // nunjucks' extension API is untyped; these are its parser and node classes.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  parse(parser: any, nodes: any): unknown {
    const token = parser.nextToken();
    const expr = parser.parseExpression();
    parser.advanceAfterBlockEnd(token.value);
    return new nodes.CallExtension(
      this,
      'run',
      new nodes.NodeList(token.lineno, token.colno, [expr]),
    );
  }

  run(): string {
    return '';
  }
}

/** Jinja tests that nunjucks lacks and dbt projects use (`x is none`, `x is mapping`). */
const JINJA_TESTS: Record<string, (value: unknown) => boolean> = {
  none: (v) => v === null || v === undefined,
  mapping: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  sequence: (v) => Array.isArray(v) || typeof v === 'string',
  iterable: (v) =>
    Array.isArray(v) || typeof v === 'string' || v instanceof Set || v instanceof Map,
  boolean: (v) => typeof v === 'boolean',
  integer: (v) => Number.isInteger(v),
  float: (v) => typeof v === 'number' && !Number.isInteger(v),
};

/** dbt's Jinja filters beyond nunjucks' built-ins. */
const JINJA_FILTERS: Record<string, (...args: never[]) => unknown> = {
  as_bool: (v: unknown) =>
    typeof v === 'string' ? ['true', '1', 'yes'].includes(v.trim().toLowerCase()) : Boolean(v),
  as_number: (v: unknown) => Number(v),
  as_text: (v: unknown) => (v === null || v === undefined ? '' : String(v)),
  as_native: (v: unknown) => v,
  tojson: (v: unknown) => JSON.stringify(v),
  fromjson: (v: string) => JSON.parse(v),
  unique: (v: unknown[]) => [...new Set(v)],
};

/** Python spellings used throughout dbt macros. */
const PYTHON_CONSTANTS: Record<string, unknown> = {
  True: true,
  False: false,
  None: null,
  none: null,
};
