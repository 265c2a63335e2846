import "server-only";
import * as aws from "@/lib/aws";
import { isAwsFailure } from "@/lib/aws/errors";
import type { ExecutionStatus, ExecutionSummary } from "@/lib/domain/execution";
import type { FleetStateMachine, PollError } from "@/lib/domain/fleet";
import type { AlarmSummary } from "@/lib/domain/metrics";
import type { StateMachineSummary } from "@/lib/domain/state-machine";
import { TERMINAL_STATUSES, type TerminalStatus } from "@/lib/analysis/poll/plan";
import type { WatchedAccount } from "@/lib/aws/accounts";
import { accountKey, inArea } from "./poll-accounts";
import { sharedBudget, type Budget } from "./budget";
import { serverConfig } from "./config";
import { findingsForDefinition } from "./definition-findings";
import { FailureIngest } from "./failure-ingest";
import { buildFleetSnapshot, emptyFleetState, type FleetState, type HourlyPoint } from "./fleet-snapshot";
import { MetricGuidedPolling, type ScopePlanStatus } from "./poll-plan";
import { PollScheduler } from "./poll-scheduler";
import { followLeader, soleReplication, takeOver, type Replication } from "./replica-state";
import { indexConfig } from "./store/config";
import { FailureStore } from "./store/failure-store";

/** What the poller calls; tests pass fakes, production passes lib/aws and the shared store. */
export interface PollerDeps {
  listStateMachines: typeof aws.listStateMachines;
  listExecutions: typeof aws.listExecutions;
  listExecutionsPage: typeof aws.listExecutionsPage;
  describeAlarms: typeof aws.describeAlarms;
  describeStateMachine: typeof aws.describeStateMachine;
  getExecutionHistoryPage: typeof aws.getExecutionHistoryPage;
  getExecutionMetrics: typeof aws.getExecutionMetrics;
  /** AWS/States counts per state machine for the metric-guided plan (lib/server/poll-plan.ts). */
  getExecutionCounts: typeof aws.getExecutionCounts;
  budget: Budget;
  /** The failure index (or its opening); default: an in-memory SQLite index, for tests. */
  store: FailureStore | Promise<FailureStore>;
  now: () => number;
  /** The accounts to poll, each over its regions (SFN_TRIAGE_ACCOUNTS); default: the default chain's account over the constructor's regions. */
  accounts?: WatchedAccount[];
  /** A malformed SFN_TRIAGE_ACCOUNTS: every cycle fails with it (nothing to poll). */
  accountsProblem?: string | null;
  /** Several replicas: only the lease's holder polls; the others show what it published (default: sole process). */
  replication?: Replication;
}

/** One account × region the poller covers every cycle. */
interface PollTargetArea {
  account: WatchedAccount;
  region: string;
}

const STATE_MACHINES_EVERY_CYCLES = 10;
const METRICS_EVERY_CYCLES = 10;
const RETENTION_EVERY_CYCLES = 20;
// Newest failures the snapshot carries (the state machine page and scripts read them); the index has the rest.
const RECENT_FAILURES = 200;
const DAY_MS = 86_400_000;
// CloudWatch is read hourly over the longest window the fleet offers (7 days): 168 points per series.
const METRIC_WINDOW_MS = 7 * DAY_MS;

function defaultDeps(store: PollerDeps["store"] | undefined): PollerDeps {
  return {
    ...aws,
    budget: sharedBudget(),
    // Opened only when none is given: production passes the shared index (lib/server/fleet.ts).
    store: store ?? FailureStore.open({ backend: "sqlite", file: ":memory:" }, indexConfig().retention),
    now: () => Date.now(),
  };
}

function toPollError(error: unknown, at: number): PollError {
  const kind = isAwsFailure(error) ? error.kind : "unknown";
  const message = error instanceof Error ? error.message : String(error);
  return { kind, message, at: new Date(at).toISOString() };
}

/**
 * Polls one or more regions: the state machines, their alarms, definitions and metrics, the RUNNING
 * executions (for stuck detection) and, through FailureIngest, every failure into the index. What it keeps
 * in memory is bounded by the number of state machines; failures live in the index.
 */
