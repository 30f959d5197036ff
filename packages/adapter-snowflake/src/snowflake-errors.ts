import type { SnowflakeError } from 'snowflake-sdk';

/** Snowflake's error code for a statement cancelled by the client or `SYSTEM$CANCEL_QUERY`. */
const CANCELLED = 604;

/**
 * The driver's error as the user should read it: Snowflake's message with its error code and
 * SQL state (what its docs and support index by), the query id when the server ran the
 * statement, and a plain sentence for a cancelled one.
 */
export function describeSnowflakeError(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  const e = error as SnowflakeError & { data?: { queryId?: string } };
  const code = e.code !== undefined ? Number(e.code) : undefined;
  const details = [
    code !== undefined ? `code ${code}` : undefined,
    e.sqlState ? `SQL state ${e.sqlState}` : undefined,
    e.data?.queryId ? `query id ${e.data.queryId}` : undefined,
  ].filter((d) => d !== undefined);
  const message = code === CANCELLED ? `statement cancelled (${e.message})` : e.message;
  return new Error(details.length > 0 ? `${message} [${details.join(', ')}]` : message, {
    cause: error,
  });
}
