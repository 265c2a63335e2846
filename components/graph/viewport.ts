import type { GraphOverlay } from "@/lib/analysis/graph/overlay";
import type { StateGraphModel } from "@/lib/analysis/graph/state-graph-model";
import type { GraphLayout, NodeBox } from "./layout";

/** The graph opens at this zoom or closer: 11 px badges and 12 px labels stay at least 11 CSS px. */
export const OPENING_ZOOM = 1;
/** A small graph that fits is drawn at most this much larger. */
const MAX_OPENING_ZOOM = 1.25;
/** Room around the graph, in screen pixels. */
export const VIEW_PAD = 24;
/** The canvas is never shorter than this, however small the definition. */
export const MIN_CANVAS_PX = 260;

/** A React Flow viewport: screen = flow × zoom + (x, y). */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** A node's box in absolute flow coordinates (layout boxes are relative to their parent). */
export function absoluteBox(model: StateGraphModel, layout: GraphLayout, id: string): NodeBox | null {
  const parents = new Map<string, string | null>([...model.states.map((s) => [s.id, s.parentId] as const), ...model.containers.map((c) => [c.id, c.parentId] as const)]);
  const box = layout.nodes[id];
  if (!box) return null;
  let { x, y } = box;
  for (let p = parents.get(id) ?? null; p !== null; p = parents.get(p) ?? null) {
    x += layout.nodes[p]?.x ?? 0;
    y += layout.nodes[p]?.y ?? 0;
  }
  return { x, y, width: box.width, height: box.height };
}

/**
 * The state the graph opens on: where the execution went wrong (the failure's origin, else the innermost
 * failed, timed-out or running state), else the start state.
 */
export function pickOpeningStateId(model: StateGraphModel, overlay: GraphOverlay | null): { id: string; trouble: boolean } {
  if (overlay) {
    const origin = model.states.find((s) => overlay.byPath[s.path]?.origin);
    if (origin) return { id: origin.id, trouble: true };
    const trouble = model.states.filter((s) => ["failed", "timed-out", "running"].includes(overlay.byPath[s.path]?.outcome ?? ""));
    // Innermost first: a failed Map is less telling than the failed state inside it.
    const leaf = trouble.find((s) => !trouble.some((t) => t.ownerPath === s.path));
    if (leaf) return { id: leaf.id, trouble: true };
  }
  return { id: model.startId, trouble: false };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Where one axis of the view starts: centred when the graph fits, else on `centre`, never past the graph's edges. */
function axis(canvas: number, size: number, centre: number, zoom: number): number {
  if (size * zoom <= canvas - 2 * VIEW_PAD) return (canvas - size * zoom) / 2;
  return clamp(canvas / 2 - centre * zoom, canvas - VIEW_PAD - size * zoom, VIEW_PAD);
}

/**
 * The opening view: the whole graph when it fits at OPENING_ZOOM or closer; else OPENING_ZOOM centred on
 * `focus` (a failed state) or, for the start state, with the graph's top in view.
 */
export function openingViewport(layout: Pick<GraphLayout, "width" | "height">, focus: NodeBox | null, trouble: boolean, canvas: { width: number; height: number }): Viewport {
  const fit = Math.min((canvas.width - 2 * VIEW_PAD) / Math.max(1, layout.width), (canvas.height - 2 * VIEW_PAD) / Math.max(1, layout.height));
  const zoom = fit >= OPENING_ZOOM ? Math.min(fit, MAX_OPENING_ZOOM) : OPENING_ZOOM;
  const cx = focus ? focus.x + focus.width / 2 : layout.width / 2;
  const cy = focus && trouble ? focus.y + focus.height / 2 : 0;
  return { x: axis(canvas.width, layout.width, cx, zoom), y: axis(canvas.height, layout.height, cy, zoom), zoom };
}

/** The canvas's CSS height: the graph's height at the opening zoom, at least MIN_CANVAS_PX, at most the viewport below the header. */
export function canvasHeight(layout: Pick<GraphLayout, "height"> | null): string {
  const content = layout ? Math.ceil(layout.height * OPENING_ZOOM + 2 * VIEW_PAD) : MIN_CANVAS_PX;
  return `max(${MIN_CANVAS_PX}px, min(${content}px, calc(100dvh - var(--header-height, 64px) - 24px)))`;
}
