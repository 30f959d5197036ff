/**
 * Where the CLI writes and what it knows about its surroundings. `main` takes one so tests run
 * the whole CLI in-process and read what it printed, without spawning node or patching globals.
 */
export interface CliIO {
  /** Writes text to standard output as is (callers add the newline). */
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stdout is a terminal; colours are only used on one. */
  isTTY: boolean;
  /** Terminal width for help text; `undefined` when not a terminal. */
  columns?: number;
  env: Record<string, string | undefined>;
  /** Directory relative paths (like `--project-dir`) resolve against. */
  cwd: string;
}

/**
 * `tsmodel ls | head -1`: once the reader has gone, the next write fails with EPIPE. Like Unix
 * tools on SIGPIPE, stop quietly with success instead of crashing on the unhandled error;
 * any other stream error still surfaces.
 */
export function exitQuietlyOnBrokenPipe(
  stream: NodeJS.WritableStream,
  exit: (code: number) => void,
): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    exit(0);
  });
}

let guarded = false;

/** The real process streams and environment. */
export function processIO(): CliIO {
  if (!guarded) {
    guarded = true;
    exitQuietlyOnBrokenPipe(process.stdout, (code) => process.exit(code));
    exitQuietlyOnBrokenPipe(process.stderr, (code) => process.exit(code));
  }
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    isTTY: process.stdout.isTTY === true,
    columns: process.stdout.columns,
    env: process.env,
    cwd: process.cwd(),
  };
}

/**
 * `io` with every secret the redactor knows replaced in what is printed: warehouse errors can
 * echo connection settings, and terminal output ends up in CI logs.
 */
export function redactingIO(io: CliIO, redactor: { redact(text: string): string }): CliIO {
  return {
    ...io,
    stdout: (text) => io.stdout(redactor.redact(text)),
    stderr: (text) => io.stderr(redactor.redact(text)),
  };
}