export class FleetPoller {
  private readonly deps: PollerDeps;
  private readonly scheduler: PollScheduler;
  private ingest: FailureIngest | null = null;
  private planning: MetricGuidedPolling | null = null;
  private readonly state: FleetState;
  /** A follower's view: the leader's published state plus this replica's own reads of the index (null while leading). */
  private view: FleetState | null = null;
  private cycle = 0;
  private readonly areas: PollTargetArea[];
  /** Accounts whose last poll failed: how many times in a row, and when they are tried again. */
  private readonly accountBackoff = new Map<string, { failures: number; retryAt: number }>();

  constructor(regions: string[], deps: Partial<PollerDeps> = {}) {
    this.deps = { ...defaultDeps(deps.store), ...deps };
    const accounts = this.deps.accounts ?? [{ accountId: null, name: "default", roleArn: null, externalId: null, regions }];
    this.areas = accounts.flatMap((account) => account.regions.map((region) => ({ account, region })));
    this.state = emptyFleetState([...new Set(this.areas.map((a) => a.region))], accounts);
    this.scheduler = new PollScheduler(
      { pollOnce: () => this.cycleOnce(), probe: () => this.probe() },
      { now: this.deps.now, intervalMs: () => this.nextTickMs(), maxBackoffMs: () => serverConfig().maxBackoffMs },
    );
  }

  /** Starts polling (once); resolves when the first cycle has finished, successfully or not. */
  start(): Promise<void> {
    return this.scheduler.start();
  }

  stop(): void {
    this.scheduler.stop();
    // Another replica takes over at its next try instead of after this process is gone.
    void this.replication().lease.release();
  }

  /** The delay before the next full cycle (backoff after failures). */
  nextDelayMs(): number {
    return this.scheduler.nextDelayMs();
  }

  /** One timer step (a cycle, or a probe while backing off). */
  step(): Promise<"cycle" | "probe-failed"> {
    return this.scheduler.step();
  }

  /** One full cycle now; never throws (an error leaves the last good data in place, marked by `error`). */
  pollOnce(): Promise<void> {
    return this.scheduler.runCycle();
  }

  /** The failure index this poller writes into. */
  async store(): Promise<FailureStore> {
    return this.deps.store;
  }

  /** The fleet as of the last good poll (a follower's: the leader's last publication). */
  snapshot() {
    return buildFleetSnapshot(this.view ?? this.state, { nowMs: this.deps.now(), pollIntervalMs: serverConfig().pollIntervalMs });
  }

  /** Alarms as of the last poll (the failures API shows the alarm beside each signature). */
  alarms(): readonly AlarmSummary[] {
    return (this.view ?? this.state).alarms;
  }

  /** CloudWatch's hourly failed + timed-out + aborted sums per state machine (last 7 days). */
  failureSeries(): ReadonlyMap<string, readonly HourlyPoint[]> {
    return (this.view ?? this.state).failureSeriesByArn;
  }

  /** This replica's role in the poll lease (leader with SQLite, always). */
  lease() {
    return this.replication().lease.status();
  }

  /**
   * A follower tries the lease twice per interval: its own cycle (reading the shared state and the index) adds
   * to the wait, and a dead leader's lease must still be taken within one interval.
   */
  private nextTickMs(): number {
    const { pollIntervalMs } = serverConfig();
    return this.view && this.replication().lease.status().role === "follower" ? Math.max(1, Math.floor(pollIntervalMs / 2)) : pollIntervalMs;
  }

  private replication(): Replication {
    return (this.deps.replication ??= soleReplication());
  }

  /** The state machine's definition as last described (event ingest reads failure details with it), or null. */
  definitionOf(stateMachineArn: string): string | null {
    return this.state.findingsByArn.get(stateMachineArn)?.definition ?? null;
  }

  /** Re-reads what the snapshot shows of the index (event ingest wrote a failure between two cycles). */
  async refreshIndex(): Promise<void> {
    await this.readIndex();
  }

  private async call<T>(api: string, region: string, work: () => Promise<T>, account: string | null = null): Promise<T> {
    await this.deps.budget.take(api, region, { account });
    return work();
  }

