/** `--warn-error` and `--warn-error-options` turn warnings into a failing exit code. */
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../test-io';

const project = () =>
  tempProject({
    'project.yml': 'name: shop\nversion: "1.0.0"\n',
    'models/orders.sql': "{{ config(materialised='table') }}\nselect 1 as id",
  });

describe('--warn-error', () => {
  it('an unknown config key warns with exit 0, and is an error with --warn-error, also on manifest reuse', async () => {
    const dir = project();
    const plain = await runCli(['compile'], dir);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toContain(
      "warning: models/orders.sql:1:11 unknown model config 'materialised' — did you mean 'materialized'?",
    );
    for (let i = 0; i < 2; i++) {
      const strict = await runCli(['compile', '--warn-error'], dir);
      expect(strict.code).toBe(1);
      expect(strict.stderr).toContain(
        "error: models/orders.sql:1:11 unknown model config 'materialised'",
      );
      expect(strict.stderr).toContain('1 warning treated as an error (--warn-error)');
    }
  });

  it.each([
    ['{"error": ["unknown-config-key"]}', 1, 'error: models/orders.sql'],
    [
      '{"include": "all", "exclude": ["CustomKeyInConfigDeprecation"]}',
      0,
      'warning: models/orders.sql',
    ],
    ['{"error": "*", "silence": ["unknown-config-key"]}', 0, ''],
  ])('--warn-error-options %s exits %i', async (options, code, printed) => {
    const result = await runCli(['compile', '--warn-error-options', options], project());
    expect(result.code).toBe(code);
    if (printed) expect(result.stderr).toContain(printed);
    else expect(result.stderr).not.toContain('materialised');
  });

  it('a selection that matches nothing fails `ls` under --warn-error', async () => {
    const dir = tempProject({
      'project.yml': 'name: shop\nversion: "1.0.0"\n',
      'models/orders.sql': 'select 1 as id',
    });
    expect((await runCli(['ls', '-s', 'nosuchmodel'], dir)).code).toBe(0);
    const result = await runCli(['ls', '-s', 'nosuchmodel', '--warn-error'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("error: nothing matches the selection 'nosuchmodel'");
    expect(result.stderr).toContain('1 warning treated as an error');
  });

  it('a malformed --warn-error-options is a usage error before any work', async () => {
    const result = await runCli(['compile', '--warn-error-options', '{"eror": "all"}'], project());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "--warn-error-options: unknown key 'eror' — did you mean 'error'?",
    );
  });
});
