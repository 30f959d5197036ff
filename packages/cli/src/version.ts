import { readFileSync } from 'node:fs';

declare const __TSMODEL_VERSION__: string | undefined;

/**
 * The package version. The bundle gets it inlined by esbuild (`define`); running from source
 * (tests, `tsx`) reads the root package.json, so `--version` never prints a made-up value.
 */
export function tsmodelVersion(): string {
  if (typeof __TSMODEL_VERSION__ === 'string') return __TSMODEL_VERSION__;
  const pkg = JSON.parse(
    readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
  ) as {
    version: string;
  };
  return pkg.version;
}
