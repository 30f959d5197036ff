/**
 * The lineage graph drawn on a canvas: the layered layout, panned by dragging, zoomed with the
 * wheel (around the pointer), a click opening the node. Only what is in view is drawn, and
 * labels only once they are readable, so 10,000 nodes stay interactive.
 */
import { layeredLayout } from '../layout';
import type { GraphNode } from '../types';

const COLUMN = 260;
const ROW = 40;
const BOX_W = 200;
const BOX_H = 26;
/** The zoom at which labels read well, and up to how many nodes a graph starts there. */
const READABLE_SCALE = 0.7;
const READABLE_START_NODES = 500;

/** Fill colour by resource type (dbt-docs' palette, roughly). */
const COLORS: Record<string, string> = {
  model: '#0b7a75',
  source: '#5b8c00',
  seed: '#8a5a00',
  snapshot: '#6b4fa3',
  exposure: '#c2410c',
  analysis: '#4b5563',
};

/** What was drawn: the nodes and edges, by unique id (read by the browser tests and the bench). */
export interface DrawnGraph {
  nodes: string[];
  edges: Array<[string, string]>;
}

export class GraphCanvas {
  private readonly ctx: CanvasRenderingContext2D;
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private scale = 1;
  private tx = 0;
  private ty = 0;
  private frame = 0;
  readonly drawn: DrawnGraph;
  /** How long the last draw took (ms): what panning and zooming cost per frame. */
  lastDrawMs = 0;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly nodes: readonly GraphNode[],
    /** `[parent, child, …]` indexes into `nodes`. */
    private readonly edges: readonly number[],
    private readonly onOpen: (node: GraphNode) => void,
  ) {
    this.ctx = canvas.getContext('2d')!;
    const layout = layeredLayout(nodes.length, edges);
    this.x = new Float64Array(nodes.length);
    this.y = new Float64Array(nodes.length);
    for (let i = 0; i < nodes.length; i++) {
      this.x[i] = layout.rank[i]! * COLUMN;
      this.y[i] = layout.row[i]! * ROW;
    }
    const drawnEdges: Array<[string, string]> = [];
    for (let e = 0; e + 1 < edges.length; e += 2)
      drawnEdges.push([nodes[edges[e]!]!.unique_id, nodes[edges[e + 1]!]!.unique_id]);
    this.drawn = { nodes: nodes.map((n) => n.unique_id), edges: drawnEdges };
    this.resize();
    this.fit(layout.ranks * COLUMN, layout.rows * ROW);
    this.listen();
  }

  /** Draws now (synchronously): the caller signals "drawn" right after. */
  draw(): void {
    const started = performance.now();
    const { ctx, canvas } = this;
    const ratio = window.devicePixelRatio || 1;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(
      ratio * this.scale,
      0,
      0,
      ratio * this.scale,
      ratio * this.tx,
      ratio * this.ty,
    );
    const [left, top] = this.toWorld(0, 0);
    const [right, bottom] = this.toWorld(canvas.clientWidth, canvas.clientHeight);
    const visible = (i: number) =>
      this.x[i]! + BOX_W >= left &&
      this.x[i]! <= right &&
      this.y[i]! + BOX_H >= top &&
      this.y[i]! <= bottom;
    ctx.strokeStyle = '#9ca3af';
    ctx.lineWidth = 1 / this.scale;
    ctx.beginPath();
    for (let e = 0; e + 1 < this.edges.length; e += 2) {
      const p = this.edges[e]!;
      const c = this.edges[e + 1]!;
      if (!visible(p) && !visible(c) && !this.crossesView(p, c, left, top, right, bottom)) continue;
      const x1 = this.x[p]! + BOX_W;
      const y1 = this.y[p]! + BOX_H / 2;
      const x2 = this.x[c]!;
      const y2 = this.y[c]! + BOX_H / 2;
      ctx.moveTo(x1, y1);
      ctx.bezierCurveTo(x1 + 30, y1, x2 - 30, y2, x2, y2);
    }
    ctx.stroke();
    const labels = this.scale * 12 >= 6;
    ctx.font = '12px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    for (let i = 0; i < this.nodes.length; i++) {
      if (!visible(i)) continue;
      const node = this.nodes[i]!;
      ctx.fillStyle = COLORS[node.resource_type] ?? '#374151';
      ctx.fillRect(this.x[i]!, this.y[i]!, BOX_W, BOX_H);
      if (!labels) continue;
      ctx.fillStyle = '#ffffff';
      ctx.fillText(label(node), this.x[i]! + 8, this.y[i]! + BOX_H / 2, BOX_W - 16);
    }
    this.lastDrawMs = performance.now() - started;
  }

  /** Zooms by `factor` around a point of the canvas (CSS pixels), as the wheel does. */
  zoomAt(px: number, py: number, factor: number): void {
    const next = Math.min(4, Math.max(0.005, this.scale * factor));
    this.tx = px - ((px - this.tx) * next) / this.scale;
    this.ty = py - ((py - this.ty) * next) / this.scale;
    this.scale = next;
    this.redraw();
  }

  /** The node under a point of the canvas (CSS pixels), if any. */
  nodeAt(px: number, py: number): GraphNode | undefined {
    const [wx, wy] = this.toWorld(px, py);
    for (let i = 0; i < this.nodes.length; i++)
      if (
        wx >= this.x[i]! &&
        wx <= this.x[i]! + BOX_W &&
        wy >= this.y[i]! &&
        wy <= this.y[i]! + BOX_H
      )
        return this.nodes[i];
    return undefined;
  }

  /** Where a node is drawn, in CSS pixels of the canvas (for tests clicking a node). */
  screenPosition(uniqueId: string): { x: number; y: number } | undefined {
    const i = this.nodes.findIndex((n) => n.unique_id === uniqueId);
    if (i < 0) return undefined;
    return {
      x: (this.x[i]! + BOX_W / 2) * this.scale + this.tx,
      y: (this.y[i]! + BOX_H / 2) * this.scale + this.ty,
    };
  }

  private crossesView(
    p: number,
    c: number,
    left: number,
    top: number,
    right: number,
    bottom: number,
  ): boolean {
    const x1 = this.x[p]! + BOX_W;
    const x2 = this.x[c]!;
    const y1 = this.y[p]!;
    const y2 = this.y[c]!;
    return (
      Math.max(x1, x2) >= left &&
      Math.min(x1, x2) <= right &&
      Math.max(y1, y2) >= top &&
      Math.min(y1, y2) <= bottom
    );
  }

  private toWorld(px: number, py: number): [number, number] {
    return [(px - this.tx) / this.scale, (py - this.ty) / this.scale];
  }

  private resize(): void {
    const ratio = window.devicePixelRatio || 1;
    this.canvas.width = Math.max(1, Math.round(this.canvas.clientWidth * ratio));
    this.canvas.height = Math.max(1, Math.round(this.canvas.clientHeight * ratio));
  }

  /**
   * The whole graph in view; but a graph of a few hundred nodes too wide to read when it all
   * fits starts readable at its left end (its sources), to be panned.
   */
  private fit(width: number, height: number): void {
    const w = this.canvas.clientWidth;
    const h = this.canvas.clientHeight;
    const whole = Math.min(1.2, Math.max(0.01, Math.min(w / (width + 40), h / (height + 40))));
    const readable = this.nodes.length <= READABLE_START_NODES && whole < READABLE_SCALE;
    this.scale = readable ? READABLE_SCALE : whole;
    this.tx = readable ? 20 : (w - (width - (COLUMN - BOX_W)) * this.scale) / 2;
    this.ty = Math.max(10, (h - height * this.scale) / 2);
  }

  private redraw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private listen(): void {
    let drag: { x: number; y: number; moved: boolean } | undefined;
    this.canvas.addEventListener('pointerdown', (e) => {
      drag = { x: e.clientX, y: e.clientY, moved: false };
      this.canvas.setPointerCapture(e.pointerId);
    });
    this.canvas.addEventListener('pointermove', (e) => {
      if (!drag) return;
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
      if (!drag.moved) return;
      this.tx += dx;
      this.ty += dy;
      drag.x = e.clientX;
      drag.y = e.clientY;
      this.redraw();
    });
    this.canvas.addEventListener('pointerup', (e) => {
      const wasDrag = drag?.moved;
      drag = undefined;
      if (wasDrag) return;
      const rect = this.canvas.getBoundingClientRect();
      const node = this.nodeAt(e.clientX - rect.left, e.clientY - rect.top);
      if (node) this.onOpen(node);
    });
    this.canvas.addEventListener(
      'wheel',
      (e) => {
        e.preventDefault();
        const rect = this.canvas.getBoundingClientRect();
        this.zoomAt(e.clientX - rect.left, e.clientY - rect.top, Math.exp(-e.deltaY * 0.0015));
      },
      { passive: false },
    );
    window.addEventListener('resize', () => {
      this.resize();
      this.redraw();
    });
  }
}

function label(node: GraphNode): string {
  return node.resource_type === 'source' ? `${node.source_name}.${node.name}` : node.name;
}
