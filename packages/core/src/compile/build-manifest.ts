import type { Dialect } from '../adapter/dialect';
import { TsmodelError, type SourceLocation } from '../diagnostics';
import { Graph } from '../graph/graph';
import type { Manifest, ManifestNode, RelationName } from '../manifest/types';
import type { LoadedProject, TargetConfig } from '../project/types';
import { mergeParsedProperties, parsePropertiesFile } from '../properties';
import { refCallKey, type RenderCapture } from '../templating/render-capture';
import type { RelationKey } from '../templating/relation-placeholder';
import type { RenderTarget, TemplateEngine } from '../templating/template-engine';
import { adHocRenderer, type AdHocRender } from './ad-hoc-render';
import { unknownConfigCallKeys } from './config-call-warnings';
import { addConsumerEdges } from './consumer-edges';
import { linkDependencies } from './link-dependencies';
import { withHookDependencies } from './hook-dependencies';
import { assembleManifest, dependencyGraph } from './assemble-manifest';
import { DependencyResolver } from './dependency-resolver';
import { DocsCatalog } from './docs-catalog';
import { patchesWithoutNode } from './patches-without-node';
import { versionFileProblems } from './model-version-checks';
import { deprecationNotices } from './deprecation-warnings';
import { checkMicrobatchModels } from './microbatch-checks';
import { checkContracts } from './contract-checks';
import { snapshotRelation } from './snapshot-relation';
import { snapshotSpec } from '../materializations/snapshot-config';
import { YamlTemplates } from './yaml-templates';
import { isEmptySql } from './empty-sql';
import { emptyModelConsumers, emptyModelWarning } from './empty-models';
import { applyConfigGovernance } from './config-governance';
import type { DiscoveredFile } from './discover';
import { overlayConfig } from './node-factory';
import { planNodes } from './node-planner';
import type { RenderJob, RenderOutcome } from './render-jobs';
import type { ParseCache } from './parse-cache';
import { findRelationClashes } from './relation-clashes';
import { RelationNamer } from './relation-naming';
import { SqlFinalizer } from './sql-finalizer';
import { jitRenderer, type RunRender } from './jit-renderer';
import { buildUnitTests } from '../unit-tests/unit-test-nodes';
import { fixtureLookups } from '../unit-tests/fixture-files';
import { checkGrants } from './grant-checks';
import { unitTestProjectConfig } from '../unit-tests/unit-test-config';
import { unitTestRenderer, type UnitTestRender } from './unit-test-renderer';
import { flatGraph, type FlatGraph } from '../manifest/flat-graph';
import { resolveExposureDependencies } from './exposure-dependencies';

export interface BuildManifestInput {
  project: LoadedProject;
  target: TargetConfig;
  engine: TemplateEngine;
  files: DiscoveredFile[];
  cache: ParseCache;
  renderRelation: (rel: RelationName) => string;
  /** The target adapter's dialect: case folding and clash rules. Absent: names as written. */
  dialect?: Dialect;
  displayPath: (absPath: string) => string;
  /** Renders cache misses, possibly on several threads; outcomes in job order. */
  renderAll: (jobs: RenderJob[]) => Promise<RenderOutcome[]>;
  /** `--empty`: refs and sources read no rows (see SqlFinalizer). */
  emptyInputs?: boolean;
}

