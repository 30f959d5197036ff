import nunjucks from 'nunjucks';
import { parse as parseYaml } from 'yaml';
import { TsmodelError } from '../diagnostics';
import { SECRET_ENV_PREFIXES, isSecretEnvVar } from '../secrets';
import type { YamlFile } from '../yaml/yaml-file';

type Path = ReadonlyArray<string | number>;
type Env = Record<string, string | undefined>;

const TEMPLATE_MARKER = /\{\{|\{%/;

class NativeValueError extends Error {}

/**
 * dbt's filters that make a rendered YAML value a number, boolean or YAML value instead of text
 * (`port: "{{ env_var('PORT') | as_number }}"`); they apply when the whole value is one `{{ }}`
 * ending in the filter, as in dbt.
 */
const NATIVE_FILTERS: Record<string, (text: string) => unknown> = {
  as_text: (text) => text,
  as_number: (text) => {
    const n = Number(text.trim());
    if (text.trim() === '' || Number.isNaN(n))
      throw new NativeValueError(`'${text}' is not a number`);
    return n;
  },
  as_bool: (text) => {
    const v = text.trim().toLowerCase();
    if (v === 'true') return true;
    if (v === 'false') return false;
    throw new NativeValueError(`'${text}' is not true or false`);
  },
  as_native: (text) => parseYaml(text) as unknown,
};
const NATIVE_FILTER_AT_END = /^\s*\{\{.*\|\s*(as_text|as_number|as_bool|as_native)\s*\}\}\s*$/s;

class MissingEnvVar extends Error {
  constructor(readonly variable: string) {
    super(`environment variable '${variable}' is not set`);
  }
}

class SecretEnvVar extends Error {
  constructor(readonly variable: string) {
    super(`environment variable '${variable}' is a secret`);
  }
}

/**
 * Renders `{{ env_var('X') }}` / `{{ env_var('X', 'default') }}` inside the string values of a
 * config file (profiles.yml, project.yml), so secrets stay out of the file. Only `env_var` is
 * available: these files are read before any project context (refs, macros) exists.
 */
export class EnvVarRenderer {
  private readonly nunjucks: nunjucks.Environment;

  /**
   * `allowSecrets`: whether `DBT_ENV_SECRET_*` variables may be read — in profiles.yml, as in
   * dbt, and nowhere else (project.yml values end up in the manifest).
   */
  constructor(
    private readonly env: Env,
    allowSecrets = false,
  ) {
    this.nunjucks = new nunjucks.Environment(null, { autoescape: false });
    this.nunjucks.addGlobal('env_var', (name: string, fallback?: unknown) => {
      if (!allowSecrets && isSecretEnvVar(name)) throw new SecretEnvVar(name);
      return this.lookUp(name, fallback);
    });
    // dbt's native-type filters: the value's text is rendered, then converted (see renderString).
    for (const filter of Object.keys(NATIVE_FILTERS)) this.nunjucks.addFilter(filter, String);
  }

  private lookUp(name: string, fallback: unknown): unknown {
    const value = this.env[name];
    if (value !== undefined) return value;
    if (fallback !== undefined) return fallback;
    throw new MissingEnvVar(name);
  }

  /**
   * `value` with every templated string rendered, walking mappings and lists. `skip(path)`
   * leaves a subtree untouched (hooks and vars are rendered later, with the full context).
   * Problems are appended to `errors`, located in `yaml` at the string's path.
   */
  renderTree(
    value: unknown,
    path: Path,
    yaml: YamlFile,
    errors: TsmodelError[],
    skip: (path: Path) => boolean = () => false,
  ): unknown {
    if (skip(path)) return value;
    if (typeof value === 'string') return this.renderString(value, path, yaml, errors);
    if (Array.isArray(value))
      return value.map((item, i) => this.renderTree(item, [...path, i], yaml, errors, skip));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [
          key,
          this.renderTree(item, [...path, key], yaml, errors, skip),
        ]),
      );
    }
    return value;
  }

  private renderString(text: string, path: Path, yaml: YamlFile, errors: TsmodelError[]): unknown {
    if (!TEMPLATE_MARKER.test(text)) return text;
    try {
      const rendered = this.nunjucks.renderString(text, {});
      const native = NATIVE_FILTER_AT_END.exec(text)?.[1];
      return native ? NATIVE_FILTERS[native]!(rendered) : rendered;
    } catch (error) {
      const location = yaml.locate(path);
      const secret = findSecret(error);
      if (secret) {
        errors.push(
          new TsmodelError({
            code: 'secret-env-var',
            message: `${path.join('.')}: environment variable '${secret}' is a secret: secret variables can be read only in profiles.yml`,
            location,
            excerpt: yaml.lineText(location.line),
            hint: `move the value to profiles.yml, or rename the variable without the ${SECRET_ENV_PREFIXES.join(' / ')} prefix if it is not a secret`,
          }),
        );
        return text;
      }
      const missing = findMissing(error);
      errors.push(
        new TsmodelError({
          code: missing ? 'env-var-missing' : 'config-template',
          message: missing
            ? `${path.join('.')}: environment variable '${missing.variable}' is not set`
            : `${path.join('.')}: cannot render ${JSON.stringify(text)}: ${firstLine(error)}`,
          location,
          excerpt: yaml.lineText(location.line),
          hint: missing
            ? `export ${missing.variable}=…, or give a default: env_var('${missing.variable}', '…')`
            : "only {{ env_var('NAME') }} and {{ env_var('NAME', 'default') }}, with the filters as_number, as_bool, as_native and as_text, are available here",
          cause: error,
        }),
      );
      return text;
    }
  }
}

function findSecret(error: unknown): string | undefined {
  return /environment variable '([^']+)' is a secret/.exec(String(error))?.[1];
}

/** nunjucks wraps errors thrown by globals; find ours in the cause chain or by message. */
function findMissing(error: unknown): MissingEnvVar | undefined {
  let current: unknown = error;
  while (current instanceof Error) {
    if (current instanceof MissingEnvVar) return current;
    current = current.cause;
  }
  const match = /environment variable '([^']+)' is not set/.exec(String(error));
  return match ? new MissingEnvVar(match[1]!) : undefined;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && l !== '(unknown path)')[0] ?? text
  );
}
