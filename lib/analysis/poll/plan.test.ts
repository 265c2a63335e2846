import { describe, expect, it } from "vitest";
import { metricWindow, planPollCycle, sweepRatePerCycle, type MetricSums, type PlanQuota, type PollPlanInput, type SweepCursor } from "./plan";

const NOW = Date.parse("2026-12-02T01:00:00Z");
const arn = (i: number) => `arn:aws:states:us-east-1:111111111111:stateMachine:sm-${String(i).padStart(3, "0")}`;
const fleet = (n: number) => Array.from({ length: n }, (_, i) => arn(i));
// 30 s interval, hourly sweep, 20% of 5/s for the sweep, 50% for the poller.
const QUOTA: PlanQuota = { listRefillPerSecond: 5, sweepShare: 0.2, pollerShare: 0.5, intervalMs: 30_000, sweepIntervalMs: 3_600_000 };
const CURSOR: SweepCursor = { next: 0, credit: 0, lastFullPassMs: NOW - 60_000 };

function input(over: Partial<PollPlanInput> = {}): PollPlanInput {
  return { stateMachineArns: fleet(500), metrics: new Map(), indexed: new Map(), knownRunning: new Set(), sweep: CURSOR, quota: QUOTA, nowMs: NOW, ...over };
}

describe("planPollCycle", () => {
  it("sweeps every state machine with four lists on the first cycle", () => {
    const plan = planPollCycle(input({ sweep: null, stateMachineArns: fleet(3) }));
    expect(plan.mode).toBe("first");
    expect(plan.listCalls).toBe(12);
    expect(plan.lists.every((l) => l.statuses.length === 3 && l.running)).toBe(true);
    expect(plan.sweep).toEqual({ next: 0, credit: 0, lastFullPassMs: NOW });
  });

  it("spends only the sweep's slice on a quiet fleet of 500: 500 / 120 cycles an hour, carried as credit", () => {
    const first = planPollCycle(input());
    // 500 × 30 s / 3,600 s = 4.17 state machines per cycle; the quota cap is 5 × 0.2 × 30 / 4 = 7.5.
    expect(sweepRatePerCycle(500, QUOTA, 0.2)).toBeCloseTo(4.1667, 3);
    expect(first.mode).toBe("metrics");
    expect(first.swept).toBe(4);
    expect(first.listCalls).toBe(16);
    expect(first.lists.map((l) => l.stateMachineArn)).toEqual([arn(0), arn(1), arn(2), arn(3)]);
    expect(first.lists.every((l) => l.reasons.join() === "sweep")).toBe(true);
    // Over 120 cycles (one hour) the sweep covers all 500 exactly once, then wraps.
    let cursor = first.sweep;
    const seen = new Map<string, number>(first.lists.map((l) => [l.stateMachineArn, 1]));
    for (let cycle = 1; cycle < 120; cycle++) {
      const plan = planPollCycle(input({ sweep: cursor, nowMs: NOW + cycle * 30_000 }));
      for (const l of plan.lists) seen.set(l.stateMachineArn, (seen.get(l.stateMachineArn) ?? 0) + 1);
      cursor = plan.sweep;
    }
    expect(seen.size).toBe(500);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(cursor.next).toBe(0);
    expect(cursor.lastFullPassMs).toBe(NOW + 119 * 30_000);
  });

  it("caps the sweep at its quota share where the fleet is too large for the sweep interval", () => {
    // 2/s elsewhere: 2 × 0.2 × 30 / 4 = 3 state machines per cycle, 1,500 would need 12.5 per cycle.
    const quota = { ...QUOTA, listRefillPerSecond: 2 };
    const plan = planPollCycle(input({ stateMachineArns: fleet(1500), quota }));
    expect(plan.swept).toBe(3);
    expect(plan.listCalls).toBeLessThanOrEqual(2 * 0.2 * 30);
    // 1,500 / 3 per cycle × 30 s = 4.17 h, longer than the hour asked for: the plan says so.
    expect(plan.fullSweepMs).toBe(15_000_000);
  });

  it("lists only the statuses whose CloudWatch count exceeds what the index holds in the window", () => {
    const metrics = new Map<string, MetricSums>([
      [arn(100), { ExecutionsFailed: 2, ExecutionsTimedOut: 1 }],
      [arn(101), { ExecutionsAborted: 1 }],
      [arn(102), { ExecutionsFailed: 3 }],
    ]);
    // sm-100's two failures are indexed already (the overlapping window saw them last cycle); its time-out is new.
    const indexed = new Map([[arn(100), { FAILED: 2 }], [arn(102), { FAILED: 1 }]]);
    const plan = planPollCycle(input({ metrics, indexed, quota: { ...QUOTA, sweepIntervalMs: Number.POSITIVE_INFINITY } }));
    expect(plan.swept).toBe(0);
    expect(plan.lists).toEqual([
      { stateMachineArn: arn(100), statuses: ["TIMED_OUT"], running: false, reasons: ["metrics"] },
      { stateMachineArn: arn(101), statuses: ["ABORTED"], running: false, reasons: ["metrics"] },
      { stateMachineArn: arn(102), statuses: ["FAILED"], running: false, reasons: ["metrics"] },
    ]);
    expect(plan.listCalls).toBe(3);
  });

  it("lists RUNNING where an execution is known to run, or started in the window and has not closed", () => {
    const metrics = new Map<string, MetricSums>([
      [arn(5), { ExecutionsStarted: 3, ExecutionsSucceeded: 3 }],
      [arn(6), { ExecutionsStarted: 3, ExecutionsSucceeded: 1, ExecutionsFailed: 1 }],
    ]);
    const plan = planPollCycle(input({ metrics, knownRunning: new Set([arn(7)]), quota: { ...QUOTA, sweepIntervalMs: Number.POSITIVE_INFINITY } }));
    expect(plan.lists.map((l) => [l.stateMachineArn, l.running, l.statuses.join()])).toEqual([
      [arn(6), true, "FAILED"],
      [arn(7), true, ""],
    ]);
  });

  it("falls back to sweeping within the poller's share when metrics are unavailable, and keeps the cursor moving", () => {
    const plan = planPollCycle(input({ metrics: null, sweep: { ...CURSOR, next: 498 } }));
    expect(plan.mode).toBe("fallback");
    // 5 × 0.5 × 30 / 4 = 18.75 state machines: more than the hourly due rate, less than the whole fleet.
    expect(plan.swept).toBe(18);
    expect(plan.listCalls).toBe(72);
    expect(plan.lists.map((l) => l.stateMachineArn)).toContain(arn(499));
    expect(plan.lists.map((l) => l.stateMachineArn)).toContain(arn(0));
    expect(plan.sweep.next).toBe(16);
    expect(plan.sweep.lastFullPassMs).toBe(NOW);
  });

  it("merges a swept state machine's lists with its metric reasons, one list per status", () => {
    const metrics = new Map<string, MetricSums>([[arn(0), { ExecutionsFailed: 1 }]]);
    const plan = planPollCycle(input({ metrics, knownRunning: new Set([arn(0)]) }));
    const first = plan.lists.find((l) => l.stateMachineArn === arn(0))!;
    expect(first).toEqual({ stateMachineArn: arn(0), statuses: ["FAILED", "TIMED_OUT", "ABORTED"], running: true, reasons: ["sweep", "metrics", "running"] });
    expect(plan.listCalls).toBe(16);
  });

  it("plans nothing for a region without Standard state machines", () => {
    const plan = planPollCycle(input({ stateMachineArns: [] }));
    expect(plan).toMatchObject({ lists: [], listCalls: 0, swept: 0 });
  });
});

describe("metricWindow", () => {
  it("reaches back one interval plus CloudWatch's delay, aligned to the minute the datapoints start on", () => {
    const w = metricWindow(Date.parse("2026-12-02T01:00:45Z"), 30_000, 600_000);
    expect(new Date(w.fromMs).toISOString()).toBe("2026-12-02T00:50:00.000Z");
    expect(w.toMs).toBe(Date.parse("2026-12-02T01:00:45Z"));
  });
});

describe("planPollCycle credit", () => {
  it("does not bank sweep credit beyond the whole fleet (a small fleet in fallback sweeps all, then never twice)", () => {
    let cursor = CURSOR;
    for (let cycle = 0; cycle < 5; cycle++) {
      const plan = planPollCycle(input({ stateMachineArns: fleet(3), metrics: null, sweep: cursor }));
      expect(plan.swept).toBe(3);
      expect(plan.sweep.credit).toBe(0);
      cursor = plan.sweep;
    }
    const quiet = planPollCycle(input({ stateMachineArns: fleet(3), sweep: cursor }));
    expect(quiet.swept).toBe(0);
  });
});
