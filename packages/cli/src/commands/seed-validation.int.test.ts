/**
 * `tsmodel seed` with a seed file that does not parse: the run fails naming the file and line,
 * and the table loaded from the previous good file keeps its rows.
 */
import { describe, expect, it } from 'vitest';
import { testProject } from './run-fixtures';

const GOOD = 'id,name\n1,a\n2,b\n3,c\n';

describe('tsmodel seed: malformed files', () => {
  it.each([
    [
      'a row with more fields than the header',
      'id,name\n1,a\n2,b\n4,5,6,7\n',
      'seeds/people.csv line 4',
    ],
    ['a row with fewer fields', 'id,name\n1,a\n2\n3,c\n', 'seeds/people.csv line 3'],
    ['an unterminated quote', 'id,name\n1,a\n2,"b\n3,c\n', 'seeds/people.csv line 3'],
    ['a duplicate column', 'id,Name,name\n1,a,b\n', 'seeds/people.csv line 1'],
  ])('%s: exit 1 with file:line, the previous table kept', async (_case, bad, where) => {
    const p = testProject({ 'seeds/people.csv': GOOD });
    expect((await p.run('seed')).code).toBe(0);
    p.write({ 'seeds/people.csv': bad });
    const again = await p.run('seed');
    expect(again.code).toBe(1);
    expect(again.stdout + again.stderr).toContain(where);
    expect(await p.query('select * from people order by id')).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
      { id: 3, name: 'c' },
    ]);
  });
});
