import { randomUUID } from 'node:crypto';
import type { TemplatingDialect } from '../adapter/dialect';
import type { TsmodelError } from '../diagnostics';
import type { LoadedProject, ResolvedProfile, TargetConfig } from '../project/types';
import { VarResolver } from '../project/var-resolver';
import { TemplateEngine } from '../templating/template-engine';
import type { DiscoveredFile } from './discover';
import { internalMacroFiles } from './internal-macros';
import { publicTarget } from '../secrets';

/** What makes two engines render identically: the main thread's and each render worker's. */
export interface EngineSettings {
  env: Record<string, string | undefined>;
  invocationId?: string;
  runStartedAt?: Date;
  /** Quoting and dispatch order of the target's adapter (plain data: workers get it too). */
  dialect: TemplatingDialect;
}

export interface EngineSetup {
  engine: TemplateEngine;
  vars: VarResolver;
  macroProblems: TsmodelError[];
}

/**
 * The target as dbt's templates see it: dbt-postgres and dbt-redshift read `dbname` into
 * `target.database`, which packages use (`{{ target.database }}.information_schema.tables`).
 */
function withDbtAliases(target: TargetConfig): TargetConfig {
  if (target.database !== undefined || target.dbname === undefined) return target;
  return { ...target, database: String(target.dbname) };
}

/**
 * Builds the template engine for a loaded project and registers every macro (tsmodel's own,
 * then each package's). Shared by `compileProject` and the render workers so both render the
 * same way.
 */
export function setUpEngine(
  project: LoadedProject,
  profile: ResolvedProfile,
  macroFiles: DiscoveredFile[],
  displayPath: (abs: string) => string,
  settings: EngineSettings,
): EngineSetup {
  const target = profile.target;
  const vars = new VarResolver(project.root, project.projects, project.cliVars);
  const engine = new TemplateEngine({
    rootProject: project.root.name,
    // dbt hides credentials from templates: compiled SQL and the manifest never hold them.
    target: withDbtAliases(publicTarget(target)),
    dialect: settings.dialect,
    vars: (name, pkg) => vars.resolve(name, pkg),
    env: settings.env,
    dispatch: project.root.dispatch,
    invocationId: settings.invocationId ?? randomUUID(),
    runStartedAt: settings.runStartedAt ?? new Date(),
    quoting: project.root.quoting,
  });
  const macroProblems = engine.loadMacros([
    ...internalMacroFiles(),
    ...macroFiles.map((f) => ({
      packageName: f.packageName,
      path: displayPath(f.absPath),
      text: f.text,
    })),
  ]);
  return { engine, vars, macroProblems };
}
