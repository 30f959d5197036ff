/**
 * Every command, in `tsmodel --help` order. Adding a command is one file exporting a
 * `defineCommand(...)` plus one line here.
 */
import type { AnyCommand } from './command';
import { buildCommand } from './build';
import { cleanCommand } from './clean';
import { compileCommand } from './compile';
import { debugCommand } from './debug';
import { depsCommand } from './deps';
import { docsCommand } from './docs';
import { initCommand } from './init';
import { lineageCommand } from './lineage';
import { lsCommand } from './ls';
import { parseCommand } from './parse';
import { retryCommand } from './retry';
import { runCommand } from './run';
import { runOperationCommand } from './run-operation';
import { seedCommand } from './seed';
import { showCommand } from './show';
import { sourceCommand } from './source';
import { snapshotCommand } from './snapshot';
import { cloneCommand } from './clone';
import { testCommand } from './test';

export const commands: readonly AnyCommand[] = [
  runCommand,
  buildCommand,
  seedCommand,
  testCommand,
  retryCommand,
  sourceCommand,
  snapshotCommand,
  cloneCommand,
  compileCommand,
  showCommand,
  docsCommand,
  lineageCommand,
  runOperationCommand,
  lsCommand,
  parseCommand,
  debugCommand,
  depsCommand,
  cleanCommand,
  initCommand,
];
