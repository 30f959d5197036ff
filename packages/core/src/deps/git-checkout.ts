/**
 * Checks out a git package with the real `git`: a clone into a staging folder, the revision
 * (tag, branch, commit, or the default branch) resolved to a commit. Git never prompts (a
 * missing credential fails instead of hanging), and its messages show the URL as written in
 * packages.yml — the rendered one may hold a token.
 */
import { execFile } from 'node:child_process';
import { TsmodelError, type SourceLocation } from '../diagnostics';

/** The rendered URL to clone and the unrendered text to show in its place. */
export interface GitRemote {
  url: string;
  shown: string;
}

export interface Checkout {
  sha: string;
  /** Set when the revision follows a branch: "the default branch" or "branch 'main'". */
  unpinned?: string;
}

type Env = Record<string, string | undefined>;

/**
 * Clones `remote` into `dest` and checks out `revision` (none: the default branch).
 * `location` is the packages.yml entry, for errors.
 */
export async function checkoutGit(
  remote: GitRemote,
  revision: string | undefined,
  dest: string,
  env: Env,
  location: SourceLocation,
): Promise<Checkout> {
  const git = (args: string[], cwd?: string) => runGit(args, cwd, env, remote, location);
  await git(['clone', '--quiet', '--no-checkout', '--', remote.url, dest]);
  const wanted = revision === undefined || revision === 'HEAD' ? undefined : revision;
  let sha: string | undefined;
  let unpinned: string | undefined;
  if (wanted === undefined) {
    sha = await verify(git, 'HEAD', dest);
    unpinned = 'it follows the default branch';
  } else {
    sha = await verify(git, `refs/remotes/origin/${wanted}`, dest);
    if (sha) unpinned = `revision '${wanted}' is a branch`;
    else
      sha = (await verify(git, `refs/tags/${wanted}`, dest)) ?? (await verify(git, wanted, dest));
  }
  if (!sha) {
    throw new TsmodelError({
      code: 'git-revision-not-found',
      message: `revision '${wanted}' is not a branch, tag or commit of ${remote.shown}`,
      location,
      hint: 'check `revision:` in packages.yml',
    });
  }
  await git(['-c', 'advice.detachedHead=false', 'checkout', '--quiet', '--detach', sha], dest);
  return { sha, ...(unpinned ? { unpinned } : {}) };
}

async function verify(
  git: (args: string[], cwd?: string) => Promise<string>,
  ref: string,
  cwd: string,
): Promise<string | undefined> {
  try {
    return (
      (await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd)).trim() || undefined
    );
  } catch {
    return undefined;
  }
}

function runGit(
  args: string[],
  cwd: string | undefined,
  env: Env,
  remote: GitRemote,
  location: SourceLocation,
): Promise<string> {
  const childEnv = { PATH: process.env.PATH, ...env, GIT_TERMINAL_PROMPT: '0' };
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, env: childEnv, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        const said = String(stderr).split(remote.url).join(remote.shown).trim();
        reject(
          new TsmodelError({
            code: missing ? 'git-missing' : 'git-failed',
            message: missing
              ? 'git packages need `git`, which is not installed (or not on PATH)'
              : `git ${args[0]} of ${remote.shown} failed: ${said.split('\n').slice(-3).join(' ')}`,
            location,
            hint: missing
              ? 'install git, or use hub packages'
              : 'check the URL and your access to it (git never prompts here: set credentials up beforehand)',
          }),
        );
      },
    );
  });
}