export interface BuildManifestOutput {
  manifest: Manifest;
  graph: Graph;
  problems: TsmodelError[];
  warnings: TsmodelError[];
  /** Run-time SQL of incremental and introspective nodes; see `jitRenderer`. */
  renderForRun: RunRender;
  /** A unit test's model SQL with its fixtures in place; see `unitTestRenderer`. */
  renderUnitTest: UnitTestRender;
  /** Nodes whose parse render read `execute` or the warehouse: rendered again at run time. */
  introspective: ReadonlySet<string>;
  /** Nodes whose parse render logged (see `CompileResult.logging`). */
  logging: ReadonlySet<string>;
  /** Nodes whose parse render read `this` (see `CompileResult.selfReferencing`). */
  selfReferencing: ReadonlySet<string>;
  /** Renders hooks and inline SQL at run time; see `adHocRenderer`. */
  renderAdHoc: AdHocRender;
  /**
   * Points nodes at other relations (`--defer`: unselected parents read the state's): each
   * node's relation changes and every node's SQL is finalized again with the new names.
   */
  relocate(relations: ReadonlyMap<string, RelationName>): void;
  /** Outside inputs the templates read: env var names, and whether any read the clock. */
  reads: { envVars: string[]; volatile: boolean };
}

/**
 * Files → nodes → resolved dependencies → graph → final SQL. Every problem is collected; the
 * caller throws them together. Rendering goes through the parse cache, so only files whose
 * inputs changed are rendered.
 */
