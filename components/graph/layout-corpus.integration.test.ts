// ELK over every distinct definition of the recorded corpus, and over 300 states: seconds of CPU, so they run in
// the integration project (the sweeps through slow engines), not in the unit loop. layout.test.ts keeps the fast cases.
import { describe, expect, it } from "vitest";
import { buildStateGraph } from "@/lib/analysis/graph/build-state-graph";
import { loadFixtures } from "@/test-support/recorded-fixtures";
import { makeSyntheticDefinition } from "@/test-support/synthetic-definition";
import { layoutStateGraph } from "./layout";

describe("layoutStateGraph over the recorded corpus", () => {
  it("lays out every distinct definition of the recorded fixtures", async () => {
    // 497 fixtures carry 239 distinct definitions; a layout depends on the definition alone, so each is laid out once.
    const byDefinition = new Map(loadFixtures().flatMap((f) => (f.definition === null ? [] : [[f.definition, f] as const])));
    const fixtures = [...byDefinition.values()];
    expect(fixtures.length).toBeGreaterThan(200);
    for (const f of fixtures) {
      const m = buildStateGraph(f.definition!);
      const layout = await layoutStateGraph(m);
      expect(Object.keys(layout.nodes).length, f.file).toBe(m.states.length + m.containers.length);
    }
  });

  it("lays out 300 states", async () => {
    const big = buildStateGraph(makeSyntheticDefinition(300));
    const layout = await layoutStateGraph(big);
    expect(Object.keys(layout.nodes)).toHaveLength(300 + big.containers.length);
    expect(Object.keys(layout.edges)).toHaveLength(big.edges.length);
  });
});
