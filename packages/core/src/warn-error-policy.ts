import { parse } from 'yaml';
import { TsmodelError } from './diagnostics';
import { didYouMean } from './did-you-mean';

/**
 * The codes of every warning tsmodel prints, the names `--warn-error-options` accepts. A new
 * warning adds its code here, or naming it in the option is an error.
 */
export const WARNING_CODES = [
  'unknown-config-key',
  'patch-without-node',
  'nothing-selected',
  'properties-key-not-used',
  'project-key-not-honoured',
  'project-flags-not-honoured',
  'snapshot-without-block',
  'empty-model',
  'deprecated-model',
  'upcoming-deprecation',
  'deprecated-ref',
  'constraints-without-contract',
  'constraint-not-enforced',
  'constraint-not-supported',
  'constraints-on-view',
  'grants-not-applied',
  'dbt-version-unmet',
  'project-key-renamed',
];

/**
 * What tsmodel says of keys dbt takes without a word (`log-path`, a `flags:` entry, `groups:`),
 * often in a package the user does not own: under `--warn-error` or `error: all` they stay
 * warnings, because dbt does not fail on them; naming one in `error:` makes it an error.
 */
const NOTICE_CODES = new Set([
  'properties-key-not-used',
  'project-key-not-honoured',
  'project-flags-not-honoured',
]);

/** dbt's event names for the same warnings, so a dbt project's options keep working. */
const DBT_EVENT_NAMES: Record<string, string> = {
  CustomKeyInConfigDeprecation: 'unknown-config-key',
  NoNodesForSelectionCriteria: 'nothing-selected',
};

/** What becomes of a warning: printed, printed and failing the command, or not printed. */
export type WarningLevel = 'warn' | 'error' | 'silence';

export interface WarnErrorPolicy {
  levelOf(code: string): WarningLevel;
}

type NameList = 'all' | Set<string>;

/**
 * `--warn-error` (every warning is an error) or `--warn-error-options`, in dbt's format: a
 * YAML/JSON mapping with `error` (or its old name `include`) and `warn` (`exclude`) naming
 * warnings or `all`/`*`, and `silence`. A warning named by `warn` or `silence` stays so even
 * under `error: all`. Anything else in the option is an error, so a typo cannot quietly leave
 * warnings as warnings.
 */
export function warnErrorPolicy(warnError: boolean, options: string | undefined): WarnErrorPolicy {
  if (warnError && options !== undefined)
    throw usage(
      '--warn-error and --warn-error-options cannot be used together',
      'use one: --warn-error makes every warning an error',
    );
  if (options === undefined)
    return { levelOf: (code) => (warnError && !NOTICE_CODES.has(code) ? 'error' : 'warn') };
  let raw: unknown;
  try {
    raw = parse(options);
  } catch (cause) {
    throw usage(
      `--warn-error-options is not valid YAML/JSON: ${(cause as Error).message.split('\n')[0]}`,
      EXAMPLE,
    );
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw usage('--warn-error-options must be a mapping', EXAMPLE);
  const lists: Record<'error' | 'warn' | 'silence', NameList> = {
    error: new Set(),
    warn: new Set(),
    silence: new Set(),
  };
  for (const [key, value] of Object.entries(raw)) {
    const level = KEYS[key];
    if (!level)
      throw usage(
        `--warn-error-options: unknown key '${key}'`,
        didYouMean(key, Object.keys(KEYS)) ?? `use ${Object.keys(KEYS).join(', ')}`,
      );
    lists[level] = nameList(key, value, lists[level]);
  }
  const has = (list: NameList, code: string) => list === 'all' || list.has(code);
  return {
    levelOf(code) {
      if (has(lists.silence, code)) return 'silence';
      if (has(lists.warn, code)) return 'warn';
      if (NOTICE_CODES.has(code))
        return lists.error !== 'all' && lists.error.has(code) ? 'error' : 'warn';
      return has(lists.error, code) ? 'error' : 'warn';
    },
  };
}

const KEYS: Record<string, 'error' | 'warn' | 'silence'> = {
  error: 'error',
  include: 'error',
  warn: 'warn',
  exclude: 'warn',
  silence: 'silence',
};

const EXAMPLE = `e.g. --warn-error-options '{"error": "all", "warn": ["nothing-selected"]}'`;

function nameList(key: string, value: unknown, previous: NameList): NameList {
  const names = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(names) || names.some((n) => typeof n !== 'string'))
    throw usage(
      `--warn-error-options: '${key}' must be "all", "*" or a list of warning names`,
      EXAMPLE,
    );
  const codes = (names as string[]).map((name) => {
    if (name === 'all' || name === '*') return 'all';
    const code = DBT_EVENT_NAMES[name] ?? name;
    if (!WARNING_CODES.includes(code))
      throw usage(
        `--warn-error-options: '${name}' is not a warning tsmodel prints`,
        didYouMean(name, WARNING_CODES) ?? `warnings: ${WARNING_CODES.join(', ')}`,
      );
    return code;
  });
  if (previous === 'all' || codes.includes('all')) return 'all';
  return new Set([...previous, ...codes]);
}

function usage(message: string, hint: string): TsmodelError {
  return new TsmodelError({ code: 'usage-error', message, hint });
}
