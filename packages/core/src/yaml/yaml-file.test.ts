import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { YamlFile } from './yaml-file';

describe('YamlFile', () => {
  it('reports syntax errors with file and line', () => {
    const { errors } = YamlFile.parse('name: a\nvars:\n  x: [1, 2\n', 'project.yml');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.format()).toMatch(/^project\.yml:\d+:\d+ invalid YAML/);
  });

  it('locates schema problems at the offending key', () => {
    const { yaml } = YamlFile.parse('name: a\nversion: 1\nmodels:\n  +materialized: 3\n', 'p.yml');
    const schema = z.object({
      name: z.string(),
      version: z.string(),
      models: z.object({ '+materialized': z.string() }),
    });
    const { errors } = yaml!.validate(schema);
    expect(errors.map((e) => e.format().split('\n')[0])).toEqual([
      'p.yml:2:10 version: Invalid input: expected string, received number',
      'p.yml:4:18 models.+materialized: Invalid input: expected string, received number',
    ]);
  });
});
