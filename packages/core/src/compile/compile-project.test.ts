import { existsSync, readdirSync, readFileSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CompileErrors } from '../diagnostics';
import { tempProject } from '../project/test-helpers';
import { compileProject, type CompileOptions } from './compile-project';
import { dialectAdapters } from '../testing/dialect-adapters';

const PROJECT = 'name: shop\nversion: "1.0.0"\n';

async function compile(files: Record<string, string>, extra: Partial<CompileOptions> = {}) {
  const dir = tempProject(files);
  const result = await compileProject({ projectDir: dir, writeArtifacts: true, env: {}, ...extra });
  return { dir, result };
}

async function problems(
  files: Record<string, string>,
  extra: Partial<CompileOptions> = {},
): Promise<string[]> {
  try {
    await compile(files, extra);
  } catch (err) {
    if (err instanceof CompileErrors) return err.problems.map((p) => p.format());
    throw err;
  }
  throw new Error('expected compile errors');
}

describe('compileProject', () => {
  it('compiles refs, sources, configs and writes artifacts', async () => {
    const { dir, result } = await compile({
      'project.yml': `${PROJECT}models:\n  shop:\n    marts:\n      +materialized: table\n      +schema: marts\n`,
      'models/staging/stg_orders.sql': "select * from {{ source('raw', 'orders') }}",
      'models/marts/orders.sql':
        "{{ config(tags=['daily']) }}select * from {{ ref('stg_orders') }}",
      'models/sources.yml':
        'version: 2\nsources:\n  - name: raw\n    schema: landing\n    tables:\n      - name: orders\n',
    });
    const orders = result.manifest.nodes['model.shop.orders']!;
    expect(orders.config.materialized).toBe('table');
    expect(orders.relation).toEqual({
      database: 'shop',
      schema: 'main_marts',
      identifier: 'orders',
    });
    expect(orders.compiled_code).toBe('select * from "shop"."main"."stg_orders"');
    expect(orders.depends_on.nodes).toEqual(['model.shop.stg_orders']);
    expect(orders.fqn).toEqual(['shop', 'marts', 'orders']);
    expect(orders.tags).toEqual(['daily']);
    expect(result.manifest.nodes['model.shop.stg_orders']!.compiled_code).toBe(
      'select * from "shop"."landing"."orders"',
    );
    expect(
      readFileSync(path.join(dir, 'target/compiled/shop/models/marts/orders.sql'), 'utf8'),
    ).toBe(orders.compiled_code);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'target/manifest.json'), 'utf8'));
    expect(manifest.parent_map['model.shop.orders']).toEqual(['model.shop.stg_orders']);
    expect(manifest.child_map['source.shop.raw.orders']).toEqual(['model.shop.stg_orders']);
  });

  it('inlines ephemeral models as CTEs, transitively and into an existing with', async () => {
    const { result } = await compile({
      'project.yml': PROJECT,
      'models/base.sql': "{{ config(materialized='ephemeral') }}select 1 as id",
      'models/mid.sql': "{{ config(materialized='ephemeral') }}select * from {{ ref('base') }}",
      'models/top.sql': "with x as (select * from {{ ref('mid') }})\nselect * from x",
    });
    expect(result.manifest.nodes['model.shop.top']!.compiled_code).toBe(
      'with __dbt__cte__base as (\nselect 1 as id\n),\n__dbt__cte__mid as (\nselect * from __dbt__cte__base\n),\nx as (select * from __dbt__cte__mid)\nselect * from x',
    );
  });

  it('reports unknown refs and sources with did-you-mean, all at once', async () => {
    const out = await problems({
      'project.yml': PROJECT,
      'models/sessions.sql': 'select 1',
      'models/a.sql': "select *\nfrom   {{ ref('sesions') }}\njoin {{ source('raw', 'ordrs') }}",
      'models/b.sql': "select * from {{ ref('nothing_like_it') }}",
      'models/sources.yml': 'sources:\n  - name: raw\n    tables:\n      - name: orders\n',
    });
    expect(out.map((l) => l.split('\n')[0])).toEqual([
      "models/a.sql:2:11 unknown ref 'sesions' — did you mean 'sessions'?",
      "models/a.sql:3:9 unknown source 'raw.ordrs' — did you mean source('raw', 'orders')?",
      "models/b.sql:1:18 unknown ref 'nothing_like_it' — no model, seed or snapshot named 'nothing_like_it' exists",
    ]);
  });

  it('says a two-argument ref names an unknown package, with did-you-mean', async () => {
    const out = await problems({
      'project.yml': PROJECT,
      'models/a.sql': 'select 1 as id',
      'models/b.sql': "select * from {{ ref('shoop', 'a') }}",
      'models/c.sql': "select * from {{ ref('elsewhere', 'a') }}",
    });
    expect(out.map((l) => l.split('\n')[0])).toEqual([
      "models/b.sql:1:18 ref('shoop', 'a'): there is no package named 'shoop' — did you mean ref('shop', 'a')?",
      "models/c.sql:1:18 ref('elsewhere', 'a'): there is no package named 'elsewhere' — packages of this project: shop",
    ]);
  });

  it('names where an unclosed {{ or block starts, not the end of the file', async () => {
    const out = await problems({
      'project.yml': PROJECT,
      'models/a.sql': "select 1\nfrom {{ ref('x') \n\nwhere 1 = 1\n",
      'models/b.sql': 'select 1\n{% if true %}\nwhere 1 = 1\n',
      'models/c.sql': 'select 1 {# a comment\n',
    });
    expect(out).toEqual([
      "models/a.sql:2:6 template syntax error: {{ is not closed (expected }}) — add }} where it should end\n    from {{ ref('x')",
      'models/b.sql:2:1 template syntax error: {% if %} is not closed (expected {% endif %}) — add {% endif %} where it should end\n    {% if true %}',
      'models/c.sql:1:10 template syntax error: {# … #} is not closed (expected #}) — add #} where it should end\n    select 1 {# a comment',
    ]);
  });

  it('reports a cycle with its full path', async () => {
    const out = await problems({
      'project.yml': PROJECT,
      'models/a.sql': "select * from {{ ref('c') }}",
      'models/b.sql': "select * from {{ ref('a') }}",
      'models/c.sql': "select * from {{ ref('b') }}",
    });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(
      /^models\/\w\.sql dependency cycle: model\.shop\.(\w) → model\.shop\.\w → model\.shop\.\w → model\.shop\.\1 — remove one/,
    );
  });

  it('reports template and YAML errors together with file and line', async () => {
    const out = await problems({
      'project.yml': PROJECT,
      'models/a.sql': "select 1\nfrom {{ ref('x' }}",
      'models/b.sql': "select {{ var('nope') }}",
      'models/schema.yml': 'models:\n  - name: a\n    columns: [1, 2\n',
    });
    expect(out.map((l) => l.split('\n')[0])).toEqual([
      expect.stringMatching(/^models\/schema\.yml:\d+:\d+ invalid YAML/),
      expect.stringMatching(/^models\/a\.sql:2:\d+ template syntax error/),
      "models/b.sql:1:14 required var 'nope' is not set for model.shop.b — set it under vars: in project.yml, pass --vars '{nope: …}', or give var('nope', default) a default",
    ]);
  });

  it('removes disabled models and reports refs to them', async () => {
    const out = await problems({
      'project.yml': PROJECT,
      'models/off.sql': '{{ config(enabled=false) }}select 1',
      'models/user.sql': "select * from {{ ref('off') }}",
    });
    expect(out[0]).toMatch(
      /^models\/user\.sql:1:18 model\.shop\.user depends on 'off', which is disabled — enable model\.shop\.off/,
    );
  });

  it('applies var precedence: --vars > root package-scoped > root global > package own > default', async () => {
    const files = {
      'project.yml': `${PROJECT}packages:\n  - local: pkg\nvars:\n  a: root_global\n  b: root_global\n  pkg:\n    a: root_scoped\n`,
      'pkg/project.yml': 'name: pkg\nvars:\n  a: own\n  b: own\n  c: own\n',
      'pkg/models/p.sql':
        "select '{{ var('a') }}', '{{ var('b') }}', '{{ var('c') }}', '{{ var('d', 'default') }}'",
    };
    const { result } = await compile(files);
    expect(result.manifest.nodes['model.pkg.p']!.compiled_code).toBe(
      "select 'root_scoped', 'root_global', 'own', 'default'",
    );
    const cli = await compile(files, { vars: '{a: cli, d: cli}' });
    expect(cli.result.manifest.nodes['model.pkg.p']!.compiled_code).toBe(
      "select 'cli', 'root_global', 'own', 'cli'",
    );
  });

  it('joins package models into one DAG, namespaced, with ambiguity errors', async () => {
    const base = {
      'project.yml': `${PROJECT}packages:\n  - local: p1\n  - local: p2\n`,
      'p1/project.yml': 'name: p1\n',
      'p2/project.yml': 'name: p2\n',
      'p1/models/shared.sql': 'select 1 as v',
      // Its own schema: two packages' `shared` in one schema would be one relation (a clash).
      'p2/models/shared.sql': "{{ config(schema='p2') }}select 2 as v",
      'p1/macros/m.sql': '{% macro from_p1() %}p1_macro{% endmacro %}',
    };
    const { result } = await compile({
      ...base,
      'models/use.sql': "select '{{ from_p1() }}' from {{ ref('p2', 'shared') }}",
    });
    expect(result.manifest.nodes['model.shop.use']!.depends_on.nodes).toEqual(['model.p2.shared']);
    expect(result.manifest.nodes['model.shop.use']!.depends_on.macros).toEqual([
      'macro.p1.from_p1',
    ]);
    const out = await problems({ ...base, 'models/use.sql': "select * from {{ ref('shared') }}" });
    expect(out[0]!.split('\n')[0]).toBe(
      "models/use.sql:1:18 ref('shared') is ambiguous: packages p1 and p2 both define 'shared' — use ref('p1', 'shared') to pick one",
    );
  });

  it('dispatches macros by the target adapter, falling back to default__', async () => {
    const files = {
      'project.yml': `${PROJECT}profile: p\n`,
      'profiles.yml':
        'p:\n  target: rs\n  outputs:\n    rs: { type: redshift, schema: s, host: h }\n    duck: { type: duckdb, schema: main }\n',
      'macros/d.sql':
        "{% macro now() %}{{ return(adapter.dispatch('now')()) }}{% endmacro %}{% macro default__now() %}current_timestamp{% endmacro %}{% macro postgres__now() %}now(){% endmacro %}",
      'models/a.sql': 'select {{ now() }}',
    };
    const dir = tempProject(files);
    const adapters = dialectAdapters();
    const rs = await compileProject({ projectDir: dir, writeArtifacts: false, env: {}, adapters });
    expect(rs.manifest.nodes['model.shop.a']!.compiled_code).toBe('select now()');
    const duck = await compileProject({
      projectDir: dir,
      writeArtifacts: false,
      env: {},
      target: 'duck',
      adapters,
    });
    expect(duck.manifest.nodes['model.shop.a']!.compiled_code).toBe('select current_timestamp');
  });

  it('turns YAML tests into test nodes attached to their model', async () => {
    const { result } = await compile({
      'project.yml': PROJECT,
      'models/orders.sql': 'select 1 as id',
      'models/schema.yml':
        'models:\n  - name: orders\n    description: All orders\n    columns:\n      - name: id\n        tests: [unique, not_null]\n',
      'tests/no_negative.sql': "select * from {{ ref('orders') }} where id < 0",
    });
    const tests = Object.values(result.manifest.nodes).filter((n) => n.resource_type === 'test');
    expect(tests.map((t) => t.name).sort()).toEqual([
      'no_negative',
      'not_null_orders_id',
      'unique_orders_id',
    ]);
    const unique = tests.find((t) => t.name === 'unique_orders_id')!;
    expect(unique.attached_node).toBe('model.shop.orders');
    expect(unique.compiled_code).toContain('from "shop"."main"."orders"');
    expect(result.manifest.nodes['model.shop.orders']!.description).toBe('All orders');
  });
});