  private async probe(): Promise<boolean> {
    // A follower never calls AWS: "passing" lets the next step run a cycle, which only reads the leader's state.
    if (!(await this.replication().lease.hold())) return true;
    const sm = this.state.stateMachines.find((s) => s.type === "STANDARD");
    try {
      if (sm) await this.call("ListExecutions", sm.region, () => this.deps.listExecutions({ stateMachineArn: sm.stateMachineArn, statusFilter: "FAILED", maxItems: 1 }));
      else await Promise.all(this.areas.map(({ account, region }) => this.call("ListStateMachines", region, () => this.deps.listStateMachines(region, account.accountId), account.accountId)));
      return true;
    } catch (error) {
      this.state.error = toPollError(error, this.deps.now());
      return false;
    }
  }

  private async cycleOnce(): Promise<boolean> {
    // Set before the lease's round trip: a cycle is under way (and can be overdue) from here.
    this.state.lastAttemptAt = this.deps.now();
    if (!(await this.replication().lease.hold())) {
      this.view = await followLeader(this.replication(), this.view, this.state.regions, (view) => this.readIndex(view), { nowMs: this.deps.now(), pollIntervalMs: serverConfig().pollIntervalMs });
      return true;
    }
    // Pages go on showing the leader's last publication until this replica's first own cycle is complete.
    if (this.view) takeOver(this.state, this.view);
    let ok = true;
    try {
      const store = await this.deps.store;
      this.ingest ??= new FailureIngest({ ...this.deps, store, definitionOf: (arn) => this.state.findingsByArn.get(arn)?.definition ?? null }, () => indexConfig().ingest);
      this.planning ??= new MetricGuidedPolling({ getExecutionCounts: this.deps.getExecutionCounts, store, now: this.deps.now, budget: this.deps.budget });
      await this.pollAreas();
      if (this.cycle % RETENTION_EVERY_CYCLES === 0) await store.applyRetention(this.deps.now());
      this.state.updatedAt = this.deps.now();
      // A CloudWatch failure is not the cycle's: polling went on by sweeping, and the page says it is degraded.
      this.state.error = this.planning.degraded();
    } catch (error) {
      this.state.error = toPollError(error, this.deps.now());
      ok = false;
    }
    // Published after a failed cycle too, so followers show the leader's error. A failed write is not the
    // cycle's failure: the index lives in the same database, and its own writes report that.
    await this.replication().publish(this.state, this.deps.now()).catch(() => undefined);
    // What the index holds is read even after a failed cycle: whatever was written before the fault is real.
    await this.readIndex().catch(() => undefined);
    this.view = null;
    this.cycle += 1;
    return ok;
  }

  /**
   * Every account × region, side by side. One account failing (a role that can't be assumed, its own
   * throttling) is that account's error and waits out its own backoff; the others' data stays fresh. The
   * cycle fails only when every area polled failed.
   */
  private async pollAreas(): Promise<void> {
    if (this.deps.accountsProblem) throw new Error(this.deps.accountsProblem);
    const now = this.deps.now();
    const waiting = this.areas.filter((area) => (this.accountBackoff.get(accountKey(area.account))?.retryAt ?? 0) > now);
    // Nobody else to poll: the scheduler's own backoff (and probe) governs, so every area is tried.
    const due = waiting.length === this.areas.length ? this.areas : this.areas.filter((area) => !waiting.includes(area));
    const settled = await Promise.allSettled(due.map((area) => this.pollArea(area)));
    const failedBy = new Map<string, unknown>();
    const succeeded = new Set<string>();
    settled.forEach((result, i) => {
      const key = accountKey(due[i]!.account);
      if (result.status === "rejected") failedBy.set(key, failedBy.get(key) ?? result.reason);
      else succeeded.add(key);
    });
    const { pollIntervalMs, maxBackoffMs } = serverConfig();
    for (const [key, error] of failedBy) {
      const failures = (this.accountBackoff.get(key)?.failures ?? 0) + 1;
      this.accountBackoff.set(key, { failures, retryAt: now + Math.min(pollIntervalMs * 2 ** (failures - 1), Math.max(maxBackoffMs, pollIntervalMs)) });
      this.state.accountErrors.set(key, toPollError(error, this.deps.now()));
    }
    for (const key of succeeded) {
      if (failedBy.has(key)) continue;
      this.accountBackoff.delete(key);
      this.state.accountErrors.delete(key);
    }
    if (succeeded.size === 0) {
      // Nothing polled: the cycle failed and the scheduler backs off as a whole (a single account behaves as it always did).
      for (const key of failedBy.keys()) this.accountBackoff.delete(key);
      if (failedBy.size > 0) throw failedBy.values().next().value;
      if (this.areas.length === 0) throw new Error("no account or region to poll");
    }
  }

