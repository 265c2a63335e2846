import { describe, expect, it } from "vitest";
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
