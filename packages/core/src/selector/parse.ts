/**
 * Turns selection text into a {@link SelectionSpec} tree with dbt's grammar: every value is
 * split on whitespace (union), each token on commas (intersection), and each atom matches
 * `^(@)?((\d*)\+)?((method(.arg)*):)?value(\+(\d*))?$`.
 */
import { TsmodelError } from '../diagnostics';
import { assertKnownMethod } from './methods/method-names';
import type {
  IndirectSelection,
  SelectionCriteria,
  SelectionSetOperation,
  SelectionSpec,
} from './types';

const ATOM =
  /^(?<childrensParents>@)?(?:(?<parentsDepth>\d*)\+)?(?:(?<method>[\w.]+):)?(?<value>.*?)(?:\+(?<childrenDepth>\d*))?$/s;

const GRAMMAR_HINT =
  'an atom looks like [@][N+][method[.arg]:]value[+N], e.g. `+orders`, `tag:nightly+1`, `config.materialized:incremental`';

/** Parses one atom such as `2+config.materialized:incremental+`. Throws `invalid-selector`. */
export function parseSelectionSpec(raw: string): SelectionCriteria {
  const m = ATOM.exec(raw);
  if (!m?.groups) throw invalid(`invalid selector '${raw}'`, GRAMMAR_HINT);
  const g = m.groups;
  const value = g.value ?? '';
  if (value === '') throw invalid(`selector '${raw}' has no value to search for`, GRAMMAR_HINT);
  const childrensParents = g.childrensParents !== undefined;
  const children = g.childrenDepth !== undefined;
  if (childrensParents && children) {
    throw invalid(
      `invalid selector '${raw}': the "@" prefix and "+" suffix are incompatible`,
      '`@m` already includes every descendant of m (and their parents); drop the trailing "+"',
    );
  }
  const [method, ...methodArgs] =
    g.method === undefined ? [defaultMethod(value)] : g.method.split('.');
  assertKnownMethod(method!, raw);
  return {
    kind: 'criteria',
    raw,
    method: method!,
    methodArgs,
    value,
    childrensParents,
    parents: g.parentsDepth !== undefined,
    parentsDepth: depth(g.parentsDepth),
    children,
    childrenDepth: depth(g.childrenDepth),
  };
}

/**
 * The method of an atom written without `method:` — a path if it holds a path separator, a
 * file name if it ends like a model/seed file, else a (possibly dotted) node name.
 */
export function defaultMethod(value: string): string {
  if (value.includes('/') || value.includes('\\')) return 'path';
  if (/\.(sql|py|csv)$/i.test(value)) return 'file';
  return 'fqn';
}

/**
 * `--select`/`--exclude` values → union over whitespace-separated tokens of the intersection of
 * their comma-separated atoms. `expectExists` makes each token warn when it selects nothing.
 */
export function parseSelectionValues(
  values: readonly string[],
  options: { expectExists: boolean; indirectSelection?: IndirectSelection },
): SelectionSetOperation {
  const tokens = values.flatMap((v) => v.split(/\s+/)).filter((t) => t !== '');
  const components: SelectionSpec[] = tokens.map((token) => ({
    kind: 'intersection',
    raw: token,
    expectExists: options.expectExists,
    indirectSelection: options.indirectSelection,
    components: token.split(',').map((atom) => {
      const criteria = parseSelectionSpec(atom);
      return options.indirectSelection
        ? { ...criteria, indirectSelection: options.indirectSelection }
        : criteria;
    }),
  }));
  return {
    kind: 'union',
    raw: values.join(' '),
    components,
    indirectSelection: options.indirectSelection,
  };
}

function depth(text: string | undefined): number | undefined {
  return text === undefined || text === '' ? undefined : Number(text);
}

function invalid(message: string, hint: string): TsmodelError {
  return new TsmodelError({ code: 'invalid-selector', message, hint });
}
