import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { awaiting } from './awaiting';
import { SEED_BASE, SOURCE_RAW_YML, fromSource } from './fixtures';
import { suiteProject } from './suite-project';
import type { DbtSuiteTarget } from './suite-target';

interface CatalogNode {
  metadata: { type: string; schema: string; name: string };
  columns: Record<string, { type: string; index: number; name: string }>;
}

/**
 * dbt's basic/test_docs_generate.py (and expected_catalog.py): `docs generate` writes a
 * catalog of every built relation and source with its columns in order, and its manifest.
 */
export function registerDocsGenerate(target: DbtSuiteTarget): void {
  awaiting(
    'docsGenerate',
    'test_run_and_generate: the catalog of models, seed and source',
    async () => {
      const p = suiteProject(target, 'docs_generate', {
        'seeds/base.csv': SEED_BASE,
        'models/model.sql': fromSource('materialized="view"'),
        'models/table_model.sql': fromSource('materialized="table"'),
        'models/schema.yml': `${SOURCE_RAW_YML}models:
  - name: model
    description: "The view"
    columns:
      - name: id
        description: "The id"
`,
      });
      await p.run(['seed']);
      await p.run(['run']);
      await p.run(['docs', 'generate']);
      const file = join(p.dir, 'target', 'catalog.json');
      expect(existsSync(file)).toBe(true);
      const catalog = JSON.parse(readFileSync(file, 'utf8')) as {
        nodes: Record<string, CatalogNode>;
        sources: Record<string, CatalogNode>;
      };
      expect(Object.keys(catalog.nodes).sort()).toEqual(
        [
          'model.docs_generate.model',
          'model.docs_generate.table_model',
          'seed.docs_generate.base',
        ].sort(),
      );
      expect(Object.keys(catalog.sources)).toEqual(['source.docs_generate.raw.seed']);
      const view = catalog.nodes['model.docs_generate.model']!;
      expect(view.metadata).toMatchObject({
        type: expect.stringMatching(/view/i),
        schema: p.schema,
        name: 'model',
      });
      expect(Object.values(view.columns).map((c) => [c.name, c.index])).toEqual([
        ['id', 1],
        ['name', 2],
        ['some_date', 3],
      ]);
      expect(catalog.nodes['model.docs_generate.table_model']!.metadata.type).toMatch(/table/i);
    },
  );

  awaiting(
    'docsGenerate',
    'test_docs_generate with --no-compile: the catalog without compiling',
    async () => {
      const p = suiteProject(target, 'docs_no_compile', { 'seeds/base.csv': SEED_BASE });
      await p.run(['seed']);
      await p.run(['docs', 'generate', '--no-compile']);
      expect(existsSync(join(p.dir, 'target', 'catalog.json'))).toBe(true);
    },
  );
}
