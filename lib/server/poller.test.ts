import { afterEach, describe, expect, it, vi } from "vitest";
import { AwsError } from "@/lib/aws/errors";
import type { ExecutionSummary } from "@/lib/domain/execution";
import type { ExecutionMetrics } from "@/lib/domain/metrics";
import { makeEvent } from "@/test-support/make-event";
import { createBudget } from "./budget";
import { FleetPoller, type PollerDeps } from "./poller";

const NOW = Date.parse("2026-11-23T12:00:00Z");
const REGION = "us-east-1";
const smArn = (name: string) => `arn:aws:states:${REGION}:111111111111:stateMachine:${name}`;

function execution(sm: string, name: string, status: ExecutionSummary["status"]): ExecutionSummary {
  return { executionArn: `arn:aws:states:${REGION}:111111111111:execution:${sm}:${name}`, stateMachineArn: smArn(sm), name, status, startDate: "2026-11-23T11:00:00Z", stopDate: status === "RUNNING" ? null : "2026-11-23T11:05:00Z" };
}

/** A timed-out task's last events, newest first, as one reverseOrder page without payloads returns them. */
const timedOutPage = [
  makeEvent(5, "ExecutionFailed", 4, "2026-11-23T11:05:00Z", { error: "States.Timeout", cause: "Task timed out" }),
  makeEvent(4, "TaskTimedOut", 3, "2026-11-23T11:05:00Z", { error: "States.Timeout", resource: "x", resourceType: "lambda" }),
  makeEvent(3, "TaskScheduled", 2, "2026-11-23T11:00:01Z", { resource: "x", resourceType: "lambda", region: REGION, timeoutInSeconds: 300 }),
  makeEvent(2, "TaskStateEntered", 0, "2026-11-23T11:00:00Z", { name: "Transform" }),
  makeEvent(1, "ExecutionStarted", 0, "2026-11-23T11:00:00Z", { roleArn: "r" }),
];

