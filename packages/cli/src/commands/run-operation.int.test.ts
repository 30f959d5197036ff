import { describe, expect, it } from 'vitest';
import { testProject } from './run-fixtures';

const FILES = {
  'models/a.sql': 'select 1 as id',
  'macros/ops.sql': `
{% macro greet(name, times=1) %}
  {% for i in range(times) %}{{ log('hello ' ~ name ~ ' #' ~ i ~ ' on ' ~ target.type ~ ' execute=' ~ execute, info=True) }}{% endfor %}
  {{ log('details for ' ~ name) }}
  {{ log('type ' ~ dbt.type_string(), info=True) }}
{% endmacro %}
{% macro refuse(reason) %}{{ exceptions.raise_compiler_error('refused: ' ~ reason) }}{% endmacro %}
`,
};

describe('tsmodel run-operation', () => {
  it('calls the macro with --args (YAML or JSON), execute true, printing info logs', async () => {
    const p = testProject(FILES);
    const yaml = await p.run('run-operation', 'greet', '--args', '{name: ann, times: 2}');
    expect(yaml.code).toBe(0);
    expect(yaml.stdout).toContain('hello ann #0 on duckdb execute=True');
    expect(yaml.stdout).toContain('hello ann #1 on duckdb execute=True');
    expect(yaml.stdout).toContain('type varchar');
    expect(yaml.stdout).not.toContain('details for ann');
    const json = await p.run('run-operation', 'shop.greet', '--args', '{"name": "bob"}');
    expect(json.code).toBe(0);
    expect(json.stdout).toContain('hello bob #0');
    expect(json.stdout).not.toContain('#1');
  });

  it('shows the other log() lines with --debug', async () => {
    const p = testProject(FILES);
    const { code, stdout, stderr } = await p.run(
      '--debug',
      'run-operation',
      'greet',
      '--args',
      'name: cy',
    );
    expect(code).toBe(0);
    expect(stdout + stderr).toContain('details for cy');
  });

  it("exits 1 with the macro's error, placed in its file", async () => {
    const p = testProject(FILES);
    const { code, stderr } = await p.run('run-operation', 'refuse', '--args', '{reason: late}');
    expect(code).toBe(1);
    expect(stderr).toContain('macros/ops.sql run-operation shop.refuse failed: refused: late');
    expect(stderr).not.toContain('__tsmodel');
  });

  it('names an unknown macro with a suggestion, and rejects --args that is not a mapping', async () => {
    const p = testProject(FILES);
    const unknown = await p.run('run-operation', 'gret');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("no macro named 'gret' — did you mean 'greet'?");
    const list = await p.run('run-operation', 'greet', '--args', '[1, 2]');
    expect(list.code).toBe(1);
    expect(list.stderr).toContain('--args must be a mapping');
  });
});