describe('parse cache', () => {
  const files = {
    'project.yml': `${PROJECT}vars:\n  v: 1\n`,
    'macros/m.sql': '{% macro mac() %}m1{% endmacro %}',
    'models/a.sql': 'select 1',
    'models/b.sql': "select {{ var('v') }} from {{ ref('a') }}",
    'models/c.sql': "select '{{ mac() }}'",
    'models/d.sql': "select '{{ env_var('X', 'dx') }}'",
  };

  it('re-renders nothing when nothing changed, and exactly the edited inputs otherwise', async () => {
    const { dir, result: cold } = await compile(files);
    expect(cold.stats).toMatchObject({ cacheHits: 0, rendered: 4 });
    expect(existsSync(path.join(dir, 'target/tsmodel_parse_cache.json'))).toBe(true);
    const again = () => compileProject({ projectDir: dir, writeArtifacts: true, env: {} });
    expect((await again()).stats).toMatchObject({ cacheHits: 4, rendered: 0 });

    // Editing one model re-renders only that model.
    const { writeProjectFiles } = await import('../project/test-helpers');
    writeProjectFiles(dir, { 'models/a.sql': 'select 2' });
    const edited = await again();
    expect(edited.stats).toMatchObject({ cacheHits: 3, rendered: 1 });
    expect(edited.manifest.nodes['model.shop.a']!.compiled_code).toBe('select 2');

    // A changed var re-renders only the model that read it.
    const vars = await compileProject({
      projectDir: dir,
      writeArtifacts: true,
      env: {},
      vars: '{v: 2}',
    });
    expect(vars.stats).toMatchObject({ cacheHits: 3, rendered: 1 });
    expect(vars.manifest.nodes['model.shop.b']!.compiled_code).toBe(
      'select 2 from "shop"."main"."a"',
    );

    // A changed env var re-renders only the model that read it.
    const env = await compileProject({
      projectDir: dir,
      writeArtifacts: true,
      env: { X: 'new' },
      vars: '{v: 2}',
    });
    expect(env.stats).toMatchObject({ cacheHits: 3, rendered: 1 });
    expect(env.manifest.nodes['model.shop.d']!.compiled_code).toBe("select 'new'");

    // Editing a macro re-renders the models that call it.
    writeProjectFiles(dir, { 'macros/m.sql': '{% macro mac() %}m2{% endmacro %}' });
    const mac = await compileProject({
      projectDir: dir,
      writeArtifacts: true,
      env: { X: 'new' },
      vars: '{v: 2}',
    });
    expect(mac.stats).toMatchObject({ cacheHits: 3, rendered: 1 });
    expect(mac.manifest.nodes['model.shop.c']!.compiled_code).toBe("select 'm2'");

    // Folder config changes re-render the files of that folder (config.get may read them).
    writeProjectFiles(dir, {
      'project.yml': `${PROJECT}vars:\n  v: 1\nmodels:\n  shop:\n    +materialized: table\n`,
    });
    const cfg = await compileProject({
      projectDir: dir,
      writeArtifacts: true,
      env: { X: 'new' },
      vars: '{v: 2}',
    });
    expect(cfg.stats).toMatchObject({ cacheHits: 0, rendered: 4 });
    expect(cfg.manifest.nodes['model.shop.a']!.config.materialized).toBe('table');
  });

  it('ignores a corrupt cache file', async () => {
    const { dir } = await compile(files);
    const { writeProjectFiles } = await import('../project/test-helpers');
    writeProjectFiles(dir, { 'target/tsmodel_parse_cache.json': '{not json' });
    const r = await compileProject({ projectDir: dir, writeArtifacts: true, env: {} });
    expect(r.stats).toMatchObject({ cacheHits: 0, rendered: 4 });
  });
});

