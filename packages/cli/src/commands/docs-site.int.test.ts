/**
 * The docs site from the CLI: `docs generate` writes it (and `--static`), `docs serve` serves
 * it from a spawned `bin/tsmodel.js` — content types, no path traversal, a taken port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testProject } from './run-fixtures';

const BIN = fileURLToPath(new URL('../../../../bin/tsmodel.js', import.meta.url));

const FILES = {
  'seeds/countries.csv': 'code,name\nde,Germany\n',
  'models/orders.sql': "select 1 as id, 'de' as country",
  'models/orders_by_country.sql': `select c.name as country_name, count(*) as orders
from {{ ref('orders') }} o join {{ ref('countries') }} c on c.code = o.country group by 1`,
  'models/schema.yml': `version: 2
models:
  - name: orders
    description: One row per order
    columns:
      - name: id
        description: The order
        tests: [unique]
`,
};

let dir: string;
beforeAll(async () => {
  const p = testProject(FILES);
  const r = await p.run('docs', 'generate', '--static', '--empty-catalog');
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toContain('Wrote the docs site');
  dir = p.dir;
});

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
});

/** Spawns `tsmodel docs serve` and resolves once it prints its URL (or exits). */
function serve(cwd: string, ...args: string[]) {
  const child = spawn(process.execPath, [BIN, 'docs', 'serve', ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise<{
    url?: string;
    code?: number | null;
    stdout: string;
    stderr: string;
    child: ChildProcess;
  }>((resolve) => {
    child.stdout.on('data', () => {
      const url = /Serving the docs site at (\S+)/.exec(stdout)?.[1];
      if (url) resolve({ url, stdout, stderr, child });
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr, child }));
  });
}

/** A GET with the path sent exactly as given (no client-side normalisation of `..`). */
function get(url: string, rawPath: string) {
  const { hostname, port } = new URL(url);
  return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const req = request({ host: hostname, port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () =>
        resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('tsmodel docs generate writes the site', () => {
  it('index.html, the app, the search index, the graph and the node shards', () => {
    const target = join(dir, 'target');
    for (const file of [
      'index.html',
      'docs-site/app.js',
      'docs-site/app.css',
      'docs-site/data/site.json',
      'docs-site/data/search.json',
      'docs-site/data/graph.json',
    ])
      expect(existsSync(join(target, file)), file).toBe(true);
    const site = JSON.parse(readFileSync(join(target, 'docs-site/data/site.json'), 'utf8'));
    expect(site.project).toBe('shop');
    expect(readdirSync(join(target, 'docs-site/data/nodes'))).toHaveLength(site.shards);
    const graph = JSON.parse(readFileSync(join(target, 'docs-site/data/graph.json'), 'utf8'));
    const names = graph.nodes.map((n: { name: string }) => n.name);
    const edges: string[] = [];
    for (let e = 0; e < graph.edges.length; e += 2)
      edges.push(`${names[graph.edges[e]]}>${names[graph.edges[e + 1]]}`);
    expect(edges).toEqual(
      expect.arrayContaining(['orders>orders_by_country', 'countries>orders_by_country']),
    );
    const shards = readdirSync(join(target, 'docs-site/data/nodes')).map((f) =>
      JSON.parse(readFileSync(join(target, 'docs-site/data/nodes', f), 'utf8')),
    );
    const orders = shards.find((s) => s['model.shop.orders'])['model.shop.orders'];
    expect(orders.description).toBe('One row per order');
    expect(orders.columns[0]).toMatchObject({
      name: 'id',
      description: 'The order',
      tests: ['unique'],
    });
    const byCountry = shards.find((s) => s['model.shop.orders_by_country'])[
      'model.shop.orders_by_country'
    ];
    expect(byCountry.columns.find((c: { name: string }) => c.name === 'orders').lineage.how).toBe(
      'aggregation',
    );
  });

  it('--static writes one page holding the app and every data file', () => {
    const html = readFileSync(join(dir, 'target', 'static_index.html'), 'utf8');
    expect(html).toContain('id="tsmodel-docs-data"');
    expect(html).toContain('One row per order');
    expect(html).not.toMatch(/<script[^>]*\bsrc=/);
  });
});

describe('tsmodel docs serve', () => {
  it('serves the site on loopback with content types, and never a file outside target/', async () => {
    writeFileSync(join(dir, 'secret.txt'), 'not for the browser');
    symlinkSync(join(dir, 'secret.txt'), join(dir, 'target', 'link-out.txt'));
    const s = await serve(dir, '--port', '0');
    expect(s.url, s.stderr).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const index = await get(s.url!, '/');
    expect([index.status, index.type]).toEqual([200, 'text/html; charset=utf-8']);
    expect(index.body).toContain('docs-site/app.js');
    expect((await get(s.url!, '/docs-site/app.js')).type).toBe('text/javascript; charset=utf-8');
    expect((await get(s.url!, '/docs-site/app.css')).type).toBe('text/css; charset=utf-8');
    const graph = await get(s.url!, '/docs-site/data/graph.json');
    expect([graph.status, graph.type]).toEqual([200, 'application/json; charset=utf-8']);
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/docs-site/..%2f..%2fsecret.txt',
      '/link-out.txt',
    ]) {
      const r = await get(s.url!, path);
      expect(r.status, path).toBeGreaterThanOrEqual(403);
      expect(r.body, path).not.toContain('not for the browser');
    }
    expect((await get(s.url!, '/missing.json')).status).toBe(404);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    const s = await serve(dir, '--port', '0');
    expect(s.url, s.stderr).toBeDefined();
    const exit = new Promise<number | null>((resolve) => s.child.on('exit', resolve));
    s.child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('a taken port is an error naming another port', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const s = await serve(dir, '--port', String(port));
      expect(s.code).toBe(1);
      expect(s.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(s.stderr).toContain(`--port ${port + 1}`);
    } finally {
      blocker.close();
    }
  });
});
