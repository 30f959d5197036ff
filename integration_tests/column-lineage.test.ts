/**
 * Column lineage of the bundled Segment and Snowplow models, compiled offline by the real CLI.
 * Every expected value was read off the models' SQL by hand (models/segment, models/snowplow_*),
 * not from the implementation's output: an upstream column is listed when the output column's
 * expression reads it — window functions with their PARTITION BY and ORDER BY columns.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  columnLineageArtifact,
  upstreamTree,
  type Manifest,
  type NodeLineage,
} from '@tsmodel/core';

const BIN = fileURLToPath(new URL('../bin/tsmodel.js', import.meta.url));
const here = (dir: string) => fileURLToPath(new URL(dir, import.meta.url));

function run(projectDir: string, args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args, '--project-dir', projectDir], {
    env: { ...process.env, NO_COLOR: '1' },
    encoding: 'utf8',
  });
}

/** Compiles a project into a fresh target path and computes its lineage. */
async function lineageOf(
  projectDir: string,
): Promise<{ manifest: Manifest; nodes: Record<string, NodeLineage> }> {
  const target = mkdtempSync(path.join(tmpdir(), 'lineage-'));
  const result = run(projectDir, ['compile', '--target-path', target]);
  if (result.status !== 0) throw new Error(`${result.stdout}${result.stderr}`);
  const manifest = JSON.parse(readFileSync(path.join(target, 'manifest.json'), 'utf8')) as Manifest;
  return { manifest, nodes: (await columnLineageArtifact(manifest)).nodes };
}

const PKG = 'model.tsmodel_sessionization';
const col = (node: string, column: string) => ({ node, column });
const sorted = <T extends { node: string; column: string }>(refs: T[]) =>
  [...refs].sort((a, b) => `${a.node}.${a.column}`.localeCompare(`${b.node}.${b.column}`));

function expectColumn(
  nodes: Record<string, NodeLineage>,
  model: string,
  column: string,
  how: string,
  upstream: Array<{ node: string; column: string }>,
) {
  const entry = nodes[model]?.columns[column];
  expect(entry, `${model}.${column}`).toBeDefined();
  expect({
    how: entry!.how,
    upstream: sorted(entry!.upstream),
    unresolved: entry!.unresolved,
  }).toEqual({
    how,
    upstream: sorted(upstream),
    unresolved: undefined,
  });
}

