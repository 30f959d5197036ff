import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { awaiting } from './awaiting';
import { suiteProject, type SuiteProject } from './suite-project';
import type { DbtSuiteTarget } from './suite-target';

/** Text that breaks naive quoting in a comment: quotes, dollar quotes, comment markers. */
const TRICKY = `"with double quotes"
and with 'single  quotes' as well as other;
'''abc123'''
reserved -- characters
--
/* comment */
Some $lbl$ labeled $lbl$ and $$ unlabeled $$ dollar-quoting`;
const indented = (text: string) => text.replace(/^/gm, '      ');

const FILES = {
  'seeds/seed.csv': 'id,name\n1,Alice\n2,Bob\n',
  'models/no_docs_model.sql': "select 1 as id, 'Alice' as name\n",
  'models/table_model.sql': "{{ config(materialized='table') }}\nselect 1 as id, 'Joe' as name\n",
  'models/view_model.sql': "{{ config(materialized='view') }}\nselect 2 as id, 'Bob' as name\n",
  'models/my_fun_docs.md': `{% docs my_fun_doc %}\nname Column description ${TRICKY}\n{% enddocs %}\n`,
  'models/schema.yml': `version: 2
models:
  - name: table_model
    description: |
${indented(`Table model description ${TRICKY}`)}
    columns:
      - name: id
        description: |
${indented(`id Column description ${TRICKY}`).replace(/^ {6}/gm, '          ')}
      - name: name
        description: |
          Some stuff here and then a call to
          {{ doc('my_fun_doc') }}
  - name: view_model
    description: |
${indented(`View model description ${TRICKY}`)}
    columns:
      - name: id
        description: |
${indented(`id Column description ${TRICKY}`).replace(/^ {6}/gm, '          ')}
`,
};

type CatalogNode = {
  metadata: { comment: string | null };
  columns: Record<string, { comment: string | null }>;
};
const catalogNodes = (p: SuiteProject) =>
  (
    JSON.parse(readFileSync(join(p.dir, 'target', 'catalog.json'), 'utf8')) as {
      nodes: Record<string, CatalogNode>;
    }
  ).nodes;

const expectTricky = (comment: string | null) => {
  for (const part of [
    '"with double quotes"',
    "'''abc123'''",
    '\n',
    'Some $lbl$ labeled $lbl$ and $$ unlabeled $$ dollar-quoting',
    '/* comment */',
    '--\n',
  ])
    expect(comment).toContain(part);
};

/** dbt's persist_docs/test_persist_docs.py. */
export function registerPersistDocs(target: DbtSuiteTarget): void {
  const project = (name: string, files: Record<string, string>, persist: string) =>
    suiteProject(target, name, files, `models:\n  ${name}:\n    +persist_docs: ${persist}\n`);

  awaiting(
    'docsGenerate',
    'test_has_comments_pglike: descriptions become table, view and column comments',
    async () => {
      const p = project('persist_docs', FILES, '{relation: true, columns: true}');
      await p.run(['seed']);
      await p.run(['run']);
      await p.run(['docs', 'generate']);
      const nodes = catalogNodes(p);
      expect(Object.keys(nodes)).toHaveLength(4);
      const table = nodes['model.persist_docs.table_model']!;
      expect(table.metadata.comment).toMatch(/^Table model description/);
      expect(table.columns.id!.comment).toMatch(/^id Column description/);
      expect(table.columns.name!.comment).toMatch(/^Some stuff here and then a call to/);
      for (const c of [
        table.metadata.comment,
        table.columns.id!.comment,
        table.columns.name!.comment,
      ])
        expectTricky(c);
      const view = nodes['model.persist_docs.view_model']!;
      expect(view.metadata.comment).toMatch(/^View model description/);
      expect(view.columns.id!.comment).toMatch(/^id Column description/);
      expect(view.columns.name!.comment).toBeNull();
      const none = nodes['model.persist_docs.no_docs_model']!;
      expect([none.metadata.comment, none.columns.id!.comment, none.columns.name!.comment]).toEqual(
        [null, null, null],
      );
    },
  );

  const missing = {
    'models/missing_column.sql':
      "{{ config(materialized='table') }}\nselect 1 as id, 'Ed' as name\n",
    'models/schema.yml': `version: 2
models:
  - name: missing_column
    columns:
      - name: id
        description: "test id column description"
      - name: column_that_does_not_exist
        description: "comment that cannot be created"
`,
  };
  awaiting(
    'docsGenerate',
    'test_missing_column: the documented column that exists gets its comment',
    async () => {
      const p = project('persist_missing', missing, '{columns: true}');
      await p.run(['run']);
      await p.run(['docs', 'generate']);
      expect(catalogNodes(p)['model.persist_missing.missing_column']!.columns.id!.comment).toMatch(
        /^test id column description/,
      );
    },
  );
  it('test_missing_column_warning: a documented column not built is a warning', async () => {
    const p = project('persist_missing_warn', missing, '{columns: true}');
    const run = await p.run(['run']);
    expect(run.stdout + run.stderr).toContain(
      'The following columns are specified in the schema but are not present in the database: column_that_does_not_exist',
    );
  });
  it('test_all_columns_missing_does_not_crash: every documented column missing', async () => {
    const p = project(
      'persist_all_missing',
      {
        'models/all_columns_missing.sql': "{{ config(materialized='table') }}\nselect 1 as id\n",
        'models/schema.yml': `version: 2
models:
  - name: all_columns_missing
    columns:
      - name: bogus_col_one
        description: "first bogus column"
      - name: bogus_col_two
        description: "second bogus column"
`,
      },
      '{columns: true}',
    );
    const run = await p.run(['run']);
    expect(run.results.map((r) => r.status)).toEqual(['success']);
    expect(run.stdout + run.stderr).toContain('bogus_col_one');
    expect(run.stdout + run.stderr).toContain('bogus_col_two');
  });
}
