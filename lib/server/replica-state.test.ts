import { describe, expect, it, vi } from "vitest";
import type { ExecutionSummary } from "@/lib/domain/execution";
import { makeEvent } from "@/test-support/make-event";
import { createBudget } from "./budget";
import { FleetPoller, type PollerDeps } from "./poller";
import { fromPublishedJson, toPublishedJson, type Publication, type Replication } from "./replica-state";
import { FailureStore } from "./store/failure-store";
import type { LeaseStatus } from "./store/lease";

const NOW = Date.parse("2026-12-01T12:00:00Z");
const REGION = "us-east-1";
const SM = `arn:aws:states:${REGION}:111111111111:stateMachine:orders`;
const RETENTION = { maxAgeMs: 30 * 86_400_000, maxBytes: 1024 ** 3 };
const exec = (name: string, status: "FAILED" | "RUNNING", startMs: number): ExecutionSummary => ({
  executionArn: `${SM.replace("stateMachine", "execution")}:${name}`, stateMachineArn: SM, name, status, startDate: new Date(startMs).toISOString(), stopDate: status === "RUNNING" ? null : new Date(startMs + 60_000).toISOString(),
});
const failedPage = [
  makeEvent(3, "ExecutionFailed", 2, "2026-12-01T11:01:00Z", { error: "Payment.Declined", cause: "card declined" }),
  makeEvent(2, "TaskStateEntered", 0, "2026-12-01T11:00:00Z", { name: "Charge" }),
  makeEvent(1, "ExecutionStarted", 0, "2026-12-01T11:00:00Z", { roleArn: "r" }),
];

/** One shared "database" of publications and one lease, held by whichever replica the test says. */
function sharedReplicas() {
  let holder: string | null = null;
  let publication: Publication | null = null;
  const replica = (self: string): Replication => ({
    lease: {
      hold: async () => holder === self,
      status: (): LeaseStatus => ({ role: holder === self ? "leader" : "follower", kind: "postgres", self, holder: holder ? { id: holder, sinceMs: NOW } : null, lastContactMs: NOW, error: null }),
      release: async () => {},
    },
    publish: async (state, nowMs) => void (publication = { state: fromPublishedJson(toPublishedJson(state)), holder: self, publishedMs: nowMs }),
    read: async () => publication,
  });
  return { replica, lead: (self: string | null) => (holder = self) };
}

