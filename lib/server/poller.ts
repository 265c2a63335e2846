import "server-only";
import * as aws from "@/lib/aws";
import { isAwsFailure } from "@/lib/aws/errors";
import type { AlarmSummary } from "@/lib/domain/metrics";
import type { ExecutionStatus, ExecutionSummary } from "@/lib/domain/execution";
import type { FleetExecution, FleetSnapshot, FleetStateMachine, PollError } from "@/lib/domain/fleet";
import type { StateMachineSummary } from "@/lib/domain/state-machine";
import { findAlarmWatches } from "@/lib/analysis/fleet/alarm-watch";
import { sharedBudget, type Budget } from "./budget";
import { serverConfig } from "./config";
import { summariseFailure, type FailureSummary } from "./failure-summary";
import { findingsForDefinition } from "./definition-findings";

/** What the poller calls; tests pass fakes, production passes lib/aws. */
export interface PollerDeps {
  listStateMachines: typeof aws.listStateMachines;
  listExecutions: typeof aws.listExecutions;
  describeAlarms: typeof aws.describeAlarms;
  describeStateMachine: typeof aws.describeStateMachine;
  getExecutionHistoryPage: typeof aws.getExecutionHistoryPage;
  getExecutionMetrics: typeof aws.getExecutionMetrics;
  budget: Budget;
  now: () => number;
}

const POLLED_STATUSES = ["FAILED", "TIMED_OUT", "RUNNING"] as const satisfies readonly ExecutionStatus[];
// Failure summaries of new failing executions fetched per cycle: the rest wait a cycle, so a burst of
// failures can't spend the GetExecutionHistory budget that the triage pages need.
const SUMMARIES_PER_CYCLE = 40;
const STATE_MACHINES_EVERY_CYCLES = 10;
const METRICS_EVERY_CYCLES = 10;

function defaultDeps(): PollerDeps {
  return { ...aws, budget: sharedBudget(), now: () => Date.now() };
}

function toPollError(error: unknown, at: number): PollError {
  const kind = isAwsFailure(error) ? error.kind : "unknown";
  const message = error instanceof Error ? error.message : String(error);
  return { kind, message, at: new Date(at).toISOString() };
}

/** Polls one or more regions and keeps the fleet snapshot. Terminal facts are cached for good. */
export class FleetPoller {
  private readonly deps: PollerDeps;
  private readonly regions: string[];
  private stateMachines: StateMachineSummary[] = [];
  private alarms: AlarmSummary[] = [];
  private p99ByArn = new Map<string, number | null>();
  private findingsByArn = new Map<string, { at: number; findings: FleetStateMachine["findings"] }>();
  private readonly firstSeen = new Map<string, number>();
  /** A closed execution never changes: its failure summary is fetched once. */
  private readonly failures = new Map<string, FailureSummary | null>();
  private lists = new Map<string, ExecutionSummary[]>();
  private cycle = 0;
  private updatedAt: number | null = null;
  private lastAttemptAt: number | null = null;
  private error: PollError | null = null;
  private consecutiveErrors = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private firstCycle: Promise<void> | null = null;
  private stopped = false;

  constructor(regions: string[], deps: Partial<PollerDeps> = {}) {
    this.regions = regions;
    this.deps = { ...defaultDeps(), ...deps };
  }

