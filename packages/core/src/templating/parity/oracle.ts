import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Probe } from './probe';
import type { ProbeResult } from './render-probes';

const ORACLE = fileURLToPath(new URL('./oracle.py', import.meta.url));

/** The first Python with Jinja2 installed (Debian's python3-jinja2 in CI), or undefined. */
export function findJinjaPython(): string | undefined {
  for (const python of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(python, ['-c', 'import jinja2, yaml'], { stdio: 'ignore' });
    if (r.status === 0) return python;
  }
  return undefined;
}

/** Renders every probe with real Jinja2, in one Python process. */
export function renderWithJinja(python: string, probes: Probe[]): ProbeResult[] {
  const r = spawnSync(python, [ORACLE], {
    input: JSON.stringify(probes),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, PYTHONHASHSEED: '0' },
  });
  if (r.status !== 0) throw new Error(`the Jinja2 oracle failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as ProbeResult[];
}
