import { aliasRules } from '@tsmodel/core/adapter';

/**
 * Snowflake's contract rules (dbt-snowflake's): `not null` is enforced; unique, primary and
 * foreign keys are created but not enforced; check constraints cannot be created. Types are
 * compared by the family Snowflake reports for a result column (`fixed`, `real`, `text`, …),
 * so `number(38,0)`, `int` and `decimal` are one type, as they are to Snowflake.
 */
export const snowflakeContractRules = aliasRules({
  support: {
    not_null: 'enforced',
    unique: 'not_enforced',
    primary_key: 'not_enforced',
    foreign_key: 'not_enforced',
    check: 'not_supported',
    custom: 'enforced',
  },
  aliases: {
    number: 'fixed',
    decimal: 'fixed',
    numeric: 'fixed',
    int: 'fixed',
    integer: 'fixed',
    bigint: 'fixed',
    smallint: 'fixed',
    tinyint: 'fixed',
    byteint: 'fixed',
    fixed: 'fixed',
    float: 'real',
    float4: 'real',
    float8: 'real',
    double: 'real',
    'double precision': 'real',
    real: 'real',
    varchar: 'text',
    char: 'text',
    character: 'text',
    string: 'text',
    text: 'text',
    boolean: 'boolean',
    datetime: 'timestamp_ntz',
    timestamp: 'timestamp_ntz',
    timestamp_ntz: 'timestamp_ntz',
    timestamp_ltz: 'timestamp_ltz',
    timestamp_tz: 'timestamp_tz',
    binary: 'binary',
    varbinary: 'binary',
  },
});
