/**
 * The lineage page: a selection typed with the CLI's `--select` grammar, and the graph of the
 * selected nodes. Signals `data-graph="drawn"` on <body> once the canvas is drawn (or
 * `"error"` with the message shown), which the browser tests and the benchmark wait for.
 */
import { PageSelector } from '../page-selection';
import type { SiteGraph } from '../types';
import type { DocsData } from './data-source';
import { graphHref, h, nodeHref } from './dom';
import { GraphCanvas, type DrawnGraph } from './graph-canvas';

declare global {
  interface Window {
    /**
     * What the page last drew, for tests and the benchmark: the graph, the canvas, and when it
     * was first drawn (ms since navigation started).
     */
    tsmodelDocs?: { drawn: DrawnGraph; canvas: GraphCanvas; drawnAt: number };
  }
}

let selectorFor: { graph: SiteGraph; selector: PageSelector } | undefined;

export async function renderGraphPage(
  root: HTMLElement,
  data: DocsData,
  select: string,
): Promise<void> {
  document.body.dataset.graph = 'loading';
  const graph = await data.graph();
  if (selectorFor?.graph !== graph)
    selectorFor = { graph, selector: new PageSelector(graph, data.info.project) };
  const input = h('input', {
    id: 'graph-select',
    type: 'text',
    value: select,
    placeholder: 'e.g. +sessions, tag:nightly, package:snowplow_web',
  });
  const form = h(
    'form',
    { class: 'graph-form' },
    h('label', { for: 'graph-select' }, '--select '),
    input,
    h('button', { type: 'submit' }, 'Draw'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = graphHref(input.value);
  });
  const message = h('p', { id: 'graph-message', class: 'graph-message' });
  const canvas = h('canvas', { id: 'graph-canvas', class: 'graph-canvas' });
  root.replaceChildren(h('section', { class: 'graph-page' }, form, message, canvas));
  let picked: number[];
  try {
    picked = selectorFor.selector.select(select);
  } catch (err) {
    const e = err as { message: string; hint?: string };
    message.textContent = e.hint ? `${e.message} — ${e.hint}` : e.message;
    message.classList.add('error');
    document.body.dataset.graph = 'error';
    return;
  }
  if (picked.length === 0) {
    message.textContent = `nothing in the graph matches '${select}' (tests, macros and hooks are not drawn)`;
    message.classList.add('error');
    document.body.dataset.graph = 'error';
    return;
  }
  const local = new Map(picked.map((g, i) => [g, i]));
  const edges: number[] = [];
  for (let e = 0; e + 1 < graph.edges.length; e += 2) {
    const p = local.get(graph.edges[e]!);
    const c = local.get(graph.edges[e + 1]!);
    if (p !== undefined && c !== undefined) edges.push(p, c);
  }
  const nodes = picked.map((g) => graph.nodes[g]!);
  message.textContent = `${nodes.length} nodes, ${edges.length / 2} edges — drag to pan, wheel to zoom, click a node to open it`;
  const view = new GraphCanvas(
    canvas,
    nodes,
    edges,
    (node) => (location.hash = nodeHref(node.unique_id)),
  );
  view.draw();
  window.tsmodelDocs = { drawn: view.drawn, canvas: view, drawnAt: performance.now() };
  document.body.dataset.graph = 'drawn';
}
