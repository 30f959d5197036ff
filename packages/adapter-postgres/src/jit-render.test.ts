/**
 * Just-in-time rendering on PostgreSQL (TSMODEL_PG_URL): models, an incremental branch and an
 * operation that query the warehouse while rendering, as on DuckDB (jit-render.int.test.ts).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { JIT_FILES } from '@tsmodel/adapter-testkit';
import { pgTestProject, type PgTestProject } from './pg-test-project';

const url = process.env.TSMODEL_PG_URL;

describe.skipIf(!url)('just-in-time rendering on PostgreSQL (TSMODEL_PG_URL)', () => {
  let p: PgTestProject;
  afterAll(async () => {
    await p?.cleanup();
  });

  it('builds introspective models, runs the incremental branch and an operation', async () => {
    p = pgTestProject(url!, 'jit', JIT_FILES);
    const built = await p.run('build');
    expect(built.output).toContain('PASS=7');
    expect(built.code).toBe(0);
    const s = p.schema;
    expect(await p.sql(`select * from "${s}".starred order by id`)).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ]);
    expect(await p.sql(`select n::int, ident from "${s}".counted`)).toEqual([
      { n: 2, ident: 'people' },
    ]);
    expect(await p.sql(`select * from "${s}".looked_up`)).toEqual([
      { found: 'people', is_table: true },
    ]);
    expect((await p.run('run', '-s', 'grows')).code).toBe(0);
    const grown = await p.sql<{ id: number }>(`select id from "${s}".grows order by id`);
    expect(grown.map((r) => Number(r.id))).toEqual([1, 2, 3, 4]);
    const op = await p.run('run-operation', 'make_and_count');
    expect(op.code).toBe(0);
    expect(op.output.match(/people: 2/g)).toHaveLength(1);
    expect(op.output).toContain('relation: op_log is_table=True');
    expect(await p.sql(`select count(*)::int as n from "${s}".op_log`)).toEqual([{ n: 1 }]);
  });
});
