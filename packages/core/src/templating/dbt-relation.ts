import { splitKeywords } from './py-args';
import { PY_MAPPING, isDict } from './py-values';
import { MARK, keyDisplay } from './relation-placeholder';

/** The parts of a relation's name as dbt's `Relation.path` holds them (None = absent). */
export interface RelationPath {
  database: string | null;
  schema: string | null;
  identifier: string | null;
}

/** Which parts print (`include_policy`) or are quoted (`quote_policy`). */
export type PartPolicy = Record<keyof RelationPath, boolean>;

/** How the adapter prints names: its quote character and dbt's class name for its Relation. */
export interface RelationStyle {
  quoteCharacter: string;
  /** e.g. `PostgresRelation`; `metadata.type` answers it (dbt_utils checks it ends with `Relation`). */
  className: string;
}

/**
 * dbt's Relation as templates see it: `ref()`, `source()`, `this`, `api.Relation.create` and
 * `adapter.get_relation` return one. It has dbt's attribute names and methods, is a Mapping
 * (packages test `obj is mapping and obj.get('metadata')…`), and prints as its quoted name.
 *
 * A relation of the project graph carries its marker `key`: while parsing its name is not yet
 * known (the node's own config decides it), so it prints as a marker the compiler resolves
 * later, and `.schema`/`.identifier` print as part markers. At run time (just-in-time renders)
 * the same relation also carries its resolved path, so template logic can compare and
 * introspect it; it still prints as the marker, which the finalizer turns into the final name
 * (or into the `__dbt__cte__` name of an ephemeral model).
 */
export class DbtRelation {
  readonly [PY_MAPPING] = true;

  constructor(
    private readonly style: RelationStyle,
    /** Resolved name parts; null parts are absent. Undefined while parsing a graph relation. */
    readonly path: RelationPath | undefined,
    /** dbt's `type`: table, view, cte, materialized_view — or null when unknown. */
    readonly type: string | null,
    /** The graph marker key, for relations of the project graph. */
    readonly key?: string,
    readonly include_policy: PartPolicy = { database: true, schema: true, identifier: true },
    readonly quote_policy: PartPolicy = { database: true, schema: true, identifier: true },
  ) {}

  get database(): string | null {
    return this.part('database');
  }
  get schema(): string | null {
    return this.part('schema');
  }
  get identifier(): string | null {
    return this.part('identifier');
  }
  get name(): string | null {
    return this.part('identifier');
  }
  get table(): string | null {
    return this.part('identifier');
  }
  get is_table(): boolean {
    return this.type === 'table';
  }
  get is_view(): boolean {
    return this.type === 'view';
  }
  get is_cte(): boolean {
    return this.type === 'cte';
  }
  get is_materialized_view(): boolean {
    return this.type === 'materialized_view';
  }
  get quote_character(): string {
    return this.style.quoteCharacter;
  }
  get metadata(): Record<string, string> {
    return { type: this.style.className };
  }

  render(): string {
    if (this.key !== undefined && this.fullyIncluded()) return `${MARK}${this.key}${MARK}`;
    const parts = (['database', 'schema', 'identifier'] as const)
      .filter((p) => this.include_policy[p])
      .map((p) => [p, this.part(p)] as const)
      .filter((pair): pair is readonly [keyof RelationPath, string] => !!pair[1]);
    return parts
      .map(([p, v]) => (this.quote_policy[p] && !v.includes(MARK) ? this.quoted(v) : v))
      .join('.');
  }

  toString(): string {
    return this.render();
  }

  /** Relations key dicts (`{relation: columns}` in dbt_utils.unpivot) by their name and type. */
  __hash__(): string {
    return `${this.render()}\u0000${this.type ?? ''}`;
  }

  /** dbt's `include(database=…, schema=…, identifier=…)`: which parts print. */
  include(...args: unknown[]): DbtRelation {
    return this.with({ include_policy: { ...this.include_policy, ...policyArgs(args) } });
  }

  /** dbt's `quote(database=…, …)`: which parts are quoted. */
  quote(...args: unknown[]): DbtRelation {
    return this.with({ quote_policy: { ...this.quote_policy, ...policyArgs(args) } });
  }

  without_identifier(): DbtRelation {
    return this.with({ include_policy: { ...this.include_policy, identifier: false } });
  }