describe('Segment models', () => {
  let nodes: Record<string, NodeLineage>;
  const pages = 'model.segment_integration_tests.segment_pages';
  const pv = `${PKG}.page_views`;
  const pvs = `${PKG}.page_views__sessionized`;
  beforeAll(async () => ({ nodes } = await lineageOf(here('.'))));

  it('page views: ids renamed from the raw pages, hosts parsed from the url', () => {
    expectColumn(nodes, pv, 'page_view_id', 'rename', [col(pages, 'id')]);
    expectColumn(nodes, pv, 'anonymous_id', 'passthrough', [col(pages, 'anonymous_id')]);
    expectColumn(nodes, pv, 'tstamp', 'rename', [col(pages, 'timestamp')]);
    expectColumn(nodes, pv, 'page_url_host', 'transformation', [col(pages, 'url')]);
    expectColumn(nodes, pv, 'device_category', 'transformation', [
      col(pages, 'context_user_agent'),
    ]);
    // deduped: `where row_num = 1`, row_num = row_number() over (partition by id order by received_at)
    expect(sorted(nodes[pv]!.filters!)).toEqual(
      sorted([col(pages, 'id'), col(pages, 'received_at')]),
    );
  });

  it('the raw pages stand-in: a union of seeds, column by position', () => {
    const seed = (name: string) => `seed.segment_integration_tests.${name}`;
    expectColumn(nodes, pages, 'id', 'passthrough', [
      col(seed('example_segment_pages'), 'id'),
      col(seed('worked_example_pages'), 'id'),
      col(seed('edge_case_pages'), 'id'),
    ]);
    // the first branch's `cast(null as varchar) as context_locale` reads nothing
    expectColumn(nodes, pages, 'context_locale', 'transformation', [
      col(seed('worked_example_pages'), 'context_locale'),
      col(seed('edge_case_pages'), 'context_locale'),
    ]);
  });

  it('sessionized page views: session_id hashes anonymous_id with the running session number', () => {
    // session_number = sum(new_session) over (partition by anonymous_id order by page_view_number);
    // new_session from lag(tstamp); page_view_number = row_number() over (… order by tstamp, page_view_id)
    const sessionInputs = [col(pv, 'anonymous_id'), col(pv, 'tstamp'), col(pv, 'page_view_id')];
    expectColumn(nodes, pvs, 'session_id', 'transformation', sessionInputs);
    expectColumn(nodes, pvs, 'page_view_number', 'transformation', sessionInputs);
    expectColumn(nodes, pvs, 'page_view_id', 'passthrough', [col(pv, 'page_view_id')]);
  });

  it('sessions: start/end tstamps, referrer mapping, stitching and numbering', () => {
    const initial = `${PKG}.sessions__initial`;
    const stitched = `${PKG}.sessions__stitched`;
    expectColumn(nodes, initial, 'session_start_tstamp', 'transformation', [
      col(pvs, 'tstamp'),
      col(pvs, 'session_id'),
    ]);
    expectColumn(nodes, initial, 'session_end_tstamp', 'transformation', [
      col(pvs, 'tstamp'),
      col(pvs, 'session_id'),
    ]);
    expectColumn(nodes, initial, 'page_views', 'transformation', [col(pvs, 'session_id')]);
    const mapping = 'seed.tsmodel_sessionization.referrer_mapping';
    expectColumn(nodes, initial, 'referrer_medium', 'rename', [col(mapping, 'medium')]);
    // `left join referrer_mapping on tiers.referrer_host = referrer_mapping.host`, where the CTE's
    // referrer_host is first_value(referrer_host) over (partition by session_id order by page_view_number …)
    expect(sorted(nodes[initial]!.filters!)).toEqual(
      sorted([
        col(pvs, 'referrer_host'),
        col(pvs, 'session_id'),
        col(pvs, 'page_view_number'),
        col(mapping, 'host'),
      ]),
    );
    expectColumn(nodes, stitched, 'blended_user_id', 'transformation', [
      col(`${PKG}.user_stitching`, 'user_id'),
      col(initial, 'anonymous_id'),
    ]);
    expectColumn(nodes, `${PKG}.sessions`, 'session_id', 'passthrough', [
      col(stitched, 'session_id'),
    ]);
    expectColumn(nodes, `${PKG}.sessions`, 'session_number', 'transformation', [
      col(stitched, 'blended_user_id'),
      col(stitched, 'session_start_tstamp'),
      col(stitched, 'session_id'),
    ]);
  });

  it('sessions.session_id reaches page_views and the seeds', () => {
    const reached = new Set<string>();
    const walk = (t: ReturnType<typeof upstreamTree>) => {
      reached.add(`${t.node}.${t.column}`);
      t.upstream.forEach(walk);
    };
    walk(upstreamTree(nodes, col(`${PKG}.sessions`, 'session_id')));
    expect(reached).toContain(`${pv}.anonymous_id`);
    expect(reached).toContain('seed.segment_integration_tests.worked_example_pages.anonymous_id');
  });
});

describe('Snowplow web models', () => {
  let nodes: Record<string, NodeLineage>;
  beforeAll(async () => ({ nodes } = await lineageOf(here('snowplow'))));
  const staged = `${PKG}.snowplow_web_page_views_staged`;
  const sessionsThisRun = `${PKG}.snowplow_web_sessions_this_run`;

  it('sessions: domain_sessionid and the aggregates over page views', () => {
    expectColumn(nodes, `${PKG}.snowplow_web_sessions`, 'domain_sessionid', 'passthrough', [
      col(sessionsThisRun, 'domain_sessionid'),
    ]);
    expectColumn(nodes, sessionsThisRun, 'domain_sessionid', 'passthrough', [
      col(staged, 'domain_sessionid'),
    ]);
    expectColumn(nodes, sessionsThisRun, 'start_tstamp', 'aggregation', [
      col(staged, 'start_tstamp'),
    ]);
    expectColumn(nodes, sessionsThisRun, 'page_views', 'aggregation', [
      col(staged, 'page_view_id'),
    ]);
    expectColumn(nodes, sessionsThisRun, 'last_page_title', 'rename', [col(staged, 'page_title')]);
    expectColumn(nodes, sessionsThisRun, 'first_page_title', 'rename', [col(staged, 'page_title')]);
  });

  it('page views: ids from the page view events, duplicates filtered out', () => {
    const thisRun = `${PKG}.snowplow_web_page_views_this_run`;
    const events = `${PKG}.snowplow_web_pv_page_view_events`;
    expectColumn(nodes, thisRun, 'page_view_id', 'passthrough', [col(events, 'page_view_id')]);
    expectColumn(nodes, thisRun, 'page_views_in_session', 'transformation', [
      col(events, 'page_view_in_session_index'),
      col(events, 'domain_sessionid'),
    ]);
    expectColumn(nodes, thisRun, 'end_tstamp', 'transformation', [
      col(`${PKG}.snowplow_web_pv_engaged_time`, 'end_tstamp'),
      col(events, 'derived_tstamp'),
    ]);
    expect(nodes[thisRun]!.filters).toEqual(
      expect.arrayContaining([
        col(events, 'page_view_id'),
        col(`${PKG}.snowplow_web_pv_page_view_id_duplicates_this_run`, 'page_view_id'),
      ]),
    );
  });
});

