import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { MacroFile } from '../templating/macro-registry';
import { INTERNAL_PACKAGE } from '../templating/macro-registry';

/**
 * The macros tsmodel ships (generic tests and friends), read from `include/macros` next to the
 * sources in development and next to the bundle (`dist/include/macros`) once built.
 */
export function internalMacroFiles(): MacroFile[] {
  const dir = CANDIDATES.map((c) => fileURLToPath(new URL(c, import.meta.url))).find((d) =>
    existsSync(d),
  );
  if (!dir) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => ({
      packageName: INTERNAL_PACKAGE,
      path: `<tsmodel>/macros/${f}`,
      text: readFileSync(path.join(dir, f), 'utf8'),
    }));
}

const CANDIDATES = ['../../include/macros/', './include/macros/', '../include/macros/'];
