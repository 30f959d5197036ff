import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseAcl, type DependentView } from '../adapter/dependent-views';
import type { Dialect } from '../adapter/dialect';
import { contractSpec } from '../contracts/contract-ddl';
import type { ManifestNode, NodeConfig } from '../manifest/types';
import { planIncrementalApply, planIncrementalStage } from '../materializations/incremental';
import { columnCommentStatements, type NodeDocs } from '../materializations/persist-docs';
import { planModel } from '../materializations/plan';
import {
  planBatchApply,
  planBatchStage,
  type BatchPlanInput,
} from '../materializations/microbatch';
import { planSeed } from '../materializations/seed';
import { planClone } from '../materializations/clone';
import type { PlanInput, Step } from '../materializations/step';
import { planTable } from '../materializations/table';
import { planView } from '../materializations/view';
import { snapshotGoldenCases } from './golden-snapshot-plans';

/**
 * Golden SQL per dialect, shared by core and every adapter package: each plan rendered to
 * `<dir>/<case>.sql`, so a change to what tsmodel sends to a warehouse shows up in review as a
 * diff. `UPDATE_GOLDEN=1` rewrites the files. Test support only: nothing at run time imports it.
 */

export type GoldenStatement = Pick<
  Step,
  'label' | 'sql' | 'transactional' | 'keepDependentsOf' | 'columnDocs'
> & {
  kind: string;
};

export function renderGolden(steps: GoldenStatement[], dialect: Dialect): string {
  return steps
    .flatMap((s) => expandColumnDocs(s, dialect))
    .map((s, i) => {
      const keeps = s.keepDependentsOf
        ? `-- keeps the views that depend on ${dialect.renderRelation(s.keepDependentsOf)}\n`
        : '';
      return `-- ${i + 1}. ${s.label} (${s.kind}${s.transactional ? ', transactional' : ''})\n${keeps}${s.sql};\n`;
    })
    .join('\n');
}

/**
 * A persist_docs column step as it runs: the read of the built columns, then a comment per
 * documented column (here every one, as if the relation had them all).
 */
function expandColumnDocs(s: GoldenStatement, dialect: Dialect): GoldenStatement[] {
  const docs = s.columnDocs;
  if (!docs) return [s];
  const names = docs.columns.map((c) => c.name);
  const { statements } = columnCommentStatements(dialect, docs, names);
  return [
    { ...s, label: `${s.label}: read the built columns`, kind: 'query', columnDocs: undefined },
    ...statements.map((sql, i) => ({
      label: `${s.label}: ${names[i]!}`,
      kind: 'comment',
      sql,
      transactional: s.transactional,
    })),
  ];
}

/** A view and a materialized view with everything a recreation has to carry over. */
const dependents: DependentView[] = [
  {
    schema: 'analyst',
    name: 'big_orders',
    kind: 'view',
    definition:
      ' SELECT orders.id,\n    orders.amount\n   FROM analytics.orders\n  WHERE orders.amount > 100;',
    owner: 'alice',
    options: ['security_barrier=true'],
    grants: parseAcl(
      ['alice=arwdDxt/alice', '=r/alice', 'bi=r*/alice'],
      'alice',
      'analyst.big_orders',
    ),
    comment: "Alice's orders",
    columnComments: [{ column: 'amount', comment: 'in EUR' }],
    indexes: [],
    populated: true,
    depth: 1,
  },
  {
    schema: 'analyst',
    name: 'order_totals',
    kind: 'materialized view',
    definition: ' SELECT sum(big_orders.amount) AS total\n   FROM analyst.big_orders;',
    owner: 'alice',
    options: [],
    grants: [],
    comment: null,
    columnComments: [],
    indexes: ['CREATE INDEX order_totals_total ON analyst.order_totals USING btree (total)'],
    populated: false,
    depth: 2,
  },
];

