/**
 * One error type for everything a user can get wrong, so the CLI can print every problem the
 * same way (`file:line:col message — hint`) and pick the exit code from `kind` alone.
 */

/** Where in the user's files a problem sits. Paths are relative to the project root when possible. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

/** `user` problems exit 1 (the user can fix them); `internal` ones exit 2 ("this is a bug"). */
export type ErrorKind = 'user' | 'internal';

export interface DiagnosticInit {
  /** Stable machine-readable code, e.g. `unknown-ref`, `yaml-syntax`, `cycle`. */
  code: string;
  message: string;
  location?: SourceLocation;
  /** Unique id of the node the problem belongs to, when there is one. */
  node?: string;
  /** What to do about it, e.g. "did you mean 'sessions'?" */
  hint?: string;
  /** The offending source line, shown under the message. */
  excerpt?: string;
  kind?: ErrorKind;
  cause?: unknown;
}

export class TsmodelError extends Error {
  readonly code: string;
  readonly location?: SourceLocation;
  readonly node?: string;
  readonly hint?: string;
  readonly excerpt?: string;
  readonly kind: ErrorKind;

  constructor(init: DiagnosticInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'TsmodelError';
    this.code = init.code;
    this.location = init.location;
    this.node = init.node;
    this.hint = init.hint;
    this.excerpt = init.excerpt;
    this.kind = init.kind ?? 'user';
  }

  /** `models/a.sql:3:14 unknown ref 'sesions' — did you mean 'sessions'?` */
  format(): string {
    const where = formatLocation(this.location);
    const head = `${where ? `${where} ` : ''}${this.message}${this.hint ? ` — ${this.hint}` : ''}`;
    return this.excerpt ? `${head}\n    ${this.excerpt.trim()}` : head;
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      ...(this.location ? { location: this.location } : {}),
      ...(this.node ? { node: this.node } : {}),
      ...(this.hint ? { hint: this.hint } : {}),
      kind: this.kind,
    };
  }
}

/**
 * Many problems found in one pass. Compilation collects every problem before failing so a user
 * fixes them all in one edit-run cycle instead of one per run.
 */
export class CompileErrors extends Error {
  readonly problems: TsmodelError[];
  readonly kind: ErrorKind = 'user';

  constructor(problems: TsmodelError[]) {
    super(
      problems.length === 1
        ? problems[0]!.format()
        : `${problems.length} problems:\n${problems.map((p) => `  ${p.format()}`).join('\n')}`,
    );
    this.name = 'CompileErrors';
    this.problems = problems;
  }
}

export function formatLocation(loc: SourceLocation | undefined): string {
  if (!loc) return '';
  if (loc.line === undefined) return loc.file;
  return `${loc.file}:${loc.line}${loc.column === undefined ? '' : `:${loc.column}`}`;
}

/** Collects problems while a pass goes on; `throwIfAny` ends the pass with all of them. */
export class DiagnosticBag {
  readonly problems: TsmodelError[] = [];

  add(problem: TsmodelError | DiagnosticInit): void {
    this.problems.push(problem instanceof TsmodelError ? problem : new TsmodelError(problem));
  }

  get size(): number {
    return this.problems.length;
  }

  throwIfAny(): void {
    if (this.problems.length > 0) throw new CompileErrors(this.problems);
  }
}

/** 1-based line and column of a character offset in `text`. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** The text of 1-based line `line`, for excerpts under an error message. */
export function lineOf(text: string, line: number): string | undefined {
  return text.split(/\r?\n/)[line - 1];
}