  private async pollArea(area: PollTargetArea): Promise<void> {
    const { region } = area;
    const accountId = area.account.accountId;
    const mine = (sm: StateMachineSummary) => inArea(sm.stateMachineArn, sm.region, area);
    const refreshList = this.cycle % STATE_MACHINES_EVERY_CYCLES === 0 || !this.state.stateMachines.some(mine);
    if (refreshList) {
      const listed = await this.call("ListStateMachines", region, () => this.deps.listStateMachines(region, accountId), accountId);
      const alarms = await this.call("DescribeAlarms", region, () => this.deps.describeAlarms(region, accountId), accountId);
      this.state.stateMachines = [...this.state.stateMachines.filter((sm) => !mine(sm)), ...listed];
      this.state.alarms = [...this.state.alarms.filter((a) => !inArea(a.alarmArn, a.alarmArn.split(":")[3] ?? "", area)), ...alarms];
      this.forgetGone();
    }
    // Express state machines have no ListExecutions (StateMachineTypeNotSupported).
    const standard = this.state.stateMachines.filter((sm) => mine(sm) && sm.type === "STANDARD");
    // The oldest RUNNING start of the previous cycle bounds how far below indexed executions a new failure can hide.
    const all = standard.map((sm) => ({ stateMachineArn: sm.stateMachineArn, region, runningSinceMs: oldestStart(this.state.running.get(sm.stateMachineArn)) }));
    const lists = await this.planLists(area, standard);
    const targets = all.flatMap((t) => (lists.statuses.has(t.stateMachineArn) ? [{ ...t, statuses: lists.statuses.get(t.stateMachineArn) }] : []));
    const running = await Promise.all(
      standard.filter((sm) => lists.running.has(sm.stateMachineArn)).map(async (sm) => {
        const list = await this.call("ListExecutions", region, () => this.deps.listExecutions({ stateMachineArn: sm.stateMachineArn, statusFilter: "RUNNING" as ExecutionStatus, maxItems: serverConfig().executionsPerStatus }), accountId);
        return [sm.stateMachineArn, list] as const;
      }),
    );
    // Definitions first: a failure's details are read once, and its origin error may live only in the definition.
    await this.refreshFindings(region, standard, accountId);
    await this.ingest!.run(targets, all);
    for (const [arn, list] of running) this.state.running.set(arn, list);
    this.rememberRunning();
    if (standard.length > 0 && (refreshList || this.cycle % METRICS_EVERY_CYCLES === 0)) await this.refreshMetrics(region, standard, accountId);
  }

  /**
   * Which lists each state machine gets this cycle: with SFN_TRIAGE_POLL_STRATEGY=sweep all four for every
   * one; by default the metric-guided plan (lib/analysis/poll/plan.ts) for this (account, region).
   */
  private async planLists(area: PollTargetArea, standard: readonly StateMachineSummary[]): Promise<{ statuses: Map<string, TerminalStatus[]>; running: Set<string> }> {
    if (serverConfig().pollStrategy === "sweep") {
      return { statuses: new Map(standard.map((sm) => [sm.stateMachineArn, [...TERMINAL_STATUSES]])), running: new Set(standard.map((sm) => sm.stateMachineArn)) };
    }
    const knownRunning = new Set(standard.filter((sm) => (this.state.running.get(sm.stateMachineArn)?.length ?? 0) > 0).map((sm) => sm.stateMachineArn));
    const plan = await this.planning!.plan({ account: area.account.accountId, region: area.region }, standard.map((sm) => sm.stateMachineArn), knownRunning);
    return {
      statuses: new Map(plan.lists.filter((l) => l.statuses.length > 0).map((l) => [l.stateMachineArn, l.statuses])),
      running: new Set(plan.lists.filter((l) => l.running).map((l) => l.stateMachineArn)),
    };
  }