export function dependentViewStatements(dialect: Dialect): GoldenStatement[] {
  const sql = dialect.dependentViews!;
  const kindOf = (statement: string) => statement.split(' ', 1)[0]!.toLowerCase();
  return [
    {
      label: 'list dependent views',
      kind: 'query',
      sql: sql.list({ schema: 'analytics', identifier: 'orders' }).sql,
      transactional: true,
    },
    ...dependents.map((v) => ({
      label: `drop ${v.name}`,
      kind: 'drop',
      sql: sql.drop(v),
      transactional: true,
    })),
    ...dependents.flatMap((v) =>
      sql.recreate(v).map((statement) => ({
        label: `recreate ${v.name}`,
        kind: kindOf(statement),
        sql: statement,
        transactional: true,
      })),
    ),
  ];
}

export function config(overrides: Partial<NodeConfig>): NodeConfig {
  return {
    enabled: true,
    materialized: 'table',
    tags: [],
    pre_hook: [],
    post_hook: [],
    meta: {},
    ...overrides,
  };
}

export function input(
  dialect: Dialect,
  cfg: Partial<NodeConfig>,
  extra: Partial<PlanInput> = {},
): PlanInput {
  return {
    node: {
      unique_id: 'model.shop.orders',
      relation: { database: 'warehouse', schema: 'analytics', identifier: 'orders' },
      config: config(cfg),
      sql: 'select id, customer_id, amount from "warehouse"."raw"."orders"',
    },
    flags: { fullRefresh: false },
    dialect,
    ...extra,
  };
}

const cols = (...pairs: Array<[string, string]>) =>
  pairs.map(([name, dataType]) => ({ name, dataType }));
const existingCols = cols(['id', 'INTEGER'], ['customer_id', 'INTEGER'], ['amount', 'DOUBLE']);
const changedCols = cols(['id', 'INTEGER'], ['amount', 'DECIMAL(18,2)'], ['currency', 'VARCHAR']);

function incremental(
  dialect: Dialect,
  cfg: Partial<NodeConfig>,
  incoming = existingCols,
  docs?: NodeDocs,
): Step[] {
  const plain = input(
    dialect,
    { materialized: 'incremental', ...cfg },
    { existing: { kind: 'table' } },
  );
  const base = docs ? { ...plain, node: { ...plain.node, docs } } : plain;
  const stage = planIncrementalStage(base);
  if (stage.mode !== 'incremental') throw new Error('expected an incremental stage');
  return [
    ...stage.steps,
    ...planIncrementalApply({
      ...base,
      staging: stage.staging,
      columns: { existing: existingCols, incoming },
    }),
  ];
}

function seed(
  dialect: Dialect,
  existing: PlanInput['existing'],
  fullRefresh: boolean,
  cfg: Partial<NodeConfig> = {},
  docs?: NodeDocs,
): Step[] {
  const base = input(
    dialect,
    { materialized: 'seed', column_types: { zip: 'VARCHAR' }, ...cfg },
    { existing, flags: { fullRefresh } },
  );
  return planSeed({
    ...base,
    // Parsed rows for engines that load seeds through the client (no file is read).
    csvTable: {
      columns: ['code', 'name', 'zip', 'population', 'joined'],
      rows: [
        ['de', "Côte d'Ivoire \\ x", '01234', '83.2', '2020-01-01'],
        ['fr', null, '75001', null, '2021-06-30'],
      ],
    },
    node: {
      ...base.node,
      relation: { ...base.node.relation, identifier: 'countries' },
      seedFile: '/project/seeds/countries.csv',
      ...(docs ? { docs } : {}),
    },
  });
}

/** The production relation `tsmodel clone --state` copies. */
const STATE_TABLE = {
  relation: { database: 'warehouse', schema: 'prod', identifier: 'orders' },
  kind: 'table' as const,
};
/** One daily batch of a microbatch model over `orders` (its window: 2024-01-02). */
function batch(dialect: Dialect, replace: boolean, cfg: Partial<NodeConfig> = {}): Step[] {
  const base: BatchPlanInput = {
    ...input(
      dialect,
      {
        materialized: 'incremental',
        incremental_strategy: 'microbatch',
        event_time: 'ordered_at',
        batch_size: 'day',
        begin: '2024-01-01',
        ...cfg,
      },
      { existing: { kind: 'table' } },
    ),
    batch: {
      id: '20240102',
      eventTime: 'ordered_at',
      start: new Date('2024-01-02T00:00:00Z'),
      end: new Date('2024-01-03T00:00:00Z'),
    },
    replace,
  };
  const stage = planBatchStage(base);
  if (stage.mode === 'complete') return stage.steps;
  return [
    ...stage.steps,
    ...planBatchApply({
      ...base,
      staging: stage.staging,
      columns: { existing: existingCols, incoming: existingCols },
    }),
  ];
}

