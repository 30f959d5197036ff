import { describe, expect, it } from 'vitest';
import { CompileErrors } from '../diagnostics';
import { tempProject } from '../project/test-helpers';
import { readPackagesFile } from './packages-file';

const problems = (dir: string, env = {}) =>
  new CompileErrors(readPackagesFile(dir, dir, env).errors).problems.map(
    (p) => p.format().split('\n')[0],
  );

describe('readPackagesFile', () => {
  it('reports every problem at its line', () => {
    const dir = tempProject({
      'packages.yml': [
        'packages:',
        '  - package: dbt_utils',
        '    version: 1.1.1',
        '  - git: https://example.com/x.git',
        '    revison: v1',
        '  - package: dbt-labs/codegen',
        '    version: "~1.0"',
        '  - url: x',
        '',
      ].join('\n'),
    });
    expect(problems(dir)).toEqual([
      'packages.yml:2:14 packages.0.package: hub packages are named <namespace>/<name>, e.g. dbt-labs/dbt_utils',
      'packages.yml:5:5 packages.1: Unrecognized key: "revison"',
      'packages.yml:7:14 packages.2.version: expected a version like 1.1.1 or a range part like ">=1.0.0" or "<2.0.0"',
      'packages.yml:8:5 packages.3: expected one of `package:` (dbt hub), `git:`, `private:`, `local:` or `tarball:` (with `name:`)',
    ]);
  });

  it('refuses packages in both packages.yml and dependencies.yml, naming both', () => {
    const dir = tempProject({
      'packages.yml': 'packages:\n  - local: a\n',
      'dependencies.yml': 'packages:\n  - local: b\n',
    });
    expect(problems(dir)).toEqual([
      'dependencies.yml both packages.yml and dependencies.yml declare packages — keep the `packages:` list in one of them (dbt reads either, never both)',
    ]);
  });

  it('renders secret env vars for fetching and keeps the template for everything written', () => {
    const dir = tempProject({
      'dependencies.yml': [
        'projects:',
        '  - name: upstream',
        'packages:',
        `  - git: "https://{{ env_var('DBT_ENV_SECRET_TOKEN') }}@example.com/x.git"`,
        '',
      ].join('\n'),
    });
    const { packages } = readPackagesFile(dir, dir, { DBT_ENV_SECRET_TOKEN: 'hunter22' });
    const [entry] = packages!.entries;
    expect(entry).toMatchObject({
      kind: 'git',
      git: 'https://hunter22@example.com/x.git',
      warnUnpinned: true,
    });
    expect(entry!.raw.git).toBe("https://{{ env_var('DBT_ENV_SECRET_TOKEN') }}@example.com/x.git");
    expect(packages!.file.endsWith('dependencies.yml')).toBe(true);
  });
});
