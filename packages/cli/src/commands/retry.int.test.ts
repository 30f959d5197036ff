/** `tsmodel retry`: the failed and skipped nodes of the last run, again, with its flags. */
import { describe, expect, it } from 'vitest';
import { testProject } from './run-fixtures';

describe('tsmodel retry', () => {
  it('runs again only what failed or was skipped, with the flags of the last run', async () => {
    const p = testProject({
      'models/good.sql': "{{ config(materialized='table') }}\nselect 1 as id",
      'models/bad.sql':
        "{{ config(materialized='table') }}\nselect {{ var('n') }} as n from not_there_yet",
      'models/after_bad.sql':
        "{{ config(materialized='table') }}\nselect n * 2 as n2 from {{ ref('bad') }}",
    });
    const first = await p.run('run', '--vars', 'n: 5', '--threads', '1');
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('Done. PASS=1 WARN=0 ERROR=1 SKIP=1 TOTAL=3');

    p.write({
      'models/bad.sql': "{{ config(materialized='table') }}\nselect {{ var('n') }} as n",
    });
    const retried = await p.run('retry');
    expect(retried.stderr).toBe('');
    expect(retried.code).toBe(0);
    expect(retried.stdout).toContain('Retrying 2 nodes of the last run');
    expect(retried.stdout).toContain('Running 2 nodes with 1 thread');
    expect(retried.stdout).not.toContain('model main.good');
    expect(await p.query('select n2 from after_bad')).toEqual([{ n2: 10 }]);

    const again = await p.run('retry');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to retry: the last run had no failures');
  });

  it('a flag typed now wins over the last run', async () => {
    const p = testProject({
      'models/m.sql':
        "{{ config(materialized='table') }}\nselect {{ var('n') }} as n from {{ var('from') }}",
    });
    expect((await p.run('run', '--vars', '{n: 1, from: nowhere}')).code).toBe(1);
    const r = await p.run('retry', '--vars', '{n: 7, from: "(select 1) t"}');
    expect(r.code).toBe(0);
    expect(await p.query('select n from m')).toEqual([{ n: 7 }]);
  });

  it('without an earlier run is an error saying so', async () => {
    const p = testProject({ 'models/m.sql': 'select 1 as id' });
    const r = await p.run('retry');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nothing to retry from: target/run_results.json does not exist');
  });
});