  /** The last metric-guided plan per (account, region): mode, lists, sweep progress, degradation. */
  pollPlans(): ReadonlyMap<string, ScopePlanStatus> {
    return this.planning?.status() ?? new Map();
  }

  /** First-seen times of the executions running now, carried over from the last cycle; the closed ones are forgotten. */
  private rememberRunning() {
    const now = this.deps.now();
    const next = new Map<string, number>();
    for (const list of this.state.running.values()) for (const e of list) next.set(e.executionArn, this.state.runningFirstSeen.get(e.executionArn) ?? now);
    this.state.runningFirstSeen = next;
  }

  /** Drops per-state-machine facts of state machines that no longer exist: memory follows the fleet's size. */
  private forgetGone() {
    const live = new Set(this.state.stateMachines.map((sm) => sm.stateMachineArn));
    for (const map of [this.state.p99ByArn, this.state.failureSeriesByArn, this.state.findingsByArn, this.state.running] as Map<string, unknown>[]) {
      for (const arn of map.keys()) if (!live.has(arn)) map.delete(arn);
    }
  }

  private async refreshMetrics(region: string, standard: StateMachineSummary[], accountId: string | null) {
    const to = new Date(this.deps.now());
    const from = new Date(to.getTime() - METRIC_WINDOW_MS);
    const metrics = await this.call("GetMetricData", region, () =>
      this.deps.getExecutionMetrics(region, { stateMachineArns: standard.map((sm) => sm.stateMachineArn), from, to, periodSeconds: 3600 }),
      accountId,
    );
    const dayAgo = to.getTime() - DAY_MS;
    for (const sm of standard) {
      const series = metrics.byStateMachine[sm.stateMachineArn];
      const p99 = (series?.["ExecutionTime:p99"] ?? []).filter((p) => Date.parse(p.timestamp) >= dayAgo);
      this.state.p99ByArn.set(sm.stateMachineArn, p99.length ? Math.max(...p99.map((p) => p.value)) : null);
      const sums = new Map<number, number>();
      for (const key of ["ExecutionsFailed:Sum", "ExecutionsTimedOut:Sum", "ExecutionsAborted:Sum"] as const) {
        for (const p of series?.[key] ?? []) sums.set(Date.parse(p.timestamp), (sums.get(Date.parse(p.timestamp)) ?? 0) + p.value);
      }
      this.state.failureSeriesByArn.set(sm.stateMachineArn, [...sums].map(([startMs, value]) => ({ startMs, value })).sort((a, b) => a.startMs - b.startMs));
    }
  }

  private async refreshFindings(region: string, standard: StateMachineSummary[], accountId: string | null) {
    const { definitionTtlMs } = serverConfig();
    const now = this.deps.now();
    for (const sm of standard) {
      const known = this.state.findingsByArn.get(sm.stateMachineArn);
      if (known && now - known.at < definitionTtlMs) continue;
      const description = await this.call("DescribeStateMachine", region, () => this.deps.describeStateMachine(sm.stateMachineArn), accountId);
      const findings: FleetStateMachine["findings"] = findingsForDefinition(description.definition, { stateMachineType: description.type });
      this.state.findingsByArn.set(sm.stateMachineArn, { at: now, findings, definition: description.definition });
    }
  }

  /** The newest failures, per-state-machine counts over the last day and the index's progress. */
  private async readIndex(into: FleetState = this.state) {
    const store = await this.deps.store;
    const now = this.deps.now();
    const [recent, counts, index] = await Promise.all([
      store.executions({ fromMs: 0, toMs: now }, { limit: RECENT_FAILURES }),
      store.countsByStateMachineAndStatus({ fromMs: now - DAY_MS, toMs: now }),
      store.indexStatus({ fresh: true }),
    ]);
    into.recentFailures = recent.items;
    into.countsByArn = counts;
    into.index = index;
  }
}

function oldestStart(list: readonly ExecutionSummary[] | undefined): number | null {
  if (!list || list.length === 0) return null;
  return Math.min(...list.map((e) => Date.parse(e.startDate)));
}
