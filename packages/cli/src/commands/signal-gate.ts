/**
 * Test fixture: interrupt a spawned `tsmodel` while a chosen statement is known to be running,
 * never after a sleep. A `Gate` says when the statement runs; the signal is sent only then.
 * On DuckDB (`pipeGate`) the statement reads a named pipe: opening the pipe's write end returns
 * once the engine opened its read end, and the pipe is then fed rows without end, so the
 * statement can only stop by being cancelled, however loaded the machine.
 */
import { execFileSync, spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../../bin/tsmodel.js', import.meta.url));

/** Knows when the gated statement runs. */
export interface Gate {
  /** Resolves once the statement runs; may hand back what to do after the signal was sent. */
  running(): Promise<(() => Promise<void>) | void>;
  /** The process ended before the statement ran: stop waiting. */
  abandon(): void;
}

export interface Interrupted {
  code: number | null;
  killedBy: NodeJS.Signals | null;
  out: string;
  err: string;
}

/** Runs `tsmodel ...args` in `cwd` and sends `signal` once `gate` says the statement runs. */
export function interruptWhenRunning(
  cwd: string,
  args: string[],
  signal: NodeJS.Signals,
  gate: Gate,
): Promise<Interrupted> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let out = '';
    let err = '';
    let exited = false;
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, killedBy) => {
      exited = true;
      gate.abandon();
      resolve({ code, killedBy, out, err });
    });
    gate.running().then(async (after) => {
      if (exited) return;
      child.kill(signal);
      await after?.();
    }, reject);
  });
}

/** A named pipe in `dir`: `sql` is a DuckDB relation reading rows from it. */
export function pipeGate(dir: string): Gate & { sql: string } {
  const fifo = join(dir, 'gate.csv');
  execFileSync('mkfifo', [fifo]);
  let opened = false;
  return {
    sql: `read_csv('${fifo}', columns = {'n': 'integer'}, header = false)`,
    running: async () => {
      const writer = await open(fifo, 'w');
      opened = true;
      return () => feedUntilClosed(writer);
    },
    // Opening the read end lets the pending open of the write end return.
    abandon: () => {
      if (!opened)
        void open(fifo, constants.O_RDONLY | constants.O_NONBLOCK).then((r) => r.close());
    },
  };
}

/** Writes rows until the reader goes away (EPIPE), then closes the pipe. */
async function feedUntilClosed(writer: FileHandle): Promise<void> {
  const rows = Buffer.from('1\n'.repeat(8192));
  try {
    for (;;) await writer.write(rows);
  } catch {
    // The engine closed its end: cancelled, or the process ended.
  } finally {
    await writer.close().catch(() => undefined);
  }
}
