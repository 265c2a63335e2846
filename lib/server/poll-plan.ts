import "server-only";
import type * as aws from "@/lib/aws";
import { isAwsFailure } from "@/lib/aws/errors";
import type { PollError } from "@/lib/domain/fleet";
import { MAX_METRIC_QUERIES_PER_CALL } from "@/lib/aws";
import { metricWindow, PLAN_METRICS, planPollCycle, type MetricSums, type PollPlan, type SweepCursor, type TerminalStatus } from "@/lib/analysis/poll/plan";
import { quotaFor, quotaShare, type Budget } from "./budget";
import { serverConfig } from "./config";
import type { FailureStore } from "./store/failure-store";

/** One (account, region) the poller plans for; `account` is null for the process's own credentials. */
export interface PollScope {
  account: string | null;
  region: string;
}

/** What the metric-guided planning calls: CloudWatch (charged to the poller's budget) and the index. */
export interface MetricPollingDeps {
  getExecutionCounts: typeof aws.getExecutionCounts;
  store: FailureStore;
  now: () => number;
  /** The poller's budget: one GetMetricData token per call the batch needs. */
  budget: Pick<Budget, "take">;
}

/** What one scope's last plan was, for the health line, the tests and the bench. */
export interface ScopePlanStatus {
  mode: PollPlan["mode"];
  listCalls: number;
  metricCalls: number;
  swept: number;
  fullSweepMs: number;
  lastFullPassMs: number | null;
  /** Why the cycle fell back to sweeping (GetMetricData throttled or denied), or partial data; null when fine. */
  degraded: PollError | null;
}

const scopeKey = (scope: PollScope) => `${scope.account ?? "-"}|${scope.region}`;

function degradedError(error: unknown, at: number): PollError {
  const kind = isAwsFailure(error) ? error.kind : "unknown";
  const message = error instanceof Error ? error.message : String(error);
  return {
    kind: "metrics-unavailable",
    message: `CloudWatch GetMetricData failed (${kind}: ${message}); this cycle swept state machines within the poller's share instead.`,
    at: new Date(at).toISOString(),
  };
}

/**
 * The stateful side of metric-guided polling: per (account, region) it reads one window of AWS/States counts
 * (one GetMetricData per 500 queries), the index's counts over the same window, and keeps the slow sweep's
 * cursor; the decision itself is the pure planPollCycle.
 */
export class MetricGuidedPolling {
  private readonly sweeps = new Map<string, SweepCursor>();
  private readonly statuses = new Map<string, ScopePlanStatus>();

  constructor(private readonly deps: MetricPollingDeps) {}

  /** The cycle's plan for one scope's Standard state machines; never throws for a CloudWatch failure (it falls back). */
  async plan(scope: PollScope, stateMachineArns: readonly string[], knownRunning: ReadonlySet<string>): Promise<PollPlan> {
    const config = serverConfig();
    const now = this.deps.now();
    const key = scopeKey(scope);
    const sweep = this.sweeps.get(key) ?? null;
    let metrics: Map<string, MetricSums> | null = null;
    let indexed = new Map<string, Partial<Record<TerminalStatus, number>>>();
    let degraded: PollError | null = null;
    let metricCalls = 0;
    // The first cycle sweeps everything: CloudWatch has nothing to say about the backlog before it.
    if (sweep !== null && stateMachineArns.length > 0) {
      const window = metricWindow(now, config.pollIntervalMs, config.metricDelayMs);
      try {
        const calls = Math.ceil((stateMachineArns.length * PLAN_METRICS.length) / MAX_METRIC_QUERIES_PER_CALL);
        // One budget token per call the batch needs (pages beyond the first are rare: ~16 points a series).
        for (let i = 0; i < calls; i++) await this.deps.budget.take("GetMetricData", scope.region, { account: scope.account });
        const counts = await this.deps.getExecutionCounts(scope.region, { stateMachineArns: [...stateMachineArns], metricNames: PLAN_METRICS, from: new Date(window.fromMs), to: new Date(window.toMs) });
        metricCalls = counts.calls;
        metrics = new Map(Object.entries(counts.byStateMachine));
        // Partial sums can only be short: what they miss, the sweep finds. Said, not hidden.
        if (counts.partial) degraded = { kind: "metrics-partial", message: `CloudWatch returned partial data for some series: ${counts.messages.slice(0, 3).join("; ")}`, at: new Date(now).toISOString() };
        indexed = await this.deps.store.countsByStateMachineAndStatus({ fromMs: window.fromMs, toMs: window.toMs });
      } catch (error) {
        metrics = null;
        degraded = degradedError(error, now);
      }
    }
    const plan = planPollCycle({
      stateMachineArns,
      metrics,
      indexed,
      knownRunning,
      sweep,
      nowMs: now,
      quota: {
        listRefillPerSecond: quotaFor("ListExecutions", scope.region).refillPerSecond,
        sweepShare: config.sweepQuotaShare,
        pollerShare: quotaShare(),
        intervalMs: config.pollIntervalMs,
        sweepIntervalMs: config.sweepIntervalMs,
      },
    });
    this.sweeps.set(key, plan.sweep);
    this.statuses.set(key, { mode: plan.mode, listCalls: plan.listCalls, metricCalls, swept: plan.swept, fullSweepMs: plan.fullSweepMs, lastFullPassMs: plan.sweep.lastFullPassMs, degraded });
    return plan;
  }

  /** The last plan of each scope. */
  status(): ReadonlyMap<string, ScopePlanStatus> {
    return this.statuses;
  }

  /** The first degradation among the scopes' last plans, shown as the poller's error (polling goes on). */
  degraded(): PollError | null {
    for (const s of this.statuses.values()) if (s.degraded) return s.degraded;
    return null;
  }

  /** Forgets scopes no longer polled. */
  retain(scopes: readonly PollScope[]): void {
    const live = new Set(scopes.map(scopeKey));
    for (const key of [...this.sweeps.keys()]) if (!live.has(key)) this.sweeps.delete(key);
    for (const key of [...this.statuses.keys()]) if (!live.has(key)) this.statuses.delete(key);
  }
}
