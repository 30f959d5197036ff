// Headless Chromium for the docs site's browser tests and benchmark, through playwright-core
// pointed at the system browser (Debian's `chromium`): no browser is ever downloaded.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The browser binary: $TSMODEL_CHROMIUM, else Debian's /usr/bin/chromium. */
export function chromiumPath(env = process.env) {
  return env.TSMODEL_CHROMIUM || '/usr/bin/chromium';
}

/** Whether the browser is installed. */
export function chromiumAvailable(env = process.env) {
  return existsSync(chromiumPath(env));
}

// Flags this machine needs (running as root, no GPU, no network beyond loopback).
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches Chromium with a fresh profile (a temp --user-data-dir, removed on close). Returns
 * playwright's BrowserContext; call `close()` on the returned object when done.
 */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'tsmodel-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: FLAGS,
    viewport: { width: 1400, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
