import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from './test-io';

describe('usage errors say what is wrong in command-line words', () => {
  const cases: Array<[string[], string]> = [
    [['run', '--threads', 'abc'], "--threads must be a whole number of at least 1, got 'abc'"],
    [['run', '--threads=many'], "--threads must be a whole number of at least 1, got 'many'"],
    [['run', '--threads'], '--threads needs a value'],
    [['compile', '--log-format', 'xml'], "--log-format 'xml' is not one of: text, json"],
  ];
  for (const [args, message] of cases) {
    it(args.join(' '), async () => {
      const { code, stderr } = await runCli(args, tempProject());
      expect(code).toBe(1);
      expect(stderr).toContain(message);
      expect(stderr).not.toMatch(/NaN|Not enough arguments|Invalid values/);
    });
  }
});
