import { describe, expect, it } from 'vitest';
import { toPackageEntry } from './packages-file';
import { packagesHash } from './package-hash';

const hub = (pkg: string, version: string) => {
  const raw = { package: pkg, version };
  return toPackageEntry(raw, raw, { file: 'packages.yml' }, '/project');
};

describe('packagesHash', () => {
  it("is dbt-core's sha1_hash, so a lock written by `dbt deps` is recognised as current", () => {
    // packages.yml and the sha1_hash `dbt deps` wrote for it, from a public project's README.
    const entries = [
      hub('dbt-labs/dbt_utils', '1.1.1'),
      hub('calogica/dbt_expectations', '0.10.3'),
      hub('dbt-labs/codegen', '0.12.1'),
    ];
    expect(packagesHash(entries)).toBe('9302591a94f5f8dda50a5c5325ff8e4cd252e569');
    expect(packagesHash([...entries].reverse())).toBe('9302591a94f5f8dda50a5c5325ff8e4cd252e569');
  });

  it('covers the unrendered text, so changing an env_var template changes it', () => {
    const raw = { git: "https://{{ env_var('DBT_ENV_SECRET_T') }}@host/r.git" };
    const a = toPackageEntry(raw, { git: 'https://x@host/r.git' }, { file: 'p' }, '/p');
    const b = toPackageEntry(
      { git: 'https://x@host/r.git' },
      { git: 'https://x@host/r.git' },
      { file: 'p' },
      '/p',
    );
    expect(packagesHash([a])).not.toBe(packagesHash([b]));
  });
});
