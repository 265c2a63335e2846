import { afterEach, describe, expect, it, vi } from "vitest";
import { AwsError } from "@/lib/aws/errors";
import type { ExecutionStatus, ExecutionSummary } from "@/lib/domain/execution";
import type { ExecutionMetrics } from "@/lib/domain/metrics";
import { makeEvent } from "@/test-support/make-event";
import { createBudget, quotaFor } from "./budget";
import { FleetPoller, type PollerDeps } from "./poller";
import { FailureStore } from "./store/failure-store";

const NOW = Date.parse("2026-11-23T12:00:00Z");
const REGION = "us-east-1";
const smArn = (name: string) => `arn:aws:states:${REGION}:111111111111:stateMachine:${name}`;
const RETENTION = { maxAgeMs: 30 * 86_400_000, maxBytes: 1024 ** 3 };

function execution(sm: string, name: string, status: ExecutionStatus, startMs = Date.parse("2026-11-23T11:00:00Z")): ExecutionSummary {
  return { executionArn: `arn:aws:states:${REGION}:111111111111:execution:${sm}:${name}`, stateMachineArn: smArn(sm), name, status, startDate: new Date(startMs).toISOString(), stopDate: status === "RUNNING" ? null : new Date(startMs + 300_000).toISOString() };
}

/** A timed-out task's last events, newest first, as one reverseOrder page without payloads returns them. */
const timedOutPage = [
  makeEvent(5, "ExecutionFailed", 4, "2026-11-23T11:05:00Z", { error: "States.Timeout", cause: "Task timed out" }),
  makeEvent(4, "TaskTimedOut", 3, "2026-11-23T11:05:00Z", { error: "States.Timeout", resource: "x", resourceType: "lambda" }),
  makeEvent(3, "TaskScheduled", 2, "2026-11-23T11:00:01Z", { resource: "x", resourceType: "lambda", region: REGION, timeoutInSeconds: 300 }),
  makeEvent(2, "TaskStateEntered", 0, "2026-11-23T11:00:00Z", { name: "Transform" }),
  makeEvent(1, "ExecutionStarted", 0, "2026-11-23T11:00:00Z", { roleArn: "r" }),
];

/** ListExecutions over an in-memory list, newest start first; a token is the last row's ARN, so it survives new arrivals on top. */
function pageOf(list: ExecutionSummary[], input: { maxResults?: number; nextToken?: string }) {
  const sorted = [...list].sort((a, b) => (a.startDate === b.startDate ? (a.executionArn < b.executionArn ? 1 : -1) : a.startDate < b.startDate ? 1 : -1));
  const from = input.nextToken ? sorted.findIndex((e) => e.executionArn === input.nextToken) + 1 : 0;
  const size = input.maxResults ?? 1000;
  const executions = sorted.slice(from, from + size);
  return { executions, nextToken: from + size < sorted.length ? executions.at(-1)!.executionArn : null };
}

