import type { NodeConfig, QuotingPolicy, RelationName } from '../manifest/types';
import type { TargetConfig } from '../project/types';
import type { TemplateEngine, RenderTarget } from '../templating/template-engine';
import { INTERNAL_PACKAGE } from '../templating/macro-registry';

/**
 * Where a model or seed is built: dbt's `generate_schema_name` / `generate_alias_name` /
 * `generate_database_name` rules, overridable by a root-project macro of the same name or by a
 * `dispatch:` search order for the `dbt` namespace. The defaults are plain TS (the same rules as
 * the dbt package's macros) so projects without overrides pay no template call per node.
 */
export class RelationNamer {
  constructor(
    private readonly engine: TemplateEngine,
    private readonly target: TargetConfig,
    private readonly rootProject: string,
    /** The root project file's `quoting:` and the engine's case folding for unquoted names. */
    private readonly quoting: QuotingPolicy = {},
    private readonly fold: (name: string) => string = (name) => name,
  ) {
    this.dbtDispatched = engine.options.dispatch.some(
      (d) => d.macro_namespace === INTERNAL_PACKAGE,
    );
  }

  /** A project that orders the `dbt` namespace may override `default__generate_schema_name`. */
  private readonly dbtDispatched: boolean;

  nameFor(node: RenderTarget, config: NodeConfig): RelationName {
    const schema = this.generate('generate_schema_name', node, config.schema, () =>
      config.schema ? `${this.target.schema}_${String(config.schema).trim()}` : this.target.schema,
    );
    const identifier = this.generate('generate_alias_name', node, config.alias, () =>
      config.alias ? String(config.alias).trim() : defaultAlias(node),
    );
    const database = this.generate('generate_database_name', node, config.database, () =>
      config.database
        ? String(config.database).trim()
        : ((this.target.database as string | undefined) ?? ''),
    );
    const q = this.quoting;
    const part = (value: string, quoted: boolean | undefined) =>
      quoted === false ? this.fold(value) : value;
    const rel: RelationName = {
      ...(database ? { database: part(database, q.database) } : {}),
      schema: part(schema, q.schema),
      identifier: part(identifier, q.identifier),
    };
    if (q.database === false || q.schema === false || q.identifier === false) {
      rel.quoting = { ...q };
    }
    return rel;
  }

  private generate(
    macro: string,
    node: RenderTarget,
    custom: unknown,
    fallback: () => string,
  ): string {
    const override =
      this.engine.macros.get(this.rootProject, macro) ??
      (this.dbtDispatched ? this.engine.macros.get(INTERNAL_PACKAGE, macro) : undefined);
    if (!override) return fallback();
    const nodeView = {
      name: node.name,
      unique_id: node.uniqueId,
      package_name: node.packageName,
      resource_type: node.resourceType,
      config: node.baseConfig,
      ...(node.version !== undefined ? { version: node.version } : {}),
    };
    const out = this.engine.callMacro(node, override.fn, [custom ?? null, nodeView]);
    return String(out).trim();
  }
}

/** dbt's default alias: the name, and for a model version `<name>_v<v>` (dots as `_`). */
function defaultAlias(node: RenderTarget): string {
  return node.version === undefined
    ? node.name
    : `${node.name}_v${String(node.version).replace(/\./g, '_')}`;
}
