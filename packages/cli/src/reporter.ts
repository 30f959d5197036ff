/**
 * All CLI printing goes through a Reporter, so commands say *what* happened (an event with a
 * message and data) and the user's flags decide *how* it looks: coloured text for people,
 * one JSON object per line for machines, errors only with `--quiet`.
 */
import { createColors } from 'picocolors';
import type { TsmodelError } from '@tsmodel/core';
import type { CliIO } from './io';
import type { GlobalFlags } from './flags';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Extra fields of an event; in JSON output they sit next to ts/level/event/msg. */
export type EventData = Record<string, unknown>;

export interface Reporter {
  /** `event` is a stable kebab-case name (`compile-done`) that JSON consumers can switch on. */
  log(level: LogLevel, event: string, msg: string, data?: EventData): void;
  debug(event: string, msg: string, data?: EventData): void;
  info(event: string, msg: string, data?: EventData): void;
  warn(event: string, msg: string, data?: EventData): void;
  error(event: string, msg: string, data?: EventData): void;
  /** A located user problem: `file:line:col message — hint` in text, its fields in JSON. */
  problem(level: 'warn' | 'error', problem: TsmodelError): void;
  /**
   * What the user asked for (an `ls` line, compiled SQL). Printed even with `--quiet`, since
   * quieting logs must not empty the answer; in JSON mode it is an `output` event.
   */
  output(text: string): void;
}

export interface ReporterOptions {
  format: GlobalFlags['logFormat'];
  color: boolean;
  quiet: boolean;
  debug: boolean;
  /** Clock for event timestamps; tests pin it. */
  now?: () => Date;
}

/** Builds the reporter the flags ask for. Colour needs a TTY, no `--no-color` and no NO_COLOR. */
export function createReporter(
  io: CliIO,
  flags: Pick<GlobalFlags, 'logFormat' | 'color' | 'quiet' | 'debug'>,
): Reporter {
  const noColorEnv = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  const options: ReporterOptions = {
    format: flags.logFormat,
    color: flags.color && io.isTTY && !noColorEnv,
    quiet: flags.quiet,
    debug: flags.debug,
  };
  return options.format === 'json' ? new JsonReporter(io, options) : new TextReporter(io, options);
}

abstract class BaseReporter implements Reporter {
  constructor(
    protected readonly io: CliIO,
    protected readonly options: ReporterOptions,
  ) {}

  abstract log(level: LogLevel, event: string, msg: string, data?: EventData): void;
  abstract problem(level: 'warn' | 'error', problem: TsmodelError): void;
  abstract output(text: string): void;

  protected shows(level: LogLevel): boolean {
    if (level === 'debug') return this.options.debug;
    if (this.options.quiet) return level === 'error';
    return true;
  }

  debug(event: string, msg: string, data?: EventData): void {
    this.log('debug', event, msg, data);
  }
  info(event: string, msg: string, data?: EventData): void {
    this.log('info', event, msg, data);
  }
  warn(event: string, msg: string, data?: EventData): void {
    this.log('warn', event, msg, data);
  }
  error(event: string, msg: string, data?: EventData): void {
    this.log('error', event, msg, data);
  }
}

/** Human output: info on stdout, warnings and errors on stderr, coloured on a terminal. */
export class TextReporter extends BaseReporter {
  private readonly c = createColors(this.options.color);

  log(level: LogLevel, _event: string, msg: string): void {
    if (!this.shows(level)) return;
    const { c } = this;
    switch (level) {
      case 'debug':
        return this.io.stderr(`${c.dim(msg)}\n`);
      case 'info':
        return this.io.stdout(`${msg}\n`);
      case 'warn':
        return this.io.stderr(`${c.yellow('warning:')} ${msg}\n`);
      case 'error':
        return this.io.stderr(`${c.red('error:')} ${msg}\n`);
    }
  }

  problem(level: 'warn' | 'error', problem: TsmodelError): void {
    this.log(level, problem.code, problem.format());
  }

  output(text: string): void {
    this.io.stdout(`${text}\n`);
  }
}

/** Machine output: every event is one JSON object on its own stdout line. */
export class JsonReporter extends BaseReporter {
  log(level: LogLevel, event: string, msg: string, data?: EventData): void {
    if (!this.shows(level)) return;
    const ts = (this.options.now ?? (() => new Date()))().toISOString();
    this.io.stdout(`${JSON.stringify({ ts, level, event, msg, ...data })}\n`);
  }

  problem(level: 'warn' | 'error', problem: TsmodelError): void {
    // `msg` already carries the message (formatted with location and hint).
    const fields = problem.toJSON();
    delete fields.message;
    this.log(level, problem.code, problem.format(), fields);
  }

  output(text: string): void {
    const ts = (this.options.now ?? (() => new Date()))().toISOString();
    this.io.stdout(`${JSON.stringify({ ts, level: 'info', event: 'output', msg: text })}\n`);
  }
}
