/**
 * The docs site of the bundled packages in headless Chromium (Debian's, through playwright-core):
 * built with `tsmodel build`, documented with `tsmodel docs generate --static`, served with
 * `tsmodel docs serve`. Each check saves a screenshot under test-artifacts/docs-site/.
 * Skipped without the browser, unless TSMODEL_REQUIRE_BROWSER or CI is set: then it fails.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '@tsmodel/core';
import { chromiumAvailable, chromiumPath, launchChromium } from '../scripts/chromium.mjs';

const PROJECT_DIR = fileURLToPath(new URL('.', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/tsmodel.js', import.meta.url));
const SHOTS = fileURLToPath(new URL('../test-artifacts/docs-site/', import.meta.url));
const REQUIRED = Boolean(process.env.TSMODEL_REQUIRE_BROWSER || process.env.CI);
const AVAILABLE = chromiumAvailable();
const PKG = 'tsmodel_sessionization';
const SESSIONS = `model.${PKG}.sessions`;

/** What the lineage page leaves on `window` (see packages/core/src/docs-site/app/graph-page.ts). */
interface PageGlobals {
  tsmodelDocs: {
    drawn: { nodes: string[]; edges: Array<[string, string]> };
    canvas: { screenPosition(id: string): { x: number; y: number } | undefined };
  };
}

/** The part of an `<img>` the Markdown check waits on (this file is typed without the DOM). */
interface PageImage {
  complete: boolean;
  addEventListener(event: 'load' | 'error', listener: () => void): void;
}

describe('the browser for the docs site tests', () => {
  it.runIf(REQUIRED)(
    `is installed at ${chromiumPath()} (TSMODEL_REQUIRE_BROWSER or CI is set)`,
    () => {
      expect(AVAILABLE, 'install it: apt-get install -y chromium (or set TSMODEL_CHROMIUM)').toBe(
        true,
      );
    },
  );
});