  /** dbt's `incorporate(path={…}, type=…)`: a copy with parts or type replaced. */
  incorporate(...args: unknown[]): DbtRelation {
    const { keywords: kwargs } = splitKeywords(args);
    const path = isDict(kwargs.path) ? (kwargs.path as Partial<RelationPath>) : {};
    return this.with({
      path: { ...this.requirePath(), ...path },
      type: kwargs.type === undefined ? this.type : (kwargs.type as string | null),
      dropKey: Object.keys(path).length > 0,
    });
  }

  /**
   * dbt's `information_schema(view_name)`: the information schema of this relation's database,
   * printed as dbt prints it — `"db".INFORMATION_SCHEMA.columns`, the database quoted as this
   * relation's, the rest bare (packages read `relation.information_schema('columns')`).
   */
  information_schema(...args: unknown[]): DbtRelation {
    const { positional, keywords } = splitKeywords(args);
    const view = keywords.view_name ?? positional[0];
    const database = this.database;
    return new DbtRelation(
      this.style,
      {
        database,
        schema: 'INFORMATION_SCHEMA',
        identifier: view === undefined || view === null ? null : String(view),
      },
      null,
      undefined,
      { database: database !== null, schema: true, identifier: true },
      { database: this.quote_policy.database, schema: false, identifier: false },
    );
  }

  /** dbt's `replace_path(identifier=…)`. */
  replace_path(...args: unknown[]): DbtRelation {
    const { keywords: kwargs } = splitKeywords(args);
    return this.with({ path: { ...this.requirePath(), ...kwargs }, dropKey: true });
  }

  /** Mapping access to dbt's serialized relation (`path`, `type`, `metadata`, policies). */
  get(key: unknown, fallback: unknown = null): unknown {
    const dict = this.asDict();
    return Object.prototype.hasOwnProperty.call(dict, String(key)) ? dict[String(key)] : fallback;
  }
  keys(): string[] {
    return Object.keys(this.asDict());
  }
  items(): unknown[][] {
    return Object.entries(this.asDict());
  }

  private asDict(): Record<string, unknown> {
    return {
      path: { database: this.database, schema: this.schema, identifier: this.identifier },
      type: this.type,
      quote_policy: { ...this.quote_policy },
      include_policy: { ...this.include_policy },
      quote_character: this.style.quoteCharacter,
      metadata: this.metadata,
    };
  }

  private part(p: keyof RelationPath): string | null {
    if (this.path) return this.path[p];
    return this.key === undefined ? null : `${MARK}${this.key}#${p}${MARK}`;
  }

  private requirePath(): RelationPath {
    if (this.path) return this.path;
    throw new Error(
      `${keyDisplay(this.key ?? '')} cannot be changed while parsing: its name is known when the project has been read (guard the code with {% if execute %})`,
    );
  }

  private fullyIncluded(): boolean {
    const p = this.include_policy;
    return p.database && p.schema && p.identifier;
  }

  private quoted(part: string): string {
    const q = this.style.quoteCharacter;
    return `${q}${part.replaceAll(q, q + q)}${q}`;
  }

  private with(change: {
    path?: RelationPath;
    type?: string | null;
    include_policy?: PartPolicy;
    quote_policy?: PartPolicy;
    dropKey?: boolean;
  }): DbtRelation {
    return new DbtRelation(
      this.style,
      change.path ?? this.path,
      change.type === undefined ? this.type : change.type,
      change.dropKey ? undefined : this.key,
      change.include_policy ?? this.include_policy,
      change.quote_policy ?? this.quote_policy,
    );
  }
}

function policyArgs(args: unknown[]): Partial<PartPolicy> {
  const { positional, keywords: kwargs } = splitKeywords(args);
  const names = ['database', 'schema', 'identifier'] as const;
  const out: Partial<PartPolicy> = {};
  names.forEach((n, i) => {
    const v = kwargs[n] ?? positional[i];
    if (v !== undefined && v !== null) out[n] = Boolean(v);
  });
  return out;
}

/** `api.Relation`: dbt's class methods for relations built by hand. */
export function relationApi(style: RelationStyle): Record<string, unknown> {
  return {
    create: (...args: unknown[]) => {
      const { positional, keywords: kwargs } = splitKeywords(args);
      const arg = (name: string, i: number) => {
        const v = kwargs[name] ?? positional[i];
        return v === undefined || v === null || v === '' ? null : String(v);
      };
      return new DbtRelation(
        style,
        {
          database: arg('database', 0),
          schema: arg('schema', 1),
          identifier: arg('identifier', 2),
        },
        arg('type', 3),
      );
    },
  };
}
