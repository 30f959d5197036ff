import nunjucks from 'nunjucks';
import { TsmodelError } from '../diagnostics';
import type { YamlFile } from '../yaml/yaml-file';

type Path = ReadonlyArray<string | number>;
type Env = Record<string, string | undefined>;

const TEMPLATE_MARKER = /\{\{|\{%/;

class MissingEnvVar extends Error {
  constructor(readonly variable: string) {
    super(`environment variable '${variable}' is not set`);
  }
}

/**
 * Renders `{{ env_var('X') }}` / `{{ env_var('X', 'default') }}` inside the string values of a
 * config file (profiles.yml, project.yml), so secrets stay out of the file. Only `env_var` is
 * available: these files are read before any project context (refs, macros) exists.
 */
export class EnvVarRenderer {
  private readonly nunjucks: nunjucks.Environment;

  constructor(private readonly env: Env) {
    this.nunjucks = new nunjucks.Environment(null, { autoescape: false });
    this.nunjucks.addGlobal('env_var', (name: string, fallback?: unknown) => {
      const value = this.env[name];
      if (value !== undefined) return value;
      if (fallback !== undefined) return fallback;
      throw new MissingEnvVar(name);
    });
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

  private renderString(text: string, path: Path, yaml: YamlFile, errors: TsmodelError[]): string {
    if (!TEMPLATE_MARKER.test(text)) return text;
    try {
      return this.nunjucks.renderString(text, {});
    } catch (error) {
      const missing = findMissing(error);
      const location = yaml.locate(path);
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
            : "only {{ env_var('NAME') }} and {{ env_var('NAME', 'default') }} are available here",
          cause: error,
        }),
      );
      return text;
    }
  }
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
