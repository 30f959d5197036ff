import * as z from 'zod';

/** A dbt version specifier: `1.1.1`, `>=1.0.0`, `<2.0.0`, `=0.9.1-b1` (dbt's grammar). */
export const DBT_SPECIFIER_PATTERN =
  /^(>=|>|<=|<|=)?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-?((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

const text = z.string().min(1, { error: 'must not be empty' });
/** dbt accepts a YAML number for a version or revision (`version: 0.8` is read as text). */
const versionText = z.union([z.string(), z.number()]).transform(String);
const specifier = versionText.pipe(
  z.string().regex(DBT_SPECIFIER_PATTERN, {
    error: 'expected a version like 1.1.1 or a range part like ">=1.0.0" or "<2.0.0"',
  }),
);
const name = { name: text.optional() };

const hubEntry = z.strictObject({
  package: text.regex(/^[^/\s]+\/[^/\s]+$/, {
    error: 'hub packages are named <namespace>/<name>, e.g. dbt-labs/dbt_utils',
  }),
  version: z.union([specifier, z.array(specifier).min(1)], {
    error: 'expected a version or a list of range parts, e.g. [">=1.0.0", "<2.0.0"]',
  }),
  install_prerelease: z.boolean().nullable().optional(),
  'install-prerelease': z.boolean().optional(),
  ...name,
});
const gitFields = {
  revision: versionText.optional(),
  'warn-unpinned': z.boolean().nullable().optional(),
  subdirectory: text.optional(),
  ...name,
};
const gitEntry = z.strictObject({ git: text, ...gitFields });
const privateEntry = z.strictObject({
  private: text.regex(/^[^/\s]+(\/[^/\s]+)+$/, { error: 'expected <org>/<repo>' }),
  provider: z
    .enum(['github', 'gitlab', 'ado', 'azure_devops', 'azure_active_directory'])
    .optional(),
  ...gitFields,
});
const localEntry = z.strictObject({ local: text, ...name });
const tarballEntry = z.strictObject({
  tarball: text,
  name: text.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
    error: 'must be the project name the tarball installs as: letters, digits, underscores',
  }),
});

/** The key that says which kind an entry is, with its schema, in dbt's order of precedence. */
export const ENTRY_KINDS = [
  ['package', hubEntry],
  ['git', gitEntry],
  ['private', privateEntry],
  ['local', localEntry],
  ['tarball', tarballEntry],
] as const;

export type HubEntryValue = z.output<typeof hubEntry>;
export type GitEntryValue = z.output<typeof gitEntry>;
export type PrivateEntryValue = z.output<typeof privateEntry>;
export type LocalEntryValue = z.output<typeof localEntry>;
export type TarballEntryValue = z.output<typeof tarballEntry>;

/**
 * One entry: the schema of its kind (chosen by its `package:`/`git:`/… key), so a problem is
 * reported as `packages.2.revison: unknown key` rather than "matches no form".
 */
const packageEntry = z.record(z.string(), z.unknown()).superRefine((entry, ctx) => {
  const kind = ENTRY_KINDS.find(([key]) => key in entry);
  if (!kind) {
    ctx.addIssue({
      code: 'custom',
      message:
        'expected one of `package:` (dbt hub), `git:`, `private:`, `local:` or `tarball:` (with `name:`)',
    });
    return;
  }
  const result = kind[1].safeParse(entry);
  if (!result.success) for (const issue of result.error.issues) ctx.addIssue(issue as never);
});

/** packages.yml, or the `packages:` of dependencies.yml (which may also hold dbt Mesh `projects:`). */
export const packagesFileSchema = z.strictObject({
  packages: z.array(packageEntry).nullable().optional(),
  projects: z.unknown().optional(),
});

/** The entries of a hub package version's `packages` metadata (the same forms). */
export const packageEntryList = z.array(packageEntry);