describe('generic test problems', () => {
  it('are reported at the YAML entry that declares the test', async () => {
    const out = await problems({
      'project.yml': PROJECT,
      'models/orders.sql': 'select 1 as id, 2 as customer_id',
      'models/schema.yml':
        "models:\n  - name: orders\n    columns:\n      - name: customer_id\n        tests:\n          - relationships:\n              to: ref('customerz')\n              field: id\n",
    });
    expect(out.map((l) => l.split('\n')[0])).toEqual([
      expect.stringMatching(
        /^models\/schema\.yml:6:\d+ test 'relationships_orders_customer_id__id__ref_customerz_': unknown ref 'customerz' — no model/,
      ),
    ]);
  });
});

describe('error cascades', () => {
  it('a model that fails to render does not make its refs unknown downstream', async () => {
    const out = await problems({
      'project.yml': PROJECT,
      'models/base.sql': "select {{ var('nope') }}",
      'models/child.sql': "select * from {{ ref('base') }}",
    });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^models\/base\.sql:1:\d+ required var 'nope'/);
  });
});

describe('templated project.yml configs', () => {
  it('renders var() in folder configs, with native booleans', async () => {
    const files = {
      'project.yml': `${PROJECT}vars:\n  feature_on: false\nmodels:\n  shop:\n    feature:\n      +enabled: "{{ var('feature_on') }}"\n      +schema: "{{ var('feature_schema', 'feat') }}"\n    +tags: ["{{ env_var('TAG', 'untagged') }}"]\n    +post-hook: "analyze {{ this }}"\n`,
      'models/feature/f.sql': 'select 1',
      'models/other.sql': 'select 2',
    };
    const off = await compile(files);
    expect(Object.keys(off.result.manifest.nodes)).toEqual(['model.shop.other']);
    const on = await compile(files, { vars: '{feature_on: true}' });
    expect(on.result.manifest.nodes['model.shop.f']!.relation).toEqual({
      database: 'shop',
      schema: 'main_feat',
      identifier: 'f',
    });
    const tagged = await compile(files, { env: { TAG: 'nightly' } });
    expect(tagged.result.manifest.nodes['model.shop.other']!.tags).toEqual(['nightly']);
    expect(tagged.result.manifest.nodes['model.shop.other']!.config.post_hook).toEqual([
      'analyze {{ this }}',
    ]);
  });
});

