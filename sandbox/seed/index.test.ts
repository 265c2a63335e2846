import { describe, expect, it } from "vitest";
import { WORKER_ANSWER_MS } from "../traffic/callback-workers";
import { describeSeed, WORKFLOW_NAMES, WORKFLOWS } from "./index";

describe("seed", () => {
  it("names every workflow with a WorkflowName and describes it", () => {
    const info = describeSeed();
    expect(WORKFLOWS.map((wf) => wf.name)).toEqual([...WORKFLOW_NAMES]);
    expect(Object.keys(info.stateMachines)).toEqual([...WORKFLOW_NAMES]);
    expect(info.stateMachines["nightly-export"].arn).toBe("arn:aws:states:us-east-1:123456789012:stateMachine:nightly-export");
  });

  it("leaves nightly-export unwatched and watches file-pipeline's timeouts", () => {
    const info = describeSeed();
    expect(info.unwatched).toContain("nightly-export");
    expect(info.alarms.some((a) => a.stateMachineName === "file-pipeline" && a.metricName === "ExecutionsTimedOut")).toBe(true);
    expect(info.alarms.some((a) => a.stateMachineName === "nightly-export")).toBe(false);
  });

  it("mixes Task states with and without TimeoutSeconds, and keeps HeartbeatSeconds below TimeoutSeconds", () => {
    const tasks = WORKFLOWS.flatMap((wf) => collectTasks(wf.definition));
    expect(tasks.some((t) => t.TimeoutSeconds === undefined)).toBe(true);
    expect(tasks.some((t) => typeof t.TimeoutSeconds === "number")).toBe(true);
    for (const t of tasks) if (typeof t.HeartbeatSeconds === "number") expect(t.HeartbeatSeconds).toBeLessThan(t.TimeoutSeconds as number);
  });

  it("keeps every timeout an order of magnitude away from what a normal run needs, so outcomes don't depend on machine speed", () => {
    for (const wf of WORKFLOWS) {
      const executionTimeoutS = wf.definition.TimeoutSeconds as number | undefined;
      for (const scenario of wf.scenarios) {
        // A run that must succeed closes in a tenth of its execution timeout (or less).
        if (scenario.expect.status === "SUCCEEDED" && executionTimeoutS !== undefined) expect(scenario.expect.closesAfterS * 10, `${wf.name}/${scenario.name}`).toBeLessThanOrEqual(executionTimeoutS);
      }
      for (const t of collectTasks(wf.definition)) {
        // A worker answers (or heart-beats) every WORKER_ANSWER_MS: 10× that must fit in every timeout.
        if (typeof t.TimeoutSeconds === "number") expect(t.TimeoutSeconds * 1000, `${wf.name} TimeoutSeconds`).toBeGreaterThanOrEqual(10 * 3 * WORKER_ANSWER_MS);
        if (typeof t.HeartbeatSeconds === "number") expect(t.HeartbeatSeconds * 1000, `${wf.name} HeartbeatSeconds`).toBeGreaterThanOrEqual(10 * WORKER_ANSWER_MS);
        if (typeof t.TimeoutSeconds === "number" && executionTimeoutS !== undefined) expect(t.TimeoutSeconds).toBeLessThan(executionTimeoutS);
      }
    }
  });

  it("uses no activities (they fail at once in moto 5.2.1)", () => {
    const tasks = WORKFLOWS.flatMap((wf) => collectTasks(wf.definition));
    expect(tasks.every((t) => !String(t.Resource).includes(":activity:"))).toBe(true);
  });
});

type TaskState = Record<string, unknown>;
function collectTasks(node: unknown): TaskState[] {
  if (!node || typeof node !== "object") return [];
  const obj = node as Record<string, unknown>;
  const own = obj.Type === "Task" ? [obj] : [];
  return [...own, ...Object.values(obj).flatMap((v) => (Array.isArray(v) ? v.flatMap(collectTasks) : collectTasks(v)))];
}
