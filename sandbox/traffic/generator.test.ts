import { describe, expect, it } from "vitest";
import { WORKFLOWS } from "../seed";
import { weightedPlan } from "./generator";

describe("weightedPlan", () => {
  it("contains every scenario as often as its weight, without clumping the heavy ones", () => {
    const plan = weightedPlan();
    const total = WORKFLOWS.flatMap((wf) => wf.scenarios).reduce((a, s) => a + s.weight, 0);
    expect(plan).toHaveLength(total);
    for (const wf of WORKFLOWS) {
      for (const s of wf.scenarios) {
        expect(plan.filter((p) => p.stateMachine === wf.name && p.scenario.name === s.name)).toHaveLength(s.weight);
      }
    }
    const heaviest = plan.map((p) => `${p.stateMachine}/${p.scenario.name}`);
    for (let i = 1; i < heaviest.length; i++) expect(heaviest[i]).not.toBe(heaviest[i - 1]);
  });
});
