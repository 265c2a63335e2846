import { describe, expect, it } from "vitest";
import { buildStateGraph } from "@/lib/analysis/graph/build-state-graph";
import { buildGraphOverlay } from "@/lib/analysis/graph/overlay";
import { makeReport, makeStateReport } from "@/test-support/make-report";
import { makeSyntheticDefinition } from "@/test-support/synthetic-definition";
import { findModelFindings } from "@/lib/analysis/findings/find-findings";
import { layoutStateGraph } from "./layout";
import { toFlowElements } from "./to-flow-elements";
import { buildBadges } from "./badges";
import { formatBytesExact } from "@/lib/analysis/format";
import { pickFocusNodeIds } from "./focus";

const definition = {
  StartAt: "Fetch",
  States: {
    Fetch: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", TimeoutSeconds: 30, Retry: [{ ErrorEquals: ["States.ALL"] }], Next: "Checks" },
    Checks: {
      Type: "Parallel",
      Branches: [{ StartAt: "A", States: { A: { Type: "Pass", End: true } } }, { StartAt: "B", States: { B: { Type: "Fail", Error: "X" } } }],
      End: true,
    },
  },
};
const model = buildStateGraph(definition);
const report = makeReport({
  status: "FAILED",
  failure: { state: "B", path: "Checks/B", error: "X", cause: null, kind: "fail-state", eventId: 20 },
  states: [
    makeStateReport("Fetch", { outcome: "retried-succeeded", retries: 1, attempts: 2, maxOutputBytes: 240_000 }),
    makeStateReport("Checks", { type: "Parallel", outcome: "failed" }),
    makeStateReport("Checks/A", { type: "Pass" }),
    makeStateReport("Checks/B", { type: "Fail", outcome: "failed", events: 1 }),
  ],
});

describe("toFlowElements", () => {
  it("puts parents before children, with positions relative to the parent", async () => {
    const layout = await layoutStateGraph(model);
    const { nodes, edges } = toFlowElements(model, layout);
    expect(nodes.map((n) => `${n.type}:${n.id}<${n.parentId ?? ""}`)).toEqual([
      "state:s:Fetch<",
      "state:s:Checks<",
      "branch:b:Checks#1<s:Checks",
      "branch:b:Checks#2<s:Checks",
      "state:s:Checks/A<b:Checks#1",
      "state:s:Checks/B<b:Checks#2",
    ]);
    const seen = new Set<string>();
    for (const n of nodes) {
      if (n.parentId) expect(seen.has(n.parentId)).toBe(true);
      seen.add(n.id);
      expect(n.position).toEqual({ x: layout.nodes[n.id]!.x, y: layout.nodes[n.id]!.y });
    }
    expect(edges.map((e) => [e.type, e.data!.kind, e.data!.route.points.length >= 2])).toEqual([["route", "next", true]]);
  });

  it("carries outcomes, the origin and badges when an execution is painted", async () => {
    const layout = await layoutStateGraph(model);
    const { nodes } = toFlowElements(model, layout, { overlay: buildGraphOverlay(model, report), findings: findModelFindings(model) });
    const data = (id: string) => nodes.find((n) => n.id === id)!.data as Extract<(typeof nodes)[number], { type: "state" }>["data"];
    expect(data("s:Checks/B")).toMatchObject({ outcome: "failed", origin: true, outcomeLabel: "✕ failed (origin)" });
    expect(data("s:Checks")).toMatchObject({ outcome: "failed", origin: false, compound: true });
    expect(data("s:Fetch").badges.map((b) => b.text)).toEqual(["⇅ 234 KiB · 92%", "≡ 5 events", "↻ 1 retry", "time 1 s", "↻ Retry ≤ 7 s", "timeout 30 s", "ℹ 1 note"]);
    expect(data("s:Fetch").badges[0]!.tone).toBe("bad");
  });

  it("shows no outcome without an execution, and aggregates when given", async () => {
    const layout = await layoutStateGraph(model);
    const { nodes } = toFlowElements(model, layout, { aggregates: { Fetch: { failures: 3, timeouts: 1, maxBytes: 131_072, p95Bytes: 2048, eventsPerExecution: 5.25 } } });
    const fetch = nodes.find((n) => n.id === "s:Fetch")!.data as { outcome: string; badges: { text: string }[] };
    expect(fetch.outcome).toBe("none");
    expect(fetch.badges.map((b) => b.text)).toEqual(["✕ 3 failed", "◷ 1 timed out", "⇅ p95 2 KiB · max 50%", "≡ 5.3 ev/exec", "↻ Retry ≤ 7 s", "timeout 30 s"]);
  });
});

describe("badges", () => {
  it("prints payload sizes through lib/analysis/format: short on the node, exact in its title", async () => {
    const layout = await layoutStateGraph(model);
    const { nodes } = toFlowElements(model, layout, { overlay: buildGraphOverlay(model, report) });
    const payload = (nodes.find((n) => n.id === "s:Fetch")!.data as { badges: { key: string; text: string; title: string }[] }).badges.find((b) => b.key === "payload")!;
    expect(payload.text).toBe("⇅ 234 KiB · 92%");
    expect(payload.title).toBe(`Largest payload ${formatBytesExact(240_000)} of 262,144 B`);
  });

  it("counts findings by severity in words", () => {
    const state = model.states[0]!;
    const badges = buildBadges(state, null, null, [
      { code: "a", severity: "error", path: "Fetch", message: "m" },
      { code: "b", severity: "warning", path: "Fetch", message: "m" },
      { code: "c", severity: "warning", path: "Fetch", message: "m" },
    ]);
    expect(badges.filter((b) => b.key.startsWith("findings")).map((b) => [b.text, b.tone])).toEqual([
      ["✕ 1 error", "bad"],
      ["⚠ 2 warnings", "warn"],
    ]);
  });
});

describe("pickFocusNodeIds", () => {
  it("fits a small graph whole", () => {
    expect(pickFocusNodeIds(model, buildGraphOverlay(model, report))).toHaveLength(model.states.length);
  });

  it("on a large graph, fits the origin, else the trouble, else the opening states", () => {
    const big = buildStateGraph(makeSyntheticDefinition(300));
    const failed = makeReport({
      failure: { state: "Transform7", path: "Items7/Transform7", error: "X", cause: null, kind: "task-failed", eventId: 5 },
      states: [makeStateReport("Items7", { outcome: "failed" }), makeStateReport("Items7/Transform7", { outcome: "failed" })],
    });
    expect(pickFocusNodeIds(big, buildGraphOverlay(big, failed))).toEqual(["s:Items7/Transform7"]);
    const running = makeReport({ states: [makeStateReport("Items7", { outcome: "running" }), makeStateReport("Items7/Transform7", { outcome: "running" })] });
    expect(pickFocusNodeIds(big, buildGraphOverlay(big, running))).toEqual(["s:Items7/Transform7"]);
    expect(pickFocusNodeIds(big, null)).toEqual(["s:Fetch1", "s:Route1", "s:Checks1", "s:Items1", "s:Pause1", "s:Record1", "s:Handle1", "s:Failed1"]);
  });
});
