import { realpathSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from './load-project';
import { tempProject, thrownProblems } from './test-helpers';

describe('loadProject packages', () => {
  it('loads npm, local and nested packages once each, root first', () => {
    const base = tempProject({
      'app/project.yml': [
        'name: app',
        'packages:',
        '  - "@acme/segment"',
        '  - package: snowplow',
        '  - local: ../libs/util',
        '  - local: .',
      ].join('\n'),
      // Found by walking up from app/ to the parent's node_modules.
      'node_modules/@acme/segment/project.yml': 'name: segment\npackages: [helpers]\n',
      // Nested: resolved from the segment package's own node_modules first.
      'node_modules/@acme/segment/node_modules/helpers/project.yml': 'name: helpers\n',
      'app/node_modules/snowplow/project.yml':
        'name: snowplow\npackages:\n  - local: ../../../libs/util\n',
      'libs/util/project.yml': 'name: util\nvars:\n  x: 1\n',
    });
    const { root, projects } = loadProject({ projectDir: path.join(base, 'app'), env: {} });
    expect(root.name).toBe('app');
    expect([...projects.keys()]).toEqual(['app', 'segment', 'snowplow', 'util', 'helpers']);
    const real = realpathSync(base);
    expect(projects.get('helpers')!.rootDir).toBe(
      path.join(real, 'node_modules/@acme/segment/node_modules/helpers'),
    );
    expect(projects.get('util')!.vars).toEqual({ x: 1 });
    expect(root.packages).toEqual([
      { kind: 'npm', name: '@acme/segment' },
      { kind: 'npm', name: 'snowplow' },
      { kind: 'local', path: '../libs/util' },
      { kind: 'local', path: '.' },
    ]);
  });

  it('reports two different projects with one name at the entry that brings the second', () => {
    const dir = tempProject({
      'project.yml': 'name: app\npackages:\n  - local: a\n  - local: b\n',
      'a/project.yml': 'name: shared\n',
      'b/project.yml': 'name: shared\n',
    });
    expect(thrownProblems(() => loadProject({ projectDir: dir, env: {} }))).toEqual([
      "project.yml:4:5 two projects are named 'shared': a/project.yml and b/project.yml — project names must be unique across packages; rename one in its project.yml or remove the duplicate package",
    ]);
  });

  it('reports a package without project.yml and one not installed, each at its entry line', () => {
    const dir = tempProject({
      'project.yml': 'name: app\npackages:\n  - lodash\n  - missing_pkg\n',
      'node_modules/lodash/package.json': '{}',
    });
    const real = realpathSync(dir);
    expect(thrownProblems(() => loadProject({ projectDir: dir, env: {} }))).toEqual([
      `project.yml:3:5 package 'lodash' has no dbt_project.yml or project.yml (${path.join(real, 'node_modules/lodash')}) — a model package holds its project file at its root; is 'lodash' a model package?`,
      expect.stringMatching(
        /^project\.yml:4:5 package 'missing_pkg' is not installed .* — run `npm install missing_pkg`$/,
      ),
    ]);
  });

  it('reports problems inside a package file with the path from the root project', () => {
    const dir = tempProject({
      'project.yml': 'name: app\npackages:\n  - local: pkgs/bad\n',
      'pkgs/bad/project.yml': 'name: bad\nmodels: [1]\n',
    });
    expect(thrownProblems(() => loadProject({ projectDir: dir, env: {} }))).toEqual([
      'pkgs/bad/project.yml:2:9 models: Invalid input: expected record, received array',
    ]);
  });

  it('reports a missing local package directory', () => {
    const dir = tempProject({ 'project.yml': 'name: app\npackages:\n  - local: nowhere\n' });
    expect(thrownProblems(() => loadProject({ projectDir: dir, env: {} }))).toEqual([
      `project.yml:3:5 local package 'nowhere' does not exist (${path.join(dir, 'nowhere')}) — local paths are relative to the project.yml that lists them`,
    ]);
  });
});