function fakeDeps(stateMachines: string[], opts: { clock?: { now: number }; share?: number; metricsFail?: boolean } = {}) {
  const calls: Record<string, number> = {};
  const count = (op: string) => (calls[op] = (calls[op] ?? 0) + 1);
  const lists = new Map<string, ExecutionSummary[]>();
  for (const sm of stateMachines) {
    lists.set(`${smArn(sm)}|FAILED`, [execution(sm, "failed-1", "FAILED")]);
    lists.set(`${smArn(sm)}|TIMED_OUT`, []);
    lists.set(`${smArn(sm)}|ABORTED`, []);
    lists.set(`${smArn(sm)}|RUNNING`, [execution(sm, "running-1", "RUNNING")]);
  }
  const metrics = (arns: string[]): ExecutionMetrics => ({
    region: REGION,
    from: "",
    to: "",
    periodSeconds: 3600,
    partial: false,
    messages: [],
    byStateMachine: Object.fromEntries(
      arns.map((arn) => [arn, { "ExecutionTime:p99": [{ timestamp: "2026-11-23T11:00:00Z", value: 60_000 }], "ExecutionsFailed:Sum": [{ timestamp: "2026-11-23T11:00:00Z", value: 3 }] }]),
    ) as ExecutionMetrics["byStateMachine"],
  });
  const clock = opts.clock;
  const deps: PollerDeps = {
    budget: clock
      ? createBudget({ share: opts.share ?? 1, clock: () => clock.now, sleep: async (ms) => void (clock.now += ms) })
      : createBudget({ share: opts.share ?? 1 }),
    now: clock ? () => clock.now : () => NOW,
    store: FailureStore.open({ backend: "sqlite", file: ":memory:" }, RETENTION),
    listStateMachines: vi.fn(async () => (count("ListStateMachines"), stateMachines.map((name) => ({ stateMachineArn: smArn(name), name, type: "STANDARD" as const, region: REGION, creationDate: "" })))),
    listExecutions: vi.fn(async ({ stateMachineArn, statusFilter }) => (count("ListExecutions"), lists.get(`${stateMachineArn}|${statusFilter}`) ?? [])),
    listExecutionsPage: vi.fn(async (input) => (count("ListExecutions"), pageOf(lists.get(`${input.stateMachineArn}|${input.statusFilter}`) ?? [], input))),
    describeAlarms: vi.fn(async () => (count("DescribeAlarms"), [])),
    describeStateMachine: vi.fn(async (arn: string) => (count("DescribeStateMachine"), { stateMachineArn: arn, name: "x", type: "STANDARD" as const, region: REGION, creationDate: "", definition: JSON.stringify({ StartAt: "T", States: { T: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", End: true } } }) })),
    getExecutionHistoryPage: vi.fn(async () => (count("GetExecutionHistory"), { events: timedOutPage, nextToken: null })),
    getExecutionMetrics: vi.fn(async (_region: string, input: { stateMachineArns: string[] }) => (count("GetMetricData"), metrics(input.stateMachineArns))),
    // CloudWatch's counts as AWS/States would publish them for the lists above: a close counts at its stop date.
    getExecutionCounts: vi.fn(async (region: string, input: { stateMachineArns: string[]; from: Date; to: Date }) => {
      count("GetMetricData");
      if (opts.metricsFail) throw new AwsError("throttled", "GetMetricData", "Rate exceeded");
      // No upper bound: some fixtures below close "in the future" of the fake clock; nothing else reads the window's end.
      const inWindow = (iso: string | null) => iso !== null && Date.parse(iso) >= input.from.getTime();
      const byStateMachine = Object.fromEntries(
        input.stateMachineArns.map((arn) => {
          const sums: Record<string, number> = {};
          const all = ["FAILED", "TIMED_OUT", "ABORTED", "RUNNING"].flatMap((status) => lists.get(`${arn}|${status}`) ?? []);
          for (const e of all) {
            if (inWindow(e.startDate)) sums.ExecutionsStarted = (sums.ExecutionsStarted ?? 0) + 1;
            const metric = { FAILED: "ExecutionsFailed", TIMED_OUT: "ExecutionsTimedOut", ABORTED: "ExecutionsAborted" }[e.status as string];
            if (metric && inWindow(e.stopDate)) sums[metric] = (sums[metric] ?? 0) + 1;
          }
          return [arn, sums];
        }),
      );
      return { region, from: input.from.toISOString(), to: input.to.toISOString(), byStateMachine, partial: false, messages: [], calls: 1 };
    }),
  };
  return { deps, calls, lists };
}

describe("FleetPoller", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("with SFN_TRIAGE_POLL_STRATEGY=sweep, spends state machines × 4 ListExecutions per quiet cycle, and reads a closed failure's history once", async () => {
    vi.stubEnv("SFN_TRIAGE_POLL_STRATEGY", "sweep");
    const { deps, calls } = fakeDeps(["a", "b", "c"]);
    const poller = new FleetPoller([REGION], deps);
    await poller.pollOnce();
    // FAILED, TIMED_OUT, ABORTED (one page each: nothing more is new) and RUNNING.
    expect(calls.ListExecutions).toBe(12);
    expect(calls.GetExecutionHistory).toBe(3);
    await poller.pollOnce();
    await poller.pollOnce();
    expect(calls.ListExecutions).toBe(36);
    expect(calls.GetExecutionHistory).toBe(3);
    expect(calls.ListStateMachines).toBe(1);
    expect(calls.DescribeStateMachine).toBe(3);
  });

  it("metric-guided (default): after the first full sweep, a quiet cycle lists only RUNNING where executions run, and a new failure costs one list", async () => {
    const { deps, calls, lists } = fakeDeps(["a", "b", "c"]);
    const poller = new FleetPoller([REGION], deps);
    await poller.pollOnce();
    expect(calls.ListExecutions).toBe(12);
    expect(poller.pollPlans().get(`-|${REGION}`)).toMatchObject({ mode: "first", listCalls: 12 });
    await poller.pollOnce();
    // One GetMetricData for the three state machines' counts; RUNNING for the three that have a running execution.
    expect(calls.ListExecutions).toBe(15);
    expect(poller.pollPlans().get(`-|${REGION}`)).toMatchObject({ mode: "metrics", listCalls: 3, swept: 0, degraded: null });
    lists.get(`${smArn("b")}|FAILED`)!.push({ ...execution("b", "new-failure", "FAILED", NOW - 120_000), stopDate: new Date(NOW - 30_000).toISOString() });
    await poller.pollOnce();
    expect(calls.ListExecutions).toBe(19);
    expect((deps.listExecutionsPage as ReturnType<typeof vi.fn>).mock.calls.at(-1)![0]).toMatchObject({ stateMachineArn: smArn("b"), statusFilter: "FAILED" });
    expect(poller.snapshot().failing.map((e) => e.name)).toContain("new-failure");
    // The next cycle's window still holds it, but so does the index: nothing more to list.
    await poller.pollOnce();
    expect(calls.ListExecutions).toBe(22);
    expect(poller.snapshot().error).toBeNull();
  });

  it("when GetMetricData is throttled, sweeps within the poller's share instead, says it is degraded, and keeps polling without backoff", async () => {
    vi.stubEnv("SFN_TRIAGE_POLL_MS", "30000");
    const { deps, calls, lists } = fakeDeps(["a", "b"], { metricsFail: true });
    const poller = new FleetPoller([REGION], deps);
    await poller.pollOnce();
    lists.get(`${smArn("a")}|TIMED_OUT`)!.push({ ...execution("a", "late", "TIMED_OUT", NOW - 120_000), stopDate: new Date(NOW - 10_000).toISOString() });
    await poller.pollOnce();
    // 5/s × 0.5 × 30 s / 4 lists = 18 state machines a cycle: both are swept, every list.
    expect(calls.ListExecutions).toBe(16);
    expect(calls.GetMetricData).toBeGreaterThanOrEqual(1);
    const snapshot = poller.snapshot();
    expect(snapshot.failing.map((e) => e.name)).toContain("late");
    expect(snapshot.error).toMatchObject({ kind: "metrics-unavailable" });
    expect(snapshot.error?.message).toContain("throttled");
    expect(snapshot.updatedAt).toBe(new Date(NOW).toISOString());
    expect(poller.nextDelayMs()).toBe(30_000);
    expect(poller.pollPlans().get(`-|${REGION}`)).toMatchObject({ mode: "fallback", swept: 2 });
  });

  it("names the failed state and error of each failing execution, from the index, and the Task with no timeout", async () => {
    const { deps } = fakeDeps(["pipeline"]);
    const poller = new FleetPoller([REGION], deps);
    await poller.pollOnce();
    const snapshot = poller.snapshot();
    expect(snapshot.failing).toHaveLength(1);
    expect(snapshot.failing[0]).toMatchObject({ failedState: "Transform", error: "States.Timeout", kind: "task-timeout", firstSeenAt: new Date(NOW).toISOString() });
    expect(snapshot.running).toHaveLength(1);
    expect(snapshot.stateMachines[0]).toMatchObject({ p99DurationMs: 60_000, cloudWatchFailures24h: 3, counts: { FAILED: 1, TIMED_OUT: 0, ABORTED: 0, RUNNING: 1 } });
    expect(snapshot.stateMachines[0]?.findings.map((f) => f.code)).toContain("task-timeout-missing");
    expect(snapshot.updatedAt).toBe(new Date(NOW).toISOString());
    expect(snapshot.index).toMatchObject({ backend: "sqlite", stored: 1, pending: 0, pagesBehind: 0 });
    const store = await poller.store();
    const [signature] = (await store.signatures({ fromMs: 0, toMs: NOW }, { limit: 5 })).items;
    expect(signature).toMatchObject({ originPath: "Transform", originError: "States.Timeout", count: 1 });
    expect((await store.failure({ executionArn: snapshot.failing[0]!.executionArn, redriveCount: 0 }))?.finalError).toBe("States.Timeout");
  });

  it("indexes a burst of 3,000 failures between two polls in full, over as many cycles as the budget needs, and says how far behind it is", async () => {
    vi.stubEnv("SFN_TRIAGE_LIST_PAGE_SIZE", "20");
    vi.stubEnv("SFN_TRIAGE_HISTORY_RESERVE", "0");
    const clock = { now: NOW };
    const share = 0.5;
    const { deps, lists, calls } = fakeDeps(["orders"], { clock, share });
    const poller = new FleetPoller([REGION], deps);
    await poller.pollOnce();
    expect(poller.snapshot().index).toMatchObject({ stored: 1, pending: 0 });

    const failed = lists.get(`${smArn("orders")}|FAILED`)!;
    for (let i = 0; i < 3000; i++) failed.push(execution("orders", `burst-${String(i).padStart(4, "0")}`, "FAILED", NOW + 1000 + i * 10));
    clock.now += 30_000;

    const progress: { pending: number; pagesBehind: number; stored: number }[] = [];
    for (let cycle = 0; cycle < 60; cycle++) {
      const before = { ...calls };
      const startedAt = clock.now;
      await poller.pollOnce();
      const index = poller.snapshot().index!;
      progress.push({ pending: index.pending, pagesBehind: index.pagesBehind, stored: index.stored });
      // Within the budget: never more calls in a cycle than the bucket held plus what it refilled meanwhile.
      for (const api of ["ListExecutions", "GetExecutionHistory"]) {
        const quota = quotaFor(api, REGION);
        const allowed = Math.floor(quota.size * share) + Math.ceil(quota.refillPerSecond * share * ((clock.now - startedAt + 30_000) / 1000));
        expect((calls[api] ?? 0) - (before[api] ?? 0), api).toBeLessThanOrEqual(allowed);
      }
      if (index.pending === 0 && index.pagesBehind === 0) break;
      clock.now += 30_000;
    }
    // It took several cycles, said so while catching up, and finished.
    expect(progress.length).toBeGreaterThan(3);
    expect(progress[0]!.pending + progress[0]!.pagesBehind).toBeGreaterThan(0);
    expect(progress.at(-1)).toEqual({ pending: 0, pagesBehind: 0, stored: 3001 });
    const store = await poller.store();
    const listed = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await store.executions({ fromMs: 0, toMs: clock.now + 86_400_000 }, { cursor, limit: 500 });
      for (const e of page.items) listed.add(e.executionArn);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(listed).toEqual(new Set(failed.map((e) => e.executionArn)));
    const [signature] = (await store.signatures({ fromMs: 0, toMs: clock.now + 86_400_000 }, { limit: 5 })).items;
    expect(signature?.count).toBe(3001);
  });

  it("finds an execution that started before indexed ones but closed after them (ListExecutions sorts by start)", async () => {
    const { deps, lists } = fakeDeps(["orders"]);
    const failed = lists.get(`${smArn("orders")}|FAILED`)!;
    const running = lists.get(`${smArn("orders")}|RUNNING`)!;
    const early = Date.parse("2026-11-23T10:00:00Z");
    running.splice(0, running.length, execution("orders", "slow", "RUNNING", early));
    vi.stubEnv("SFN_TRIAGE_LIST_PAGE_SIZE", "5");
    for (let i = 0; i < 12; i++) failed.push(execution("orders", `quick-${String(i).padStart(2, "0")}`, "FAILED", early + 60_000 * (i + 1)));
    const poller = new FleetPoller([REGION], deps);
    await poller.pollOnce();
    // The slow one fails now; its start date puts it on the last page, below 13 indexed executions.
    lists.set(`${smArn("orders")}|RUNNING`, []);
    // It closes now (CloudWatch counts it at its stop date).
    failed.push({ ...execution("orders", "slow", "FAILED", early), stopDate: new Date(NOW).toISOString() });
    await poller.pollOnce();
    expect(poller.snapshot().failing.map((e) => e.name)).toContain("slow");
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

    const before = list.mock.calls.length;
    clock += 1000;
    expect(await poller.step()).toBe("probe-failed");
    expect(list.mock.calls.length - before).toBe(1);
    clock += 1000;
    expect(await poller.step()).toBe("cycle");
    expect(poller.nextDelayMs()).toBe(4000);

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

describe("FleetPoller on a hung AWS", () => {
  it("marks the snapshot stale on the server once a cycle has run longer than an interval, and clears it when one completes", async () => {
    const clock = { now: NOW };
    const { deps } = fakeDeps(["a"], { clock });
    let release: () => void = () => {};
    const hung = new Promise<void>((resolve) => (release = resolve));
    const answer = deps.listExecutionsPage;
    let hang = false;
    deps.listExecutionsPage = vi.fn(async (input) => {
      if (hang) await hung;
      return answer(input);
    });
    const poller = new FleetPoller([REGION], deps);
    await poller.pollOnce();
    expect(poller.snapshot().error).toBeNull();
    hang = true;
    clock.now += 5_000;
    const cycle = poller.pollOnce();
    clock.now += 1_000;
    expect(poller.snapshot().error).toBeNull();
    clock.now += 30_000;
    expect(poller.snapshot().error).toMatchObject({ kind: "overdue", message: expect.stringMatching(/^The poll started 31 s ago has not finished/) });
    hang = false;
    release();
    await cycle;
    expect(poller.snapshot().error).toBeNull();
  });
});
