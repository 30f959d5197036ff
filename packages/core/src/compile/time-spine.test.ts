import { describe, expect, it } from 'vitest';
import { CompileErrors } from '../diagnostics';
import { flatGraph } from '../manifest/flat-graph';
import { tempProject } from '../project/test-helpers';
import { compileProject } from './compile-project';

const PROJECT = 'name: shop\nversion: "1.0.0"\n';

async function compile(yml: string) {
  const dir = tempProject({
    'dbt_project.yml': PROJECT,
    'models/all_days.sql': "select date '2024-01-01' as date_day, 2024 as fiscal_year_col",
    'models/_utils.yml': yml,
  });
  return compileProject({ projectDir: dir, writeArtifacts: false, useCache: false, env: {} });
}

async function problems(yml: string): Promise<string[]> {
  try {
    await compile(yml);
  } catch (err) {
    if (err instanceof CompileErrors) return err.problems.map((p) => p.format());
    throw err;
  }
  return [];
}

const yml = (...lines: string[]) => ['version: 2', 'models:', ...lines, ''].join('\n');

const SPINE = yml(
  '  - name: all_days',
  '    time_spine:',
  '      standard_granularity_column: date_day',
  '      custom_granularities:',
  '        - name: fiscal_year',
  '          column_name: fiscal_year_col',
  '        - name: fiscal_year_col',
  '    columns:',
  '      - name: date_day',
  '        granularity: day',
  '      - name: fiscal_year_col',
);

describe("dbt 1.9's time spines", () => {
  it('keeps time_spine on the model node and granularity on its column, as dbt does', async () => {
    const { manifest } = await compile(SPINE);
    const node = manifest.nodes['model.shop.all_days']!;
    expect(node.time_spine).toEqual({
      standard_granularity_column: 'date_day',
      custom_granularities: [
        { name: 'fiscal_year', column_name: 'fiscal_year_col' },
        { name: 'fiscal_year_col', column_name: null },
      ],
    });
    expect(node.columns.date_day!.granularity).toBe('day');
    expect(node.columns.fiscal_year_col!.granularity).toBeUndefined();
    const graph = flatGraph(manifest, (r) => `${r.schema}.${r.identifier}`);
    expect(graph.nodes['model.shop.all_days']!.time_spine).toEqual(node.time_spine);
  });

  it('a model without a time spine has time_spine null in the graph, as in dbt', async () => {
    const { manifest } = await compile(yml('  - name: all_days'));
    const graph = flatGraph(manifest, (r) => `${r.schema}.${r.identifier}`);
    expect(graph.nodes['model.shop.all_days']!.time_spine).toBeNull();
  });

  it('the standard granularity column must be one of the columns', async () => {
    expect(
      await problems(
        yml(
          '  - name: all_days',
          '    time_spine:',
          '      standard_granularity_column: day_date',
          '    columns:',
          '      - name: date_day',
          '        granularity: day',
        ),
      ),
    ).toEqual([
      expect.stringMatching(
        /^models\/_utils\.yml:5:36 time_spine of model 'all_days': standard_granularity_column 'day_date' is not one of the model's columns \(date_day\) — add 'day_date' under the model's columns: with its granularity/,
      ),
    ]);
  });

  it('the standard granularity column must have a granularity', async () => {
    expect(
      await problems(
        yml(
          '  - name: all_days',
          '    time_spine:',
          '      standard_granularity_column: date_day',
          '    columns:',
          '      - name: date_day',
        ),
      ),
    ).toEqual([
      expect.stringMatching(
        /^models\/_utils\.yml:5:36 time_spine of model 'all_days': its standard granularity column 'date_day' has no granularity — give column 'date_day' its grain: granularity: day/,
      ),
    ]);
  });

  it("a custom granularity's column must be one of the columns", async () => {
    const found = await problems(
      yml(
        '  - name: all_days',
        '    time_spine:',
        '      standard_granularity_column: date_day',
        '      custom_granularities:',
        '        - name: fiscal_year',
        '    columns:',
        '      - name: date_day',
        '        granularity: day',
      ),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^models\/_utils\.yml:7:11 time_spine of model 'all_days': custom granularity 'fiscal_year' reads column 'fiscal_year', which is not one of the model's columns \(date_day\)/,
    );
    expect(found[0]).toContain('or set column_name: to the column that holds it');
  });

  it("granularity must be one of dbt's granularities", async () => {
    const found = await problems(
      yml(
        '  - name: all_days',
        '    columns:',
        '      - name: date_day',
        '        granularity: days',
      ),
    );
    expect(found).toEqual([
      "models/_utils.yml:6:22 models.0.columns.0.granularity: expected one of dbt's time granularities: nanosecond, microsecond, millisecond, second, minute, hour, day, week, month, quarter, year (e.g. `granularity: day`)\n    granularity: days",
    ]);
  });

  it('unknown keys inside time_spine stay errors', async () => {
    const found = await problems(
      yml(
        '  - name: all_days',
        '    time_spine:',
        '      standard_granularity_column: date_day',
        '      standard_granularity: day',
        '    columns:',
        '      - name: date_day',
        '        granularity: day',
      ),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^models\/_utils\.yml:6:7 models\.0\.time_spine: unknown key 'standard_granularity'/,
    );
  });

  it("a versioned model's time spine is checked against its latest version's columns", async () => {
    const found = await problems(
      yml(
        '  - name: all_days',
        '    latest_version: 2',
        '    time_spine:',
        '      standard_granularity_column: date_day',
        '    columns:',
        '      - name: date_day',
        '        granularity: day',
        '    versions:',
        '      - v: 1',
        '        defined_in: all_days',
        '      - v: 2',
        '        defined_in: all_days_v2',
        '        columns:',
        '          - include: all',
        '            exclude: [date_day]',
      ),
    );
    expect(
      found.some((p) => p.includes("standard_granularity_column 'date_day' is not one of")),
    ).toBe(true);
  });
});