function deps(store: Promise<FailureStore>, replication: Replication, nowMs = NOW) {
  const calls: string[] = [];
  const running = [exec("slow-1", "RUNNING", NOW - 3_600_000)];
  const failed = [exec("failed-1", "FAILED", NOW - 600_000)];
  const d: Partial<PollerDeps> = {
    budget: createBudget({ share: 1 }),
    now: () => nowMs,
    store,
    replication,
    listStateMachines: vi.fn(async () => (calls.push("ListStateMachines"), [{ stateMachineArn: SM, name: "orders", type: "STANDARD" as const, region: REGION, creationDate: "" }])),
    listExecutions: vi.fn(async ({ statusFilter }) => (calls.push("ListExecutions"), statusFilter === "RUNNING" ? running : [])),
    listExecutionsPage: vi.fn(async ({ statusFilter }) => (calls.push("ListExecutions"), { executions: statusFilter === "FAILED" ? failed : [], nextToken: null })),
    describeAlarms: vi.fn(async () => (calls.push("DescribeAlarms"), [])),
    describeStateMachine: vi.fn(async (arn: string) => (calls.push("DescribeStateMachine"), { stateMachineArn: arn, name: "orders", type: "STANDARD" as const, region: REGION, creationDate: "", definition: JSON.stringify({ StartAt: "Charge", States: { Charge: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", End: true } } }) })),
    getExecutionHistoryPage: vi.fn(async () => (calls.push("GetExecutionHistory"), { events: failedPage, nextToken: null })),
    getExecutionMetrics: vi.fn(async () => (calls.push("GetMetricData"), { region: REGION, from: "", to: "", periodSeconds: 3600, partial: false, messages: [], byStateMachine: {} })),
  };
  return { d, calls };
}

describe("replicas: one leader polls, followers show what it published", () => {
  it("a follower calls AWS never, and shows the leader's fleet with the failures from the shared index", async () => {
    const store = FailureStore.open({ backend: "sqlite", file: ":memory:" }, RETENTION);
    const shared = sharedReplicas();
    const a = deps(store, shared.replica("a"));
    const b = deps(store, shared.replica("b"));
    const leader = new FleetPoller([REGION], a.d);
    const follower = new FleetPoller([REGION], b.d);
    shared.lead("a");
    await follower.pollOnce(); // before anything was published: an empty fleet, no call
    expect(follower.snapshot().stateMachines).toEqual([]);
    await leader.pollOnce();
    await follower.pollOnce();
    expect(b.calls).toEqual([]);
    expect(a.calls).toContain("ListExecutions");
    const seen = follower.snapshot();
    const truth = leader.snapshot();
    expect(seen.stateMachines).toEqual(truth.stateMachines);
    expect(seen.stateMachines[0]!.findings.length).toBeGreaterThan(0);
    expect(seen.running.map((e) => e.executionArn)).toEqual([exec("slow-1", "RUNNING", 0).executionArn]);
    expect(seen.running).toEqual(truth.running);
    expect(seen.failing.map((e) => [e.executionArn, e.error])).toEqual([[exec("failed-1", "FAILED", 0).executionArn, "Payment.Declined"]]);
    expect(seen.updatedAt).toBe(truth.updatedAt);
    expect(follower.lease()).toMatchObject({ role: "follower", holder: { id: "a" } });
    expect(follower.alarms()).toEqual(leader.alarms());
  });

  it("a follower that takes over starts from the leader's RUNNING executions and describes definitions again", async () => {
    const store = FailureStore.open({ backend: "sqlite", file: ":memory:" }, RETENTION);
    const shared = sharedReplicas();
    const a = deps(store, shared.replica("a"));
    // The second replica's clock is a minute on: what it shows as first seen must be the leader's time, not its own.
    const b = deps(store, shared.replica("b"), NOW + 60_000);
    let gate: Promise<void> | null = null;
    const listExecutions = b.d.listExecutions!;
    b.d.listExecutions = vi.fn(async (input: Parameters<typeof listExecutions>[0]) => (await gate, listExecutions(input)));
    const first = new FleetPoller([REGION], a.d);
    const second = new FleetPoller([REGION], b.d);
    shared.lead("a");
    await first.pollOnce();
    await second.pollOnce();
    const firstSeen = second.snapshot().running[0]!.firstSeenAt;
    expect(firstSeen).toBe(new Date(NOW).toISOString());
    shared.lead("b");
    // While its first own cycle runs, the new leader's pages still show the last publication, not an empty fleet.
    let release: () => void = () => {};
    gate = new Promise<void>((resolve) => (release = resolve));
    const cycle = second.pollOnce();
    await vi.waitFor(() => expect(b.d.listExecutions).toHaveBeenCalled());
    expect(second.snapshot().stateMachines.map((sm) => sm.name)).toEqual(["orders"]);
    expect(second.snapshot().failing).toHaveLength(1);
    release();
    await cycle;
    expect(b.calls).toContain("DescribeStateMachine");
    expect(b.calls.filter((c) => c === "GetExecutionHistory")).toEqual([]); // the failure was summarised by the first leader
    expect(second.snapshot().running[0]!.firstSeenAt).toBe(firstSeen);
    expect(second.lease().role).toBe("leader");
    // And the old leader, now a follower, stops calling AWS.
    const before = a.calls.length;
    await first.pollOnce();
    expect(a.calls.length).toBe(before);
  });

  it("publishes Maps and drops definitions", () => {
    const json = toPublishedJson({
      regions: [REGION], accounts: [], accountErrors: new Map([["210987654321", { kind: "denied", message: "Could not assume", at: "2026-12-02T00:00:00.000Z" }]]), stateMachines: [], alarms: [], p99ByArn: new Map([[SM, 5]]), failureSeriesByArn: new Map([[SM, [{ startMs: 1, value: 2 }]]]),
      findingsByArn: new Map([[SM, { at: 3, findings: [], definition: "{\"StartAt\":\"secret-size-definition\"}" }]]), running: new Map(), runningFirstSeen: new Map([["x", 4]]),
      recentFailures: [], countsByArn: new Map(), index: null, updatedAt: 9, lastAttemptAt: 8, error: null,
    });
    expect(json).not.toContain("secret-size-definition");
    const back = fromPublishedJson(json);
    expect(back.p99ByArn.get(SM)).toBe(5);
    expect(back.accountErrors.get("210987654321")?.message).toBe("Could not assume");
    expect(back.failureSeriesByArn.get(SM)).toEqual([{ startMs: 1, value: 2 }]);
    expect(back.findingsByArn.get(SM)).toEqual({ at: 3, findings: [] });
    expect(back.runningFirstSeen.get("x")).toBe(4);
  });
});

describe("a follower whose leader has gone quiet", () => {
  it("marks the fleet overdue once the leader's publication is two intervals old, naming the holder", async () => {
    const store = FailureStore.open({ backend: "sqlite", file: ":memory:" }, RETENTION);
    const shared = sharedReplicas();
    const clock = { now: NOW };
    const a = deps(store, shared.replica("a"));
    const b = deps(store, shared.replica("b"));
    const leader = new FleetPoller([REGION], a.d);
    const follower = new FleetPoller([REGION], { ...b.d, now: () => clock.now });
    shared.lead("a");
    await leader.pollOnce();
    await follower.pollOnce();
    expect(follower.snapshot().error).toBeNull();
    clock.now += 30_000 * 2 + 1_000;
    await follower.pollOnce();
    expect(follower.snapshot().error).toMatchObject({ kind: "overdue", message: expect.stringMatching(/^The polling replica \(a\) last reported 61 s ago/) });
  });
});
