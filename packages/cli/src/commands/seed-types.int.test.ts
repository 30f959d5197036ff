import { describe, expect, it } from 'vitest';
import { testProject } from './run-fixtures';

describe('seed column types on DuckDB', () => {
  it('types a column with no value integer, as dbt does, unless column_types says otherwise', async () => {
    const p = testProject({
      'seeds/campaigns.csv': 'source,analytics,note\na,,\nb,,\n',
      'seeds/seeds.yml':
        'seeds:\n  - name: campaigns\n    config:\n      column_types: {note: varchar}\n',
    });
    const seeded = await p.run('seed');
    expect(seeded.code).toBe(0);
    const types = await p.query(
      "select column_name, data_type from information_schema.columns where table_name = 'campaigns' order by ordinal_position",
    );
    expect(types).toEqual([
      { column_name: 'source', data_type: 'VARCHAR' },
      { column_name: 'analytics', data_type: 'INTEGER' },
      { column_name: 'note', data_type: 'VARCHAR' },
    ]);
  });
});
