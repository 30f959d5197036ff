import { resolve } from 'node:path';
import type { Manifest } from '@tsmodel/core';
import type { CommandContext } from './command';
import { readState } from './state';

/** The manifest `clone` copies from: `--state` is required. */
export async function cloneState(ctx: CommandContext): Promise<Manifest> {
  const { flags, io } = ctx;
  if (flags.state === undefined) {
    const { TsmodelError } = await import('@tsmodel/core');
    throw new TsmodelError({
      code: 'clone-without-state',
      message: 'tsmodel clone copies the relations of an earlier run, and no --state was given',
      hint: 'add --state DIR: the target/ directory (manifest.json) of the run to clone from',
    });
  }
  return (await readState(resolve(io.cwd, flags.state))).manifest!;
}
