import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { TsmodelError } from '../diagnostics';
import type { MacroFile } from '../templating/macro-registry';
import { INTERNAL_PACKAGE } from '../templating/macro-registry';

/**
 * The macros tsmodel ships — dbt's global project: generic tests, the cross-database macros,
 * naming and materialization helpers — read from `include/macros` next to the sources in
 * development and next to the bundle (`dist/include/macros`) once built. Read once per process.
 */
export function internalMacroFiles(): MacroFile[] {
  return (files ??= readInternalMacroFiles());
}

let files: MacroFile[] | undefined;

function readInternalMacroFiles(): MacroFile[] {
  const dir = CANDIDATES.map((c) => fileURLToPath(new URL(c, import.meta.url))).find((d) =>
    existsSync(d),
  );
  if (!dir) {
    // Without them every generic test fails with a confusing "test_unique is undefined".
    throw new TsmodelError({
      code: 'missing-internal-macros',
      message: `tsmodel's built-in macros are missing (looked for include/macros next to ${fileURLToPath(import.meta.url)})`,
      hint: 'reinstall tsmodel; when building from source, run npm run build',
      kind: 'internal',
    });
  }
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
