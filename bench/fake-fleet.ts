// An in-process fake Step Functions + CloudWatch for the polling bench, on simulated time: one account's
// state machines in several regions, failures closing at scheduled times, AWS/States counts visible a
// CloudWatch delay after each close, and AWS's own token buckets (per region: ListExecutions 200/5 in
// us-east-1, us-west-2, eu-west-1 and 100/2 elsewhere, AWS-FACTS.md; GetMetricData 50 TPS,
// docs/aws-facts-polling.md) enforced on every call: a call over the bucket is counted as throttled.
import type { ExecutionSummary } from "@/lib/domain/execution";
import type { PollerDeps } from "@/lib/server/poller";
import { quotaFor } from "@/lib/server/budget";
import { makeEvent } from "@/test-support/make-event";

/** Simulated time: `sleep` parks a timer; `run` advances the clock to each due timer until the work settles. */
export class VirtualClock {
  private timers: { at: number; resolve: () => void }[] = [];
  constructor(public now: number) {}

  sleep = (ms: number): Promise<void> => new Promise<void>((resolve) => this.timers.push({ at: this.now + Math.max(0, ms), resolve }));

  /** Runs `work` to completion on simulated time (everything it awaits is in-process). */
  async run<T>(work: () => Promise<T>): Promise<T> {
    let settled = false;
    const promise = work().finally(() => (settled = true));
    while (!settled) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (settled || this.timers.length === 0) continue;
      this.timers.sort((a, b) => a.at - b.at);
      const at = this.timers[0]!.at;
      this.now = Math.max(this.now, at);
      // Every timer due at this instant wakes in one step.
      while (this.timers.length && this.timers[0]!.at <= this.now) this.timers.shift()!.resolve();
    }
    return promise;
  }
}

/**
 * The poller's budget for the bench: the same buckets as lib/server/budget.ts (quotaFor × share), served
 * first come first served by reservation, O(1) a take, so thousands of parallel takes cost no wake-up storm.
 */
export function reservationBudget(clock: VirtualClock, share: number): PollerDeps["budget"] {
  const buckets = new Map<string, { tokens: number; at: number; size: number; rate: number }>();
  const spent: Record<string, number> = {};
  const bucket = (api: string, region: string) => {
    const key = `${region}:${api}`;
    let b = buckets.get(key);
    if (!b) {
      const q = quotaFor(api, region);
      b = { tokens: Math.max(1, Math.floor(q.size * share)), at: clock.now, size: Math.max(1, Math.floor(q.size * share)), rate: q.refillPerSecond * share };
      buckets.set(key, b);
    }
    b.tokens = Math.min(b.size, b.tokens + ((clock.now - b.at) / 1000) * b.rate);
    b.at = clock.now;
    return b;
  };
  return {
    async take(api, region) {
      const b = bucket(api, region);
      b.tokens -= 1;
      spent[api] = (spent[api] ?? 0) + 1;
      if (b.tokens < 0) await clock.sleep(Math.ceil((-b.tokens / b.rate) * 1000));
    },
    available: (api, region) => bucket(api, region).tokens,
    spent: () => ({ ...spent }),
  };
}

/** One failure the fake fleet will close. */
export interface ScheduledFailure {
  stateMachineArn: string;
  executionArn: string;
  status: "FAILED" | "TIMED_OUT" | "ABORTED";
  startMs: number;
  stopMs: number;
}

/** Options of one account's fake fleet. */
export interface FakeFleetOptions {
  accountId: string;
  regions: readonly string[];
  stateMachinesPerRegion: number;
  /** Share of state machines with one execution running the whole time (their RUNNING list is due every cycle). */
  runningShare: number;
  /** How long after a close its AWS/States datapoint is readable (assumption: docs/polling.md). */
  metricDelayMs: number;
  /** Round-trip time of one call. */
  latencyMs: number;
  clock: VirtualClock;
}