describe.skipIf(!AVAILABLE)('the docs site in Chromium', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'docs-site-'));
  const target = path.join(work, 'target');
  const env = { ...process.env, SEGMENT_IT_DB: path.join(work, 'warehouse.duckdb'), NO_COLOR: '1' };
  let server: ChildProcess;
  let url: string;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let page: Page;
  let manifest: Manifest;

  const tsmodel = (...args: string[]) => {
    const r = spawnSync(
      process.execPath,
      [BIN, ...args, '--project-dir', PROJECT_DIR, '--target-path', target],
      { env, encoding: 'utf8' },
    );
    if (r.status !== 0)
      throw new Error(`tsmodel ${args.join(' ')} exited ${r.status}:\n${r.stdout}${r.stderr}`);
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    tsmodel('build', '--quiet');
    tsmodel('docs', 'generate', '--static', '--quiet');
    manifest = JSON.parse(readFileSync(path.join(target, 'manifest.json'), 'utf8')) as Manifest;
    server = spawn(
      process.execPath,
      [BIN, 'docs', 'serve', '--port', '0', '--project-dir', PROJECT_DIR, '--target-path', target],
      { env },
    );
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout!.on('data', (d) => {
        out += d;
        const found = /Serving the docs site at (\S+)/.exec(out)?.[1];
        if (found) resolve(found);
      });
      server.on('exit', (code) => reject(new Error(`docs serve exited ${code}: ${out}`)));
    });
    browser = await launchChromium();
    page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    afterAll(() => expect(errors, 'errors in the page').toEqual([]));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
  });

  const shot = (name: string) =>
    page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
  const open = async (hash: string, ready: string) => {
    await page.goto(`${url}${hash}`);
    await page.waitForSelector(ready, { timeout: 20_000 });
  };
  const drawnGraph = () =>
    page.evaluate(() => (globalThis as unknown as PageGlobals).tsmodelDocs.drawn);

  it('loads, listing the packages and their models', async () => {
    await open('#!/', 'body[data-page="overview"]');
    const packages = await page.$$eval('[data-package]', (els) =>
      els.map((e) => e.getAttribute('data-package')),
    );
    expect(packages).toEqual(expect.arrayContaining(['segment_integration_tests', PKG]));
    expect(await page.textContent('[data-package="tsmodel_sessionization"]')).toContain(
      'page_views__sessionized',
    );
    await shot('01-overview');
  });

  it('search finds a model and opens its page', async () => {
    await open('#!/', 'body[data-page="overview"]');
    await page.fill('#search', 'sessions stitched');
    const hit = page.locator(`#search-results li[data-node="model.${PKG}.sessions__stitched"]`);
    await hit.waitFor();
    await shot('02-search');
    await hit.locator('a').click();
    await page.waitForSelector(`article.node-page[data-node="model.${PKG}.sessions__stitched"]`);
    expect(await page.textContent('article h1')).toContain('sessions__stitched');
  });

  it("draws the Segment DAG of `+sessions` with the manifest's edges, and a click opens a node", async () => {
    await open(`#!/graph?select=${encodeURIComponent('+sessions')}`, 'body[data-graph="drawn"]');
    const drawn = await drawnGraph();
    // The Segment chain as the models' SQL refs it (models/segment/*.sql), read by hand.
    expect(drawn.edges.map(([p, c]) => `${p} -> ${c}`)).toEqual(
      expect.arrayContaining([
        `model.segment_integration_tests.segment_pages -> model.${PKG}.page_views`,
        `model.${PKG}.page_views -> model.${PKG}.page_views__sessionized`,
        `model.${PKG}.page_views -> model.${PKG}.user_stitching`,
        `model.${PKG}.page_views__sessionized -> model.${PKG}.sessions__initial`,
        `model.${PKG}.sessions__initial -> model.${PKG}.sessions__stitched`,
        `model.${PKG}.user_stitching -> model.${PKG}.sessions__stitched`,
        `model.${PKG}.sessions__stitched -> ${SESSIONS}`,
      ]),
    );
    // Exactly sessions and its ancestors, and every manifest edge between them.
    const ancestors = new Set<string>([SESSIONS]);
    const stack = [SESSIONS];
    while (stack.length > 0) {
      for (const p of manifest.parent_map[stack.pop()!] ?? []) {
        if (ancestors.has(p)) continue;
        ancestors.add(p);
        stack.push(p);
      }
    }
    expect([...drawn.nodes].sort()).toEqual([...ancestors].sort());
    const expected = [...ancestors].flatMap((child) =>
      (manifest.parent_map[child] ?? []).map((p) => `${p} -> ${child}`),
    );
    expect(drawn.edges.map(([p, c]) => `${p} -> ${c}`).sort()).toEqual(expected.sort());
    await shot('03-lineage-graph');
    const at = await page.evaluate(
      (id) => (globalThis as unknown as PageGlobals).tsmodelDocs.canvas.screenPosition(id),
      SESSIONS,
    );
    const box = (await page.locator('#graph-canvas').boundingBox())!;
    await page.mouse.click(box.x + at!.x, box.y + at!.y);
    await page.waitForSelector(`article.node-page[data-node="${SESSIONS}"]`);
  });

  it('says so when a selector method cannot be evaluated in the page', async () => {
    await open(
      `#!/graph?select=${encodeURIComponent('state:modified+')}`,
      'body[data-graph="error"]',
    );
    expect(await page.textContent('#graph-message')).toContain('cannot be evaluated in the page');
    await shot('04-selector-not-in-page');
  });

  it('shows the column lineage of sessions.session_id reaching page_views, with catalog types', async () => {
    await open(`#!/node/${encodeURIComponent(SESSIONS)}?column=session_id`, '#lineage-session_id');
    const tree = page.locator('#lineage-session_id');
    expect(await tree.locator(`li[data-node="model.${PKG}.page_views"]`).count()).toBeGreaterThan(
      0,
    );
    expect(
      await tree
        .locator(`li[data-node="model.${PKG}.sessions__stitched"][data-column="session_id"]`)
        .count(),
    ).toBe(1);
    expect(await page.textContent('tr[data-column="session_id"]')).toMatch(/VARCHAR/i);
    await shot('05-column-lineage');
  });

  it('--static works from file://, with no server', async () => {
    const file = pathToFileURL(path.join(target, 'static_index.html')).href;
    await page.goto(`${file}#!/graph?select=${encodeURIComponent('+sessions')}`);
    await page.waitForSelector('body[data-graph="drawn"]', { timeout: 20_000 });
    expect((await drawnGraph()).nodes).toContain(`model.${PKG}.page_views`);
    await page.goto(`${file}#!/node/${encodeURIComponent(SESSIONS)}?column=session_id`);
    await page.waitForSelector('#lineage-session_id li[data-node$=".page_views"]', {
      timeout: 20_000,
    });
    await shot('06-static-file');
  });

  it('documents the Snowplow web models too (their project, --static, from file://)', async () => {
    const snowplowTarget = path.join(work, 'snowplow-target');
    const r = spawnSync(
      process.execPath,
      [
        BIN,
        'docs',
        'generate',
        '--static',
        '--empty-catalog',
        '--quiet',
        '--project-dir',
        path.join(PROJECT_DIR, 'snowplow'),
        '--target-path',
        snowplowTarget,
      ],
      { env, encoding: 'utf8' },
    );
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    const file = pathToFileURL(path.join(snowplowTarget, 'static_index.html')).href;
    await page.goto(`${file}#!/graph?select=${encodeURIComponent('path:models/snowplow_web')}`);
    await page.waitForSelector('body[data-graph="drawn"]', { timeout: 20_000 });
    const drawn = await drawnGraph();
    expect(drawn.nodes).toEqual(
      expect.arrayContaining([
        `model.${PKG}.snowplow_web_sessions`,
        `model.${PKG}.snowplow_web_page_views`,
      ]),
    );
    await shot('07-snowplow-web-graph');
  });

  describe('descriptions as Markdown (a project of our own, --static, from file://)', () => {
    const project = path.join(work, 'markdown-project');
    const mdTarget = path.join(work, 'markdown-target');
    const HOSTILE = '<img src=x onerror="window.__pwned=1"> and <script>window.__pwned=1</script>';
    const files: Record<string, string> = {
      'project.yml': 'name: md_docs\nversion: 0.1.0\nconfig-version: 2\nmodel-paths: [models]\n',
      'models/orders.sql': 'select 1 as order_id, 2 as amount\n',
      'models/hostile.sql': 'select 1 as id\n',
      'models/overview.md': [
        '{% docs orders_overview %}',
        'One row per **order**, as the shop writes it:',
        '',
        '- paid',
        '- refunded',
        '',
        'See [the spec](https://example.com/orders) and `order_id`; not [hostile](#!/model/model.md_docs.hostile).',
        '{% enddocs %}',
        '',
        '{% docs __overview__ %}',
        '# Welcome',
        '',
        'The **md_docs** project.',
        '{% enddocs %}',
        '',
      ].join('\n'),
      'models/schema.yml': [
        'version: 2',
        'models:',
        '  - name: orders',
        '    description: "{{ doc(\'orders_overview\') }}"',
        '    columns:',
        '      - name: order_id',
        '        description: "The **key**"',
        '  - name: hostile',
        `    description: '${HOSTILE}, then **bold** and [a link](javascript:window.__pwned=1)'`,
        '    columns:',
        '      - name: id',
        `        description: '${HOSTILE}'`,
        '',
      ].join('\n'),
    };
    let file: string;

    beforeAll(() => {
      for (const [name, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(project, name)), { recursive: true });
        writeFileSync(path.join(project, name), text);
      }
      const r = spawnSync(
        process.execPath,
        [BIN, 'docs', 'generate', '--static', '--empty-catalog', '--quiet'].concat([
          '--project-dir',
          project,
          '--target-path',
          mdTarget,
        ]),
        { env, encoding: 'utf8' },
      );
      expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
      file = pathToFileURL(path.join(mdTarget, 'static_index.html')).href;
    });

    it("shows the __overview__ doc, a {% docs %} block's bold, list and links, and a column's bold", async () => {
      await page.goto(`${file}#!/`);
      await page.waitForSelector('body[data-page="overview"]');
      expect(await page.locator('#overview h1').textContent()).toBe('Welcome');
      expect(await page.locator('#overview strong').textContent()).toBe('md_docs');
      await shot('08-markdown-overview');
      await page.goto(`${file}#!/node/${encodeURIComponent('model.md_docs.orders')}`);
      await page.waitForSelector('article.node-page[data-node="model.md_docs.orders"]');
      const description = page.locator('article .description');
      expect(await description.locator('strong').allTextContents()).toEqual(['order']);
      expect(await description.locator('li').allTextContents()).toEqual(['paid', 'refunded']);
      expect(await description.locator('a').allTextContents()).toEqual(['the spec', 'hostile']);
      expect(await description.locator('a').first().getAttribute('href')).toBe(
        'https://example.com/orders',
      );
      expect(await description.locator('code').textContent()).toBe('order_id');
      expect(await description.textContent()).not.toContain('**');
      expect(await page.locator('tr[data-column="order_id"] strong').textContent()).toBe('key');
      // A constant column has no upstream tree, so no button to open one.
      expect(await page.locator('tr[data-column="order_id"] .lineage-button').count()).toBe(0);
      await shot('09-markdown-description');
      // A link the way dbt-docs addresses a model opens its page.
      await description.locator('a', { hasText: 'hostile' }).click();
      await page.waitForSelector('article.node-page[data-node="model.md_docs.hostile"]');
    });

    it('shows raw HTML in a description as text, and runs none of it', async () => {
      await page.goto(`${file}#!/node/${encodeURIComponent('model.md_docs.hostile')}`);
      await page.waitForSelector('article.node-page[data-node="model.md_docs.hostile"]');
      // Give an image that was made a chance to fail and fire its onerror before looking.
      await page.$$eval('img', (images) =>
        Promise.all(
          (images as unknown as PageImage[]).map((img) =>
            img.complete
              ? undefined
              : new Promise<void>((done) => {
                  img.addEventListener('load', done);
                  img.addEventListener('error', done);
                }),
          ),
        ),
      );
      const pwned = await page.evaluate(
        () => (globalThis as unknown as { __pwned?: unknown }).__pwned,
      );
      expect(pwned).toBeUndefined();
      const article = page.locator('article.node-page');
      expect(await article.locator('img, script, [onerror]').count()).toBe(0);
      const description = page.locator('article .description');
      expect(await description.textContent()).toContain(HOSTILE);
      // Its Markdown still renders; the javascript: link stays text.
      expect(await description.locator('strong').textContent()).toBe('bold');
      expect(await description.locator('a').count()).toBe(0);
      expect(await description.textContent()).toContain('[a link](javascript:window.__pwned=1)');
      expect(await page.locator('tr[data-column="id"]').textContent()).toContain(HOSTILE);
      await shot('10-html-in-description-as-text');
    });
  });
});
