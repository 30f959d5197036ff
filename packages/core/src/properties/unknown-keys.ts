import * as z from 'zod';
import { TsmodelError } from '../diagnostics';
import { didYouMean } from '../did-you-mean';
import type { YamlFile } from '../yaml/yaml-file';

/**
 * dbt keys tsmodel knows but does not implement. Saying so beats "unknown key", which would
 * make a dbt user think the file is wrong.
 */
const UNSUPPORTED: Record<string, string> = {
  overrides: 'source overrides',
  external: 'external tables',
};

/**
 * Reports every key the schema does not know, at the key itself, with a suggestion: a typo
 * like `colums:` would otherwise silently drop a model's column docs and tests.
 */
export function checkUnknownKeys(yaml: YamlFile, schema: z.ZodType): TsmodelError[] {
  const problems: TsmodelError[] = [];
  walk(yaml, schema, yaml.toJS(), [], problems);
  return problems;
}

function walk(
  yaml: YamlFile,
  schema: z.ZodType,
  value: unknown,
  path: PropertyKey[],
  out: TsmodelError[],
): void {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodArray && Array.isArray(value)) {
    value.forEach((item, i) => walk(yaml, inner.element as z.ZodType, item, [...path, i], out));
    return;
  }
  if (!(inner instanceof z.ZodObject) || !isPlainObject(value)) return;
  const shape = inner.shape as Record<string, z.ZodType>;
  const known = Object.keys(shape);
  for (const [key, child] of Object.entries(value)) {
    const childSchema = shape[key];
    if (childSchema) {
      walk(yaml, childSchema, child, [...path, key], out);
      continue;
    }
    const location = yaml.locate([...path, key], true);
    const feature = UNSUPPORTED[key];
    out.push(
      new TsmodelError({
        code: 'yaml-unknown-key',
        message: `${path.length ? `${path.join('.')}: ` : ''}unknown key '${key}'`,
        location,
        excerpt: yaml.lineText(location.line),
        hint: feature
          ? `tsmodel does not support ${feature} yet; remove '${key}'`
          : (didYouMean(key, known) ?? `expected one of: ${known.join(', ')}`),
      }),
    );
  }
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
  return s;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