export async function buildManifest(input: BuildManifestInput): Promise<BuildManifestOutput> {
  const { project, target, engine, cache } = input;
  const root = project.root;
  const problems: TsmodelError[] = [];
  const warnings: TsmodelError[] = [];

  const docs = new DocsCatalog(input.files, input.displayPath, root.name);
  problems.push(...docs.problems);
  const yamlTemplates = new YamlTemplates(engine, docs);
  const props = mergeParsedProperties(
    input.files
      .filter((f) => f.kind === 'properties')
      .map((f) =>
        parsePropertiesFile({
          packageName: f.packageName,
          rootDir: f.resourceRoot,
          path: f.path,
          text: f.text,
          displayPath: input.displayPath(f.absPath),
          renderValue: yamlTemplates.valueRenderer(f.packageName),
        }),
      ),
  );
  problems.push(...props.problems);
  warnings.push(...props.warnings);
  // Before planning: nodes copy their patch's description.
  yamlTemplates.renderDescriptions(props.descriptions, problems);

  const nodes = new Map<string, ManifestNode>();
  const disabled: ManifestNode[] = [];
  const rendered = new Map<string, string>();
  const captures = new Map<string, RenderCapture>();
  const targets = new Map<string, RenderTarget>();

  // Nodes whose template failed still answer refs, so one error does not cascade into an
  // "unknown ref" in every model downstream of it.
  const failed: ManifestNode[] = [];
  /** Models that render to no SQL: kept, warned about, and no node may refer to them. */
  const emptyModels = new Map<string, ManifestNode>();
  const { planned, usedPatches, ...plannedProblems } = planNodes(
    project,
    input.files,
    props,
    input.displayPath,
    (template, projectName) => {
      const owner = {
        uniqueId: `project.${projectName}`,
        name: projectName,
        packageName: projectName,
        resourceType: 'project',
        file: input.displayPath(project.projects.get(projectName)!.file),
        baseConfig: {},
      };
      return engine.render(
        owner,
        template,
        { isIncremental: false, execute: false },
        `project.yml:${projectName}:${template}`,
      ).sql;
    },
  );

  problems.push(...plannedProblems.problems);
  warnings.push(...plannedProblems.warnings);

  // Render what the parse cache cannot answer, on every core.
  const outcomes = new Map<string, RenderOutcome>();
  const misses: RenderJob[] = [];
  for (const p of planned) {
    if (!p.job) continue;
    const hit = cache.get(p.job.fileId, p.job.key, p.job.target.packageName);
    if (hit) outcomes.set(p.job.fileId, hit);
    else misses.push(p.job);
  }
  const fresh = await input.renderAll(misses);
  misses.forEach((job, i) => {
    const outcome = fresh[i]!;
    outcomes.set(job.fileId, outcome);
    if (!('error' in outcome))
      cache.put(job.fileId, job.target.packageName, { key: job.key, ...outcome });
  });

  for (const p of planned) {
    const node = p.node;
    if (
      p.attached &&
      p.attached.kind !== 'source' &&
      disabled.some((d) => d.name === p.attached!.name)
    )
      continue;
    if (!node.config.enabled) {
      disabled.push(node);
      continue;
    }
    const outcome = p.job ? outcomes.get(p.job.fileId)! : undefined;
    if (outcome && 'error' in outcome) {
      failed.push(node);
      problems.push(
        p.declaredAt ? atDeclaration(outcome.error, p.declaredAt, node.unique_id) : outcome.error,
      );
      continue;
    }
    if (outcome) {
      const calls = outcome.capture.configCalls;
      node.config = overlayConfig(node.resource_type, node.config, calls);
      warnings.push(...unknownConfigCallKeys(node, calls));
    }
    node.tags = [...node.config.tags];
    if (!node.config.enabled) {
      disabled.push(node);
      continue;
    }
    const badAccess = applyConfigGovernance(node);
    if (badAccess) problems.push(badAccess);
    // An introspective model may render empty while parsing (dbt_utils.union_relations): its
    // run-time render is checked instead (jit-renderer.ts).
    const empty =
      node.resource_type === 'model' &&
      outcome !== undefined &&
      !outcome.capture.introspective &&
      isEmptySql(outcome.sql);
    const clash = nodes.get(node.unique_id);
    if (clash) {
      problems.push(
        new TsmodelError({
          code: 'duplicate-node',
          message: `two ${node.resource_type}s are named '${node.name}' in package '${node.package_name}': ${clash.original_file_path} and ${node.original_file_path}`,
          location: { file: node.original_file_path },
          node: node.unique_id,
          hint: 'rename one of the files (node names must be unique within a package)',
        }),
      );
      continue;
    }
    nodes.set(node.unique_id, node);
    if (empty) {
      emptyModels.set(node.unique_id, node);
      warnings.push(emptyModelWarning(node));
    }
    targets.set(node.unique_id, p.target);
    if (outcome) rendered.set(node.unique_id, outcome.sql);
    const capture = withHookDependencies(engine, p.target, node.config, outcome?.capture);
    if (capture) captures.set(node.unique_id, capture);
  }

  const macros = engine.macros.all();
  warnings.push(
    ...patchesWithoutNode(props.patches, usedPatches, [...nodes.values(), ...disabled], macros),
  );
  problems.push(
    ...versionFileProblems(props.patches, usedPatches, [...nodes.values(), ...disabled]),
  );

  const sources = new Map<string, ManifestNode>();
  for (const s of props.sources) {
    if (!s.config.enabled) continue;
    if (s.relation && s.relation.database === undefined && target.database)
      s.relation = { database: String(target.database), ...s.relation };
    sources.set(s.unique_id, s);
  }

  // Relations: where each model and seed is built.
  const dialect = input.dialect;
  const namer = new RelationNamer(engine, target, root.name, root.quoting, (name) =>
    dialect ? dialect.foldIdentifier(name) : name,
  );
  for (const node of nodes.values()) {
    if (!BUILT.has(node.resource_type)) continue;
    try {
      node.relation = namer.nameFor(targets.get(node.unique_id)!, node.config);
      if (node.resource_type === 'snapshot') {
        node.relation = snapshotRelation(node, node.relation);
        // dbt checks a snapshot's config at parse: a broken one fails every command, not a run.
        snapshotSpec(node.config, node.unique_id);
      }
    } catch (err) {
      if (err instanceof TsmodelError && err.location === undefined) {
        problems.push(withLocation(err, { file: node.original_file_path }));
        continue;
      }
      problems.push(err as TsmodelError);
    }
  }

  // Dependencies. A generic test's bad ref is reported where its YAML declares it.
  const declaredAt = new Map(
    planned.filter((p) => p.declaredAt).map((p) => [p.node.unique_id, p.declaredAt!]),
  );
  problems.push(
    ...findRelationClashes({
      nodes: nodes.values(),
      sources: sources.values(),
      sourceLocations: props.sourceLocations,
      declaredAt,
      dialect,
      target: {
        schema: target.schema,
        ...(target.database !== undefined ? { database: String(target.database) } : {}),
      },
    }),
  );
  const lineOffsets = new Map(
    planned.filter((p) => p.lineOffset).map((p) => [p.node.unique_id, p.lineOffset!]),
  );
  const locate = (err: TsmodelError) => {
    const at = err.node === undefined ? undefined : declaredAt.get(err.node);
    if (at) return atDeclaration(err, at, err.node!);
    const offset = err.node === undefined ? undefined : lineOffsets.get(err.node);
    return offset && err.location?.line ? shiftedLines(err, offset) : err;
  };
  const resolver = new DependencyResolver(
    [...nodes.values(), ...failed],
    sources.values(),
    disabled,
    root.name,
    [...project.projects.keys()],
  );
  const resolvedKeys = linkDependencies(
    nodes,
    captures,
    resolver,
    (err) => problems.push(locate(err)),
    (err) => warnings.push(locate(err)),
  );

  for (const err of emptyModelConsumers(nodes.values(), emptyModels)) problems.push(locate(err));

  const contracts = checkContracts({
    nodes,
    resolver,
    renderRelation: input.renderRelation,
    ...(dialect ? { dialect } : {}),
  });
  problems.push(...contracts.problems);
  warnings.push(...contracts.warnings);
  const microbatch = checkMicrobatchModels(nodes);
  problems.push(...microbatch.problems);
  warnings.push(...microbatch.warnings);
  const grants = checkGrants(nodes, dialect);
  problems.push(...grants.problems);
  warnings.push(...grants.warnings);
  addConsumerEdges(nodes, resolver, problems);
  const deprecations = deprecationNotices(nodes, new Date());
  problems.push(...deprecations.problems);
  warnings.push(...deprecations.warnings);

  const graph = dependencyGraph(nodes, sources, problems);
  const { unitTests, problems: unitTestProblems } = buildUnitTests(
    props.kept.filter((k) => k.section === 'unit_tests'),
    {
      nodes,
      disabled,
      resolveRef: (caller, ref) => resolver.resolveRef(caller, ref),
      resolveSource: (caller, source, table) => resolver.resolveSource(caller, source, table),
      fixtures: fixtureLookups(input.files, input.displayPath),
      projectConfig: (pkg, fqn) => unitTestProjectConfig(project, pkg, fqn),
    },
  );
  problems.push(...unitTestProblems);
  // A unit test is a child of its model, as in dbt: selecting the model selects its tests.
  for (const test of unitTests.values()) {
    graph.addNode(test.unique_id);
    graph.addEdge(test.depends_on.nodes[0]!, test.unique_id);
  }

  const resolveKey = (caller: ManifestNode, key: RelationKey) =>
    key.kind === 'ref'
      ? resolvedKeys.get(caller.unique_id)?.get(refCallKey(key))
      : key.kind === 'source'
        ? resolvedKeys.get(caller.unique_id)?.get(`s|${key.source}|${key.table}`)
        : caller;
  const finalizer = new SqlFinalizer(
    nodes,
    rendered,
    resolveKey,
    input.renderRelation,
    input.emptyInputs === true,
    input.dialect?.capabilities.subqueryNeedsAlias ?? true,
  );
  // Statements templates send (`alter table {{ ref('x') }} …`) act on the relations
  // themselves: `--empty` limits only what nodes select.
  const statementFinalizer = input.emptyInputs
    ? new SqlFinalizer(nodes, rendered, resolveKey, input.renderRelation)
    : finalizer;
  if (problems.length === 0) {
    for (const node of nodes.values())
      if (rendered.has(node.unique_id)) node.compiled_code = finalizer.finalize(node);
  }

  problems.push(
    ...resolveExposureDependencies(
      props.kept.filter((k) => k.section === 'exposures'),
      resolver,
    ),
  );
  const manifest = assembleManifest({
    rootProject: root.name,
    adapterType: target.type,
    nodes,
    sources,
    graph,
    macros,
    macroPatches: props.patches,
    docs: docs.entries,
    kept: props.kept.filter((k) => k.section !== 'unit_tests'),
    unitTests,
  });

  let graphOfRun: FlatGraph | undefined;
  engine.provideGraph(() => (graphOfRun ??= flatGraph(manifest, input.renderRelation)));
  const renderForRun = jitRenderer({
    engine,
    nodes,
    targets,
    resolver,
    finalizer,
    statementFinalizer,
  });
  const renderUnitTest = unitTestRenderer({
    engine,
    nodes,
    targets,
    resolver,
    finalizer,
    statementFinalizer,
    renderRelation: input.renderRelation,
  });
  const introspective = new Set<string>();
  for (const [id, c] of captures) if (c.introspective) introspective.add(id);
  const logging = new Set<string>();
  for (const [id, c] of captures) if (c.logs.length > 0) logging.add(id);
  const selfReferencing = new Set<string>();
  for (const [id, c] of captures) if (c.usedThis) selfReferencing.add(id);

  const finalizers = new Set([finalizer, statementFinalizer]);
  const renderAdHoc = adHocRenderer({
    engine,
    rootProject: root.name,
    nodes,
    renderedSql: rendered,
    targets,
    resolver,
    renderRelation: input.renderRelation,
    onFinalizer: (f) => finalizers.add(f),
  });
  const relocate = (relations: ReadonlyMap<string, RelationName>) => {
    for (const [id, relation] of relations) {
      const node = nodes.get(id);
      if (node) node.relation = relation;
    }
    for (const f of finalizers) f.forgetRelations();
    graphOfRun = undefined;
    for (const node of nodes.values())
      if (rendered.has(node.unique_id)) node.compiled_code = finalizer.finalize(node);
  };
  const envVars = new Set<string>();
  let volatile = false;
  for (const c of [...captures.values(), ...yamlTemplates.captures]) {
    for (const name of Object.keys(c.envVars)) envVars.add(name);
    volatile ||= c.volatile;
  }
  return {
    manifest,
    graph,
    problems,
    warnings,
    renderForRun,
    renderUnitTest,
    introspective,
    logging,
    selfReferencing,
    renderAdHoc,
    relocate,
    reads: { envVars: [...envVars].sort(), volatile },
  };
}

