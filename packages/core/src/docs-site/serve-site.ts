/**
 * `tsmodel docs serve`: a static file server over the target directory, for the site
 * `docs generate` wrote there. It serves only files under that directory (no traversal, no
 * symlinks out of it), only GET and HEAD, loopback unless told otherwise.
 */
import { createReadStream, existsSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { TsmodelError } from '../diagnostics';
import { SITE_PATHS } from './site-files';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.sql': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface ServeOptions {
  targetDir: string;
  host: string;
  port: number;
}

/** A running server; `url` is where the site is, `close()` stops it. */
export interface RunningSite {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts serving `targetDir`. Throws `docs-site-missing` when `docs generate` has not written
 * the site there, `docs-serve-port` when the port is taken or not allowed.
 */
export async function serveDocsSite(options: ServeOptions): Promise<RunningSite> {
  const root = path.resolve(options.targetDir);
  if (
    !existsSync(path.join(root, SITE_PATHS.index)) ||
    !existsSync(path.join(root, SITE_PATHS.js))
  ) {
    throw new TsmodelError({
      code: 'docs-site-missing',
      message: `no docs site in ${root} (${SITE_PATHS.index} and ${SITE_PATHS.js} are written by \`tsmodel docs generate\`)`,
      hint: 'run `tsmodel docs generate` first (with the same --project-dir and --target-path)',
    });
  }
  const realRoot = await realpath(root);
  const server = createServer((req, res) => {
    void respond(realRoot, req.method ?? 'GET', req.url ?? '/').then(
      ({ status, type, file, size }) => {
        res.writeHead(status, {
          'content-type': type,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-cache',
          ...(size !== undefined ? { 'content-length': String(size) } : {}),
        });
        if (!file || req.method === 'HEAD') return void res.end(file ? undefined : `${status}\n`);
        createReadStream(file)
          .on('error', () => res.destroy())
          .pipe(res);
      },
    );
  });
  await listen(server, options);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface Reply {
  status: number;
  type: string;
  file?: string;
  size?: number;
}

/** What to answer a request with: a file inside `root`, or a status. */
export async function respond(root: string, method: string, url: string): Promise<Reply> {
  const text = 'text/plain; charset=utf-8';
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, type: text };
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return { status: 400, type: text };
  }
  if (pathname.includes('\0')) return { status: 400, type: text };
  const wanted = path.resolve(
    root,
    `.${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`,
  );
  if (!inside(root, wanted)) return { status: 403, type: text };
  try {
    const real = await realpath(wanted);
    if (!inside(root, real)) return { status: 403, type: text };
    const info = await stat(real);
    if (!info.isFile()) return { status: 404, type: text };
    const type = CONTENT_TYPES[path.extname(real).toLowerCase()] ?? 'application/octet-stream';
    return { status: 200, type, file: real, size: info.size };
  } catch {
    return { status: 404, type: text };
  }
}

function inside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function listen(server: Server, { host, port }: ServeOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const taken = err.code === 'EADDRINUSE';
      reject(
        new TsmodelError({
          code: 'docs-serve-port',
          message: taken
            ? `port ${port} on ${host} is already in use`
            : `cannot listen on ${host}:${port}: ${err.message}`,
          hint: taken
            ? `stop what is serving there, or choose another port: \`tsmodel docs serve --port ${port + 1}\``
            : 'choose another --host or --port',
        }),
      );
    });
    server.listen(port, host, () => resolve());
  });
}