const DEFINITION = JSON.stringify({ StartAt: "T", States: { T: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", TimeoutSeconds: 60, End: true } } });

/** A fake account: the poller's dependencies, the failures to close, and what AWS saw (calls, throttles). */
export function fakeFleet(opts: FakeFleetOptions) {
  const { clock } = opts;
  const calls: Record<string, number> = {};
  let throttled = 0;
  const stateMachines = new Map<string, string[]>(opts.regions.map((region) => [region, Array.from({ length: opts.stateMachinesPerRegion }, (_, i) => `arn:aws:states:${region}:${opts.accountId}:stateMachine:sm-${String(i).padStart(3, "0")}`)]));
  const failures = new Map<string, ScheduledFailure[]>();
  const running = new Map<string, ExecutionSummary[]>();
  const t0 = clock.now;
  for (const arns of stateMachines.values()) {
    arns.forEach((arn, i) => {
      const name = arn.split(":").pop()!;
      // One old failure each, so the first sweep has a backlog to index.
      failures.set(arn, [{ stateMachineArn: arn, executionArn: `${arn.replace(":stateMachine:", ":execution:")}:old`, status: "FAILED", startMs: t0 - 2 * 86_400_000, stopMs: t0 - 2 * 86_400_000 + 60_000 }]);
      if (i < opts.stateMachinesPerRegion * opts.runningShare) {
        running.set(arn, [{ executionArn: `${arn.replace(":stateMachine:", ":execution:")}:long-${name}`, stateMachineArn: arn, name: `long-${name}`, status: "RUNNING", startDate: new Date(t0 - 3_600_000).toISOString(), stopDate: null }]);
      }
    });
  }
  // AWS's side: full quotas (not the dashboard's share), refilled on simulated time.
  const aws = new Map<string, { tokens: number; at: number }>();
  const awsQuota = (api: string, region: string) => (api === "GetMetricData" ? { size: 50, refillPerSecond: 50 } : quotaFor(api, region));
  async function charge(api: string, region: string) {
    calls[api] = (calls[api] ?? 0) + 1;
    const q = awsQuota(api, region);
    const key = `${region}:${api}`;
    const b = aws.get(key) ?? { tokens: q.size, at: clock.now };
    b.tokens = Math.min(q.size, b.tokens + ((clock.now - b.at) / 1000) * q.refillPerSecond);
    b.at = clock.now;
    if (b.tokens >= 1) b.tokens -= 1;
    else throttled += 1;
    aws.set(key, b);
    if (opts.latencyMs > 0) await clock.sleep(opts.latencyMs);
  }
  const regionOf = (arn: string) => arn.split(":")[3]!;
  const toSummary = (f: ScheduledFailure): ExecutionSummary => ({ executionArn: f.executionArn, stateMachineArn: f.stateMachineArn, name: f.executionArn.split(":").pop()!, status: f.status, startDate: new Date(f.startMs).toISOString(), stopDate: new Date(f.stopMs).toISOString() });
  /** Closed by now, newest start first (ListExecutions' order). */
  const closed = (arn: string, status: string) => (failures.get(arn) ?? []).filter((f) => f.status === status && f.stopMs <= clock.now).sort((a, b) => b.startMs - a.startMs);

  const history = [
    makeEvent(4, "ExecutionFailed", 3, new Date(t0).toISOString(), { error: "States.Timeout", cause: "Task timed out" }),
    makeEvent(3, "TaskTimedOut", 2, new Date(t0).toISOString(), { error: "States.Timeout", resource: "x", resourceType: "lambda" }),
    makeEvent(2, "TaskStateEntered", 0, new Date(t0).toISOString(), { name: "T" }),
    makeEvent(1, "ExecutionStarted", 0, new Date(t0).toISOString(), { roleArn: "r" }),
  ];

  const deps: Omit<PollerDeps, "budget" | "store"> = {
    now: () => clock.now,
    async listStateMachines(region) {
      await charge("ListStateMachines", region);
      return (stateMachines.get(region) ?? []).map((arn) => ({ stateMachineArn: arn, name: arn.split(":").pop()!, type: "STANDARD" as const, region, creationDate: "" }));
    },
    async describeAlarms(region) {
      await charge("DescribeAlarms", region);
      return [];
    },
    async describeStateMachine(arn) {
      await charge("DescribeStateMachine", regionOf(arn));
      return { stateMachineArn: arn, name: arn.split(":").pop()!, type: "STANDARD" as const, region: regionOf(arn), creationDate: "", definition: DEFINITION };
    },
    async listExecutions(input) {
      await charge("ListExecutions", regionOf(input.stateMachineArn));
      if (input.statusFilter === "RUNNING") return running.get(input.stateMachineArn) ?? [];
      return closed(input.stateMachineArn, String(input.statusFilter)).slice(0, input.maxItems ?? 100).map(toSummary);
    },
    async listExecutionsPage(input) {
      await charge("ListExecutions", regionOf(input.stateMachineArn));
      const list = input.statusFilter === "RUNNING" ? running.get(input.stateMachineArn) ?? [] : closed(input.stateMachineArn, String(input.statusFilter)).map(toSummary);
      const from = input.nextToken ? Number(input.nextToken) : 0;
      const size = input.maxResults ?? 1000;
      return { executions: list.slice(from, from + size), nextToken: from + size < list.length ? String(from + size) : null };
    },
    async getExecutionHistoryPage(arn) {
      await charge("GetExecutionHistory", regionOf(arn));
      return { events: history, nextToken: null };
    },
    async getExecutionMetrics(region, input) {
      await charge("GetMetricData", region);
      return { region, from: input.from.toISOString(), to: input.to.toISOString(), periodSeconds: input.periodSeconds, partial: false, messages: [], byStateMachine: {} };
    },
    async getExecutionCounts(region, input) {
      const n = Math.ceil((input.stateMachineArns.length * input.metricNames.length) / 500);
      for (let i = 0; i < n; i++) await charge("GetMetricData", region);
      const metric: Record<string, string> = { FAILED: "ExecutionsFailed", TIMED_OUT: "ExecutionsTimedOut", ABORTED: "ExecutionsAborted" };
      const byStateMachine: Record<string, Record<string, number>> = {};
      for (const arn of input.stateMachineArns) {
        const sums: Record<string, number> = {};
        for (const f of failures.get(arn) ?? []) {
          // A datapoint is readable once CloudWatch has it: metricDelayMs after the close.
          if (f.stopMs < input.from.getTime() || f.stopMs >= input.to.getTime() || f.stopMs + opts.metricDelayMs > clock.now) continue;
          sums[metric[f.status]!] = (sums[metric[f.status]!] ?? 0) + 1;
          // Each failure started in the window too, and closed: the started − closed balance stays 0.
          if (f.startMs >= input.from.getTime()) sums.ExecutionsStarted = (sums.ExecutionsStarted ?? 0) + 1;
        }
        byStateMachine[arn] = sums;
      }
      return { region, from: input.from.toISOString(), to: input.to.toISOString(), byStateMachine, partial: false, messages: [], calls: n };
    },
  };

  return {
    deps,
    calls,
    throttled: () => throttled,
    stateMachineArns: () => [...stateMachines.values()].flat(),
    /** Schedules a failure to close at stopMs (it started a minute before). */
    schedule(f: Omit<ScheduledFailure, "startMs"> & { startMs?: number }) {
      const full = { ...f, startMs: f.startMs ?? f.stopMs - 60_000 };
      failures.get(f.stateMachineArn)!.push(full);
      return full;
    },
  };
}
