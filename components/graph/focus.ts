import type { GraphOverlay } from "@/lib/analysis/graph/overlay";
import type { StateGraphModel } from "@/lib/analysis/graph/state-graph-model";

/** Up to this many states, the first view shows the whole graph. */
export const FIT_ALL_MAX_STATES = 40;
const OPENING_STATES = 8;

/**
 * Node ids the first view fits: the whole graph when small; else where the execution went wrong (the
 * origin, else failed, timed-out or running states); else its opening states. A 300-state graph fitted
 * whole is too small to read; the minimap and "fit view" are there for the rest.
 */
export function pickFocusNodeIds(model: StateGraphModel, overlay: GraphOverlay | null): string[] {
  if (model.states.length <= FIT_ALL_MAX_STATES) return model.states.map((s) => s.id);
  if (overlay) {
    const origin = model.states.filter((s) => overlay.byPath[s.path]?.origin);
    if (origin.length > 0) return origin.map((s) => s.id);
    const trouble = model.states.filter((s) => ["failed", "timed-out", "running"].includes(overlay.byPath[s.path]?.outcome ?? ""));
    // Innermost first: a failed Map is less telling than the failed state inside it.
    const leaves = trouble.filter((s) => !trouble.some((t) => t.ownerPath === s.path));
    if (leaves.length > 0) return leaves.slice(0, OPENING_STATES).map((s) => s.id);
  }
  return model.states.filter((s) => s.parentId === null).slice(0, OPENING_STATES).map((s) => s.id);
}
