import { relative } from 'node:path';
import type { ResolvedProfile, TargetConfig } from '@tsmodel/core';

/** Target settings safe to print; anything else (passwords, keys, tokens) never is. */
const SHOWN_TARGET_KEYS = [
  'type',
  'schema',
  'database',
  'threads',
  'host',
  'port',
  'user',
  'path',
  'account',
];

export function describeTarget(target: TargetConfig): string {
  return SHOWN_TARGET_KEYS.filter((key) => target[key] !== undefined && target[key] !== '')
    .map((key) => `${key}=${String(target[key])}`)
    .join(', ');
}

/**
 * The line `run`, `build`, `seed` and `test` start with: which target and adapter they are about
 * to change, and where that came from — so a run on the wrong warehouse is seen before it acts.
 */
export function targetLine(profile: ResolvedProfile, cwd: string): string {
  const { target } = profile;
  const from = profile.profilesFile
    ? `from ${relative(cwd, profile.profilesFile) || profile.profilesFile}`
    : '(embedded default: no profile named, no profiles.yml)';
  return `Target '${target.name}' of profile '${target.profile_name}' ${from}: ${describeTarget(target)}`;
}