function fakeDeps(stateMachines: string[]) {
  const calls: Record<string, number> = {};
  const count = (op: string) => (calls[op] = (calls[op] ?? 0) + 1);
  const lists = new Map<string, ExecutionSummary[]>();
  for (const sm of stateMachines) {
    lists.set(`${smArn(sm)}|FAILED`, [execution(sm, "failed-1", "FAILED")]);
    lists.set(`${smArn(sm)}|TIMED_OUT`, []);
    lists.set(`${smArn(sm)}|RUNNING`, [execution(sm, "running-1", "RUNNING")]);
  }
  const metrics = (arns: string[]): ExecutionMetrics => ({
    region: REGION,
    from: "",
    to: "",
    periodSeconds: 3600,
    partial: false,
    messages: [],
    byStateMachine: Object.fromEntries(arns.map((arn) => [arn, { "ExecutionTime:p99": [{ timestamp: "2026-11-23T11:00:00Z", value: 60_000 }] }])) as ExecutionMetrics["byStateMachine"],
  });
  const deps: PollerDeps = {
    budget: createBudget({ share: 1 }),
    now: () => NOW,
    listStateMachines: vi.fn(async () => (count("ListStateMachines"), stateMachines.map((name) => ({ stateMachineArn: smArn(name), name, type: "STANDARD" as const, region: REGION, creationDate: "" })))),
    listExecutions: vi.fn(async ({ stateMachineArn, statusFilter }) => (count("ListExecutions"), lists.get(`${stateMachineArn}|${statusFilter}`) ?? [])),
    describeAlarms: vi.fn(async () => (count("DescribeAlarms"), [])),
    describeStateMachine: vi.fn(async (arn: string) => (count("DescribeStateMachine"), { stateMachineArn: arn, name: "x", type: "STANDARD" as const, region: REGION, creationDate: "", definition: JSON.stringify({ StartAt: "T", States: { T: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", End: true } } }) })),
    getExecutionHistoryPage: vi.fn(async () => (count("GetExecutionHistory"), { events: timedOutPage, nextToken: null })),
    getExecutionMetrics: vi.fn(async (_region: string, input: { stateMachineArns: string[] }) => (count("GetMetricData"), metrics(input.stateMachineArns))),
  };
  return { deps, calls, lists };
}

describe("FleetPoller", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("spends state machines × 3 ListExecutions per cycle, and fetches a closed failure once", async () => {
    const { deps, calls } = fakeDeps(["a", "b", "c"]);
    const poller = new FleetPoller([REGION], deps);
    await poller.pollOnce();
    expect(calls.ListExecutions).toBe(9);
    expect(calls.GetExecutionHistory).toBe(3);
    await poller.pollOnce();
    await poller.pollOnce();
    expect(calls.ListExecutions).toBe(27);
    expect(calls.GetExecutionHistory).toBe(3);
    expect(calls.ListStateMachines).toBe(1);
    expect(calls.DescribeStateMachine).toBe(3);
  });

  it("names the failed state and error of each failing execution, and the Task with no timeout", async () => {
    const { deps } = fakeDeps(["pipeline"]);
    const poller = new FleetPoller([REGION], deps);
    await poller.pollOnce();
    const snapshot = poller.snapshot();
    expect(snapshot.failing).toHaveLength(1);
    expect(snapshot.failing[0]).toMatchObject({ failedState: "Transform", error: "States.Timeout", kind: "task-timeout" });
    expect(snapshot.running).toHaveLength(1);
    expect(snapshot.stateMachines[0]?.p99DurationMs).toBe(60_000);
    expect(snapshot.stateMachines[0]?.findings.map((f) => f.code)).toContain("task-timeout-missing");
    expect(snapshot.updatedAt).toBe(new Date(NOW).toISOString());
  });

  it("keeps the last good snapshot when AWS throttles, marks it with the error, and backs off", async () => {
    vi.stubEnv("SFN_TRIAGE_POLL_MS", "1000");
    const { deps } = fakeDeps(["a"]);
    let clock = NOW;
    deps.now = () => clock;
    const poller = new FleetPoller([REGION], deps);
    await poller.pollOnce();
    const good = poller.snapshot();
    expect(poller.nextDelayMs()).toBe(1000);

    (deps.listExecutions as ReturnType<typeof vi.fn>).mockRejectedValue(new AwsError("throttled", "ListExecutions", "Rate exceeded"));
    clock += 5_000;
    await poller.pollOnce();
    clock += 5_000;
    await poller.pollOnce();
    const stale = poller.snapshot();
    expect(stale.updatedAt).toBe(good.updatedAt);
    expect(stale.failing.map((e) => e.executionArn)).toEqual(good.failing.map((e) => e.executionArn));
    expect(stale.error).toMatchObject({ kind: "throttled", message: "Rate exceeded" });
    expect(poller.nextDelayMs()).toBe(4000);

    (deps.listExecutions as ReturnType<typeof vi.fn>).mockReset().mockResolvedValue([]);
    clock += 5_000;
    await poller.pollOnce();
    expect(poller.snapshot().error).toBeNull();
    expect(poller.snapshot().updatedAt).toBe(new Date(clock).toISOString());
    expect(poller.nextDelayMs()).toBe(1000);
  });

  it("while backing off, probes with one call per interval and polls fully as soon as the fault ends", async () => {
    vi.stubEnv("SFN_TRIAGE_POLL_MS", "1000");
    const { deps } = fakeDeps(["a", "b"]);
    let clock = NOW;
    deps.now = () => clock;
    const poller = new FleetPoller([REGION], deps);
    await poller.step();
    const list = deps.listExecutions as ReturnType<typeof vi.fn>;
    list.mockRejectedValue(new AwsError("throttled", "ListExecutions", "Rate exceeded"));
    clock += 1000;
    expect(await poller.step()).toBe("cycle");
    expect(poller.nextDelayMs()).toBe(2000);

    // Inside the backoff: one probe call per step, no cycle.
    const before = list.mock.calls.length;
    clock += 1000;
    expect(await poller.step()).toBe("probe-failed");
    expect(list.mock.calls.length - before).toBe(1);
    // Backoff over: a full cycle again (still failing), and the backoff doubles.
    clock += 1000;
    expect(await poller.step()).toBe("cycle");
    expect(poller.nextDelayMs()).toBe(4000);

    // The fault ends: the next step's probe passes and a full cycle brings fresh data at once.
    list.mockReset().mockResolvedValue([]);
    clock += 1000;
    expect(await poller.step()).toBe("cycle");
    expect(poller.snapshot().error).toBeNull();
    expect(poller.snapshot().updatedAt).toBe(new Date(clock).toISOString());
  });

  it("caps the backoff at five minutes", async () => {
    vi.stubEnv("SFN_TRIAGE_POLL_MS", "30000");
    const { deps } = fakeDeps(["a"]);
    (deps.listStateMachines as ReturnType<typeof vi.fn>).mockRejectedValue(new AwsError("unavailable", "ListStateMachines", "down"));
    const poller = new FleetPoller([REGION], deps);
    for (let i = 0; i < 10; i++) await poller.pollOnce();
    expect(poller.nextDelayMs()).toBe(300_000);
  });
});
