import { describe, expect, it } from "vitest";
import { buildStateGraph } from "@/lib/analysis/graph/build-state-graph";
import { buildGraphOverlay } from "@/lib/analysis/graph/overlay";
import { makeReport, makeStateReport } from "@/test-support/make-report";
import { makeSyntheticDefinition } from "@/test-support/synthetic-definition";
import { layoutStateGraph } from "./layout";
import { absoluteBox, canvasHeight, openingViewport, OPENING_ZOOM, pickOpeningStateId } from "./viewport";

describe("openingViewport", () => {
  const canvas = { width: 390, height: 700 };
  it("opens a graph too big to fit at OPENING_ZOOM, with the failed state in the middle of the canvas", () => {
    const focus = { x: 400, y: 1800, width: 240, height: 120 };
    const v = openingViewport({ width: 1200, height: 4000 }, focus, true, canvas);
    expect(v.zoom).toBe(OPENING_ZOOM);
    expect((focus.x + focus.width / 2) * v.zoom + v.x).toBeCloseTo(canvas.width / 2);
    expect((focus.y + focus.height / 2) * v.zoom + v.y).toBeCloseTo(canvas.height / 2);
  });

  it("shows the top of the graph when it opens on the start state, and never scrolls past an edge", () => {
    const start = { x: 0, y: 0, width: 240, height: 104 };
    const v = openingViewport({ width: 1200, height: 4000 }, start, false, canvas);
    expect(v.y).toBeLessThanOrEqual(24);
    expect(v.y).toBeGreaterThan(0);
    expect(v.x).toBeLessThanOrEqual(24);
  });

  it("fits a small graph whole, no smaller than OPENING_ZOOM", () => {
    const v = openingViewport({ width: 300, height: 400 }, null, false, { width: 1200, height: 700 });
    expect(v.zoom).toBeGreaterThanOrEqual(OPENING_ZOOM);
  });
});

describe("pickOpeningStateId + absoluteBox", () => {
  it("opens on the origin inside a Map of a large graph, else on the start", async () => {
    const big = buildStateGraph(makeSyntheticDefinition(60));
    const failed = makeReport({
      failure: { state: "Transform3", path: "Items3/Transform3", error: "X", cause: null, kind: "task-failed", eventId: 5 },
      states: [makeStateReport("Items3", { outcome: "failed" }), makeStateReport("Items3/Transform3", { outcome: "failed" })],
    });
    expect(pickOpeningStateId(big, buildGraphOverlay(big, failed))).toEqual({ id: "s:Items3/Transform3", trouble: true });
    expect(pickOpeningStateId(big, null)).toEqual({ id: big.startId, trouble: false });
    const layout = await layoutStateGraph(big);
    const inner = absoluteBox(big, layout, "s:Items3/Transform3")!;
    const map = absoluteBox(big, layout, "s:Items3")!;
    expect(inner.x).toBeGreaterThanOrEqual(map.x);
    expect(inner.y + inner.height).toBeLessThanOrEqual(map.y + map.height);
    expect(canvasHeight(layout)).toContain(`${Math.ceil(layout.height + 48)}px`);
  });
});
