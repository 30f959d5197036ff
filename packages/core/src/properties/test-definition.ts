import { TsmodelError, type SourceLocation } from '../diagnostics';
import { renderFailure } from './render-failure';
import { isTemplated, nativeValue, type YamlValueRenderer } from './yaml-rendering';

/**
 * Keys that configure a generic test rather than being passed to its macro. dbt accepts them
 * beside the arguments (the legacy form) as well as under `config:` (`CONFIG_ARGS` in dbt-core).
 */
const CONFIG_KEYS = [
  'severity',
  'tags',
  'enabled',
  'where',
  'limit',
  'warn_if',
  'error_if',
  'fail_calc',
  'store_failures',
  'store_failures_as',
  'meta',
  'database',
  'schema',
  'alias',
];

/** `unique` or `dbt_utils.expression_is_true`. */
const TEST_NAME = /^(?:([A-Za-z_][0-9A-Za-z_]*)\.)?([A-Za-z_][0-9A-Za-z_]*)$/;

/** One entry of a `tests:` / `data_tests:` list, in a single normalized form. */
export interface TestDefinition {
  name: string;
  namespace?: string;
  /** Arguments for the test macro, `column_name` included for column tests. */
  args: Record<string, unknown>;
  config: Record<string, unknown>;
  /** The user's `name:` for the test, replacing the synthesized one. */
  customName?: string;
  description?: string;
}

/**
 * Accepts every form dbt does: `unique`; `{ accepted_values: { values: [...], severity: warn } }`;
 * `{ accepted_values: { arguments: {...}, config: {...} } }` (dbt 1.10); and
 * `{ test_name: unique, name: my_test, ... }`. With `render`, templated config values are
 * rendered (natively: `"{{ 'warn' if … }}"`, `"{{ var('n') }}"` → 5), as dbt does; the
 * arguments are left for the test's own render.
 */
export function readTestDefinition(
  raw: unknown,
  columnName: string | undefined,
  location: SourceLocation,
  excerpt: string | undefined,
  render?: YamlValueRenderer,
): { definition?: TestDefinition; problem?: TsmodelError } {
  const fail = (message: string, hint: string) => ({
    problem: new TsmodelError({ code: 'invalid-test', message, location, excerpt, hint }),
  });
  let testName: unknown;
  let body: unknown;
  if (typeof raw === 'string') {
    testName = raw;
    body = {};
  } else if (isPlainObject(raw) && 'test_name' in raw) {
    const { test_name, ...rest } = raw;
    testName = test_name;
    body = rest;
  } else if (isPlainObject(raw) && Object.keys(raw).length === 1) {
    [[testName, body]] = Object.entries(raw);
    body ??= {};
  } else {
    return fail(
      `a test must be a name or a mapping with one key (the test name), got ${describe(raw)}`,
      "write `- unique` or `- accepted_values: { values: ['a', 'b'] }`",
    );
  }
  if (typeof testName !== 'string')
    return fail(
      `test name must be a string, got ${describe(testName)}`,
      'write `- test_name: unique`',
    );
  const match = TEST_NAME.exec(testName.trim());
  if (!match)
    return fail(
      `invalid test name '${testName}'`,
      'use `name` or `package.name` with letters, digits and _',
    );
  if (!isPlainObject(body)) {
    return fail(
      `arguments of test '${testName}' must be a mapping, got ${describe(body)}`,
      `write \`- ${testName}: { argument: value }\``,
    );
  }
  const { arguments: nested, config: configBlock, name: customName, description, ...rest } = body;
  if (nested !== undefined && !isPlainObject(nested)) {
    return fail(
      `'arguments' of test '${testName}' must be a mapping, got ${describe(nested)}`,
      'write `arguments: { key: value }`',
    );
  }
  if (configBlock !== undefined && !isPlainObject(configBlock)) {
    return fail(
      `'config' of test '${testName}' must be a mapping, got ${describe(configBlock)}`,
      'write `config: { severity: warn }`',
    );
  }
  if (customName !== undefined && typeof customName !== 'string') {
    return fail(
      `'name' of test '${testName}' must be a string, got ${describe(customName)}`,
      'write `name: my_test_name`',
    );
  }
  const args: Record<string, unknown> = {};
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (CONFIG_KEYS.includes(key)) config[key] = value;
    else args[key] = value;
  }
  Object.assign(args, nested ?? {});
  Object.assign(config, configBlock ?? {});
  if (render) {
    for (const [key, value] of Object.entries(config)) {
      if (typeof value !== 'string' || !isTemplated(value)) continue;
      try {
        config[key] = nativeValue(render(value));
      } catch (err) {
        return { problem: renderFailure(err, location, excerpt) };
      }
    }
  }
  if (columnName !== undefined) args.column_name = columnName;
  const configProblem = checkConfig(config, testName);
  if (configProblem) return fail(configProblem.message, configProblem.hint);
  return {
    definition: {
      name: match[2]!,
      ...(match[1] ? { namespace: match[1] } : {}),
      args,
      config,
      ...(customName !== undefined ? { customName } : {}),
      ...(typeof description === 'string' ? { description } : {}),
    },
  };
}

function checkConfig(
  config: Record<string, unknown>,
  testName: string,
): { message: string; hint: string } | undefined {
  const { severity, where, limit } = config;
  if (
    severity !== undefined &&
    !(typeof severity === 'string' && /^(warn|error)$/i.test(severity))
  ) {
    return {
      message: `severity of test '${testName}' must be 'warn' or 'error', got ${describe(severity)}`,
      hint: 'write `severity: warn`',
    };
  }
  if (where !== undefined && where !== null && typeof where !== 'string') {
    return {
      message: `'where' of test '${testName}' must be a SQL condition string, got ${describe(where)}`,
      hint: 'write `where: "status != \'test\'"`',
    };
  }
  if (
    limit !== undefined &&
    limit !== null &&
    !(Number.isInteger(limit) && (limit as number) >= 0)
  ) {
    return {
      message: `'limit' of test '${testName}' must be a whole number, got ${describe(limit)}`,
      hint: 'write `limit: 100`',
    };
  }
  return undefined;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object')
    return `a mapping with keys ${Object.keys(value).join(', ') || '(none)'}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