/** A contracted table: typed columns, column and model-level constraints of every kind. */
function contracted(dialect: Dialect, existing?: PlanInput['existing']): Step[] {
  const base = input(dialect, { contract: { enforced: true } }, existing ? { existing } : {});
  const column = (name: string, data_type: string, constraints: unknown[]) => ({
    name,
    description: '',
    data_type,
    meta: {},
    tags: [],
    constraints,
  });
  const node: ManifestNode = {
    unique_id: base.node.unique_id,
    resource_type: 'model',
    name: 'orders',
    package_name: 'shop',
    path: 'orders.sql',
    original_file_path: 'models/orders.sql',
    fqn: ['shop', 'orders'],
    config: base.node.config,
    tags: [],
    description: '',
    columns: {
      id: column('id', 'integer', [{ type: 'not_null' }, { type: 'primary_key' }]),
      customer_id: column('customer_id', 'integer', [
        { type: 'foreign_key', to: '"warehouse"."analytics"."customers"', to_columns: ['id'] },
      ]),
      amount: column('amount', 'numeric(18,2)', [{ type: 'check', expression: 'amount >= 0' }]),
    },
    constraints: [{ type: 'unique', columns: ['id', 'customer_id'], name: 'one_per_customer' }],
    depends_on: { nodes: [], macros: [] },
    checksum: '',
  };
  return planTable({ ...base, node: { ...base.node, contract: contractSpec(node, dialect)! } });
}

/** persist_docs of both kinds, and descriptions that need quoting: quotes, newlines, `$$`. */
const PERSIST_DOCS = { persist_docs: { relation: true, columns: true } };
const DOCS: NodeDocs = {
  description: "Orders, one row per order.\nIt's built nightly -- see $$docs$$ /* here */",
  columns: {
    id: { name: 'id', description: "The order's id" },
    amount: { name: 'amount', description: 'Total in EUR\\cents' },
    customer_id: { name: 'customer_id', description: '' },
  },
};

/** A model plan with documentation, through `planModel` (which adds the comments). */
function documented(dialect: Dialect, cfg: Partial<NodeConfig>, extra: Partial<PlanInput> = {}) {
  const base = input(dialect, { ...PERSIST_DOCS, ...cfg }, extra);
  return planModel({ ...base, node: { ...base.node, docs: DOCS } }).steps;
}

