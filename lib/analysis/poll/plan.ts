// The metric-guided poll planner (issue 14): which state machines of one (account, region) get which
// ListExecutions this cycle. Pure: the caller passes CloudWatch's counts, the index's counts and the time.
// See docs/polling.md for the strategy and the quota arithmetic.

/** The closed statuses the failure index holds, each counted by one AWS/States metric. */
export const TERMINAL_STATUSES = ["FAILED", "TIMED_OUT", "ABORTED"] as const;

/** FAILED, TIMED_OUT or ABORTED. */
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];

/** The AWS/States metric (Sum) that counts each closed status, plus the two that stuck detection reads. */
export const STATUS_METRIC = {
  FAILED: "ExecutionsFailed",
  TIMED_OUT: "ExecutionsTimedOut",
  ABORTED: "ExecutionsAborted",
  SUCCEEDED: "ExecutionsSucceeded",
  STARTED: "ExecutionsStarted",
} as const;

/** The metric names the planner reads per state machine, in query order. */
export const PLAN_METRICS = Object.values(STATUS_METRIC);

/** One state machine's metric sums (or the index's counts) over the window, keyed by metric name. */
export type MetricSums = Partial<Record<(typeof PLAN_METRICS)[number], number>>;

/** Lists a full sweep spends per state machine: FAILED, TIMED_OUT, ABORTED and RUNNING. */
export const LISTS_PER_SWEPT_STATE_MACHINE = TERMINAL_STATUSES.length + 1;

/** Where the slow sweep of one (account, region) is: an offset into the state machines sorted by ARN, and fractional credit. */
export interface SweepCursor {
  /** Index (into the ARN-sorted state machines) of the next one to sweep. */
  next: number;
  /** State machines owed to the sweep but not yet a whole one (carried so the rate is exact over many cycles). */
  credit: number;
  /** When the sweep last wrapped around (a full pass ended), or null before the first pass. */
  lastFullPassMs: number | null;
}

/** The quota arithmetic's inputs, per (account, region). */
export interface PlanQuota {
  /** ListExecutions refill of the account in this region (AWS-FACTS.md: 5/s in us-east-1, us-west-2, eu-west-1, 2/s elsewhere). */
  listRefillPerSecond: number;
  /** Share of that refill the slow sweep may spend (SFN_TRIAGE_SWEEP_QUOTA_SHARE). */
  sweepShare: number;
  /** Share of that refill the whole poller may spend (SFN_TRIAGE_QUOTA_SHARE): the fallback sweeps within it. */
  pollerShare: number;
  /** Poll interval (SFN_TRIAGE_POLL_MS). */
  intervalMs: number;
  /** How often every state machine should be swept (SFN_TRIAGE_SWEEP_INTERVAL_MS). */
  sweepIntervalMs: number;
}

/** What the planner decides from. */
export interface PollPlanInput {
  /** The Standard state machines of this (account, region); Express ones have no ListExecutions. */
  stateMachineArns: readonly string[];
  /** CloudWatch sums per state machine over the window; null when GetMetricData failed (fallback: sweep). */
  metrics: ReadonlyMap<string, MetricSums> | null;
  /** The index's failures per state machine and status with a stop time inside the same window. */
  indexed: ReadonlyMap<string, Partial<Record<TerminalStatus, number>>>;
  /** State machines with an execution the last RUNNING list saw (its close or its stuck finding needs the next list). */
  knownRunning: ReadonlySet<string>;
  /** The sweep's position; null on the first cycle (a full sweep then: the index learns the backlog). */
  sweep: SweepCursor | null;
  quota: PlanQuota;
  nowMs: number;
}

/** Why a state machine is listed this cycle. */
export type ListReason = "metrics" | "running" | "sweep";

/** The lists one state machine gets this cycle. */
export interface PlannedLists {
  stateMachineArn: string;
  statuses: TerminalStatus[];
  running: boolean;
  reasons: ListReason[];
}

/** The cycle's plan for one (account, region). */
export interface PollPlan {
  /** How the plan was made: from metrics, a fallback sweep (metrics unavailable), or the first full sweep. */
  mode: "metrics" | "fallback" | "first";
  lists: PlannedLists[];
  /** ListExecutions the plan spends (first pages; paging past them is the ingest's budgeted choice). */
  listCalls: number;
  /** State machines the sweep covers this cycle. */
  swept: number;
  sweep: SweepCursor;
  /** How long a full sweep takes at this rate (ms): the sweep interval, or longer where the quota share can't keep up. */
  fullSweepMs: number;
}

/**
 * State machines the sweep may cover per cycle: the due rate (all of them per sweep interval), capped by the
 * share of the ListExecutions refill it may spend over one interval. `asFastAsAllowed` (the fallback) drops the due rate.
 */
export function sweepRatePerCycle(count: number, quota: PlanQuota, share: number, asFastAsAllowed = false): number {
  const due = asFastAsAllowed ? count : (count * quota.intervalMs) / quota.sweepIntervalMs;
  const cap = (quota.listRefillPerSecond * share * quota.intervalMs) / 1000 / LISTS_PER_SWEPT_STATE_MACHINE;
  return Math.min(due, cap);
}

