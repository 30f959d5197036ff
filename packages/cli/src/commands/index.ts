/**
 * Every command, in `tsmodel --help` order. Adding a command is one file exporting a
 * `defineCommand(...)` plus one line here.
 */
import type { AnyCommand } from './command';
import { cleanCommand } from './clean';
import { compileCommand } from './compile';
import { debugCommand } from './debug';
import { initCommand } from './init';
import { lsCommand } from './ls';
import { parseCommand } from './parse';

export const commands: readonly AnyCommand[] = [
  compileCommand,
  lsCommand,
  parseCommand,
  debugCommand,
  cleanCommand,
  initCommand,
];