describe('Snowplow mobile models', () => {
  let nodes: Record<string, NodeLineage>;
  beforeAll(async () => ({ nodes } = await lineageOf(here('snowplow_mobile'))));
  const thisRun = `${PKG}.snowplow_mobile_sessions_this_run`;
  const events = `${PKG}.snowplow_mobile_events_staged`;

  it('sessions: session_id, tstamps and counts', () => {
    expectColumn(nodes, `${PKG}.snowplow_mobile_sessions`, 'session_id', 'passthrough', [
      col(thisRun, 'session_id'),
    ]);
    expectColumn(nodes, thisRun, 'session_id', 'passthrough', [col(events, 'session_id')]);
    expectColumn(nodes, thisRun, 'start_tstamp', 'aggregation', [col(events, 'derived_tstamp')]);
    expectColumn(nodes, thisRun, 'session_last_event_id', 'rename', [col(events, 'event_id')]);
    expectColumn(nodes, thisRun, 'screen_views', 'aggregation', [
      col(`${PKG}.snowplow_mobile_screen_views_staged`, 'screen_view_id'),
    ]);
    expectColumn(nodes, thisRun, 'model_tstamp', 'transformation', []);
  });
});

describe('tsmodel lineage', () => {
  it('prints the upstream tree of a column, each edge labelled with how', () => {
    const result = run(here('.'), ['lineage', 'sessions.session_id', '--depth', '4']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'sessions.session_id\n└─ ← (passthrough) sessions__stitched.session_id',
    );
    expect(result.stdout).toContain('← (transformation) page_views.anonymous_id');
    expect(result.stdout).toContain('[deeper than --depth]');
  });

  it('--output json nests the upstream columns', () => {
    const result = run(here('.'), ['lineage', 'page_views.page_view_id', '--output', 'json']);
    expect(result.status, result.stderr).toBe(0);
    const tree = JSON.parse(result.stdout);
    expect(tree).toMatchObject({
      node: `${PKG}.page_views`,
      column: 'page_view_id',
      how: 'rename',
      upstream: [
        { node: 'model.segment_integration_tests.segment_pages', column: 'id', how: 'passthrough' },
      ],
    });
  });

  it('an unknown model or column is an error that suggests the near name', () => {
    const model = run(here('.'), ['lineage', 'sesions.session_id']);
    expect(model.status).toBe(1);
    expect(model.stderr).toContain("did you mean 'sessions'?");
    const column = run(here('.'), ['lineage', 'sessions.sesion_id']);
    expect(column.status).toBe(1);
    expect(column.stderr).toContain("did you mean 'session_id'?");
  });

  it('docs generate writes target/column_lineage.json', () => {
    const target = mkdtempSync(path.join(tmpdir(), 'lineage-docs-'));
    const result = run(here('.'), ['docs', 'generate', '--empty-catalog', '--target-path', target]);
    expect(result.status, result.stderr).toBe(0);
    const artifact = JSON.parse(readFileSync(path.join(target, 'column_lineage.json'), 'utf8'));
    expect(Object.keys(artifact.metadata).sort()).toEqual([
      'generated_at',
      'input_digest',
      'tsmodel_version',
    ]);
    expect(artifact.nodes[`${PKG}.sessions`].columns.session_id).toEqual({
      upstream: [{ node: `${PKG}.sessions__stitched`, column: 'session_id' }],
      how: 'passthrough',
    });
  });

  it("reuses docs generate's column_lineage.json when computed from the same input", () => {
    const target = mkdtempSync(path.join(tmpdir(), 'lineage-reuse-'));
    const docs = run(here('.'), ['docs', 'generate', '--empty-catalog', '--target-path', target]);
    expect(docs.status, docs.stderr).toBe(0);
    const file = path.join(target, 'column_lineage.json');
    const artifact = JSON.parse(readFileSync(file, 'utf8'));
    // Marked so the output shows which lineage was read: the file's, not a recomputed one.
    artifact.nodes[`${PKG}.sessions`].columns.session_id.how = 'aggregation';
    writeFileSync(file, JSON.stringify(artifact));
    const reused = run(here('.'), ['lineage', 'sessions.session_id', '--target-path', target]);
    expect(reused.status, reused.stderr).toBe(0);
    expect(reused.stdout).toContain('← (aggregation) sessions__stitched.session_id');
  });
});
