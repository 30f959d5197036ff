import { describe, expect, it } from 'vitest';
import type { Connection, FetchResult } from '../adapter/connection';
import { PostgresDialect } from '../adapter/dialects/postgres';
import type { Introspector } from '../adapter/introspector';
import { renderJustInTime } from './jit-render';
import { RunCatalog } from './run-catalog';
import type { RenderWarehouse } from '../templating/render-warehouse';

/** A session that answers `select n` with n and records every statement it is sent. */
function recordingSession(sent: string[]): Connection {
  const fetch = async (sql: string): Promise<FetchResult> => {
    sent.push(sql);
    const n = /select (\d+)/.exec(sql)?.[1];
    return { columns: [{ name: 'n' }], rows: n ? [[Number(n)]] : [], message: 'OK' };
  };
  const runner = { execute: async () => ({}), query: async () => [], fetch };
  return {
    ...runner,
    transaction: (fn) => fn(runner),
    cancel: async () => undefined,
    close: async () => undefined,
  } as Connection;
}

function countingIntrospector(calls: string[]): Introspector {
  return {
    listRelations: async (_db, schema) => {
      calls.push(`list ${schema}`);
      return [{ name: 'orders', kind: 'table' }];
    },
    getColumns: async (rel) => {
      calls.push(`columns ${rel.identifier}`);
      return [{ name: 'id', dataType: 'integer' }];
    },
    describeSchema: async (_db, schema) => {
      calls.push(`describe ${schema}`);
      return [
        {
          database: 'db',
          schema,
          name: 'orders',
          kind: 'table',
          type: 'BASE TABLE',
          owner: null,
          comment: null,
          columns: [{ name: 'id', dataType: 'integer', index: 1, comment: null }],
        },
      ];
    },
  } as Introspector;
}

describe('renderJustInTime', () => {
  it('replays the render with recorded answers: each statement runs once, in order', async () => {
    const sent: string[] = [];
    const catalog = new RunCatalog({
      dialect: new PostgresDialect(),
      introspector: () => countingIntrospector([]),
    });
    let attempts = 0;
    const out = await renderJustInTime(
      (w: RenderWarehouse) => {
        attempts++;
        const a = w.ask({ op: 'execute', sql: 'select 1', fetch: true }).rows[0]![0];
        w.ask({ op: 'execute', sql: 'insert into t values (1)', fetch: false });
        const b = w.ask({ op: 'execute', sql: 'select 2', fetch: true }).rows[0]![0];
        return `${String(a)}+${String(b)}`;
      },
      recordingSession(sent),
      catalog,
      'model.shop.m',
    );
    expect(out).toBe('1+2');
    expect(sent).toEqual(['select 1', 'insert into t values (1)', 'select 2']);
    expect(attempts).toBe(4);
  });

  it('answers catalog questions once per schema for the whole run', async () => {
    const calls: string[] = [];
    const catalog = new RunCatalog({
      dialect: new PostgresDialect(),
      introspector: () => countingIntrospector(calls),
    });
    const path = { database: null, schema: 's', identifier: 'orders' };
    const render = (w: RenderWarehouse) =>
      String(w.ask({ op: 'columns', relation: path }).map((c) => c.name));
    const conn = recordingSession([]);
    expect(await renderJustInTime(render, conn, catalog, 'model.shop.a')).toBe('id');
    expect(await renderJustInTime(render, conn, catalog, 'model.shop.b')).toBe('id');
    expect(calls).toEqual(['describe s']);
    // A node rebuilt `orders`: only its columns are read again.
    catalog.changed({ schema: 's', identifier: 'orders' });
    expect(await renderJustInTime(render, conn, catalog, 'model.shop.c')).toBe('id');
    expect(calls).toEqual(['describe s', 'columns orders']);
  });

  it('a relation rebuilt while its schema is being read is read again, not taken from that read', async () => {
    const calls: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const base = countingIntrospector(calls);
    const slow: Introspector = {
      ...base,
      describeSchema: async (db, schema) => {
        const out = await base.describeSchema(db, schema);
        await gate;
        return out;
      },
    };
    const catalog = new RunCatalog({ dialect: new PostgresDialect(), introspector: () => slow });
    const conn = recordingSession([]);
    const path = { database: null, schema: 's', identifier: 'orders' };
    const render = (w: RenderWarehouse) =>
      String(w.ask({ op: 'columns', relation: path }).map((c) => c.name));
    const first = renderJustInTime(render, conn, catalog, 'model.shop.a');
    await new Promise((r) => setTimeout(r, 0));
    catalog.changed({ schema: 's', identifier: 'orders' });
    release();
    expect(await first).toBe('id');
    expect(calls).toEqual(['describe s', 'columns orders']);
  });

  it('a render that asks differently on replay is an error, not a wrong answer', async () => {
    let n = 0;
    const catalog = new RunCatalog({
      dialect: new PostgresDialect(),
      introspector: () => countingIntrospector([]),
    });
    await expect(
      renderJustInTime(
        (w) => {
          w.ask({ op: 'execute', sql: `select ${++n}`, fetch: true });
          w.ask({ op: 'execute', sql: 'select 9', fetch: true });
          return '';
        },
        recordingSession([]),
        catalog,
        'model.shop.m',
      ),
    ).rejects.toThrow(/asked the warehouse different things/);
  });
});