/** Every plan of every materialization, by golden file name. */
export const goldenCases: Record<string, (d: Dialect) => Step[]> = {
  'clone-of-table': (d) =>
    planClone({ ...input(d, {}, { existing: { kind: 'table' } }), source: STATE_TABLE }),
  'clone-of-view': (d) => planClone({ ...input(d, {}), source: { ...STATE_TABLE, kind: 'view' } }),
  'table-contracted-new': (d) => contracted(d),
  'table-contracted-replace': (d) => contracted(d, { kind: 'table' }),
  'view-new': (d) => planView(input(d, { materialized: 'view' })),
  'view-replace-view': (d) =>
    planView(input(d, { materialized: 'view' }, { existing: { kind: 'view' } })),
  'view-replace-table': (d) =>
    planView(input(d, { materialized: 'view' }, { existing: { kind: 'table' } })),
  'table-new': (d) => planTable(input(d, {})),
  'table-replace': (d) => planTable(input(d, {}, { existing: { kind: 'table' } })),
  'table-replace-view': (d) => planTable(input(d, {}, { existing: { kind: 'view' } })),
  'incremental-first-run': (d) =>
    planIncrementalStage(input(d, { materialized: 'incremental', unique_key: 'id' })).steps,
  'incremental-full-refresh': (d) =>
    planIncrementalStage(
      input(
        d,
        { materialized: 'incremental', unique_key: 'id' },
        { existing: { kind: 'table' }, flags: { fullRefresh: true } },
      ),
    ).steps,
  'incremental-append': (d) => incremental(d, {}),
  'incremental-delete-insert-single-key': (d) => incremental(d, { unique_key: 'id' }),
  'incremental-delete-insert-composite-key': (d) =>
    incremental(d, {
      unique_key: ['id', 'customer_id'],
      incremental_predicates: ['DBT_INTERNAL_DEST.amount > 0'],
    }),
  'incremental-merge': (d) => incremental(d, { incremental_strategy: 'merge', unique_key: 'id' }),
  'on-schema-change-ignore': (d) =>
    incremental(d, { unique_key: 'id', on_schema_change: 'ignore' }, changedCols),
  'on-schema-change-append-new-columns': (d) =>
    incremental(d, { unique_key: 'id', on_schema_change: 'append_new_columns' }, changedCols),
  'on-schema-change-sync-all-columns': (d) =>
    incremental(d, { unique_key: 'id', on_schema_change: 'sync_all_columns' }, changedCols),
  'microbatch-first-batch-replaces': (d) => batch(d, true),
  'microbatch-batch': (d) => batch(d, false),
  'microbatch-batch-predicates': (d) =>
    batch(d, false, { incremental_predicates: ['DBT_INTERNAL_DEST.amount > 0'] }),
  'seed-new': (d) => seed(d, undefined, false),
  'seed-reload': (d) => seed(d, { kind: 'table' }, false),
  'seed-full-refresh': (d) => seed(d, { kind: 'table' }, true),
  'persist-docs-table-new': (d) => documented(d, {}),
  'persist-docs-table-replace': (d) => documented(d, {}, { existing: { kind: 'table' } }),
  'persist-docs-view-replace-view': (d) =>
    documented(d, { materialized: 'view' }, { existing: { kind: 'view' } }),
  'persist-docs-incremental-merge': (d) =>
    incremental(
      d,
      { ...PERSIST_DOCS, incremental_strategy: 'merge', unique_key: 'id' },
      existingCols,
      DOCS,
    ),
  'persist-docs-seed-reload': (d) => seed(d, { kind: 'table' }, false, PERSIST_DOCS, DOCS),
  ...snapshotGoldenCases,
};

/** Compares (or with `UPDATE_GOLDEN=1` rewrites) one golden file; returns what is on disk. */
export function goldenFile(file: string, actual: string): string {
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  return readFileSync(file, 'utf8');
}

/** One statement of a golden file, with the label and step kind its header names. */
export interface GoldenFileStatement {
  file: string;
  label: string;
  kind: string;
  sql: string;
}

/** Every statement of every golden file in `dir`, for parser checks. */
export function goldenStatements(dir: string): GoldenFileStatement[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .flatMap((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const parts = text.split(/^-- \d+\. (.*) \((\w+)(?:, transactional)?\)$/m).slice(1);
      const out: GoldenFileStatement[] = [];
      for (let i = 0; i < parts.length; i += 3)
        out.push({
          file,
          label: parts[i]!,
          kind: parts[i + 1]!,
          sql: parts[i + 2]!.trim().replace(/;$/, ''),
        });
      return out;
    });
}

/** libpg_query node names each step kind may produce (for golden files checked by PostgreSQL's parser). */
export const PG_STATEMENTS: Record<string, string[]> = {
  create: ['CreateTableAsStmt', 'CreateStmt', 'ViewStmt', 'IndexStmt'],
  rename: ['RenameStmt'],
  drop: ['DropStmt'],
  truncate: ['TruncateStmt'],
  insert: ['InsertStmt'],
  delete: ['DeleteStmt'],
  update: ['UpdateStmt'],
  merge: ['MergeStmt'],
  // Redshift rebuilds a column: add, update, drop, rename.
  alter: ['AlterTableStmt', 'UpdateStmt', 'RenameStmt'],
  // Keeping dependent views: the catalog query, then what recreates a view.
  query: ['SelectStmt'],
  grant: ['GrantStmt'],
  comment: ['CommentStmt'],
};
