import { existsSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { CompileErrors, TsmodelError } from '../diagnostics';
import { readUtf8File } from '../utf8-text';
import { YamlFile } from '../yaml/yaml-file';
import { normaliseSelectorDefinition } from './selector-definition';
import type { NamedSelector, ProjectConfig } from './types';

export const SELECTORS_FILE_NAME = 'selectors.yml';

const selectorsFileSchema = z.strictObject({
  selectors: z.array(
    z.strictObject({
      name: z.string().min(1),
      description: z.string().optional(),
      default: z.boolean().optional(),
      definition: z.unknown().optional(),
    }),
  ),
});

/**
 * Reads the optional `selectors.yml` next to the root project.yml (dbt's format): named,
 * reusable selections for `--selector <name>`, at most one of them the default for commands
 * run without `--select`. A missing file means no selectors. Every problem is thrown together.
 */
export function loadSelectors(project: ProjectConfig): NamedSelector[] {
  const file = path.join(project.rootDir, SELECTORS_FILE_NAME);
  if (!existsSync(file)) return [];
  const { yaml, errors: syntaxErrors } = YamlFile.parse(
    readUtf8File(file, SELECTORS_FILE_NAME),
    SELECTORS_FILE_NAME,
  );
  if (!yaml) throw new CompileErrors(syntaxErrors);
  const { value, errors } = yaml.validate(selectorsFileSchema);
  if (!value) throw new CompileErrors(errors);

  const selectors: NamedSelector[] = [];
  const seen = new Map<string, number>();
  value.selectors.forEach((entry, i) => {
    const at = ['selectors', i];
    const problem = (message: string, hint: string, key: string) => {
      const location = yaml.locate([...at, key]);
      errors.push(
        new TsmodelError({
          code: 'selector-file',
          message,
          hint,
          location,
          excerpt: yaml.lineText(location.line),
        }),
      );
    };
    const first = seen.get(entry.name);
    if (first !== undefined) {
      const firstLine = yaml.locate(['selectors', first, 'name']).line;
      problem(
        `selector '${entry.name}' is defined twice`,
        `the first definition is on line ${firstLine}; rename one`,
        'name',
      );
    }
    seen.set(entry.name, i);
    if (entry.definition === undefined) {
      problem(
        `selector '${entry.name}' has no definition`,
        'add `definition:` with a selector string or mapping',
        'name',
      );
      return;
    }
    const definition = normaliseSelectorDefinition(
      entry.definition,
      [...at, 'definition'],
      yaml,
      errors,
    );
    if (definition === undefined) return;
    selectors.push({
      name: entry.name,
      ...(entry.description === undefined ? {} : { description: entry.description }),
      default: entry.default ?? false,
      definition,
    });
  });

  const defaults = value.selectors.flatMap((s, i) => (s.default ? [i] : []));
  for (const i of defaults.slice(1)) {
    const names = defaults.map((d) => `'${value.selectors[d]!.name}'`).join(', ');
    const location = yaml.locate(['selectors', i, 'default']);
    errors.push(
      new TsmodelError({
        code: 'selector-file',
        message: `more than one default selector: ${names}`,
        hint: 'set `default: true` on one selector only',
        location,
        excerpt: yaml.lineText(location.line),
      }),
    );
  }
  if (errors.length > 0) throw new CompileErrors(errors);
  return selectors;
}
