import nunjucks from 'nunjucks';
import { installJinjaCompiler } from './jinja-compiler';
import { createJinjaFilters } from './jinja-filters';
import { JINJA_GLOBALS } from './jinja-globals';
import { installJinjaParser } from './jinja-parser';
import { installJinjaRuntime } from './jinja-runtime';
import { createJinjaTests } from './jinja-tests';

/**
 * The one nunjucks Environment of a compile. Creating it is the expensive part of Jinja-style
 * rendering (dbt rebuilds its Jinja environment per render, dbt-common#365), so the compiler
 * makes one per process and every model and macro shares it. The per-model names (`ref`,
 * `this`, `config`, …) are globals that read the render in progress, see `RenderScope`.
 *
 * nunjucks is made a Jinja2 as dbt configures it (extensions `do` and `loopcontrols`): its
 * parser, compiler and runtime are extended once per process (jinja-parser.ts,
 * jinja-compiler.ts, jinja-runtime.ts), and Jinja's filters, tests and globals replace its own.
 */
export function createTemplateEnvironment(): nunjucks.Environment {
  installJinjaParser();
  installJinjaCompiler();
  installJinjaRuntime();
  // `dev` keeps line numbers and the original cause on render errors, which we turn into
  // located diagnostics; autoescape is for HTML, never for SQL.
  const env = new nunjucks.Environment(null, {
    autoescape: false,
    throwOnUndefined: false,
    dev: true,
  } as nunjucks.ConfigureOptions);
  env.addExtension('do', new DoExtension());
  const filters = createJinjaFilters(env as never);
  for (const [name, filter] of Object.entries(filters)) env.addFilter(name, filter);
  for (const [name, test] of Object.entries(createJinjaTests(env))) env.addTest(name, test);
  for (const [name, value] of Object.entries(JINJA_GLOBALS)) env.addGlobal(name, value);
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
