/**
 * An in-memory {@link CliIO} for tests: runs `main` in-process and keeps what it printed.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CliIO } from './io';
import { main } from './main';

export interface CapturedIO extends CliIO {
  out: string[];
  err: string[];
}

export function captureIO(cwd: string, env: Record<string, string | undefined> = {}): CapturedIO {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    isTTY: false,
    env: { HOME: cwd, ...env },
    cwd,
  };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with `args` in `cwd` and returns its exit code and output. */
export async function runCli(
  args: string[],
  cwd: string,
  env?: Record<string, string | undefined>,
): Promise<RunResult> {
  const io = captureIO(cwd, env);
  const code = await main(args, io);
  return { code, stdout: io.out.join(''), stderr: io.err.join('') };
}

/** A fresh temp directory holding `files` (relative path → contents). */
export function tempProject(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsmodel-cli-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}
