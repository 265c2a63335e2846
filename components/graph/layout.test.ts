import ELK from "elkjs/lib/elk.bundled.js";
import { describe, expect, it } from "vitest";
import { buildStateGraph } from "@/lib/analysis/graph/build-state-graph";
import { makeSyntheticDefinition } from "@/test-support/synthetic-definition";
import { BRANCH_HEADER, COMPOUND_HEADER, layoutStateGraph, NODE_SIZE, toElkGraph, type GraphLayout } from "./layout";

const model = buildStateGraph(makeSyntheticDefinition(60));

function absolute(layout: GraphLayout, parents: Map<string, string | null>, id: string): { x: number; y: number } {
  const box = layout.nodes[id]!;
  const parent = parents.get(id) ?? null;
  if (parent === null) return { x: box.x, y: box.y };
  const p = absolute(layout, parents, parent);
  return { x: p.x + box.x, y: p.y + box.y };
}

describe("layoutStateGraph", () => {
  it("lays the same definition out the same way, on the same ELK and on a fresh one", async () => {
    const first = await layoutStateGraph(model);
    const again = await layoutStateGraph(buildStateGraph(makeSyntheticDefinition(60)));
    const fresh = await layoutStateGraph(model, new ELK());
    expect(again).toEqual(first);
    expect(fresh).toEqual(first);
  });

  it("gives every state, branch and edge a place: leaves at node size, children inside their parent", async () => {
    const layout = await layoutStateGraph(model);
    const parents = new Map<string, string | null>([...model.states.map((s) => [s.id, s.parentId] as const), ...model.containers.map((c) => [c.id, c.parentId] as const)]);
    for (const state of model.states) {
      const box = layout.nodes[state.id]!;
      expect(box, state.path).toBeDefined();
      if (state.type !== "Map" && state.type !== "Parallel") expect({ w: box.width, h: box.height }).toEqual({ w: NODE_SIZE.width, h: NODE_SIZE.height });
      const parent = parents.get(state.id);
      if (parent) {
        const outer = layout.nodes[parent]!;
        const top = model.containers.some((c) => c.id === parent) ? BRANCH_HEADER : COMPOUND_HEADER;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.y).toBeGreaterThanOrEqual(top);
        expect(box.x + box.width).toBeLessThanOrEqual(outer.width);
        expect(box.y + box.height).toBeLessThanOrEqual(outer.height);
      }
    }
    for (const edge of model.edges) {
      const route = layout.edges[edge.id]!;
      expect(route.points.length).toBeGreaterThanOrEqual(2);
      // The route ends on the target's box (absolute coordinates).
      const target = absolute(layout, parents, edge.target);
      const end = route.points.at(-1)!;
      const box = layout.nodes[edge.target]!;
      expect(end.x).toBeGreaterThanOrEqual(target.x - 1);
      expect(end.x).toBeLessThanOrEqual(target.x + box.width + 1);
      expect(end.y).toBeGreaterThanOrEqual(target.y - 1);
      expect(end.y).toBeLessThanOrEqual(target.y + box.height + 1);
      if (edge.label) expect(route.label).not.toBeNull();
    }
  });

  it("draws top to bottom: a Next goes down", async () => {
    const layout = await layoutStateGraph(buildStateGraph({ StartAt: "A", States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Pass", Next: "C" }, C: { Type: "Succeed" } } }));
    const ys = ["s:A", "s:B", "s:C"].map((id) => layout.nodes[id]!.y);
    expect(ys[0]).toBeLessThan(ys[1]!);
    expect(ys[1]).toBeLessThan(ys[2]!);
  });

});

describe("toElkGraph", () => {
  it("nests Parallel branches and Map processors as compound nodes and keeps edges in their scope", () => {
    const m = buildStateGraph({
      StartAt: "P",
      States: {
        P: { Type: "Parallel", Branches: [{ StartAt: "A", States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Pass", End: true } } }], Next: "M" },
        M: { Type: "Map", ItemProcessor: { StartAt: "I", States: { I: { Type: "Pass", End: true } } }, End: true },
      },
    });
    const graph = toElkGraph(m);
    expect(graph.children!.map((c) => c.id)).toEqual(["s:P", "s:M"]);
    const branch = graph.children![0]!.children![0]!;
    expect(branch.id).toBe("b:P#1");
    expect(branch.children!.map((c) => c.id)).toEqual(["s:P/A", "s:P/B"]);
    expect(branch.edges!.map((e) => [e.sources[0], e.targets[0]])).toEqual([["s:P/A", "s:P/B"]]);
    expect(graph.children![1]!.children!.map((c) => c.id)).toEqual(["s:M/I"]);
    expect(graph.edges!.map((e) => e.id)).toEqual([m.edges.find((e) => e.source === "s:P")!.id]);
    expect(graph.children![1]!.layoutOptions!["elk.direction"]).toBe("DOWN");
  });
});
