import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TsmodelError, type SourceLocation } from '../diagnostics';
import { EnvVarRenderer } from '../project/env-var-renderer';
import { displayPath } from '../project/read-project-file';
import { YamlFile } from '../yaml/yaml-file';
import type { PackageEntry } from './package-entry';
import {
  packagesFileSchema,
  type GitEntryValue,
  type HubEntryValue,
  type LocalEntryValue,
  type PrivateEntryValue,
  type TarballEntryValue,
} from './packages-file-schema';

export const PACKAGES_FILE_NAME = 'packages.yml';
export const DEPENDENCIES_FILE_NAME = 'dependencies.yml';

/** The packages a project declares, from packages.yml or dependencies.yml. */
export interface PackagesFile {
  /** Absolute path of the file the entries came from (the one `--add-package` edits). */
  file: string;
  entries: PackageEntry[];
}

export interface ReadPackagesResult {
  /** Unset when the project declares no packages file (or it has problems). */
  packages?: PackagesFile;
  errors: TsmodelError[];
}

type Env = Record<string, string | undefined>;

/**
 * Reads the packages file of the project in `dir`: packages.yml, or dependencies.yml's
 * `packages:` (dbt's two spellings; both declaring packages is an error naming both). Values
 * may use `env_var()`, secret variables included — as in dbt, for tokens in private git URLs;
 * the entries keep the unrendered text for everything that is printed or written.
 */
export function readPackagesFile(dir: string, displayBase: string, env: Env): ReadPackagesResult {
  const found = [PACKAGES_FILE_NAME, DEPENDENCIES_FILE_NAME]
    .map((name) => path.join(dir, name))
    .filter((file) => existsSync(file))
    .map((file) => ({ file, parsed: parseFile(file, displayBase) }));
  const errors = found.flatMap(({ parsed }) => parsed.errors);
  if (errors.length > 0) return { errors };
  const declaring = found.filter(({ parsed }) => parsed.yaml && hasKey(parsed.yaml, 'packages'));
  if (declaring.length > 1) {
    const [first, second] = declaring.map(({ file }) => displayPath(displayBase, file));
    return {
      errors: [
        new TsmodelError({
          code: 'packages-file-twice',
          message: `both ${first} and ${second} declare packages`,
          location: { file: second! },
          hint: `keep the \`packages:\` list in one of them (dbt reads either, never both)`,
        }),
      ],
    };
  }
  const chosen = declaring[0] ?? found.find(({ file }) => file.endsWith(PACKAGES_FILE_NAME));
  if (!chosen?.parsed.yaml) return { errors: [] };
  const { yaml } = chosen.parsed;
  if (chosen.file.endsWith(PACKAGES_FILE_NAME) && hasKey(yaml, 'projects')) {
    const location = yaml.locate(['projects'], true);
    errors.push(
      new TsmodelError({
        code: 'packages-file-projects',
        message: `${PACKAGES_FILE_NAME} cannot declare \`projects:\``,
        location,
        excerpt: yaml.lineText(location.line),
        hint: `dbt Mesh projects belong in ${DEPENDENCIES_FILE_NAME}`,
      }),
    );
  }
  const raw = (yaml.toJS() ?? {}) as Record<string, unknown>;
  const renderer = new EnvVarRenderer(env, true);
  const rendered = renderer.renderTree(raw, [], yaml, errors);
  const { value, errors: schemaErrors } = yaml.validateValue(rendered, packagesFileSchema);
  errors.push(...schemaErrors);
  if (!value || errors.length > 0) return { errors };
  const raws = (raw.packages ?? []) as Array<Record<string, unknown>>;
  const entries = (value.packages ?? []).map((entry, i) =>
    toPackageEntry(raws[i]!, entry, yaml.locate(['packages', i]), dir),
  );
  if (errors.length > 0) return { errors };
  return { packages: { file: chosen.file, entries }, errors: [] };
}

function parseFile(file: string, displayBase: string): { yaml?: YamlFile; errors: TsmodelError[] } {
  return YamlFile.parse(readFileSync(file, 'utf8'), displayPath(displayBase, file));
}

function hasKey(yaml: YamlFile, key: string): boolean {
  const value = yaml.toJS();
  return typeof value === 'object' && value !== null && key in value;
}

/**
 * A validated mapping as an entry. `raw` is what the user wrote, `rendered` what it means;
 * `baseDir` is the declaring project's folder, which `local:` paths are relative to.
 */
export function toPackageEntry(
  raw: Record<string, unknown>,
  rendered: Record<string, unknown>,
  location: SourceLocation,
  baseDir: string,
): PackageEntry {
  const base = { raw, rendered, location };
  if ('package' in rendered) {
    const hub = rendered as HubEntryValue;
    return {
      kind: 'hub',
      ...base,
      package: hub.package,
      versions: (Array.isArray(hub.version) ? hub.version : [hub.version]).map(String),
      installPrerelease: (hub.install_prerelease ?? hub['install-prerelease']) === true,
    };
  }
  if ('git' in rendered) {
    const git = rendered as GitEntryValue;
    return {
      kind: 'git',
      ...base,
      git: git.git,
      ...optionalText('revision', git.revision),
      ...optionalText('subdirectory', git.subdirectory),
      warnUnpinned: git['warn-unpinned'] !== false,
    };
  }
  if ('private' in rendered) {
    const privateRepo = rendered as PrivateEntryValue;
    return {
      kind: 'private',
      ...base,
      private: privateRepo.private,
      ...optionalText('provider', privateRepo.provider),
      ...optionalText('revision', privateRepo.revision),
      ...optionalText('subdirectory', privateRepo.subdirectory),
      warnUnpinned: privateRepo['warn-unpinned'] !== false,
    };
  }
  if ('local' in rendered) {
    return { kind: 'local', ...base, local: (rendered as LocalEntryValue).local, baseDir };
  }
  const tarball = rendered as TarballEntryValue;
  return { kind: 'tarball', ...base, tarball: tarball.tarball, name: tarball.name };
}

function optionalText<K extends string>(
  key: K,
  value: string | number | undefined,
): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: String(value) } as Record<K, string>);
}
