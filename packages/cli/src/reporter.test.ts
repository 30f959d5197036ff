import { TsmodelError } from '@tsmodel/core';
import { describe, expect, it } from 'vitest';
import { createReporter } from './reporter';
import { captureIO } from './test-io';

const flags = { logFormat: 'text', color: true, quiet: false, debug: false } as const;
const ESC = '\u001b[';

describe('createReporter', () => {
  it('writes info to stdout and warnings/errors to stderr', () => {
    const io = captureIO('/');
    const r = createReporter(io, { ...flags, color: false });
    r.info('a', 'hello');
    r.warn('b', 'careful');
    r.error('c', 'broken');
    r.debug('d', 'hidden');
    expect(io.out).toEqual(['hello\n']);
    expect(io.err).toEqual(['warning: careful\n', 'error: broken\n']);
  });

  it('colours only on a TTY without --no-color or NO_COLOR', () => {
    const tty = { ...captureIO('/'), isTTY: true };
    createReporter(tty, flags).error('c', 'broken');
    expect(tty.err.join('')).toContain(ESC);

    const noFlag = { ...captureIO('/'), isTTY: true };
    createReporter(noFlag, { ...flags, color: false }).error('c', 'broken');
    expect(noFlag.err.join('')).not.toContain(ESC);

    const noColorEnv = { ...captureIO('/', { NO_COLOR: '1' }), isTTY: true };
    createReporter(noColorEnv, flags).error('c', 'broken');
    expect(noColorEnv.err.join('')).not.toContain(ESC);

    const pipe = captureIO('/');
    createReporter(pipe, flags).error('c', 'broken');
    expect(pipe.err.join('')).not.toContain(ESC);
  });

  it('prints only errors and command output with --quiet', () => {
    const io = captureIO('/');
    const r = createReporter(io, { ...flags, quiet: true });
    r.info('a', 'hello');
    r.warn('b', 'careful');
    r.output('model.a');
    r.error('c', 'broken');
    expect(io.out).toEqual(['model.a\n']);
    expect(io.err).toEqual(['error: broken\n']);
  });

  it('prints debug logs with --debug', () => {
    const io = captureIO('/');
    createReporter(io, { ...flags, color: false, debug: true }).debug('d', 'details');
    expect(io.err).toEqual(['details\n']);
  });

  it('emits one JSON event per line in json format', () => {
    const io = captureIO('/');
    const r = createReporter(io, { ...flags, logFormat: 'json' });
    r.info('compile-done', 'Compiled 3 nodes', { nodes: 3 });
    r.output('model.a');
    r.problem(
      'error',
      new TsmodelError({
        code: 'unknown-ref',
        message: "unknown ref 'x'",
        location: { file: 'm.sql', line: 2 },
        node: 'model.p.m',
      }),
    );
    const events = io.out
      .join('')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events).toHaveLength(3);
    for (const event of events)
      expect(Object.keys(event).slice(0, 4)).toEqual(['ts', 'level', 'event', 'msg']);
    expect(events[0]).toMatchObject({
      level: 'info',
      event: 'compile-done',
      msg: 'Compiled 3 nodes',
      nodes: 3,
    });
    expect(events[1]).toMatchObject({ event: 'output', msg: 'model.a' });
    expect(events[2]).toMatchObject({
      level: 'error',
      event: 'unknown-ref',
      msg: "m.sql:2 unknown ref 'x'",
      location: { file: 'm.sql', line: 2 },
      node: 'model.p.m',
      kind: 'user',
    });
    expect(io.err).toEqual([]);
  });
});
