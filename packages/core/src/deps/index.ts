/**
 * dbt packages: packages.yml / dependencies.yml, package-lock.yml and `tsmodel deps`. The
 * CLI imports this entry point only for `deps` (it fetches over the network and runs git);
 * the project loader uses installed-packages.ts directly.
 */
export { runDeps, type DepsOptions, type DepsResult } from './run-deps';
export { type AddPackageSource } from './add-package';
export { privateGitTokens, PRIVATE_GIT_ENV } from './private-git-url';
export { HUB_URL_ENV, DEFAULT_HUB_URL } from './hub-client';
export { LOCK_FILE_NAME } from './lock-file';
export { PACKAGES_FILE_NAME, DEPENDENCIES_FILE_NAME } from './packages-file';
