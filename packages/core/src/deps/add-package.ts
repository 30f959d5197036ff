/**
 * `tsmodel deps --add-package <name>@<version>`: adds one entry to the project's packages
 * file (creating packages.yml when there is none), replacing an entry for the same package,
 * and keeping the file's comments and layout.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Document, isMap, isSeq, parseDocument, YAMLSeq } from 'yaml';
import { TsmodelError } from '../diagnostics';
import { parseSpecifier } from './dbt-versions';
import { PACKAGES_FILE_NAME } from './packages-file';

export type AddPackageSource = 'hub' | 'git' | 'local';

/** What `--add-package` means as a packages.yml entry, e.g. `{package, version}`. */
export function addPackageEntry(spec: string, source: AddPackageSource): Record<string, unknown> {
  const at = spec.lastIndexOf('@');
  const tail = at > 0 ? spec.slice(at + 1) : '';
  const hasVersion = at > 0 && tail !== '' && !/[/:]/.test(tail);
  const name = hasVersion ? spec.slice(0, at) : spec;
  const version = hasVersion ? tail : undefined;
  const fail = (message: string, hint: string) =>
    new TsmodelError({
      code: 'add-package-invalid',
      message: `--add-package ${spec}: ${message}`,
      hint,
    });
  if (source === 'local') {
    if (version)
      throw fail(
        'a local package has no version',
        'pass the path alone: --add-package ../my_package --source local',
      );
    return { local: spec };
  }
  if (source === 'git') return version ? { git: name, revision: version } : { git: name };
  if (!version) throw fail('a hub package needs a version', `e.g. --add-package ${name}@1.0.0`);
  const versions = version.split(',').map((v) => v.trim());
  const bad = versions.find((v) => !parseSpecifier(v));
  if (bad !== undefined)
    throw fail(
      `'${bad}' is not a version`,
      'versions look like 1.1.1, or ">=1.0.0,<2.0.0" for a range',
    );
  if (!/^[^/\s]+\/[^/\s]+$/.test(name))
    throw fail('hub packages are named <namespace>/<name>', 'e.g. dbt-labs/dbt_utils@1.1.1');
  return { package: name, version: versions.length === 1 ? versions[0] : versions };
}

/**
 * Writes `entry` into `file` (the packages file in use, or `<rootDir>/packages.yml`). An
 * existing entry for the same package is replaced. Returns the file written.
 */
export function addToPackagesFile(
  rootDir: string,
  file: string | undefined,
  entry: Record<string, unknown>,
): string {
  const target = file ?? path.join(rootDir, PACKAGES_FILE_NAME);
  let doc: Document = parseDocument(existsSync(target) ? readFileSync(target, 'utf8') : '');
  if (!isMap(doc.contents)) doc = new Document({});
  let list = doc.get('packages');
  if (!isSeq(list)) {
    list = new YAMLSeq();
    doc.set('packages', list);
  }
  const seq = list as YAMLSeq;
  const [key, value] = Object.entries(entry)[0]!;
  seq.items = seq.items.filter((item) => !(isMap(item) && item.get(key) === value));
  seq.items.push(doc.createNode(entry));
  writeFileSync(target, doc.toString({ indentSeq: true }));
  return target;
}
