import type { SourceLocation } from '../diagnostics';

type YamlPath = PropertyKey[];

/**
 * Renders one YAML string value with dbt's parse context (`var`, `env_var`, `target`). Throws
 * a TsmodelError when the template fails; the caller reports it at the value's YAML line.
 */
export type YamlValueRenderer = (template: string) => string;

/**
 * A description that holds Jinja (`{{ doc('orders_status') }}`): rendered once every docs
 * block of the project is known, then written back through `set`.
 */
export interface TemplatedDescription {
  text: string;
  packageName: string;
  location: SourceLocation;
  set(rendered: string): void;
}

/** Whether a YAML string needs a render at all: most do not, and skip the engine. */
export function isTemplated(text: string): boolean {
  return text.includes('{{') || text.includes('{%');
}

/** Keys whose values dbt renders later or never: descriptions (with `doc()`), tests, hooks. */
const LATER = new Set(['description', 'tests', 'data_tests']);
const HOOKS = new Set(['pre_hook', 'post_hook', 'pre-hook', 'post-hook']);

/**
 * Renders, in place, every templated string of one `models:`/`seeds:`/`snapshots:`/
 * `analyses:`/`sources:`/`macros:` entry that dbt renders at parse time (its
 * `SchemaYamlRenderer`): everything but descriptions (rendered later, with `doc()`), test
 * definitions (their arguments render with the test), hooks (rendered when they run), model
 * versions, and macro arguments. Values under `config:` become booleans and numbers when they
 * render to one (`enabled: "{{ target.name == 'prod' }}"`), as dbt's native rendering does.
 */
export function renderEntry(
  section: string,
  entry: Record<string, unknown>,
  path: YamlPath,
  render: YamlValueRenderer,
  report: (err: unknown, path: YamlPath) => void,
): void {
  const skip = (key: string, depth: number, parent: string | undefined): boolean => {
    if (depth === 0) {
      if (LATER.has(key) || key === 'versions') return true;
      if (section === 'macros' && key === 'arguments') return true;
      return false;
    }
    return parent === 'config' && HOOKS.has(key);
  };
  const walk = (
    holder: Record<string, unknown> | unknown[],
    key: string | number,
    at: YamlPath,
    inConfig: boolean,
  ): void => {
    const value = (holder as Record<string | number, unknown>)[key];
    if (typeof value === 'string') {
      if (!isTemplated(value)) return;
      try {
        const out = render(value);
        (holder as Record<string | number, unknown>)[key] = inConfig ? nativeValue(out) : out;
      } catch (err) {
        report(err, at);
      }
    } else if (Array.isArray(value)) {
      value.forEach((_, i) => walk(value, i, [...at, i], inConfig));
    } else if (value && typeof value === 'object') {
      walkMapping(value as Record<string, unknown>, at, inConfig, at[at.length - 1]);
    }
  };
  const walkMapping = (
    mapping: Record<string, unknown>,
    at: YamlPath,
    inConfig: boolean,
    parent: PropertyKey | undefined,
  ): void => {
    const depth = at.length - path.length;
    for (const key of Object.keys(mapping)) {
      if (skip(key, depth, typeof parent === 'string' ? parent : undefined)) continue;
      if (section === 'sources' && depth === 0 && key === 'tables') {
        const tables = mapping.tables;
        if (Array.isArray(tables))
          tables.forEach((table, t) => {
            if (table && typeof table === 'object')
              renderEntry(
                'tables',
                table as Record<string, unknown>,
                [...at, 'tables', t],
                render,
                report,
              );
          });
        continue;
      }
      if (depth === 0 && key === 'columns') {
        const columns = mapping.columns;
        if (Array.isArray(columns))
          columns.forEach((column, c) => {
            if (column && typeof column === 'object')
              renderEntry(
                'columns',
                column as Record<string, unknown>,
                [...at, 'columns', c],
                render,
                report,
              );
          });
        continue;
      }
      walk(mapping, key, [...at, key], inConfig || (depth === 0 && key === 'config'));
    }
  };
  walkMapping(entry, path, false, undefined);
}

/**
 * dbt's native rendering for configs: `true`/`false` (any case, as Jinja prints `True`),
 * `none` and numbers become values; anything else stays the rendered text.
 */
export function nativeValue(text: string): unknown {
  const t = text.trim();
  if (/^true$/i.test(t)) return true;
  if (/^false$/i.test(t)) return false;
  if (/^none$/i.test(t)) return null;
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return text;
}
