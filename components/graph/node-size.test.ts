import { describe, expect, it } from "vitest";
import { buildStateGraph } from "@/lib/analysis/graph/build-state-graph";
import { buildGraphOverlay } from "@/lib/analysis/graph/overlay";
import { makeReport, makeStateReport } from "@/test-support/make-report";
import { layoutStateGraph, toElkGraph } from "./layout";
import { estimateNodeSize, NODE_MAX_WIDTH, NODE_SIZE } from "./node-size";
import { sizeNodes } from "./to-flow-elements";

const badge = (text: string) => ({ text });
const plain = { name: "Transform", kind: "Task · lambda:invoke", outcomeLabel: null, badges: [] };

describe("estimateNodeSize", () => {
  it("grows taller with every row of badges, at the default width at least", () => {
    const none = estimateNodeSize(plain);
    const one = estimateNodeSize({ ...plain, badges: [badge("⚠ 2 warnings")] });
    const many = estimateNodeSize({ ...plain, outcomeLabel: "✕ failed (origin)", badges: ["⇅ 234.4 KiB · 92%", "≡ 5 events", "↻ 1 retry", "time 1.0 s", "↻ Retry ≤ 7 s", "timeout 30 s", "⚠ 2 warnings"].map(badge) });
    expect(none.width).toBe(NODE_SIZE.width);
    expect(none.height).toBeGreaterThanOrEqual(2 * 11 + 18 + 16);
    expect(one.height).toBeGreaterThan(none.height);
    expect(many.height).toBeGreaterThan(one.height);
    // Seven badges need at least three rows of 17 px beside name, kind and outcome.
    expect(many.height).toBeGreaterThanOrEqual(2 * 11 + 18 + 16 + 16 + 3 * 17);
  });

  it("widens for a long name up to NODE_MAX_WIDTH, and for a badge wider than the default", () => {
    expect(estimateNodeSize({ ...plain, name: "Validate the uploaded manifest" }).width).toBeGreaterThan(NODE_SIZE.width);
    expect(estimateNodeSize({ ...plain, name: "x".repeat(200) }).width).toBe(NODE_MAX_WIDTH);
    expect(estimateNodeSize({ ...plain, badges: [badge("⇅ p95 2.0 KiB · max 50% · and some more text")] }).width).toBeGreaterThan(NODE_SIZE.width);
  });
});

describe("sizeNodes + layout", () => {
  const model = buildStateGraph({
    StartAt: "Validate",
    States: {
      Validate: { Type: "Pass", Next: "Transform" },
      Transform: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Retry: [{ ErrorEquals: ["States.ALL"] }], Next: "Items" },
      Items: { Type: "Map", ItemProcessor: { StartAt: "Ship", States: { Ship: { Type: "Pass", End: true } } }, End: true },
    },
  });
  const overlay = buildGraphOverlay(
    model,
    makeReport({
      status: "FAILED",
      failure: { state: "Transform", path: "Transform", error: "X", cause: null, kind: "task-failed", eventId: 9 },
      states: [makeStateReport("Validate", { type: "Pass" }), makeStateReport("Transform", { outcome: "failed", retries: 2, attempts: 3, maxOutputBytes: 200_000 })],
    }),
  );
  const findings = [
    { code: "a", severity: "warning" as const, path: "Transform", message: "m" },
    { code: "b", severity: "warning" as const, path: "Transform", message: "m" },
  ];

  it("gives a state with more badges a taller box, and the layout keeps it", async () => {
    const bare = sizeNodes(model);
    const painted = sizeNodes(model, { overlay, findings });
    expect(painted["s:Transform"]!.height).toBeGreaterThan(bare["s:Transform"]!.height);
    expect(painted["s:Transform"]!.height).toBeGreaterThan(painted["s:Validate"]!.height);
    const layout = await layoutStateGraph(model, undefined, painted);
    expect({ w: layout.nodes["s:Transform"]!.width, h: layout.nodes["s:Transform"]!.height }).toEqual({ w: painted["s:Transform"]!.width, h: painted["s:Transform"]!.height });
    // Ship sits below its Map's header, however tall the header is.
    expect(layout.nodes["s:Items/Ship"]!.y).toBeGreaterThanOrEqual(painted["s:Items"]!.height);
  });

  it("a Map's header room follows its size", () => {
    const sizes = { ...sizeNodes(model), "s:Items": { width: 260, height: 150 } };
    const items = toElkGraph(model, sizes).children!.find((c) => c.id === "s:Items")!;
    expect(items.layoutOptions!["elk.padding"]).toMatch(/top=158/);
  });
});