  /** Starts polling (once); resolves when the FIRST cycle has finished, successfully or not. */
  start(): Promise<void> {
    // Later cycles replace `running`; callers wait only for the first, never for whichever cycle is under way.
    if (!this.firstCycle) this.firstCycle = this.running = this.tick();
    return this.firstCycle;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** The delay before the next cycle: the interval, doubled per consecutive failure, capped. */
  nextDelayMs(): number {
    const { pollIntervalMs, maxBackoffMs } = serverConfig();
    return Math.min(pollIntervalMs * 2 ** this.consecutiveErrors, Math.max(maxBackoffMs, pollIntervalMs));
  }

  private async tick(): Promise<void> {
    try {
      await this.step();
    } finally {
      if (!this.stopped) {
        this.timer = setTimeout(() => {
          this.running = this.tick();
        }, serverConfig().pollIntervalMs);
        this.timer.unref?.();
      }
    }
  }

  /**
   * One timer step, every poll interval. Healthy: a full cycle. After failures, full cycles wait out the
   * backoff (nextDelayMs), but each step in between sends ONE probe — a ListExecutions, the call a cycle is
   * made of — so the end of a fault is seen within one interval and fresh data follows at once, while a
   * fault that persists costs one call per interval instead of a whole cycle.
   */
  async step(): Promise<"cycle" | "probe-failed"> {
    const backoffOver = this.deps.now() - (this.lastAttemptAt ?? 0) >= this.nextDelayMs();
    if (this.consecutiveErrors === 0 || backoffOver || (await this.probe())) {
      await this.pollOnce();
      return "cycle";
    }
    return "probe-failed";
  }

  private async probe(): Promise<boolean> {
    const sm = this.stateMachines.find((s) => s.type === "STANDARD");
    try {
      if (sm) await this.call("ListExecutions", sm.region, () => this.deps.listExecutions({ stateMachineArn: sm.stateMachineArn, statusFilter: "FAILED", maxItems: 1 }));
      else await Promise.all(this.regions.map((region) => this.call("ListStateMachines", region, () => this.deps.listStateMachines(region))));
      return true;
    } catch (error) {
      this.error = toPollError(error, this.deps.now());
      return false;
    }
  }

  /** One cycle: never throws; an error leaves the last good data in place, marked by `error`. */
  async pollOnce(): Promise<void> {
    this.lastAttemptAt = this.deps.now();
    try {
      await Promise.all(this.regions.map((region) => this.pollRegion(region)));
      this.updatedAt = this.deps.now();
      this.error = null;
      this.consecutiveErrors = 0;
    } catch (error) {
      this.error = toPollError(error, this.deps.now());
      this.consecutiveErrors += 1;
    }
    this.cycle += 1;
  }

  private async call<T>(api: string, region: string, work: () => Promise<T>): Promise<T> {
    await this.deps.budget.take(api, region);
    return work();
  }

  private async pollRegion(region: string): Promise<void> {
    const refreshList = this.cycle % STATE_MACHINES_EVERY_CYCLES === 0 || this.stateMachines.every((sm) => sm.region !== region);
    if (refreshList) {
      const listed = await this.call("ListStateMachines", region, () => this.deps.listStateMachines(region));
      this.stateMachines = [...this.stateMachines.filter((sm) => sm.region !== region), ...listed];
      this.alarms = [
        ...this.alarms.filter((a) => !a.alarmArn.includes(`:${region}:`)),
        ...(await this.call("DescribeAlarms", region, () => this.deps.describeAlarms(region))),
      ];
    }
    // Express state machines have no ListExecutions (StateMachineTypeNotSupported).
    const standard = this.stateMachines.filter((sm) => sm.region === region && sm.type === "STANDARD");
    const lists = new Map<string, ExecutionSummary[]>();
    await Promise.all(
      standard.flatMap((sm) =>
        POLLED_STATUSES.map(async (statusFilter) => {
          const executions = await this.call("ListExecutions", region, () =>
            this.deps.listExecutions({ stateMachineArn: sm.stateMachineArn, statusFilter, maxItems: serverConfig().executionsPerStatus }),
          );
          lists.set(`${sm.stateMachineArn}|${statusFilter}`, executions);
        }),
      ),
    );
    for (const [key, executions] of lists) this.lists.set(key, executions);
    const now = this.deps.now();
    for (const executions of lists.values()) for (const e of executions) if (!this.firstSeen.has(e.executionArn)) this.firstSeen.set(e.executionArn, now);

    if (!refreshList && this.cycle % METRICS_EVERY_CYCLES === 0 && standard.length > 0) await this.refreshP99(region, standard);
    if (refreshList && standard.length > 0) await this.refreshP99(region, standard);
    await this.refreshFindings(region, standard);
    await this.summariseNewFailures(region, lists);
  }

  private async refreshP99(region: string, standard: StateMachineSummary[]) {
    const to = new Date(this.deps.now());
    const from = new Date(to.getTime() - 24 * 3600_000);
    const metrics = await this.call("GetMetricData", region, () =>
      this.deps.getExecutionMetrics(region, { stateMachineArns: standard.map((sm) => sm.stateMachineArn), from, to, periodSeconds: 3600 }),
    );
    for (const sm of standard) {
      const points = metrics.byStateMachine[sm.stateMachineArn]?.["ExecutionTime:p99"] ?? [];
      this.p99ByArn.set(sm.stateMachineArn, points.length ? Math.max(...points.map((p) => p.value)) : null);
    }
  }

  private async refreshFindings(region: string, standard: StateMachineSummary[]) {
    const { definitionTtlMs } = serverConfig();
    const now = this.deps.now();
    for (const sm of standard) {
      const known = this.findingsByArn.get(sm.stateMachineArn);
      if (known && now - known.at < definitionTtlMs) continue;
      const description = await this.call("DescribeStateMachine", region, () => this.deps.describeStateMachine(sm.stateMachineArn));
      this.findingsByArn.set(sm.stateMachineArn, { at: now, findings: findingsForDefinition(description.definition, { stateMachineType: description.type }) });
    }
  }

  private async summariseNewFailures(region: string, lists: Map<string, ExecutionSummary[]>) {
    const pending: ExecutionSummary[] = [];
    for (const [key, executions] of lists) {
      if (key.endsWith("|RUNNING")) continue;
      for (const e of executions) if (!this.failures.has(e.executionArn)) pending.push(e);
    }
    pending.sort((a, b) => (a.stopDate ?? a.startDate) < (b.stopDate ?? b.startDate) ? 1 : -1);
    for (const execution of pending.slice(0, SUMMARIES_PER_CYCLE)) {
      // The newest events hold the failure: one reverse page, no payloads, is enough and cheap.
      const page = await this.call("GetExecutionHistory", region, () =>
        this.deps.getExecutionHistoryPage(execution.executionArn, { reverseOrder: true, maxResults: 100, includeExecutionData: false }),
      );
      // Null (unreadable page) is cached too: a closed execution's page won't read better next time.
      this.failures.set(execution.executionArn, summariseFailure(page.events, this.deps.now()));
    }
  }

  /** The fleet as of the last good poll. */
  snapshot(): FleetSnapshot {
    const stateMachines: FleetStateMachine[] = this.stateMachines.map((sm) => {
      const watch = findAlarmWatches(sm.stateMachineArn, this.alarms);
      const count = (status: string) => this.lists.get(`${sm.stateMachineArn}|${status}`)?.length ?? 0;
      return {
        stateMachineArn: sm.stateMachineArn,
        name: sm.name,
        type: sm.type,
        region: sm.region,
        counts: { FAILED: count("FAILED"), TIMED_OUT: count("TIMED_OUT"), RUNNING: count("RUNNING") },
        ...watch,
        p99DurationMs: this.p99ByArn.get(sm.stateMachineArn) ?? null,
        findings: this.findingsByArn.get(sm.stateMachineArn)?.findings ?? [],
      };
    });
    const byArn = new Map(this.stateMachines.map((sm) => [sm.stateMachineArn, sm]));
    const failing: FleetExecution[] = [];
    const running: FleetExecution[] = [];
    for (const [key, executions] of this.lists) {
      const into = key.endsWith("|RUNNING") ? running : failing;
      for (const e of executions) into.push(this.toFleetExecution(e, byArn.get(e.stateMachineArn)));
    }
    const newestFirst = (a: FleetExecution, b: FleetExecution) => ((a.stopDate ?? a.startDate) < (b.stopDate ?? b.startDate) ? 1 : -1);
    return {
      regions: this.regions,
      stateMachines: stateMachines.sort((a, b) => a.name.localeCompare(b.name)),
      failing: failing.sort(newestFirst),
      running: running.sort(newestFirst),
      updatedAt: this.updatedAt === null ? null : new Date(this.updatedAt).toISOString(),
      lastAttemptAt: this.lastAttemptAt === null ? null : new Date(this.lastAttemptAt).toISOString(),
      error: this.error,
      pollIntervalMs: serverConfig().pollIntervalMs,
      servedAt: new Date(this.deps.now()).toISOString(),
    };
  }

  private toFleetExecution(e: ExecutionSummary, sm: StateMachineSummary | undefined): FleetExecution {
    const failure = this.failures.get(e.executionArn);
    const start = Date.parse(e.startDate);
    const stop = e.stopDate ? Date.parse(e.stopDate) : null;
    return {
      executionArn: e.executionArn,
      stateMachineArn: e.stateMachineArn,
      stateMachineName: sm?.name ?? e.stateMachineArn.split(":").pop() ?? "",
      region: sm?.region ?? e.executionArn.split(":")[3] ?? "",
      name: e.name,
      status: e.status,
      startDate: e.startDate,
      stopDate: e.stopDate,
      durationMs: stop === null ? null : stop - start,
      failedState: failure?.state ?? null,
      failedPath: failure?.path ?? null,
      error: failure?.error ?? null,
      cause: failure?.cause ?? null,
      kind: failure?.kind ?? null,
      firstSeenAt: new Date(this.firstSeen.get(e.executionArn) ?? this.deps.now()).toISOString(),
    };
  }
}
