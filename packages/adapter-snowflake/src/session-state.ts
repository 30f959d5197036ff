import type { NodeConfig } from '@tsmodel/core';
import type { SnowflakeProfile } from './profile';
import type { SnowflakeDialect } from './snowflake-dialect';

/** What a Snowflake session has been told that a node may change. */
export interface SessionState {
  queryTag?: string;
  warehouse?: string;
}

/**
 * The statements that give a session the state `config` asks for (a node's `query_tag` and
 * `snowflake_warehouse`, falling back to the profile's), and the state after them. Only what
 * differs is sent, and a node without a tag after one with a tag goes back to the profile's,
 * so one model's tag never labels the next model's queries.
 */
export function nodeSessionStatements(
  current: SessionState,
  config: NodeConfig,
  profile: Pick<SnowflakeProfile, 'queryTag' | 'warehouse'>,
  dialect: SnowflakeDialect,
): { statements: string[]; state: SessionState } {
  const queryTag = typeof config.query_tag === 'string' ? config.query_tag : profile.queryTag;
  const warehouse =
    typeof config.snowflake_warehouse === 'string' ? config.snowflake_warehouse : profile.warehouse;
  const statements: string[] = [];
  if (queryTag !== current.queryTag)
    statements.push(
      queryTag === undefined
        ? 'alter session unset query_tag'
        : `alter session set query_tag = ${dialect.quoteString(queryTag)}`,
    );
  if (warehouse !== undefined && warehouse !== current.warehouse)
    statements.push(`use warehouse ${dialect.quoteIdentifier(warehouse)}`);
  return {
    statements,
    state: {
      ...(queryTag !== undefined ? { queryTag } : {}),
      ...(warehouse !== undefined ? { warehouse } : {}),
    },
  };
}
