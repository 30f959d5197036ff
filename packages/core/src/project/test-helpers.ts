import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CompileErrors } from '../diagnostics';

/**
 * Writes `files` (relative path → content) under `dir`, creating folders as needed, so a test
 * can describe a whole project — packages and node_modules included — as one object.
 */
export function writeProjectFiles(dir: string, files: Record<string, string>): string {
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(dir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

/** A fresh temporary directory holding `files`. */
export function tempProject(files: Record<string, string>): string {
  return writeProjectFiles(mkdtempSync(path.join(tmpdir(), 'tsmodel-project-')), files);
}

/** The first line of every problem `fn` throws together, formatted as the CLI prints them. */
export function thrownProblems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof CompileErrors)
      return error.problems.map((p) => p.format().split('\n')[0]!);
    throw error;
  }
  throw new Error('expected CompileErrors, nothing was thrown');
}