function withLocation(err: TsmodelError, location: SourceLocation): TsmodelError {
  return new TsmodelError({
    code: err.code,
    message: err.message,
    ...(err.hint !== undefined ? { hint: err.hint } : {}),
    ...(err.node !== undefined ? { node: err.node } : {}),
    location,
    kind: err.kind,
  });
}

/** An error located in a snapshot block's body, moved to the block's lines in its file. */
function shiftedLines(err: TsmodelError, offset: number): TsmodelError {
  return new TsmodelError({
    code: err.code,
    message: err.message,
    hint: err.hint,
    node: err.node,
    location: { ...err.location!, line: err.location!.line! + offset },
    excerpt: err.excerpt,
    kind: err.kind,
  });
}

/** Resource types that build a relation of their own (analyses and tests do not). */
const BUILT = new Set(['model', 'seed', 'snapshot']);

/**
 * A generic test's (or YAML snapshot's) template is generated from YAML, so a problem rendering
 * it is reported at the YAML entry that declared it, not at a line of the generated call.
 */
function atDeclaration(err: TsmodelError, at: SourceLocation, uniqueId: string): TsmodelError {
  const [type, , name] = uniqueId.split('.');
  return new TsmodelError({
    code: err.code,
    message: `${type} '${name}': ${err.message}`,
    hint: err.hint,
    node: err.node,
    location: at,
    kind: err.kind,
  });
}
