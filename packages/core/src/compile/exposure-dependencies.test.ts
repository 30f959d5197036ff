import { describe, expect, it } from 'vitest';
import { CompileErrors } from '../diagnostics';
import { tempProject } from '../project/test-helpers';
import { compileProject } from './compile-project';

const PROJECT = 'name: shop\nversion: "1.0.0"\n';

function exposures(dependsOn: string): Record<string, string> {
  return {
    'project.yml': PROJECT,
    'models/orders.sql': 'select 1 as id',
    'models/sources.yml': 'sources:\n  - name: raw\n    tables:\n      - name: people\n',
    'models/exposures.yml': `exposures:\n  - name: board\n    type: dashboard\n    owner: {name: ann}\n    depends_on:\n${dependsOn}`,
  };
}

async function compile(files: Record<string, string>) {
  const dir = tempProject(files);
  return compileProject({ projectDir: dir, writeArtifacts: false, useCache: false, env: {} });
}

describe("exposures' depends_on", () => {
  it("resolves ref() and source() entries to unique ids, refs and sources, as dbt's manifest has them", async () => {
    const { manifest } = await compile(
      exposures(
        "      - ref('orders')\n      - \"{{ ref('orders') }}\"\n      - source('raw', 'people')\n",
      ),
    );
    const board = manifest.exposures!['exposure.shop.board']!;
    expect(board.depends_on).toEqual({
      macros: [],
      nodes: ['model.shop.orders', 'source.shop.raw.people'],
    });
    expect(board.refs).toEqual([
      { name: 'orders', package: null, version: null },
      { name: 'orders', package: null, version: null },
    ]);
    expect(board.sources).toEqual([['raw', 'people']]);
  });

  it('an entry naming nothing, or neither a ref nor a source, is an error at the exposure', async () => {
    const problems = await compile(exposures("      - ref('ordrs')\n      - orders\n")).then(
      () => [],
      (err: unknown) =>
        err instanceof CompileErrors ? err.problems.map((p) => p.format()) : [String(err)],
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /^models\/exposures\.yml:\d+:\d+ exposure 'board': .*'ordrs'.*orders/,
    );
    expect(problems[1]).toContain(
      `exposure 'board' depends on "orders", which is neither ref(…) nor source(…)`,
    );
  });
});
