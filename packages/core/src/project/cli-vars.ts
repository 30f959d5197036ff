import { TsmodelError } from '../diagnostics';
import { YamlFile } from '../yaml/yaml-file';

const CLI_VARS_SOURCE = '--vars';

/**
 * Parses the `--vars` flag. Like dbt it takes YAML, which covers JSON too:
 * `'{x: 1}'`, `'x: 1'` and `'{"x": 1}'` all give `{ x: 1 }`. An absent or blank flag gives `{}`.
 */
export function parseCliVars(text: string | undefined): {
  vars: Record<string, unknown>;
  errors: TsmodelError[];
} {
  if (text === undefined || text.trim() === '') return { vars: {}, errors: [] };
  const { yaml, errors } = YamlFile.parse(text, CLI_VARS_SOURCE);
  if (!yaml) return { vars: {}, errors };
  const value = yaml.toJS();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      vars: {},
      errors: [
        new TsmodelError({
          code: 'cli-vars',
          message: `--vars must be a YAML or JSON mapping, got ${JSON.stringify(value)}`,
          hint: `write it as --vars '{name: value}' or --vars 'name: value'`,
        }),
      ],
    };
  }
  return { vars: value as Record<string, unknown>, errors: [] };
}
