import { defineCommand } from './command';

interface DepsFlags {
  addPackage?: string;
  source?: 'hub' | 'git' | 'local';
  upgrade?: boolean;
  lock?: boolean;
}

/**
 * `tsmodel deps`: installs the packages of packages.yml (or dependencies.yml) into
 * packages-install-path, pinned by package-lock.yml, as `dbt deps` does.
 */
export const depsCommand = defineCommand<DepsFlags>({
  name: 'deps',
  describe:
    'Install the packages of packages.yml (dbt hub, git, local, tarball) into dbt_packages/',
  flagGroups: ['project'],
  flags: {
    addPackage: {
      type: 'string',
      description: 'Add a package to packages.yml and install it, e.g. dbt-labs/dbt_utils@1.1.1',
    },
    source: {
      type: 'string',
      choices: ['hub', 'git', 'local'],
      default: 'hub',
      description: 'Where --add-package comes from: the dbt hub, a git URL, or a local path',
    },
    upgrade: {
      type: 'boolean',
      default: false,
      description: 'Resolve the newest versions packages.yml allows, ignoring package-lock.yml',
    },
    lock: {
      type: 'boolean',
      default: false,
      description: 'Write package-lock.yml without installing anything',
    },
  },
  async run(ctx) {
    const { runDeps, privateGitTokens } = await import('@tsmodel/core/deps');
    ctx.secrets.add(privateGitTokens(ctx.io.env));
    const { addPackage, source } = ctx.flags;
    await runDeps({
      projectDir: ctx.projectDir,
      env: ctx.io.env,
      ...(addPackage !== undefined
        ? { addPackage: { spec: addPackage, source: source ?? 'hub' } }
        : {}),
      upgrade: ctx.flags.upgrade === true,
      lockOnly: ctx.flags.lock === true,
      info: (event, message) => ctx.reporter.info(event, message),
      warn: (problem) => ctx.reporter.problem('warn', problem),
    });
  },
});