describe('file-level configs in project.yml', () => {
  it('apply to the one model or seed they name', async () => {
    const { result } = await compile({
      'project.yml': `${PROJECT}models:\n  shop:\n    staging:\n      +materialized: view\n      special:\n        +materialized: table\nseeds:\n  shop:\n    codes:\n      +column_types: { code: varchar }\n`,
      'models/staging/special.sql': 'select 1',
      'models/staging/plain.sql': 'select 1',
      'seeds/codes.csv': 'code\n01\n',
    });
    expect(result.manifest.nodes['model.shop.special']!.config.materialized).toBe('table');
    expect(result.manifest.nodes['model.shop.plain']!.config.materialized).toBe('view');
    expect(result.manifest.nodes['seed.shop.codes']!.config.column_types).toEqual({
      code: 'varchar',
    });
  });
});

/** Files written "long ago", so a reuse is not refused as racy (same second as the compile). */
function backdate(dir: string): void {
  const past = new Date(Date.now() - 60_000);
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else utimesSync(p, past, past);
    }
  };
  walk(dir);
}

describe('compileManifest (reusing an unchanged project)', () => {
  const files = {
    'project.yml': `${PROJECT}vars:\n  v: 1\n`,
    'models/a.sql': 'select 1 as id',
    'models/b.sql':
      "select {{ var('v') }} as v, '{{ env_var('X', 'dx') }}' as x from {{ ref('a') }}",
    'models/schema.yml': 'models:\n  - name: ghost\n    description: no such model\n',
  };

  it('reuses target/ when nothing it read changed, and compiles when anything did', async () => {
    const { compileManifest } = await import('./compile-project');
    const { writeProjectFiles } = await import('../project/test-helpers');
    const dir = tempProject(files);
    backdate(dir);
    const opts = { projectDir: dir, writeArtifacts: true as const, env: {} };
    const first = await compileManifest(opts);
    expect(first.stats.phases.reuse).toBeUndefined();
    const again = await compileManifest(opts);
    expect(again.stats.phases.reuse).toBeDefined();
    expect(again.manifest.nodes['model.shop.b']!.compiled_code).toBe(
      first.manifest.nodes['model.shop.b']!.compiled_code,
    );
    expect([...again.graph.nodes()]).toEqual([...first.graph.nodes()]);
    expect(again.warnings.map((w) => w.code)).toEqual(['patch-without-node']);
    // target/ stays exactly as the compile that wrote it.
    const onDisk = JSON.parse(readFileSync(path.join(dir, 'target/manifest.json'), 'utf8'));
    expect(onDisk.metadata.invocation_id).toBe(first.manifest.metadata.invocation_id);
    expect(again.manifest.metadata.invocation_id).toBe(first.manifest.metadata.invocation_id);

    // Each input a compile reads invalidates the reuse: an env var a template read, --vars, a file.
    expect(
      (await compileManifest({ ...opts, env: { X: 'new' } })).stats.phases.reuse,
    ).toBeUndefined();
    expect(
      (await compileManifest({ ...opts, env: { X: 'new', UNREAD: '1' } })).stats.phases.reuse,
    ).toBeDefined();
    const withVars = await compileManifest({ ...opts, env: { X: 'new' }, vars: '{v: 2}' });
    expect(withVars.stats.phases.reuse).toBeUndefined();
    expect(withVars.manifest.nodes['model.shop.b']!.compiled_code).toContain('select 2 as v');
    writeProjectFiles(dir, { 'models/a.sql': 'select 2 as id' });
    backdate(path.join(dir, 'models'));
    const edited = await compileManifest({ ...opts, env: { X: 'new' }, vars: '{v: 2}' });
    expect(edited.stats.phases.reuse).toBeUndefined();
    expect(edited.manifest.nodes['model.shop.a']!.compiled_code).toBe('select 2 as id');
  });

  it('compiles when a file changed in the same second as the last compile (racy stat)', async () => {
    const { compileManifest } = await import('./compile-project');
    const dir = tempProject({ 'project.yml': PROJECT, 'models/t.sql': 'select 1' });
    const opts = { projectDir: dir, writeArtifacts: true as const, env: {} };
    await compileManifest(opts);
    expect((await compileManifest(opts)).stats.phases.reuse).toBeUndefined();
    backdate(dir);
    await compileManifest(opts);
    expect((await compileManifest(opts)).stats.phases.reuse).toBeDefined();
  });

  it('never reuses a compile whose templates read the clock, or one that wrote less', async () => {
    const { compileManifest } = await import('./compile-project');
    const dir = tempProject({
      'project.yml': PROJECT,
      'models/t.sql': "select '{{ run_started_at }}' as t",
    });
    await compileManifest({ projectDir: dir, writeArtifacts: true, env: {} });
    expect(
      (await compileManifest({ projectDir: dir, writeArtifacts: true, env: {} })).stats.phases
        .reuse,
    ).toBeUndefined();
    const plain = tempProject({ 'project.yml': PROJECT, 'models/t.sql': 'select 1' });
    backdate(plain);
    await compileManifest({ projectDir: plain, writeArtifacts: 'manifest', env: {} });
    expect(
      (await compileManifest({ projectDir: plain, writeArtifacts: true, env: {} })).stats.phases
        .reuse,
    ).toBeUndefined();
    expect(existsSync(path.join(plain, 'target/compiled/shop/models/t.sql'))).toBe(true);
  });
});