/** Sum of the closed statuses' metric in the window above what the index holds: the failures not yet listed. */
function missing(metrics: MetricSums | undefined, indexed: Partial<Record<TerminalStatus, number>> | undefined, status: TerminalStatus): number {
  return (metrics?.[STATUS_METRIC[status]] ?? 0) - (indexed?.[status] ?? 0);
}

/**
 * Executions started in the window and not closed in it: a positive balance means some may still run (and
 * one that runs past the p99 is a stuck finding), so RUNNING is listed. Executions started before the
 * window were seen by an earlier RUNNING list, and are in `knownRunning` while they run.
 */
function mayHaveNewRunning(metrics: MetricSums | undefined): boolean {
  if (!metrics) return false;
  const closed = (["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"] as const).reduce((sum, s) => sum + (metrics[STATUS_METRIC[s]] ?? 0), 0);
  return (metrics.ExecutionsStarted ?? 0) > closed;
}

/**
 * One cycle's ListExecutions for one (account, region): FAILED / TIMED_OUT / ABORTED only where CloudWatch
 * counted more closes in the window than the index holds; RUNNING only where an execution is known to run
 * or may have started; plus a slice of the slow full sweep, paced to its quota share. Without metrics the
 * sweep takes the poller's whole share instead (degraded, never stopped); the first cycle sweeps everything.
 */
export function planPollCycle(input: PollPlanInput): PollPlan {
  const arns = [...new Set(input.stateMachineArns)].sort();
  const mode: PollPlan["mode"] = input.sweep === null ? "first" : input.metrics === null ? "fallback" : "metrics";
  const byArn = new Map<string, PlannedLists>();
  const entry = (arn: string) => {
    let e = byArn.get(arn);
    if (!e) byArn.set(arn, (e = { stateMachineArn: arn, statuses: [], running: false, reasons: [] }));
    return e;
  };
  const add = (arn: string, reason: ListReason, statuses: readonly TerminalStatus[], running: boolean) => {
    const e = entry(arn);
    for (const s of statuses) if (!e.statuses.includes(s)) e.statuses.push(s);
    e.running ||= running;
    if (!e.reasons.includes(reason)) e.reasons.push(reason);
  };

  // The sweep: everything on the first cycle; otherwise a slice at the paced rate, continuing from the cursor.
  const cursor: SweepCursor = input.sweep ? { ...input.sweep } : { next: 0, credit: 0, lastFullPassMs: null };
  const share = mode === "fallback" ? input.quota.pollerShare : input.quota.sweepShare;
  const rate = arns.length === 0 ? 0 : sweepRatePerCycle(arns.length, input.quota, share, mode === "fallback");
  let swept = 0;
  if (mode === "first") {
    swept = arns.length;
    cursor.next = 0;
    cursor.credit = 0;
    cursor.lastFullPassMs = input.nowMs;
  } else if (arns.length > 0) {
    cursor.credit += rate;
    swept = Math.min(arns.length, Math.floor(cursor.credit));
    // Credit beyond the whole fleet is not banked: a small fleet must not save up a burst of sweeps.
    cursor.credit = swept === arns.length ? 0 : cursor.credit - swept;
    // A fleet that shrank since the last cycle: the cursor starts over rather than skipping the new tail.
    if (cursor.next >= arns.length) cursor.next = 0;
  }
  for (let i = 0; i < swept; i++) {
    add(arns[(cursor.next + i) % arns.length]!, "sweep", TERMINAL_STATUSES, true);
  }
  if (mode !== "first" && arns.length > 0 && swept > 0) {
    const end = cursor.next + swept;
    if (end >= arns.length) cursor.lastFullPassMs = input.nowMs;
    cursor.next = end % arns.length;
  }

  if (input.metrics) {
    for (const arn of arns) {
      const m = input.metrics.get(arn);
      const statuses = TERMINAL_STATUSES.filter((s) => missing(m, input.indexed.get(arn), s) > 0);
      if (statuses.length > 0) add(arn, "metrics", statuses, false);
    }
  }
  for (const arn of arns) {
    if (input.knownRunning.has(arn) || mayHaveNewRunning(input.metrics?.get(arn))) add(arn, "running", [], true);
  }

  const lists = arns.flatMap((arn) => {
    const e = byArn.get(arn);
    return e ? [{ ...e, statuses: TERMINAL_STATUSES.filter((s) => e.statuses.includes(s)) }] : [];
  });
  const listCalls = lists.reduce((sum, l) => sum + l.statuses.length + (l.running ? 1 : 0), 0);
  const fullSweepMs = rate > 0 ? Math.max(input.quota.sweepIntervalMs, (arns.length / rate) * input.quota.intervalMs) : Number.POSITIVE_INFINITY;
  return { mode, lists, listCalls, swept, sweep: cursor, fullSweepMs };
}

/** The metric window of a cycle: from (interval + CloudWatch's delay) before now, aligned down to the minute. */
export function metricWindow(nowMs: number, intervalMs: number, metricDelayMs: number): { fromMs: number; toMs: number } {
  const fromMs = Math.floor((nowMs - intervalMs - metricDelayMs) / 60_000) * 60_000;
  return { fromMs, toMs: nowMs };
}
