import { describe, expect, it } from 'vitest';
import type { Connection } from '../adapter/connection';
import { duckdbDialect } from '../adapter/dialects/duckdb';
import type { Introspector } from '../adapter/introspector';
import { dropInterruptedStaging } from './cancel-cleanup';

describe('dropInterruptedStaging', () => {
  it("drops a cancelled model's staging, its microbatch batches' too, and nothing else", async () => {
    const sent: string[] = [];
    const conn = {
      execute: async (sql: string) => {
        sent.push(sql);
        return { rowsAffected: 0 };
      },
    } as unknown as Connection;
    const names = [
      'daily',
      'daily__tsmodel_tmp',
      'daily__20240102__tsmodel_tmp',
      'daily__20240103__tsmodel_tmp',
      'weekly__tsmodel_tmp',
    ];
    const introspector = {
      listRelations: async () => names.map((name) => ({ name, kind: 'table' as const })),
    } as unknown as Introspector;
    const dropped = await dropInterruptedStaging(conn, introspector, duckdbDialect, [
      { database: 'shop', schema: 'main', identifier: 'daily' },
    ]);
    expect(dropped).toEqual([
      'main.daily__tsmodel_tmp',
      'main.daily__20240102__tsmodel_tmp',
      'main.daily__20240103__tsmodel_tmp',
    ]);
    expect(sent).toHaveLength(3);
  });
});