describe('whileWriting (work on the manifest while its files are written)', () => {
  const files = { 'project.yml': PROJECT, 'models/a.sql': 'select 1 as id' };

  it('gets the compiled manifest, on a fresh compile and on a reused one', async () => {
    const { compileManifest } = await import('./compile-project');
    const dir = tempProject(files);
    backdate(dir);
    const seen: Array<string | undefined> = [];
    const opts = {
      projectDir: dir,
      writeArtifacts: true as const,
      env: {},
      whileWriting: async (view: {
        manifest: { nodes: Record<string, { compiled_code?: string }> };
      }) => {
        seen.push(view.manifest.nodes['model.shop.a']?.compiled_code);
      },
    };
    expect((await compileManifest(opts)).stats.phases.reuse).toBeUndefined();
    expect((await compileManifest(opts)).stats.phases.reuse).toBeDefined();
    expect(seen).toEqual(['select 1 as id', 'select 1 as id']);
  });

  it('fails the compile with its error once the files are written, and leaves nothing reusable', async () => {
    const { compileManifest } = await import('./compile-project');
    const dir = tempProject(files);
    backdate(dir);
    const failing = compileManifest({
      projectDir: dir,
      writeArtifacts: true,
      env: {},
      whileWriting: () => Promise.reject(new Error('catalog unreachable')),
    });
    await expect(failing).rejects.toThrow('catalog unreachable');
    expect(readFileSync(path.join(dir, 'target/compiled/shop/models/a.sql'), 'utf8')).toBe(
      'select 1 as id',
    );
    const next = await compileManifest({ projectDir: dir, writeArtifacts: true, env: {} });
    expect(next.stats.phases.reuse).toBeUndefined();
  });

  it('runs to its end when writing the files fails, and the write error is the one thrown', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const dir = tempProject(files);
    mkdirSync(path.join(dir, 'target'));
    writeFileSync(path.join(dir, 'target/compiled'), 'a file where compiled/ should be');
    let finished = false;
    const failing = compileProject({
      projectDir: dir,
      writeArtifacts: true,
      useCache: false,
      env: {},
      whileWriting: async () => {
        await new Promise((done) => setTimeout(done, 20));
        finished = true;
      },
    });
    await expect(failing).rejects.toMatchObject({ code: 'artifact-write-failed' });
    expect(finished).toBe(true);
  });
});

describe('model governance (access, group)', () => {
  it('reads config: {access, group} as the model fields dbt 1.7+ makes them', async () => {
    const { result } = await compile({
      'project.yml': `${PROJECT}models:\n  shop:\n    +group: finance\n`,
      'models/a.sql': "{{ config(access='public') }} select 1 as id",
      'models/b.sql': 'select 1 as id',
      'models/schema.yml': 'models:\n  - name: b\n    access: private\n',
      'models/groups.yml': 'groups:\n  - name: finance\n    owner: {name: fin}\n',
    });
    const a = result.manifest.nodes['model.shop.a']!;
    const b = result.manifest.nodes['model.shop.b']!;
    expect([a.access, a.config.access, a.group]).toEqual(['public', 'public', 'finance']);
    expect([b.access, b.group]).toEqual(['private', 'finance']);
  });
});
