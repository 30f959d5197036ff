import { describe, expect, it } from 'vitest';
import { loadProject } from './load-project';
import { tempProject } from './test-helpers';
import { VarResolver } from './var-resolver';

/** Root `app` with package `pkg`; every level defines `v` so removing one exposes the next. */
function resolverWith(levels: {
  cli?: boolean;
  rootScoped?: boolean;
  rootGlobal?: boolean;
  pkgScoped?: boolean;
  pkgGlobal?: boolean;
}) {
  const rootVars = [
    ...(levels.rootGlobal ? ['  v: root_global'] : []),
    ...(levels.rootScoped ? ['  pkg:', '    v: root_scoped'] : ['  pkg:', '    other: 1']),
    '  app:',
    '    w: root_scoped_to_root',
  ];
  const pkgVars = [
    ...(levels.pkgGlobal ? ['  v: pkg_global'] : []),
    ...(levels.pkgScoped ? ['  pkg:', '    v: pkg_scoped'] : []),
    '  app:',
    '    v: pkg_scoped_to_root_is_ignored',
  ];
  const dir = tempProject({
    'project.yml': ['name: app', 'packages: [{local: pkg}]', 'vars:', ...rootVars].join('\n'),
    'pkg/project.yml': ['name: pkg', 'vars:', ...pkgVars].join('\n'),
  });
  const loaded = loadProject({
    projectDir: dir,
    cliVars: levels.cli ? 'v: cli' : undefined,
    env: {},
  });
  return new VarResolver(loaded.root, loaded.projects, loaded.cliVars);
}

describe('VarResolver precedence', () => {
  const all = { cli: true, rootScoped: true, rootGlobal: true, pkgScoped: true, pkgGlobal: true };

  it('1. --vars wins over everything', () => {
    expect(resolverWith(all).resolve('v', 'pkg')).toEqual({ found: true, value: 'cli' });
  });

  it('--vars may scope to a package too, and that scope wins over global --vars', () => {
    const dir = tempProject({
      'project.yml': 'name: app\npackages: [{local: pkg}]\n',
      'pkg/project.yml': 'name: pkg\nvars:\n  v: own\n',
    });
    const loaded = loadProject({
      projectDir: dir,
      cliVars: '{v: global, pkg: {v: scoped}}',
      env: {},
    });
    const vars = new VarResolver(loaded.root, loaded.projects, loaded.cliVars);
    expect(vars.resolve('v', 'pkg')).toEqual({ found: true, value: 'scoped' });
    expect(vars.resolve('v', 'app')).toEqual({ found: true, value: 'global' });
  });

  it('2. package-scoped vars in the root come next', () => {
    expect(resolverWith({ ...all, cli: false }).resolve('v', 'pkg')).toEqual({
      found: true,
      value: 'root_scoped',
    });
  });

  it('3. then global vars in the root', () => {
    const r = resolverWith({ ...all, cli: false, rootScoped: false });
    expect(r.resolve('v', 'pkg')).toEqual({ found: true, value: 'root_global' });
  });

  it("4. then the package's own vars, scoped to itself before global", () => {
    const scoped = resolverWith({ pkgScoped: true, pkgGlobal: true });
    expect(scoped.resolve('v', 'pkg')).toEqual({ found: true, value: 'pkg_scoped' });
    const global = resolverWith({ pkgGlobal: true });
    expect(global.resolve('v', 'pkg')).toEqual({ found: true, value: 'pkg_global' });
  });

  it('5. otherwise not found, so var() falls back to its default', () => {
    expect(resolverWith({}).resolve('v', 'pkg')).toEqual({ found: false });
  });

  it("ignores a package's vars for root nodes and another package's scope", () => {
    const r = resolverWith({ pkgGlobal: true, pkgScoped: true });
    expect(r.resolve('v', 'app')).toEqual({ found: false });
    expect(r.resolve('w', 'app')).toEqual({ found: true, value: 'root_scoped_to_root' });
    expect(r.resolve('other', 'app')).toEqual({ found: false });
  });

  it('treats a key naming a project as global when its value is not a mapping', () => {
    const dir = tempProject({
      'project.yml':
        'name: app\npackages: [{local: pkg}]\nvars:\n  pkg: 5\n  unknown_scope: {x: 1}\n',
      'pkg/project.yml': 'name: pkg\n',
    });
    const loaded = loadProject({ projectDir: dir, env: {} });
    const r = new VarResolver(loaded.root, loaded.projects, loaded.cliVars);
    expect(r.resolve('pkg', 'app')).toEqual({ found: true, value: 5 });
    expect(r.resolve('unknown_scope', 'pkg')).toEqual({ found: true, value: { x: 1 } });
  });

  it('finds vars whose value is null or false', () => {
    const dir = tempProject({ 'project.yml': 'name: app\nvars:\n  a: null\n  b: false\n' });
    const loaded = loadProject({ projectDir: dir, env: {} });
    const r = new VarResolver(loaded.root, loaded.projects);
    expect(r.resolve('a', 'app')).toEqual({ found: true, value: null });
    expect(r.resolve('b', 'app')).toEqual({ found: true, value: false });
  });
});
