import { describe, expect, it } from 'vitest';
import { injectCtes } from './sql-finalizer';

const CTE = ['__dbt__cte__e as (\nselect 1 as id\n)'];

describe('injectCtes', () => {
  it('joins the leading with of the model, after whitespace and comments', () => {
    expect(injectCtes('\n\nwith x as (select 1)\nselect * from x', CTE)).toBe(
      '\n\nwith __dbt__cte__e as (\nselect 1 as id\n),\nx as (select 1)\nselect * from x',
    );
    expect(injectCtes('-- a\n/* b\n */  WITH RECURSIVE r(n) as (select 1) select 1', CTE)).toBe(
      '-- a\n/* b\n */  WITH RECURSIVE __dbt__cte__e as (\nselect 1 as id\n),\nr(n) as (select 1) select 1',
    );
  });

  it('opens a with where the model has none, keeping its leading comments first', () => {
    expect(injectCtes('\n-- c\nselect * from __dbt__cte__e', CTE)).toBe(
      '\n-- c\nwith __dbt__cte__e as (\nselect 1 as id\n)\nselect * from __dbt__cte__e',
    );
    expect(injectCtes('select 1 as with_x', CTE)).toBe(
      'with __dbt__cte__e as (\nselect 1 as id\n)\nselect 1 as with_x',
    );
    expect(injectCtes('withdrawals', CTE)).toBe(
      'with __dbt__cte__e as (\nselect 1 as id\n)\nwithdrawals',
    );
  });
});
