/**
 * Package sources for the `tsmodel deps` tests, all on this machine: a dbt hub served over
 * loopback HTTP in the hub API's format (index, per-package versions, tarball downloads), and
 * git repositories made with the real `git` (bare repositories, cloned by file:// URL).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { create } from 'tar';

type Files = Record<string, string>;

function writeFiles(dir: string, files: Files): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
}

/** One version of a hub package: its project files and the hub's `packages` metadata. */
export interface HubVersionFixture {
  files: Files;
  packages?: Array<Record<string, unknown>>;
}

export interface FakeHub {
  url: string;
  /** Every path requested, in order (e.g. `/api/v1/index.json`). */
  requests: string[];
  /** Adds a version to the hub (as a new release would). */
  publish(name: string, version: string, fixture: HubVersionFixture): Promise<void>;
  close(): Promise<void>;
}

/**
 * Serves `packages` (`dbt-labs/dbt_utils` → version → fixture) as the dbt hub does; each
 * version's tarball holds one folder, as GitHub's codeload tarballs do.
 */
export async function startHub(
  packages: Record<string, Record<string, HubVersionFixture>>,
): Promise<FakeHub> {
  const work = mkdtempSync(join(tmpdir(), 'tsmodel-hub-'));
  const tarballs = new Map<string, Buffer>();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    requests.push(url);
    const send = (status: number, body: string | Buffer, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    if (url === '/api/v1/index.json') return send(200, JSON.stringify(Object.keys(packages)));
    const tarball = tarballs.get(url);
    if (tarball) return send(200, tarball, 'application/gzip');
    const name = /^\/api\/v1\/(.+)\.json$/.exec(url)?.[1];
    const versions = name ? packages[name] : undefined;
    if (!versions) return send(404, '{"error":"not found"}');
    const [namespace, project] = name!.split('/');
    const body = {
      name: project,
      namespace,
      latest: Object.keys(versions).at(-1),
      versions: Object.fromEntries(
        Object.entries(versions).map(([version, fixture]) => [
          version,
          {
            id: `${name}/${version}`,
            name: project,
            version,
            packages: fixture.packages ?? [],
            works_with: [],
            downloads: {
              tarball: `${base}/tarballs/${name}-${version}.tar.gz`,
              format: 'tgz',
            },
          },
        ]),
      ),
    };
    return send(200, JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const publish = async (name: string, version: string, fixture: HubVersionFixture) => {
    packages[name] = { ...packages[name], [version]: fixture };
    const folder = `${name.split('/')[1]}-${version}`;
    writeFiles(join(work, name, folder), fixture.files);
    const file = join(work, `${name.replace('/', '_')}-${version}.tar.gz`);
    await create({ gzip: true, file, cwd: join(work, name) }, [folder]);
    tarballs.set(`/tarballs/${name}-${version}.tar.gz`, readFileSync(file));
  };
  for (const [name, versions] of Object.entries(packages)) {
    for (const [version, fixture] of Object.entries(versions))
      await publish(name, version, fixture);
  }
  return {
    url: `${base}/`,
    requests,
    publish,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    [
      '-c',
      'user.name=test',
      '-c',
      'user.email=test@example.com',
      '-c',
      'init.defaultBranch=main',
      ...args,
    ],
    { cwd, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: cwd } },
  ).trim();
}

export interface GitRepoFixture {
  /** file:// URL of the bare repository. */
  url: string;
  /** Commits on `main` by tag (each commit's files replace the tree). */
  shas: Record<string, string>;
  /** Adds a commit on main (without a tag) and returns its sha. */
  commit(files: Files): string;
}

/** A bare repository whose `main` has one commit per entry of `commits`, each tagged. */
export function gitRepo(commits: Record<string, Files>): GitRepoFixture {
  const root = mkdtempSync(join(tmpdir(), 'tsmodel-git-'));
  const work = join(root, 'work');
  const bare = join(root, 'repo.git');
  mkdirSync(work);
  git(work, 'init', '--quiet');
  const shas: Record<string, string> = {};
  const commit = (files: Files, tag?: string) => {
    writeFiles(work, files);
    git(work, 'add', '--all');
    git(work, 'commit', '--quiet', '--allow-empty', '-m', tag ?? 'change');
    if (tag) git(work, 'tag', tag);
    return git(work, 'rev-parse', 'HEAD');
  };
  for (const [tag, files] of Object.entries(commits)) shas[tag] = commit(files, tag);
  git(root, 'clone', '--quiet', '--bare', work, bare);
  return {
    url: `file://${bare}`,
    shas,
    commit: (files) => {
      const sha = commit(files);
      git(work, 'push', '--quiet', bare, 'main');
      return sha;
    },
  };
}
