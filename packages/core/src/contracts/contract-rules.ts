/** dbt's constraint types (`constraints: [{ type: … }]`). */
export const CONSTRAINT_TYPES = [
  'not_null',
  'unique',
  'primary_key',
  'foreign_key',
  'check',
  'custom',
] as const;
export type ConstraintType = (typeof CONSTRAINT_TYPES)[number];

/**
 * How an engine treats a constraint, as dbt's `CONSTRAINT_SUPPORT`: `enforced` constraints are
 * created and checked; `not_enforced` ones are created but the engine does not check them
 * (Snowflake's primary keys); `not_supported` ones cannot be created at all and are left out.
 */
export type ConstraintSupport = 'enforced' | 'not_enforced' | 'not_supported';

/**
 * An engine's rules for model contracts. Pure data and functions, so the checks are decided
 * without a connection and golden-tested per engine.
 */
export interface ContractRules {
  readonly constraintSupport: Readonly<Record<ConstraintType, ConstraintSupport>>;
  /**
   * The type a contract's `data_type` means on this engine, as dbt's `Column.translate_type`
   * (`string` → `text` on PostgreSQL); the DDL declares this spelling.
   */
  translateType(dataType: string): string;
  /**
   * A type's family, for comparing a contract with what the SQL returns: the engine's aliases
   * folded together (`int`, `int4` and `integer` are one type on PostgreSQL) and size,
   * precision and scale ignored, as dbt compares them (`varchar(10)` matches `varchar`).
   */
  typeFamily(dataType: string): string;
}

/** Rules from an alias table (`alias → family`) and dbt's type labels (`STRING → TEXT`). */
export function aliasRules(init: {
  support: Record<ConstraintType, ConstraintSupport>;
  aliases: Record<string, string>;
  labels?: Record<string, string>;
}): ContractRules {
  const labels = init.labels ?? {};
  return {
    constraintSupport: init.support,
    translateType: (dataType) => labels[dataType.trim().toUpperCase()] ?? dataType.trim(),
    typeFamily: (dataType) => {
      const base = dataType
        .trim()
        .toLowerCase()
        .replace(/\s*\([^)]*\)/g, '')
        .replace(/\s+/g, ' ');
      const array = /(\[\])+$/.exec(base)?.[0] ?? '';
      const bare = array ? base.slice(0, -array.length).trim() : base;
      return `${init.aliases[bare] ?? bare}${array}`;
    },
  };
}

const ALL_ENFORCED: Record<ConstraintType, ConstraintSupport> = {
  not_null: 'enforced',
  unique: 'enforced',
  primary_key: 'enforced',
  foreign_key: 'enforced',
  check: 'enforced',
  custom: 'enforced',
};

/** PostgreSQL: every constraint is enforced. */
export const postgresContractRules = aliasRules({
  support: ALL_ENFORCED,
  labels: { STRING: 'text' },
  aliases: {
    int: 'int4',
    integer: 'int4',
    int4: 'int4',
    serial: 'int4',
    smallint: 'int2',
    int2: 'int2',
    bigint: 'int8',
    int8: 'int8',
    bigserial: 'int8',
    decimal: 'numeric',
    numeric: 'numeric',
    real: 'float4',
    float4: 'float4',
    float: 'float8',
    'double precision': 'float8',
    float8: 'float8',
    'character varying': 'varchar',
    varchar: 'varchar',
    character: 'bpchar',
    char: 'bpchar',
    bpchar: 'bpchar',
    text: 'text',
    boolean: 'bool',
    bool: 'bool',
    timestamp: 'timestamp',
    'timestamp without time zone': 'timestamp',
    timestamptz: 'timestamptz',
    'timestamp with time zone': 'timestamptz',
    time: 'time',
    'time without time zone': 'time',
    timetz: 'timetz',
    'time with time zone': 'timetz',
  },
});

/**
 * Redshift: only `not null` is enforced; unique, primary and foreign keys are created as
 * planner hints; check constraints cannot be created (dbt-redshift's rules). `text` is
 * Redshift's `varchar(256)`.
 */
export const redshiftContractRules = aliasRules({
  support: {
    not_null: 'enforced',
    unique: 'not_enforced',
    primary_key: 'not_enforced',
    foreign_key: 'not_enforced',
    check: 'not_supported',
    custom: 'enforced',
  },
  labels: { STRING: 'varchar' },
  aliases: {
    int: 'int4',
    integer: 'int4',
    int4: 'int4',
    smallint: 'int2',
    int2: 'int2',
    bigint: 'int8',
    int8: 'int8',
    decimal: 'numeric',
    numeric: 'numeric',
    real: 'float4',
    float4: 'float4',
    float: 'float8',
    'double precision': 'float8',
    float8: 'float8',
    'character varying': 'varchar',
    varchar: 'varchar',
    text: 'varchar',
    nvarchar: 'varchar',
    character: 'bpchar',
    char: 'bpchar',
    nchar: 'bpchar',
    bpchar: 'bpchar',
    boolean: 'bool',
    bool: 'bool',
    timestamp: 'timestamp',
    'timestamp without time zone': 'timestamp',
    timestamptz: 'timestamptz',
    'timestamp with time zone': 'timestamptz',
  },
});

/** DuckDB enforces every constraint; its types have many aliases (`string`, `text` = `varchar`). */
export const duckdbContractRules = aliasRules({
  support: ALL_ENFORCED,
  aliases: {
    int: 'integer',
    int4: 'integer',
    int32: 'integer',
    signed: 'integer',
    integer: 'integer',
    bigint: 'bigint',
    int8: 'bigint',
    int64: 'bigint',
    long: 'bigint',
    smallint: 'smallint',
    int2: 'smallint',
    int16: 'smallint',
    short: 'smallint',
    tinyint: 'tinyint',
    int1: 'tinyint',
    double: 'double',
    float8: 'double',
    'double precision': 'double',
    real: 'float',
    float4: 'float',
    float: 'float',
    decimal: 'decimal',
    numeric: 'decimal',
    varchar: 'varchar',
    text: 'varchar',
    string: 'varchar',
    char: 'varchar',
    bpchar: 'varchar',
    nvarchar: 'varchar',
    boolean: 'boolean',
    bool: 'boolean',
    logical: 'boolean',
    timestamp: 'timestamp',
    datetime: 'timestamp',
    'timestamp without time zone': 'timestamp',
    timestamptz: 'timestamp with time zone',
    'timestamp with time zone': 'timestamp with time zone',
    blob: 'blob',
    bytea: 'blob',
    binary: 'blob',
    varbinary: 'blob',
  },
});
